import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { agentScope, requireViewer, teamScope } from '../auth/access.js';
import type { Role, Viewer } from '../auth/viewer.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import { Agent } from './agent.entity.js';
import { Team } from './team.entity.js';

export interface AgentFilterValues {
  teamId?: string | null;
  roles?: Role[] | null;
}

export class AgentService {
  async list(em: EntityManager, viewer: Viewer | undefined, filter: AgentFilterValues | null | undefined, page: PageArgs): Promise<Connection<Agent>> {
    const v = requireViewer(viewer);
    const conditions: FilterQuery<Agent>[] = [agentScope(v)];
    if (filter?.teamId != null) conditions.push({ team: decodeIdOf('Team', filter.teamId, 'filter.teamId') });
    if (filter?.roles?.length) conditions.push({ role: { $in: filter.roles } });
    return paginate(em, Agent, { $and: conditions }, { field: 'id', direction: 'ASC' }, page);
  }

  async byId(em: EntityManager, viewer: Viewer | undefined, id: number): Promise<Agent> {
    const v = requireViewer(viewer);
    const agent = await em.findOne(Agent, { $and: [{ id }, agentScope(v)] });
    if (!agent) throw notFound('Agent');
    return agent;
  }

  async me(em: EntityManager, viewer: Viewer | undefined): Promise<Agent | null> {
    const v = requireViewer(viewer);
    return v.agentId ? em.findOne(Agent, { id: v.agentId }) : null;
  }

  async teams(em: EntityManager, viewer: Viewer | undefined, page: PageArgs): Promise<Connection<Team>> {
    const v = requireViewer(viewer);
    return paginate(em, Team, teamScope(v), { field: 'id', direction: 'ASC' }, page);
  }

  async team(em: EntityManager, viewer: Viewer | undefined, id: number): Promise<Team> {
    const v = requireViewer(viewer);
    const team = await em.findOne(Team, { $and: [{ id }, teamScope(v)] });
    if (!team) throw notFound('Team');
    return team;
  }
}
