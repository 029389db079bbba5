import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { AppContext } from '../graphql/context.js';
import { Account } from './account.entity.js';
import { MAX_REASSIGN } from './assignment.service.js';

@Resolver(() => Account)
export class AssignmentResolver {
  @Mutation(() => [Account], {
    description: `Moves 1-${MAX_REASSIGN} accounts to an active agent, all or none: a supervisor inside their team; a manager or admin across teams (the account takes the agent’s team).`,
  })
  reassignAccounts(
    @Arg('accountIds', () => [ID]) accountIds: string[],
    @Arg('agentId', () => ID) agentId: string,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Account[]> {
    return services.assignments.reassign(em, viewer, accountIds, agentId);
  }
}
