import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../graphql/context.js';
import { LEASE_MINUTES, MAX_WORKLIST } from './worklist.service.js';
import { WorklistItem } from './worklist.types.js';

@Resolver(() => WorklistItem)
export class WorklistResolver {
  @Query(() => [WorklistItem], {
    description:
      'The accounts an agent may call now under the contact policy (their own and their team’s unassigned ones; ACTIVE, or IN_ARRANGEMENT when a callback, promise or missed instalment is due; not leased to another agent), best first. ' +
      'An agent sees their own; a supervisor passes agentId of their team; a manager or admin any agent’s.',
  })
  worklist(
    @Arg('first', () => Int, { description: `How many, 1-${MAX_WORKLIST}.` }) first: number,
    @Arg('agentId', () => ID, { nullable: true }) agentId: string | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<WorklistItem[]> {
    return services.worklist.worklist(em, viewer, first, agentId);
  }

  @Mutation(() => WorklistItem, {
    nullable: true,
    description: `Agents: the top of the worklist, leased to you for ${LEASE_MINUTES} minutes so no other agent gets it (the same account while the lease lasts and it stays callable); the lease ends when you record a call on it. Null when nothing can be called now.`,
  })
  nextAccount(@Ctx() { em, viewer, services }: AppContext): Promise<WorklistItem | null> {
    return services.worklist.nextAccount(em, viewer);
  }
}
