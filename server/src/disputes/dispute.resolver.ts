import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { DisputeConnection } from '../accounts/account.resolver.js';
import { Agent } from '../agents/agent.entity.js';
import { PageArgs, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { Money } from '../shared/money.type.js';
import { Dispute, DisputeChannel, DisputeKind } from './dispute.entity.js';
import { DisputeFilter, DisputeOutcome } from './dispute.inputs.js';

@Resolver(() => Dispute)
export class DisputeResolver {
  @Query(() => DisputeConnection, { description: 'Disputes on the accounts the viewer may see, newest first.' })
  disputes(
    @Arg('filter', () => DisputeFilter, { nullable: true }) filter: DisputeFilter | null,
    @Args() page: PageArgs,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Connection<Dispute>> {
    return services.disputes.list(em, viewer, filter, page);
  }

  @Mutation(() => Dispute, { description: 'Opens a dispute from any channel (DOMAIN.md §5); the account becomes DISPUTED and collection calls stop.' })
  openDispute(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('channel', () => DisputeChannel) channel: DisputeChannel,
    @Arg('reason') reason: string,
    @Arg('kind', () => DisputeKind, { nullable: true, description: 'DISPUTE when not given.' }) kind: DisputeKind | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The account version the change is based on.' }) expectedVersion: number | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Dispute> {
    return services.disputes.openDispute(em, viewer, { accountId, channel, reason, kind, expectedVersion });
  }

  @Mutation(() => Dispute, {
    description:
      'Supervisor of the team, manager or admin: VALID adjusts the debt (adjustment off the balance; the account closes at zero) or, without an adjustment, closes it; NOT_VALID resumes collection.',
  })
  resolveDispute(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => DisputeOutcome) outcome: DisputeOutcome,
    @Arg('note') note: string,
    @Arg('adjustment', () => String, { nullable: true, description: 'Decimal amount in the account currency, e.g. "150.00"; VALID only.' })
    adjustment: string | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Dispute> {
    return services.disputes.resolveDispute(em, viewer, { id, outcome, note, adjustment });
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Null when the account is no longer within the viewer’s reach.' })
  account(@Root() dispute: Dispute, @Ctx() { loaders }: AppContext): Promise<Account | null> {
    return loaders.account.load(dispute.account.id);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'What a VALID dispute took off the balance.' })
  async adjustment(@Root() dispute: Dispute, @Ctx() { loaders }: AppContext): Promise<Money | null> {
    if (dispute.adjustmentMinor == null) return null;
    const account = await loaders.account.load(dispute.account.id);
    return account ? Money.of(dispute.adjustmentMinor, account.currency) : null;
  }

  @FieldResolver(() => Agent, { description: 'Who took the dispute.' })
  async openedBy(@Root() dispute: Dispute, @Ctx() { loaders }: AppContext): Promise<Agent> {
    return (await loaders.agent.load(dispute.openedBy.id))!;
  }

  @FieldResolver(() => Agent, { nullable: true })
  resolvedBy(@Root() dispute: Dispute, @Ctx() { loaders }: AppContext): Promise<Agent | null> | null {
    return dispute.resolvedBy ? loaders.agent.load(dispute.resolvedBy.id) : null;
  }
}
