import type { EntityManager } from '@mikro-orm/core';
import { Agent } from './agent.entity.js';

/** The teams these agents are in now (agents without a team add none): one statement. */
export async function teamsOfAgents(em: EntityManager, agentIds: Iterable<number>): Promise<Set<number>> {
  const agents = await em.find(Agent, { id: { $in: [...agentIds] } }, { fields: ['id', 'team'] });
  return new Set(agents.flatMap((a) => (a.team ? [a.team.id] : [])));
}
