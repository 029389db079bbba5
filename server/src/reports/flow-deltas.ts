import type { Bucket } from '../accounts/buckets.js';
import { addMonths, firstOfMonth, localDateIn, type LocalDate } from '../shared/dates.js';

/**
 * What one flush of changed accounts and payments does to the pre-aggregated bucket figures
 * (bucket-flow.entity.ts), as pure functions: the flush watcher (bucket-flow-keeper.ts) reads the facts
 * below in the flush's transaction and writes what these return.
 *
 * The rules, the same as the set-wise rebuild in bucket-flows.ts:
 * - A running month's flow cell is (opening date, the account's team now, its bucket at the opening, its
 *   bucket now, its currency), holding the accounts, their opening balances and their balances now. A
 *   change of bucket, balance, team or currency takes the account out of the cell it was in (-1 and its
 *   balances) and puts it in the one it is in now (+1).
 * - A posted payment counts in the month it was received, under the account's bucket at that month's
 *   opening, for the account's team now while the month runs, or the team that held it at the next
 *   month's opening once that month is closed. A reversal takes it back from the same place.
 * - An account moved to another team takes the running month's collected amount with it.
 * Accounts not in a month's opening snapshot (opened since) count nowhere for that month.
 */

/** closed_on of the running month's rows ("the accounts now"); a sentinel, as NULL is never equal in a unique key. */
export const RUNNING = '';
/** team_id of accounts with no team, for the same reason. Team ids start at 1. */
export const NO_TEAM = 0;

export const teamKey = (teamId: number | null | undefined): number => teamId ?? NO_TEAM;

/** Where an account stands for the running month's figures. */
export interface AccountPosition {
  teamId: number | null;
  bucket: Bucket;
  balanceMinor: number;
  currency: string;
}

/** An account before and after a flush; null before when it was created, null after when deleted. */
export interface AccountChange {
  accountId: number;
  before: AccountPosition | null;
  after: AccountPosition | null;
}

/** The account's row in a month-opening snapshot. */
export interface Opening {
  bucket: Bucket;
  balanceMinor: number;
  /** The team that held the account when the snapshot was taken. */
  teamId: number | null;
}

/** A payment as it counts for collected amounts. */
export interface PaymentPosition {
  accountId: number;
  status: string;
  amountMinor: number;
  currency: string;
  receivedAt: Date;
}

/** Posted money counted for an account in a month: positive when posted, negative when taken back. */
export interface PaymentCount {
  accountId: number;
  openedOn: LocalDate;
  currency: string;
  amountMinor: number;
}

/** The opening date of the month a payment counts in: the first of its floor-local month. */
export const monthOpeningOf = (receivedAt: Date, timeZone: string): LocalDate => firstOfMonth(localDateIn(receivedAt, timeZone));

/**
 * A payment's move from `before` to `after` (either null: created, deleted) as counts: a POSTED payment
 * counts its amount in the month it was received, anything else counts nothing.
 */
export function paymentCounts(before: PaymentPosition | null, after: PaymentPosition | null, timeZone: string): PaymentCount[] {
  const counts: PaymentCount[] = [];
  for (const [p, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (p?.status !== 'POSTED') continue;
    counts.push({ accountId: p.accountId, openedOn: monthOpeningOf(p.receivedAt, timeZone), currency: p.currency, amountMinor: sign * p.amountMinor });
  }
  return mergeBy(counts, (c) => `${c.accountId}|${c.openedOn}|${c.currency}`, (into, c) => (into.amountMinor += c.amountMinor), (c) => c.amountMinor === 0);
}

/** A change to one row of bucket_flow. */
export interface FlowDelta {
  openedOn: LocalDate;
  closedOn: LocalDate;
  teamId: number;
  from: Bucket;
  to: Bucket;
  currency: string;
  accounts: number;
  fromBalanceMinor: number;
  toBalanceMinor: number;
}

/** A change to one row of bucket_collected. */
export interface CollectedDelta {
  openedOn: LocalDate;
  teamId: number;
  bucket: Bucket;
  currency: string;
  amountMinor: number;
}

/** What the database holds about the accounts of a flush, read in its transaction after the flush. */
export interface FlowFacts {
  /** Opening dates of the months whose figures run against the accounts now (no next-month snapshot yet). */
  runningMonths: ReadonlySet<LocalDate>;
  /** Snapshot rows of the accounts, by account then snapshot date (only the dates asked for). */
  openings: ReadonlyMap<number, ReadonlyMap<LocalDate, Opening>>;
  /** Each account's team now. */
  teams: ReadonlyMap<number, number | null>;
  /**
   * For accounts whose team changed: posted payments of each running month as they stand after the flush,
   * keyed `collectedKey(accountId, openedOn, currency)`.
   */
  collectedNow: ReadonlyMap<string, number>;
}

export const collectedKey = (accountId: number, openedOn: LocalDate, currency: string): string => `${accountId}|${openedOn}|${currency}`;

/** Accounts whose team a change moves, with the running months they are in: what `collectedNow` must hold. */
export function teamMoves(changes: readonly AccountChange[], facts: Pick<FlowFacts, 'runningMonths' | 'openings'>): Array<{ accountId: number; openedOn: LocalDate }> {
  const moves: Array<{ accountId: number; openedOn: LocalDate }> = [];
  for (const c of changes) {
    if (!c.before || !c.after || teamKey(c.before.teamId) === teamKey(c.after.teamId)) continue;
    for (const month of facts.runningMonths) if (facts.openings.get(c.accountId)?.has(month)) moves.push({ accountId: c.accountId, openedOn: month });
  }
  return moves;
}

export function bucketFlowDeltas(
  changes: readonly AccountChange[],
  payments: readonly PaymentCount[],
  facts: FlowFacts,
): { flows: FlowDelta[]; collected: CollectedDelta[] } {
  const flows: FlowDelta[] = [];
  for (const change of changes) {
    const openings = facts.openings.get(change.accountId);
    for (const month of facts.runningMonths) {
      const opening = openings?.get(month);
      if (!opening) continue;
      if (change.before) flows.push(runningCell(month, opening, change.before, -1));
      if (change.after) flows.push(runningCell(month, opening, change.after, 1));
    }
  }

  const collected: CollectedDelta[] = [];
  // Several payments of one account and month in a flush count together.
  const paid = new Map<string, PaymentCount>();
  for (const p of payments) {
    const key = collectedKey(p.accountId, p.openedOn, p.currency);
    const into = paid.get(key);
    if (into) into.amountMinor += p.amountMinor;
    else paid.set(key, { ...p });
  }
  // A team move carries the running month's collected amount along: the old team loses what it held before
  // this flush (now less this flush's payments), the new team gains what there is now, this flush's included.
  const byAccount = new Map(changes.map((c) => [c.accountId, c]));
  for (const move of teamMoves(changes, facts)) {
    const change = byAccount.get(move.accountId)!;
    const bucket = facts.openings.get(move.accountId)!.get(move.openedOn)!.bucket;
    const prefix = `${move.accountId}|${move.openedOn}|`;
    const currencies = new Set([...facts.collectedNow.keys(), ...paid.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
    for (const currency of currencies) {
      const key = prefix + currency;
      const now = facts.collectedNow.get(key) ?? 0;
      const thisFlush = paid.get(key)?.amountMinor ?? 0;
      collected.push({ openedOn: move.openedOn, teamId: teamKey(change.before!.teamId), bucket, currency, amountMinor: -(now - thisFlush) });
      collected.push({ openedOn: move.openedOn, teamId: teamKey(change.after!.teamId), bucket, currency, amountMinor: now });
      paid.delete(key);
    }
  }
  for (const p of paid.values()) {
    const openings = facts.openings.get(p.accountId);
    const opening = openings?.get(p.openedOn);
    if (!opening) continue;
    let teamId: number | null;
    if (facts.runningMonths.has(p.openedOn)) {
      if (!facts.teams.has(p.accountId)) continue;
      teamId = facts.teams.get(p.accountId)!;
    } else {
      // A closed month counts for the team that held the account when the next month opened.
      const closing = openings!.get(addMonths(p.openedOn, 1));
      if (!closing) continue;
      teamId = closing.teamId;
    }
    collected.push({ openedOn: p.openedOn, teamId: teamKey(teamId), bucket: opening.bucket, currency: p.currency, amountMinor: p.amountMinor });
  }
  return { flows: mergeFlowDeltas(flows), collected: mergeCollectedDeltas(collected) };
}

function runningCell(openedOn: LocalDate, opening: Opening, now: AccountPosition, sign: 1 | -1): FlowDelta {
  return {
    openedOn,
    closedOn: RUNNING,
    teamId: teamKey(now.teamId),
    from: opening.bucket,
    to: now.bucket,
    currency: now.currency,
    accounts: sign,
    fromBalanceMinor: sign * opening.balanceMinor,
    toBalanceMinor: sign * now.balanceMinor,
  };
}

export const flowKey = (d: Pick<FlowDelta, 'closedOn' | 'openedOn' | 'teamId' | 'from' | 'to' | 'currency'>): string =>
  `${d.closedOn}|${d.openedOn}|${d.teamId}|${d.from}|${d.to}|${d.currency}`;
export const collectedDeltaKey = (d: Pick<CollectedDelta, 'openedOn' | 'teamId' | 'bucket' | 'currency'>): string => `${d.openedOn}|${d.teamId}|${d.bucket}|${d.currency}`;

/**
 * One delta per row, zero ones dropped, in key order: a multi-row upsert may not touch a row twice, and
 * concurrent transactions that lock rows in the same order cannot deadlock on them.
 */
export function mergeFlowDeltas(deltas: readonly FlowDelta[]): FlowDelta[] {
  return mergeBy(
    deltas,
    flowKey,
    (into, d) => {
      into.accounts += d.accounts;
      into.fromBalanceMinor += d.fromBalanceMinor;
      into.toBalanceMinor += d.toBalanceMinor;
    },
    (d) => d.accounts === 0 && d.fromBalanceMinor === 0 && d.toBalanceMinor === 0,
  );
}

export function mergeCollectedDeltas(deltas: readonly CollectedDelta[]): CollectedDelta[] {
  return mergeBy(deltas, collectedDeltaKey, (into, d) => (into.amountMinor += d.amountMinor), (d) => d.amountMinor === 0);
}

function mergeBy<T extends object>(items: readonly T[], key: (t: T) => string, add: (into: T, t: T) => void, isZero: (t: T) => boolean): T[] {
  const merged = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const into = merged.get(k);
    if (into) add(into, item);
    else merged.set(k, { ...item });
  }
  return [...merged.entries()]
    .filter(([, t]) => !isZero(t))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, t]) => t);
}
