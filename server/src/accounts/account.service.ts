import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { accountScope, requireViewer } from '../auth/access.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { paginate, type Connection, type PageArgs, type SortKey } from '../graphql/connection.js';
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
    const where: FilterQuery<Account> = { $and: [accountScope(v), ...this.conditions(v, filter ?? {})] };
    const sort: SortKey<Account> = order
      ? { field: SORT_FIELDS[order.field], direction: order.direction }
      : { field: 'dpd', direction: 'DESC' };
    return paginate(em, Account, where, sort, page, { dateField: sort.field === 'updatedAt' });
  }

  /** NOT_FOUND both when the account does not exist and when it is outside the viewer's reach. */
  async byId(em: EntityManager, viewer: Viewer | undefined, id: number): Promise<Account> {
    const v = requireViewer(viewer);
    const account = await em.findOne(Account, { $and: [{ id }, accountScope(v)] });
    if (!account) throw notFound('Account');
    return account;
  }

  private conditions(viewer: Viewer, filter: AccountFilter): FilterQuery<Account>[] {
    const c: FilterQuery<Account>[] = [];
    if (filter.buckets?.length) c.push({ bucket: { $in: filter.buckets } });
    if (filter.statuses?.length) c.push({ status: { $in: filter.statuses } });
    if (filter.products?.length) c.push({ product: { $in: filter.products } });
    if (filter.currency != null) {
      if (!isCurrencyCode(filter.currency)) throw badInput('currency must be an ISO 4217 code.', { argument: 'filter.currency' });
      c.push({ currency: filter.currency });
    }
    if (filter.teamId != null) c.push({ team: decodeIdOf('Team', filter.teamId, 'filter.teamId') });
    if (filter.agentId != null) c.push({ assignedAgent: decodeIdOf('Agent', filter.agentId, 'filter.agentId') });
    if (filter.unassigned === true) c.push({ assignedAgent: null });
    if (filter.unassigned === false) c.push({ assignedAgent: { $ne: null } });
    if (filter.dpd) {
      const { min, max } = filter.dpd;
      if ((min != null && min < 0) || (max != null && max < 0)) throw badInput('dpd cannot be negative.', { argument: 'filter.dpd' });
      if (min != null && max != null && min > max) throw badInput('dpd.min is above dpd.max.', { argument: 'filter.dpd' });
      if (min != null) c.push({ dpd: { $gte: min } });
      if (max != null) c.push({ dpd: { $lte: max } });
    }
    if (filter.balance) {
      const min = this.amount(filter.balance.min, 'filter.balance.min');
      const max = this.amount(filter.balance.max, 'filter.balance.max');
      if (min != null && max != null && min > max) throw badInput('balance.min is above balance.max.', { argument: 'filter.balance' });
      if (min != null) c.push({ balanceMinor: { $gte: min } });
      if (max != null) c.push({ balanceMinor: { $lte: max } });
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

  private search(viewer: Viewer, text: string): FilterQuery<Account> {
    const term = text.trim();
    if (term.length < 2 || term.length > 100) throw badInput('search must be 2-100 characters.', { argument: 'filter.search' });
    const byRef: FilterQuery<Account> = { externalRef: { $like: `${escapeLike(term.toUpperCase())}%` } };
    // An analyst sees names masked; matching on them would let masked names be recovered by probing.
    if (viewer.role === Role.ANALYST) return byRef;
    return { $or: [byRef, { customer: { searchName: { $like: `%${escapeLike(term.toLowerCase())}%` } } }] };
  }
}
