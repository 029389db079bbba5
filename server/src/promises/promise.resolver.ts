import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { PromiseToPayConnection } from '../accounts/account.resolver.js';
import { Agent } from '../agents/agent.entity.js';
import { PageArgs, type Connection } from '../graphql/connection.js';
import type { AppContext } from '../graphql/context.js';
import { PromiseToPay } from './promise-to-pay.entity.js';
import { CreatePromiseInput } from './promise.inputs.js';

@Resolver(() => PromiseToPay)
export class PromiseResolver {
  @Query(() => PromiseToPayConnection, { description: 'Promises PENDING_APPROVAL (below the minimum acceptable), oldest first: a supervisor’s team, or the floor for managers and admins; agents and analysts are FORBIDDEN.' })
  promisesAwaitingApproval(@Args() page: PageArgs, @Ctx() { em, viewer, services }: AppContext): Promise<Connection<PromiseToPay>> {
    return services.promises.awaitingApproval(em, viewer, page);
  }

  @Mutation(() => PromiseToPay, { description: 'Takes a promise to pay; below the minimum acceptable it awaits a supervisor (PENDING_APPROVAL).' })
  createPromise(@Arg('input', () => CreatePromiseInput) input: CreatePromiseInput, @Ctx() { em, viewer, services }: AppContext): Promise<PromiseToPay> {
    return services.promises.create(em, viewer, input);
  }

  @Mutation(() => PromiseToPay)
  cancelPromise(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<PromiseToPay> {
    return services.promises.cancel(em, viewer, id, reason, expectedVersion);
  }

  @Mutation(() => PromiseToPay, { description: 'Supervisor of the agent’s team: lets a promise below the minimum count.' })
  approvePromise(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<PromiseToPay> {
    return services.promises.approve(em, viewer, id, expectedVersion);
  }

  @Mutation(() => PromiseToPay)
  rejectPromise(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<PromiseToPay> {
    return services.promises.reject(em, viewer, id, reason, expectedVersion);
  }

  @FieldResolver(() => Int)
  version(@Root() promise: PromiseToPay): number {
    return promise.version;
  }

  @FieldResolver(() => Account, { nullable: true })
  account(@Root() promise: PromiseToPay, @Ctx() { loaders }: AppContext): Promise<Account | null> {
    return loaders.account.load(promise.account.id);
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent who took the promise.' })
  agent(@Root() promise: PromiseToPay, @Ctx() { loaders }: AppContext): Promise<Agent | null> {
    return loaders.agent.load(promise.agent.id);
  }
}
