import DataLoader from 'dataloader';
import type { EntityManager, EntityName } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { accountInReachSql } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { Agent } from '../agents/agent.entity.js';
import { Team } from '../agents/team.entity.js';
import { Call } from '../calls/call.entity.js';
import { ContactPoint } from '../customers/contact-point.entity.js';
import { InstantType } from '../db/instant.type.js';
import { readOnlyWhere } from '../db/read-only.js';
import { idsIn, marks } from '../db/sql.js';
import { Customer } from '../customers/customer.entity.js';
import { PromiseStatus, PromiseToPay } from '../promises/promise-to-pay.entity.js';

/**
 * Per-request batching: a page of accounts asks for its customers, agents, last calls and open
 * promises with one statement each, whatever the page size. Reached from parents the viewer may
 * already see, so only the account loader applies a scope of its own.
 */
export interface Loaders {
  account: DataLoader<number, Account | null>;
  customer: DataLoader<number, Customer | null>;
  agent: DataLoader<number, Agent | null>;
  team: DataLoader<number, Team | null>;
  call: DataLoader<number, Call | null>;
  openPromiseOfAccount: DataLoader<number, PromiseToPay | null>;
  contactPointsOfCustomer: DataLoader<number, ContactPoint[]>;
  presenceSinceOfAgent: DataLoader<number, Date | null>;
}

const instant = new InstantType();

/** By primary key, as read-only entities (db/read-only.ts): these loaders serve every page of the API. */
function byId<T extends { id: number }>(em: EntityManager, entity: EntityName<T>): DataLoader<number, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await readOnlyWhere(em, entity, idsIn(em, 't.id', ids));
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export function createLoaders(em: EntityManager, viewer: Viewer | undefined): Loaders {
  return {
    // Accounts are also reached from calls an agent made on accounts since reassigned: those stay hidden.
    account: new DataLoader(async (ids) => {
      if (!viewer) return ids.map(() => null);
      // Pinned by id, so the agent's reach is tested on each row rather than through all their accounts.
      const reach = accountInReachSql(viewer, 't');
      const pinned = idsIn(em, 't.id', ids);
      const rows = await readOnlyWhere(em, Account, { sql: `${pinned.sql}${reach ? ` and ${reach.sql}` : ''}`, params: [...pinned.params, ...(reach?.params ?? [])] });
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    customer: byId(em, Customer),
    agent: byId(em, Agent),
    team: byId(em, Team),
    call: byId(em, Call),
    openPromiseOfAccount: new DataLoader(async (accountIds) => {
      const accounts = idsIn(em, 't.account_id', accountIds);
      const rows = await readOnlyWhere(
        em,
        PromiseToPay,
        { sql: `${accounts.sql} and t.status in (?, ?)`, params: [...accounts.params, PromiseStatus.PENDING, PromiseStatus.PENDING_APPROVAL] },
        't.due_date asc, t.id asc',
      );
      // The open promise an agent acts on is the one falling due first.
      const byAccount = groupBy(rows, (p) => p.account.id);
      return accountIds.map((id) => byAccount.get(id)?.[0] ?? null);
    }),
    contactPointsOfCustomer: new DataLoader(async (customerIds) => {
      const rows = await em.find(ContactPoint, { customer: { $in: [...customerIds] } }, { orderBy: { kind: 'asc', id: 'asc' } });
      const byCustomer = groupBy(rows, (p) => p.customer.id);
      return customerIds.map((id) => byCustomer.get(id) ?? []);
    }),
    // The change each agent's present state began with: one statement a page.
    presenceSinceOfAgent: new DataLoader(async (agentIds) => {
      const rows: Array<{ agent_id: number | string; since: number | string | Date }> = await em
        .getConnection()
        .execute(`select a.id as agent_id, c.at as since from agent a join agent_status_change c on c.id = a.presence_change_id where a.id in (${marks(agentIds.length)})`, [...agentIds]);
      const byAgent = new Map<number, Date | null>(rows.map((r) => [Number(r.agent_id), instant.convertToJSValue(r.since) ?? null]));
      return agentIds.map((id) => byAgent.get(id) ?? null);
    }),
  };
}
