import { BucketGoalMetric } from '../accounts/bucket-goal.entity.js';
import { BUCKETS, bucketRank, type Bucket } from '../accounts/buckets.js';
import { addMonths, isLocalDate, type LocalDate } from '../shared/dates.js';
import { parseMinor } from '../shared/money.js';

/**
 * The arithmetic of the bucket reports (DOMAIN.md §2, §7), free of SQL: the database hands over how
 * many accounts (and how much balance) went from each bucket to each bucket, and everything the
 * reports show is derived from those at most 64 cells.
 */

/** Accounts that sat in `from` at one moment and in `to` at a later one, with their balances. */
export interface BucketFlow {
  from: Bucket;
  to: Bucket;
  accounts: number;
  /** Balance at the earlier moment, minor units of the floor currency. */
  fromBalanceMinor: number;
  /** Balance at the later moment, minor units of the floor currency. */
  toBalanceMinor: number;
}

/** What became of one opening bucket's accounts. */
export interface BucketMovement {
  bucket: Bucket;
  openingAccounts: number;
  openingBalanceMinor: number;
  /** Now CURRENT. For the CURRENT bucket itself that is the accounts that stayed current. */
  cured: number;
  /** Now in a better bucket that is not CURRENT (e.g. B3 to B1). */
  improved: number;
  /** Now in the same bucket. For CURRENT these are the cured ones again. */
  stayed: number;
  /** Now in a worse bucket. */
  rolledForward: number;
  /** cured / opening; null when the bucket opened empty. */
  cureRate: number | null;
  /** rolledForward / opening; null when the bucket opened empty. */
  rollRate: number | null;
}

export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** One row per bucket, worst last, whether or not the snapshot has accounts in it. */
export function bucketMovements(flows: readonly BucketFlow[]): BucketMovement[] {
  return BUCKETS.map((bucket) => {
    let openingAccounts = 0;
    let openingBalanceMinor = 0;
    let cured = 0;
    let improved = 0;
    let stayed = 0;
    let rolledForward = 0;
    for (const f of flows) {
      if (f.from !== bucket) continue;
      openingAccounts += f.accounts;
      openingBalanceMinor += f.fromBalanceMinor;
      const move = bucketRank(f.to) - bucketRank(bucket);
      if (f.to === 'CURRENT') cured += f.accounts;
      else if (move < 0) improved += f.accounts;
      if (move === 0) stayed += f.accounts;
      else if (move > 0) rolledForward += f.accounts;
    }
    return {
      bucket,
      openingAccounts,
      openingBalanceMinor,
      cured,
      improved,
      stayed,
      rolledForward,
      cureRate: rate(cured, openingAccounts),
      rollRate: rate(rolledForward, openingAccounts),
    };
  });
}

export interface MatrixCell {
  to: Bucket;
  accounts: number;
  fromBalanceMinor: number;
  toBalanceMinor: number;
  /** Share of the row's accounts that went to this bucket; null for an empty row. */
  accountShare: number | null;
  /** Share of the row's (earlier) balance that went to this bucket; null when the row holds no balance. */
  balanceShare: number | null;
}

export interface MatrixRow {
  from: Bucket;
  accounts: number;
  fromBalanceMinor: number;
  toBalanceMinor: number;
  cells: MatrixCell[];
}

/** A dense 8 x 8 roll-rate matrix: every bucket to every bucket, zeros included. */
export function rollRateMatrix(flows: readonly BucketFlow[]): MatrixRow[] {
  return BUCKETS.map((from) => {
    const row = flows.filter((f) => f.from === from);
    const accounts = sum(row.map((f) => f.accounts));
    const fromBalanceMinor = sum(row.map((f) => f.fromBalanceMinor));
    return {
      from,
      accounts,
      fromBalanceMinor,
      toBalanceMinor: sum(row.map((f) => f.toBalanceMinor)),
      cells: BUCKETS.map((to) => {
        const cell = row.filter((f) => f.to === to);
        const cellAccounts = sum(cell.map((f) => f.accounts));
        const cellFromBalance = sum(cell.map((f) => f.fromBalanceMinor));
        return {
          to,
          accounts: cellAccounts,
          fromBalanceMinor: cellFromBalance,
          toBalanceMinor: sum(cell.map((f) => f.toBalanceMinor)),
          accountShare: rate(cellAccounts, accounts),
          balanceShare: rate(cellFromBalance, fromBalanceMinor),
        };
      }),
    };
  });
}

const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);

export interface GoalAttainment {
  /** See `attainment()`; null when it cannot be said (no actual yet, or a goal that makes it meaningless). */
  attainment: number | null;
  /** Whether the actual meets the goal; null when there is no actual. */
  met: boolean | null;
}

/**
 * Attainment of a bucket goal, read the same way for every metric: 1 is exactly on goal, above 1 is
 * better than the goal, below 1 is worse.
 * - CURE_RATE and COLLECTED_AMOUNT: actual / goal (DOMAIN.md §7); null for a goal of 0.
 * - ROLL_RATE is a ceiling, so lower is better. Attainment is the share of accounts held (not rolled)
 *   over the share the goal allows to be held: (1 - actual) / (1 - goal). Unlike goal / actual it is
 *   defined when nothing rolled (common early in a month) and moves evenly with each account that
 *   rolls; a goal of 0 gives 1 only when nothing rolled; a goal of 1 (anything may roll) gives null.
 */
export function attainment(metric: BucketGoalMetric, actual: number | null, goal: number): GoalAttainment {
  if (actual === null) return { attainment: null, met: null };
  if (metric === BucketGoalMetric.ROLL_RATE) {
    return { attainment: goal >= 1 ? null : (1 - actual) / (1 - goal), met: actual <= goal };
  }
  return { attainment: goal === 0 ? null : actual / goal, met: actual >= goal };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A calendar month "YYYY-MM" and its first day, or a RangeError saying what is wrong. */
export function parseMonth(text: string): { month: string; firstDay: LocalDate; nextFirstDay: LocalDate } {
  if (!MONTH.test(text) || !isLocalDate(`${text}-01`)) throw new RangeError(`"${text}" is not a month (YYYY-MM)`);
  const firstDay = `${text}-01`;
  return { month: text, firstDay, nextFirstDay: addMonths(firstDay, 1) };
}

/** Rates are fractions 0-1 with at most this many decimals. */
export const RATE_DECIMALS = 6;
const RATE = new RegExp(`^\\d+(?:\\.\\d{1,${RATE_DECIMALS}})?$`);

/**
 * The stored value of a goal given as a decimal string: a rate as a fraction 0-1 ("0.35"), an amount
 * as minor units of the floor currency ("125000.00" -> 12500000). Throws a RangeError naming the problem.
 */
export function parseGoalValue(metric: BucketGoalMetric, value: string, floorCurrency: string): number {
  const text = value.trim();
  if (metric === BucketGoalMetric.COLLECTED_AMOUNT) {
    const minor = parseMinor(text, floorCurrency);
    if (minor < 0) throw new RangeError(`an amount goal must be 0 or more, got "${value}"`);
    return minor;
  }
  if (!RATE.test(text)) throw new RangeError(`a rate goal is a decimal fraction from 0 to 1 with at most ${RATE_DECIMALS} decimals, e.g. "0.35", got "${value}"`);
  const fraction = Number(text);
  if (fraction > 1) throw new RangeError(`a rate goal is a fraction from 0 to 1, got "${value}"`);
  return fraction;
}

/** Whether a month is over, running, or yet to come on a business date. */
export function monthPhase(month: string, today: LocalDate): 'PAST' | 'CURRENT' | 'FUTURE' {
  const current = today.slice(0, 7);
  return month < current ? 'PAST' : month === current ? 'CURRENT' : 'FUTURE';
}
