import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { ReferralConnection } from '../accounts/account.resolver.js';
import { Agent } from '../agents/agent.entity.js';
import { Call } from '../calls/call.entity.js';
import { PageArgs, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { Referral, ReferralQueue } from './referral.entity.js';
import { ReferralFilter } from './referral.inputs.js';

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => ReferralConnection, { description: 'Referrals on the accounts the viewer may see, newest first.' })
  referrals(
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Args() page: PageArgs,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Connection<Referral>> {
    return services.referrals.list(em, viewer, filter, page);
  }

  @Mutation(() => Referral, {
    description:
      'Routes an account to another area (DOMAIN.md §5): an OPEN referral, and the account becomes ROUTED. Not to OUTSIDE_AGENCY while a promise is pending (BAD_USER_INPUT); CONFLICT when the account is already routed or out of collection.',
  })
  routeAccount(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('to', () => ReferralQueue) to: ReferralQueue,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The account version the change is based on.' }) expectedVersion: number | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Referral> {
    return services.referrals.routeAccount(em, viewer, { accountId, queue: to, reason, expectedVersion });
  }

  @Mutation(() => Referral, { description: 'The receiving side takes an OPEN referral (supervisor of the team, manager, admin).' })
  acceptReferral(@Arg('id', () => ID) id: string, @Ctx() { em, viewer, services }: AppContext): Promise<Referral> {
    return services.referrals.accept(em, viewer, id);
  }

  @Mutation(() => Referral, { description: 'Closes an ACCEPTED referral as handled; the account goes back to its collection status.' })
  resolveReferral(
    @Arg('id', () => ID) id: string,
    @Arg('resolution') resolution: string,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Referral> {
    return services.referrals.resolve(em, viewer, id, resolution);
  }

  @Mutation(() => Referral, { description: 'Hands an OPEN or ACCEPTED referral back to collections; the account goes back to its collection status.' })
  returnReferral(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() { em, viewer, services }: AppContext): Promise<Referral> {
    return services.referrals.returnToCollections(em, viewer, id, reason);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Null when the account is no longer within the viewer’s reach.' })
  account(@Root() referral: Referral, @Ctx() { loaders }: AppContext): Promise<Account | null> {
    return loaders.account.load(referral.account.id);
  }

  @FieldResolver(() => Call, { nullable: true, description: 'The call the account was routed from, if any.' })
  call(@Root() referral: Referral, @Ctx() { loaders }: AppContext): Promise<Call | null> | null {
    return referral.call ? loaders.call.load(referral.call.id) : null;
  }

  @FieldResolver(() => Agent, { description: 'Who routed the account.' })
  async createdBy(@Root() referral: Referral, @Ctx() { loaders }: AppContext): Promise<Agent> {
    return (await loaders.agent.load(referral.createdBy.id))!;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'Who on the receiving side accepted, resolved or returned it.' })
  handledBy(@Root() referral: Referral, @Ctx() { loaders }: AppContext): Promise<Agent | null> | null {
    return referral.handledBy ? loaders.agent.load(referral.handledBy.id) : null;
  }
}
