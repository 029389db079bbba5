import { Kpi } from './target.entity.js';
import type { CounterFigures } from './counter-deltas.js';

/**
 * The KPIs of DOMAIN.md §7 over a scope's summed counters, and how a figure is paced against its
 * target, as pure functions. A rate over nothing (a division by zero) is null, never 0 or Infinity.
 */
export const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** The summed counters of a scope and period, connected and paused time including the open interval. */
export type KpiTotals = CounterFigures;

export const handleSeconds = (t: KpiTotals): number => t.talkSeconds + t.wrapSeconds;
export const contactRate = (t: KpiTotals): number | null => ratio(t.contacts, t.attempts);
export const rpcRate = (t: KpiTotals): number | null => ratio(t.rightPartyContacts, t.attempts);
export const ptpRate = (t: KpiTotals): number | null => ratio(t.promises, t.rightPartyContacts);
export const promiseKeptRate = (t: KpiTotals): number | null => ratio(t.promisesKept, t.promisesKept + t.promisesPartiallyKept + t.promisesBroken);
export const averageHandleSeconds = (t: KpiTotals): number | null => ratio(handleSeconds(t), t.callsWithTalk);
/** Handle time over the time available to work: connected but not paused. */
export const occupancy = (t: KpiTotals): number | null => ratio(handleSeconds(t), t.connectedSeconds - t.pausedSeconds);
export const callsPerHour = (t: KpiTotals): number | null => ratio(t.attempts * 3600, t.connectedSeconds);
/** Floor-currency minor units per connected hour, rounded to a whole minor unit. */
export const collectedPerHour = (t: KpiTotals): number | null => {
  const perHour = ratio(t.collectedAmountMinor * 3600, t.connectedSeconds);
  return perHour === null ? null : Math.round(perHour);
};

export type KpiUnit = 'COUNT' | 'SECONDS' | 'RATE' | 'MONEY';

export interface KpiDefinition {
  kpi: Kpi;
  /** The field of the Kpis type that carries it. */
  field: string;
  unit: KpiUnit;
  /**
   * Cumulative figures grow through the period, so what is expected by now is the target times the
   * elapsed share; a ratio (rates, averages, per hour) is expected to meet its target at any moment.
   */
  cumulative: boolean;
  value(t: KpiTotals): number | null;
}

const def = (kpi: Kpi, field: string, unit: KpiUnit, cumulative: boolean, value: (t: KpiTotals) => number | null): KpiDefinition => ({ kpi, field, unit, cumulative, value });

/** Every KPI of §7, in the table's order. */
export const KPIS: readonly KpiDefinition[] = [
  def(Kpi.ATTEMPTS, 'attempts', 'COUNT', true, (t) => t.attempts),
  def(Kpi.CONTACTS, 'contacts', 'COUNT', true, (t) => t.contacts),
  def(Kpi.RIGHT_PARTY_CONTACTS, 'rightPartyContacts', 'COUNT', true, (t) => t.rightPartyContacts),
  def(Kpi.CONTACT_RATE, 'contactRate', 'RATE', false, contactRate),
  def(Kpi.RPC_RATE, 'rpcRate', 'RATE', false, rpcRate),
  def(Kpi.PROMISES, 'promises', 'COUNT', true, (t) => t.promises),
  def(Kpi.PROMISED_AMOUNT, 'promisedAmount', 'MONEY', true, (t) => t.promisedAmountMinor),
  def(Kpi.PTP_RATE, 'ptpRate', 'RATE', false, ptpRate),
  def(Kpi.PROMISES_KEPT, 'promisesKept', 'COUNT', true, (t) => t.promisesKept),
  def(Kpi.PROMISE_KEPT_RATE, 'promiseKeptRate', 'RATE', false, promiseKeptRate),
  def(Kpi.COLLECTED_AMOUNT, 'collectedAmount', 'MONEY', true, (t) => t.collectedAmountMinor),
  def(Kpi.TALK_SECONDS, 'talkSeconds', 'SECONDS', true, (t) => t.talkSeconds),
  def(Kpi.HANDLE_SECONDS, 'handleSeconds', 'SECONDS', true, handleSeconds),
  def(Kpi.AVERAGE_HANDLE_SECONDS, 'averageHandleSeconds', 'SECONDS', false, averageHandleSeconds),
  def(Kpi.CONNECTED_SECONDS, 'connectedSeconds', 'SECONDS', true, (t) => t.connectedSeconds),
  def(Kpi.OCCUPANCY, 'occupancy', 'RATE', false, occupancy),
  def(Kpi.CALLS_PER_HOUR, 'callsPerHour', 'RATE', false, callsPerHour),
  def(Kpi.COLLECTED_PER_HOUR, 'collectedPerHour', 'MONEY', false, collectedPerHour),
];
export const KPI_DEFINITION: Readonly<Record<Kpi, KpiDefinition>> = Object.fromEntries(KPIS.map((d) => [d.kpi, d])) as Record<Kpi, KpiDefinition>;

/** Counts are whole; rates that are shares of something lie in 0..1. */
export const WHOLE_TARGET = new Set<Kpi>([Kpi.ATTEMPTS, Kpi.CONTACTS, Kpi.RIGHT_PARTY_CONTACTS, Kpi.PROMISES, Kpi.PROMISES_KEPT, Kpi.TALK_SECONDS, Kpi.HANDLE_SECONDS, Kpi.CONNECTED_SECONDS]);
export const SHARE_TARGET = new Set<Kpi>([Kpi.CONTACT_RATE, Kpi.RPC_RATE, Kpi.PTP_RATE, Kpi.PROMISE_KEPT_RATE, Kpi.OCCUPANCY]);

export enum KpiStatus {
  AHEAD = 'AHEAD',
  ON_TRACK = 'ON_TRACK',
  BEHIND = 'BEHIND',
}

/** §7: AHEAD at pace >= 1, ON_TRACK from 0.9, BEHIND below; no pace, no status. */
export function paceStatus(pace: number | null): KpiStatus | null {
  if (pace === null) return null;
  if (pace >= 1) return KpiStatus.AHEAD;
  if (pace >= 0.9) return KpiStatus.ON_TRACK;
  return KpiStatus.BEHIND;
}

export interface Pacing {
  target: number | null;
  expectedByNow: number | null;
  attainment: number | null;
  pace: number | null;
  status: KpiStatus | null;
}

/**
 * Attainment = actual / target; expected-by-now = target x elapsed share (cumulative figures) or the
 * target itself (ratios); pace = actual / expected-by-now. Money is in minor units, and its
 * expected-by-now is rounded to a whole minor unit.
 */
export function pacing(actual: number | null, target: number | null | undefined, share: number, definition: Pick<KpiDefinition, 'cumulative' | 'unit'>): Pacing {
  if (target == null) return { target: null, expectedByNow: null, attainment: null, pace: null, status: null };
  let expectedByNow = definition.cumulative ? target * share : target;
  if (definition.unit === 'MONEY') expectedByNow = Math.round(expectedByNow);
  const attainment = actual === null ? null : ratio(actual, target);
  const pace = actual === null ? null : ratio(actual, expectedByNow);
  return { target, expectedByNow, attainment, pace, status: paceStatus(pace) };
}
