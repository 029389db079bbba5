/**
 * The order an agent works callable accounts in, and the reason each one is on the list. Pure: the
 * service decides which accounts may be called now (DOMAIN.md §6) and gathers their facts; this
 * file only says why each is worth a call and in which order.
 *
 * Order: (1) callbacks due now, (2) promises due today, (3) promises broken yesterday, (4) active
 * plans with a missed instalment, then (5) everything else. Within each group the bucket's treatment
 * strategy decides (lower priority first), then the expected value (balance x propensity to pay,
 * higher first, compared in one currency), then the account id; callbacks go by the time the customer chose.
 */
import { toFloorCurrency } from '../shared/floor-currency.js';
import { formatMinor } from '../shared/money.js';
import type { LocalDate } from '../shared/dates.js';
import { addDays } from '../shared/dates.js';

export type WorklistReason = 'CALLBACK_DUE' | 'PROMISE_DUE_TODAY' | 'PROMISE_BROKEN_YESTERDAY' | 'PLAN_INSTALMENT_MISSED' | 'PRIORITY';

/** The reasons in the order they are worked. */
export const WORKLIST_REASONS: readonly WorklistReason[] = ['CALLBACK_DUE', 'PROMISE_DUE_TODAY', 'PROMISE_BROKEN_YESTERDAY', 'PLAN_INSTALMENT_MISSED', 'PRIORITY'];

export type WorkedStatus = 'ACTIVE' | 'IN_ARRANGEMENT';

export interface PromiseFact {
  status: 'PENDING_APPROVAL' | 'PENDING' | 'KEPT' | 'PARTIALLY_KEPT' | 'BROKEN' | 'CANCELLED';
  dueDate: LocalDate;
  graceEndsOn: LocalDate;
  amountMinor: number;
}

export interface MissedInstalmentFact {
  sequence: number;
  /** How many instalments the plan has. */
  of: number;
  dueDate: LocalDate;
  amountMinor: number;
}

/** One account that may be called now, with what the ordering looks at. */
export interface WorklistCandidate {
  accountId: number;
  status: WorkedStatus;
  bucket: string;
  currency: string;
  balanceMinor: number;
  /** 0-1. */
  propensityScore: number;
  /** The bucket's treatment strategy priority (lower is worked first). */
  strategyPriority: number;
  /** The contact profile's callback window: a callback is due from `early` minutes before the chosen time to `late` after. */
  callbackEarlyMinutes: number;
  callbackLateMinutes: number;
  /** Times the customer chose for a callback (CALLBACK_REQUESTED calls). */
  requestedCallbacks: Date[];
  /** Starts of outbound attempts and right-party conversations about the account: one inside a callback's window answers it. */
  contactsMade: Date[];
  promises: PromiseFact[];
  /** MISSED instalments of the account's ACTIVE plan. */
  missedInstalments: MissedInstalmentFact[];
}

export interface WorklistMoment {
  now: Date;
  /** The business date on the floor. */
  today: LocalDate;
  /** The floor's zone: times in the detail text are the agent's wall clock. */
  floorTimeZone: string;
}

export interface Classified {
  reason: WorklistReason;
  detail: string;
  /** balance x propensity, rounded to a minor unit of the account's currency. */
  expectedValueMinor: number;
  /** The callback time for CALLBACK_DUE (orders callbacks among themselves). */
  callbackAt: Date | null;
}

export interface RankedItem extends Classified {
  accountId: number;
  /** 1 for the account to call first. */
  rank: number;
}

const MS_PER_MINUTE = 60_000;

export function expectedValueMinor(balanceMinor: number, propensityScore: number): number {
  const p = Number.isFinite(propensityScore) ? Math.min(1, Math.max(0, propensityScore)) : 0;
  return Math.round(balanceMinor * p);
}

/**
 * Expected values of accounts in different currencies are compared in the floor currency (MXN minor
 * units, a dollar at a fixed 17 pesos: shared/floor-currency.ts, the unit money KPIs add up in). The
 * rate only orders accounts against each other; amounts shown stay in the account's own currency.
 */
export const comparableValue = (minor: number, currency: string): number => toFloorCurrency(minor, currency);

const money = (minor: number, currency: string): string => `${formatMinor(minor, currency)} ${currency}`;

function clockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/**
 * The earliest callback whose window holds `now` and that no contact attempt since its window opened
 * has answered (a call at 10:31 for a 10:30 callback settles it, whatever its outcome).
 */
export function dueCallback(candidate: WorklistCandidate, now: Date): Date | null {
  const t = now.getTime();
  const early = candidate.callbackEarlyMinutes * MS_PER_MINUTE;
  const late = candidate.callbackLateMinutes * MS_PER_MINUTE;
  let due: Date | null = null;
  for (const callback of candidate.requestedCallbacks) {
    const opens = callback.getTime() - early;
    if (t < opens || t > callback.getTime() + late) continue;
    const answered = candidate.contactsMade.some((c) => c.getTime() >= opens && c.getTime() <= t);
    if (answered) continue;
    if (!due || callback < due) due = callback;
  }
  return due;
}

/**
 * Why the account is on the worklist, or null when it should not be: an account IN_ARRANGEMENT is
 * paying by its plan, so it is called only for a callback, a promise or a missed instalment.
 */
export function classify(candidate: WorklistCandidate, moment: WorklistMoment): Classified | null {
  const { currency } = candidate;
  const ev = expectedValueMinor(candidate.balanceMinor, candidate.propensityScore);
  const of = (reason: WorklistReason, detail: string, callbackAt: Date | null = null): Classified => ({ reason, detail, expectedValueMinor: ev, callbackAt });

  const callback = dueCallback(candidate, moment.now);
  if (callback) return of('CALLBACK_DUE', `Callback requested for ${clockTime(callback, moment.floorTimeZone)}`, callback);

  const dueToday = candidate.promises
    .filter((p) => p.status === 'PENDING' && p.dueDate === moment.today)
    .sort((a, b) => b.amountMinor - a.amountMinor)[0];
  if (dueToday) return of('PROMISE_DUE_TODAY', `Promise of ${money(dueToday.amountMinor, currency)} due today`);

  // Today's rollover settles the promises whose grace ended yesterday: those found short were broken by it.
  const yesterday = addDays(moment.today, -1);
  const broken = candidate.promises
    .filter((p) => (p.status === 'BROKEN' || p.status === 'PARTIALLY_KEPT') && p.graceEndsOn === yesterday)
    .sort((a, b) => b.amountMinor - a.amountMinor)[0];
  if (broken) {
    const how = broken.status === 'PARTIALLY_KEPT' ? 'partly kept' : 'broken';
    return of('PROMISE_BROKEN_YESTERDAY', `Promise of ${money(broken.amountMinor, currency)} due ${broken.dueDate} ${how}; its grace ended yesterday`);
  }

  const missed = [...candidate.missedInstalments].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.sequence - b.sequence))[0];
  if (missed) {
    return of('PLAN_INSTALMENT_MISSED', `Plan instalment ${missed.sequence} of ${missed.of} (${money(missed.amountMinor, currency)}) due ${missed.dueDate} missed`);
  }

  if (candidate.status === 'IN_ARRANGEMENT') return null;
  return of('PRIORITY', `${candidate.bucket} (strategy priority ${candidate.strategyPriority}), expected ${money(ev, currency)}`);
}

interface Keyed {
  candidate: WorklistCandidate;
  classified: Classified;
  reasonRank: number;
  value: number;
}

function compare(a: Keyed, b: Keyed): number {
  if (a.reasonRank !== b.reasonRank) return a.reasonRank - b.reasonRank;
  const ca = a.classified.callbackAt?.getTime() ?? 0;
  const cb = b.classified.callbackAt?.getTime() ?? 0;
  if (ca !== cb) return ca - cb;
  if (a.candidate.strategyPriority !== b.candidate.strategyPriority) return a.candidate.strategyPriority - b.candidate.strategyPriority;
  if (a.value !== b.value) return b.value - a.value;
  return a.candidate.accountId - b.candidate.accountId;
}

/** The worklist: every candidate with a reason, best first, ranked from 1. */
export function orderWorklist(candidates: readonly WorklistCandidate[], moment: WorklistMoment): RankedItem[] {
  const keyed: Keyed[] = [];
  for (const candidate of candidates) {
    const classified = classify(candidate, moment);
    if (!classified) continue;
    keyed.push({
      candidate,
      classified,
      reasonRank: WORKLIST_REASONS.indexOf(classified.reason),
      value: comparableValue(classified.expectedValueMinor, candidate.currency),
    });
  }
  keyed.sort(compare);
  return keyed.map((k, i) => ({ accountId: k.candidate.accountId, rank: i + 1, ...k.classified }));
}
