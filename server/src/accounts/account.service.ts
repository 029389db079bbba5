import type { EntityManager } from '@mikro-orm/core';
import { accountScope, accountScopeBranchesSql, accountScopeSql, requireViewer } from '../auth/access.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { readOnly } from '../db/read-only.js';
import { marks, type Sql } from '../db/sql.js';
import { paginateSql, type Connection, type PageArgs } from '../graphql/connection.js';
import { badInput, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import { isCurrencyCode, parseMinor } from '../shared/money.js';
import { Account } from './account.entity.js';
import { AccountOrderField, type AccountFilter, type AccountOrder } from './account.inputs.js';

const SORT_FIELDS: Record<AccountOrderField, keyof Account & string> = {
  DPD: 'dpd',
  BALANCE: 'balanceMinor',
  EXTERNAL_REF: 'externalRef',
  UPDATED_AT: 'updatedAt',
  ID: 'id',
};

const SORT_COLUMNS: Record<AccountOrderField, string> = {
  DPD: 'dpd',
  BALANCE: 'balance_minor',
  EXTERNAL_REF: 'external_ref',
  UPDATED_AT: 'updated_at',
  ID: 'id',
};

/** Balances filter in the units of the account currency; every supported currency has 2 decimals. */
const RANGE_CURRENCY = 'USD';

/** LIKE wildcards are dropped rather than escaped: SQLite and PostgreSQL disagree on the escape character. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '');

export class AccountService {
  async list(
    em: EntityManager,
    viewer: Viewer | undefined,
    filter: AccountFilter | null | undefined,
    order: AccountOrder | null | undefined,
    page: PageArgs,
  ): Promise<Connection<Account>> {
    const v = requireViewer(viewer);
    const where = this.conditions(v, filter ?? {});
    const field = order?.field ?? AccountOrderField.DPD;
    // An agent's reach is counted branch by branch (their assigned accounts through their own indexes, then
    // their leases). The page is read so too only where one of the agent's indexes holds its order, (agent,
    // dpd, id) or (agent, status, balance, id) for one status: each branch then stops at the page's end. In
    // any other order PostgreSQL would rather walk the floor's own index of that order, hoping to meet the
    // agent's accounts early (hundreds of milliseconds, or the whole floor when they sit late in it), so
    // there the page reads the agent's accounts as one list and sorts them.
    const branches = accountScopeBranchesSql(v, 'a') ?? [];
    const agentOrdered = field === AccountOrderField.DPD || (field === AccountOrderField.BALANCE && filter?.statuses?.length === 1);
    const pageBranches = branches.length > 1 && !agentOrdered ? [accountScopeSql(v, 'a')!] : branches;
    const accounts = readOnly(em, Account);
    // The accounts page is the floor's busiest read (every agent's desk): its SQL is written here, once,
    // rather than built through the ORM on every request, and its accounts are read-only (db/read-only.ts).
    return paginateSql(
      em,
      {
        columns: accounts.columns('a'),
        from: filter?.search != null && v.role !== Role.ANALYST ? 'account a join customer c on c.id = a.customer_id' : 'account a',
        where,
        branches: pageBranches,
        countBranches: branches,
        sort: {
          field: SORT_FIELDS[field],
          column: `a.${SORT_COLUMNS[field]}`,
          idColumn: 'a.id',
          direction: order?.direction ?? 'DESC',
          dateField: field === AccountOrderField.UPDATED_AT,
        },
        read: accounts.read,
      },
      page,
    );
  }

  /** NOT_FOUND both when the account does not exist and when it is outside the viewer's reach. */
  async byId(em: EntityManager, viewer: Viewer | undefined, id: number): Promise<Account> {
    const v = requireViewer(viewer);
    const account = await em.findOne(Account, { $and: [{ id }, accountScope(v)] });
    if (!account) throw notFound('Account');
    return account;
  }

  private conditions(viewer: Viewer, filter: AccountFilter): Sql[] {
    const c: Sql[] = [];
    const oneOf = (column: string, values: readonly unknown[]) => c.push({ sql: `a.${column} in (${marks(values.length)})`, params: [...values] });
    if (filter.buckets?.length) oneOf('bucket', filter.buckets);
    if (filter.statuses?.length) oneOf('status', filter.statuses);
    if (filter.products?.length) oneOf('product', filter.products);
    if (filter.currency != null) {
      if (!isCurrencyCode(filter.currency)) throw badInput('currency must be an ISO 4217 code.', { argument: 'filter.currency' });
      c.push({ sql: 'a.currency = ?', params: [filter.currency] });
    }
    if (filter.teamId != null) c.push({ sql: 'a.team_id = ?', params: [decodeIdOf('Team', filter.teamId, 'filter.teamId')] });
    if (filter.agentId != null) c.push({ sql: 'a.assigned_agent_id = ?', params: [decodeIdOf('Agent', filter.agentId, 'filter.agentId')] });
    if (filter.unassigned === true) c.push({ sql: 'a.assigned_agent_id is null', params: [] });
    if (filter.unassigned === false) c.push({ sql: 'a.assigned_agent_id is not null', params: [] });
    if (filter.dpd) {
      const { min, max } = filter.dpd;
      if ((min != null && min < 0) || (max != null && max < 0)) throw badInput('dpd cannot be negative.', { argument: 'filter.dpd' });
      if (min != null && max != null && min > max) throw badInput('dpd.min is above dpd.max.', { argument: 'filter.dpd' });
      if (min != null) c.push({ sql: 'a.dpd >= ?', params: [min] });
      if (max != null) c.push({ sql: 'a.dpd <= ?', params: [max] });
    }
    if (filter.balance) {
      const min = this.amount(filter.balance.min, 'filter.balance.min');
      const max = this.amount(filter.balance.max, 'filter.balance.max');
      if (min != null && max != null && min > max) throw badInput('balance.min is above balance.max.', { argument: 'filter.balance' });
      if (min != null) c.push({ sql: 'a.balance_minor >= ?', params: [min] });
      if (max != null) c.push({ sql: 'a.balance_minor <= ?', params: [max] });
    }
    if (filter.search != null) c.push(this.search(viewer, filter.search));
    return c;
  }

  private amount(text: string | null | undefined, argument: string): number | undefined {
    if (text == null) return undefined;
    try {
      const minor = parseMinor(text, RANGE_CURRENCY);
      if (minor < 0) throw new RangeError('negative');
      return minor;
    } catch {
      throw badInput(`${argument} must be a non-negative decimal amount like "1500.00".`, { argument });
    }
  }

  /** Names are matched through `c`, the customer joined by list() whenever a search is given to a viewer who sees names. */
  private search(viewer: Viewer, text: string): Sql {
    const term = text.trim();
    if (term.length < 2 || term.length > 100) throw badInput('search must be 2-100 characters.', { argument: 'filter.search' });
    const byRef: Sql = { sql: 'a.external_ref like ?', params: [`${escapeLike(term.toUpperCase())}%`] };
    // An analyst sees names masked; matching on them would let masked names be recovered by probing.
    if (viewer.role === Role.ANALYST) return byRef;
    return { sql: `(${byRef.sql} or c.search_name like ?)`, params: [...byRef.params, `%${escapeLike(term.toLowerCase())}%`] };
  }
}
