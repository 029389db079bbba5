import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Account as AccountEntity } from '../accounts/account.entity.js';
import type { Account } from '../accounts/account.entity.js';
import type { Agent } from '../agents/agent.entity.js';
import type { Team } from '../agents/team.entity.js';
import type { Call } from '../calls/call.entity.js';
import type { Customer } from '../customers/customer.entity.js';
import type { Sql } from '../db/sql.js';
import { forbidden, unauthenticated } from '../graphql/errors.js';
import { Role, type Viewer } from './viewer.js';

/**
 * DOMAIN.md §1 as row filters: every read goes through one of these, so a record outside the
 * viewer's reach is simply not found, never shown.
 */
export function requireViewer(viewer: Viewer | undefined): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function requireRole(viewer: Viewer | undefined, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!roles.includes(v.role)) throw forbidden(`This needs the role ${roles.join(' or ')}.`);
  return v;
}

/** A team member without a team sees nothing of a team. */
const NO_ROW = -1;

const AGENT_ACCOUNTS = '(select s.id from account s where s.assigned_agent_id = ? union all select l.account_id from account_lease l where l.agent_id = ?)';
const agentAccountsParams = (viewer: Viewer): number[] => [viewer.agentId ?? NO_ROW, viewer.agentId ?? NO_ROW];

export function accountScope(viewer: Viewer): FilterQuery<Account> {
  switch (viewer.role) {
    case Role.AGENT:
      // Their own accounts, and a team-pool account while nextAccount has handed it to them. One id
      // list rather than an OR: an OR across the lease join read the whole floor, and an OR with a
      // subquery led PostgreSQL to walk the floor in the page's order hoping to meet the agent's
      // accounts early. The list is the agent's index plus their few leases, on both databases.
      return { id: { $in: raw(AGENT_ACCOUNTS, agentAccountsParams(viewer)) } } as FilterQuery<Account>;
    case Role.SUPERVISOR:
      return { team: viewer.teamId ?? NO_ROW };
    default:
      return {};
  }
}

/** accountScope as a condition on the account table aliased `alias`, for reads written in SQL; null when it sees the floor. */
export function accountScopeSql(viewer: Viewer, alias: string): Sql | null {
  switch (viewer.role) {
    case Role.AGENT:
      return { sql: `${alias}.id in ${AGENT_ACCOUNTS}`, params: agentAccountsParams(viewer) };
    case Role.SUPERVISOR:
      return { sql: `${alias}.team_id = ?`, params: [viewer.teamId ?? NO_ROW] };
    default:
      return null;
  }
}

/**
 * accountScopeSql as conditions that never hold for the same row, the reach being the rows that meet one
 * of them; null when the viewer sees the floor. An agent's are their assigned accounts and, apart, the
 * accounts leased to them that are not also assigned to them: a page reads each branch through its own
 * index in the page's order and stops at the page's end, where the id list made it read, and sort, all
 * of the agent's accounts (DOMAIN.md §1 is unchanged: assigned plus leased, each account once).
 */
export function accountScopeBranchesSql(viewer: Viewer, alias: string): Sql[] | null {
  if (viewer.role !== Role.AGENT) {
    const scope = accountScopeSql(viewer, alias);
    return scope ? [scope] : null;
  }
  const agent = viewer.agentId ?? NO_ROW;
  return [
    { sql: `${alias}.assigned_agent_id = ?`, params: [agent] },
    {
      sql: `${alias}.id in (select l.account_id from account_lease l where l.agent_id = ?) and (${alias}.assigned_agent_id is null or ${alias}.assigned_agent_id <> ?)`,
      params: [agent, agent],
    },
  ];
}

/**
 * accountScopeSql for one account row already pinned by its id (a change to that account): the agent's
 * reach is tested on the row itself rather than through the list of all their accounts. Null when the
 * viewer reaches the whole floor.
 */
export function accountInReachSql(viewer: Viewer, alias: string): Sql | null {
  if (viewer.role !== Role.AGENT) return accountScopeSql(viewer, alias);
  return {
    sql: `(${alias}.assigned_agent_id = ? or exists (select 1 from account_lease l where l.account_id = ${alias}.id and l.agent_id = ?))`,
    params: agentAccountsParams(viewer),
  };
}

/** Customers are visible through the accounts the viewer may see. */
/**
 * The accounts whose requests await the viewer's decision (write-offs, promises and plans to approve):
 * a supervisor decides for their team, managers and admins for the floor. Agents and analysts decide
 * nothing, so asking for the queue is FORBIDDEN rather than an empty list.
 */
export function decisionScope(viewer: Viewer | undefined): FilterQuery<Account> {
  const v = requireViewer(viewer);
  switch (v.role) {
    case Role.SUPERVISOR:
      return { team: v.teamId ?? NO_ROW };
    case Role.MANAGER:
    case Role.ADMIN:
      return {};
    default:
      throw forbidden('Only supervisors, managers and admins have requests awaiting their decision.');
  }
}

/** Customers are visible through the accounts the viewer may see. */
export function customerScope(viewer: Viewer, em: EntityManager): FilterQuery<Customer> {
  if (viewer.role !== Role.AGENT && viewer.role !== Role.SUPERVISOR) return {};
  const accounts = (em as SqlEntityManager)
    .createQueryBuilder(AccountEntity, 'scoped')
    .select('scoped.customer_id')
    .where(accountScope(viewer) as never);
  return { id: { $in: accounts.getKnexQuery() } } as unknown as FilterQuery<Customer>;
}

export function callScope(viewer: Viewer): FilterQuery<Call> {
  switch (viewer.role) {
    case Role.AGENT:
      // Their own calls, and the history of the accounts they now work.
      return { $or: [{ agent: viewer.agentId ?? NO_ROW }, { account: { assignedAgent: viewer.agentId ?? NO_ROW } }] };
    case Role.SUPERVISOR:
      return { teamId: viewer.teamId ?? NO_ROW };
    default:
      return {};
  }
}

export function agentScope(viewer: Viewer): FilterQuery<Agent> {
  switch (viewer.role) {
    case Role.AGENT:
    case Role.SUPERVISOR:
      return { team: viewer.teamId ?? NO_ROW };
    default:
      return {};
  }
}

export function teamScope(viewer: Viewer): FilterQuery<Team> {
  switch (viewer.role) {
    case Role.AGENT:
    case Role.SUPERVISOR:
      return { id: viewer.teamId ?? NO_ROW };
    default:
      return {};
  }
}
