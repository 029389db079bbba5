import { Role, seesPersonalDataMasked, type Viewer } from '../auth/viewer.js';

/**
 * Which live subscriptions may share one execution per event, and with whom (see shared-executions.ts).
 *
 * A result depends on the operation and on the viewer: row filters (auth/access.ts), personal data
 * masked for analysts (privacy/), and the few rules that compare a record with the viewer's own agent.
 * Two subscribers may receive one result only when everything a resolver reads from the viewer is
 * the same for both; when in doubt, they do not share.
 */

/**
 * The live fields whose stream is the same for every subscriber with the same arguments and reach.
 * A field missing here is never shared: a new subscription field runs per subscriber until it is
 * listed. callLogged with `after` replays the subscriber's own history from its cursor, so only the
 * plain live log is shared.
 */
const SHAREABLE: Readonly<Record<string, (args: Readonly<Record<string, unknown>>) => boolean>> = {
  callLogged: (args) => args.after == null,
  agentStatusChanged: () => true,
  alertRaised: () => true,
  kpiUpdated: () => true,
  bucketMetricsUpdated: () => true,
};

export function isShareable(field: string, args: Readonly<Record<string, unknown>>): boolean {
  return Object.hasOwn(SHAREABLE, field) && SHAREABLE[field]!(args);
}

/**
 * What the resolvers read from the viewer, as a key; null when the viewer cannot share.
 *
 * - role: every row filter and permission switches on it.
 * - team: the row filters of agents and supervisors (their team's agents, accounts, calls, KPIs).
 * - agent: an agent's accounts and calls are their own (accountScope, callScope); a supervisor
 *   without a team still reads their own agent's KPIs (KpiService.readableScope). Other roles never
 *   compare a record with their own agent when reading, so their signed-in users share.
 * - principal: signed in or an API key (`!viewer.agentId` refuses worklists and writes).
 * - masked: personal data masked (DOMAIN.md §8); follows from the role today, kept apart so a change
 *   to who sees masked data can never merge masked and unmasked subscribers.
 */
export function reachKey(viewer: Viewer | undefined): string | null {
  if (!viewer || !Object.values(Role).includes(viewer.role)) return null;
  const ownAgent = viewer.role === Role.AGENT || (viewer.role === Role.SUPERVISOR && viewer.teamId == null);
  if (ownAgent && viewer.agentId == null) return null;
  return [
    `role=${viewer.role}`,
    `principal=${viewer.agentId != null ? 'agent' : 'api-key'}`,
    `team=${viewer.teamId ?? '-'}`,
    `agent=${ownAgent ? viewer.agentId : '*'}`,
    `masked=${seesPersonalDataMasked(viewer)}`,
  ].join(';');
}

/**
 * Live fields whose results, for these arguments, read nothing from the viewer once the subscriber's own
 * `subscribe` has let it in: every subscriber allowed in shares, whatever its reach.
 *
 * kpiUpdated of a team or the floor: the figures are the scope's (no field of Kpis looks at the viewer,
 * and none is personal data), and who may follow them depends only on the viewer's role and team, which
 * do not change while it follows. An agent's figures are left to the reach: the agent may move to another
 * team, and the next read of a supervisor of the old team is refused (NOT_FOUND) where a manager's is not.
 */
const SAME_FOR_EVERY_VIEWER: Readonly<Record<string, (args: Readonly<Record<string, unknown>>) => boolean>> = {
  kpiUpdated: (args) => args.scope === 'TEAM' || args.scope === 'FLOOR',
};

/** The audience of every signed-in subscriber allowed in, for the fields above. */
export const EVERY_ALLOWED_VIEWER = 'every allowed viewer';

/** The audience a live operation may share its results with, or null to run it for its subscriber alone. */
export function audienceOf(field: string, args: Readonly<Record<string, unknown>>, viewer: Viewer | undefined): string | null {
  if (!isShareable(field, args)) return null;
  const reach = reachKey(viewer);
  if (reach === null) return null;
  return Object.hasOwn(SAME_FOR_EVERY_VIEWER, field) && SAME_FOR_EVERY_VIEWER[field]!(args) ? EVERY_ALLOWED_VIEWER : reach;
}
