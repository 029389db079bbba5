import type { EntityManager } from '@mikro-orm/core';
import { Team } from '../agents/team.entity.js';
import { requireViewer } from '../auth/access.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';

/**
 * Who may follow a team live (DOMAIN.md §1, as for queries): agents and supervisors their own team,
 * managers, admins and analysts every team. Checked when the subscription starts, so a refusal is a
 * GraphQL error (FORBIDDEN) on that operation and the socket stays open for the others.
 */
export async function teamToFollow(em: EntityManager, viewer: Viewer | undefined, teamGlobalId: string): Promise<number> {
  const v = requireViewer(viewer);
  const teamId = decodeIdOf('Team', teamGlobalId, 'teamId');
  if ((v.role === Role.AGENT || v.role === Role.SUPERVISOR) && v.teamId !== teamId) {
    throw forbidden('You may follow your own team only.');
  }
  if ((await em.count(Team, { id: teamId })) === 0) throw notFound('Team', teamGlobalId);
  return teamId;
}
