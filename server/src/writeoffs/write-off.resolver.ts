import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { WriteOffConnection } from '../accounts/account.resolver.js';
import { Agent } from '../agents/agent.entity.js';
import { PageArgs, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { WriteOff } from './write-off.entity.js';

@Resolver(() => WriteOff)
export class WriteOffResolver {
  @Query(() => WriteOffConnection, {
    description: 'REQUESTED write-offs awaiting a decision, oldest first: a supervisor’s team, or the floor for managers and admins; agents and analysts are FORBIDDEN.',
  })
  writeOffsAwaitingDecision(@Args() page: PageArgs, @Ctx() { em, viewer, services }: AppContext): Promise<Connection<WriteOff>> {
    return services.writeOffs.awaitingDecision(em, viewer, page);
  }

  @Mutation(() => WriteOff, { description: 'Agent or supervisor: asks a manager to write the account off.' })
  requestWriteOff(@Arg('accountId', () => ID) accountId: string, @Arg('reason') reason: string, @Ctx() { em, viewer, services }: AppContext): Promise<WriteOff> {
    return services.writeOffs.request(em, viewer, accountId, reason);
  }

  @Mutation(() => WriteOff, { description: 'Manager (never the requester): the account becomes WRITTEN_OFF in CHARGE_OFF.' })
  approveWriteOff(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<WriteOff> {
    return services.writeOffs.approve(em, viewer, id, note);
  }

  @Mutation(() => WriteOff)
  rejectWriteOff(@Arg('id', () => ID) id: string, @Arg('note') note: string, @Ctx() { em, viewer, services }: AppContext): Promise<WriteOff> {
    return services.writeOffs.reject(em, viewer, id, note);
  }

  @FieldResolver(() => Account, { nullable: true })
  account(@Root() writeOff: WriteOff, @Ctx() { loaders }: AppContext): Promise<Account | null> {
    return loaders.account.load(writeOff.account.id);
  }

  @FieldResolver(() => Agent, { nullable: true })
  requestedBy(@Root() writeOff: WriteOff, @Ctx() { loaders }: AppContext): Promise<Agent | null> {
    return loaders.agent.load(writeOff.requestedBy.id);
  }
}
