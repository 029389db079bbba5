import { Presence } from '../agents/agent.entity.js';
import { KpiStatus } from '../kpis/kpi-math.js';
import { Kpi } from '../kpis/target.entity.js';
import { AlertKind } from '../realtime/topics.js';
import { problem, type Problem } from '../shared/problem.js';

/**
 * The alert rules as pure decisions: given the facts and a rule's thresholds, does it fire? The service
 * gathers the facts (from the database, the clock and the event bus) and stores what fires.
 */

/** A rule's thresholds; each kind reads its own and ignores the rest. */
export interface RuleThresholds {
  enabled: boolean;
  shiftShare?: number | null;
  kpis?: readonly Kpi[] | null;
  limitSeconds?: number | null;
  amountMinor?: number | null;
  refusalCount?: number | null;
  windowSeconds?: number | null;
}

/** The settings the floor starts with; a manager changes them with updateAlertRule. */
export const DEFAULT_RULES: Readonly<Record<AlertKind, RuleThresholds>> = {
  // A quarter into the shift a slow start is a trend, not noise.
  [AlertKind.TEAM_BEHIND_PACE]: { enabled: true, shiftShare: 0.25, kpis: [Kpi.ATTEMPTS, Kpi.PROMISES, Kpi.COLLECTED_AMOUNT] },
  [AlertKind.AGENT_PAUSED_TOO_LONG]: { enabled: true, limitSeconds: 20 * 60 },
  [AlertKind.AGENT_IN_WRAP_UP_TOO_LONG]: { enabled: true, limitSeconds: 5 * 60 },
  // 5,000.00 MXN, about 300 USD.
  [AlertKind.BROKEN_PROMISE]: { enabled: true, amountMinor: 500_000 },
  [AlertKind.CONTACT_REFUSALS_BURST]: { enabled: true, refusalCount: 5, windowSeconds: 10 * 60 },
};

/** The thresholds each kind has, for validation and for the API's description. */
export const THRESHOLDS_OF: Readonly<Record<AlertKind, ReadonlyArray<keyof RuleThresholds>>> = {
  [AlertKind.TEAM_BEHIND_PACE]: ['shiftShare', 'kpis'],
  [AlertKind.AGENT_PAUSED_TOO_LONG]: ['limitSeconds'],
  [AlertKind.AGENT_IN_WRAP_UP_TOO_LONG]: ['limitSeconds'],
  [AlertKind.BROKEN_PROMISE]: ['amountMinor'],
  [AlertKind.CONTACT_REFUSALS_BURST]: ['refusalCount', 'windowSeconds'],
};

/** A day's pace of one KPI of a team, as KpiService computes it (DOMAIN.md §7). */
export interface TeamPace {
  kpi: Kpi;
  status: KpiStatus | null;
}

/**
 * TEAM_BEHIND_PACE: the watched KPIs the team is BEHIND on, once `shiftShare` of the shift has passed.
 * Early in the shift the expected-by-now is too small for a pace to mean anything.
 */
export function kpisBehindPace(rule: RuleThresholds, elapsedShare: number, paces: readonly TeamPace[]): Kpi[] {
  if (!rule.enabled || rule.shiftShare == null || elapsedShare < rule.shiftShare) return [];
  const watched = new Set(rule.kpis ?? []);
  return paces.filter((p) => watched.has(p.kpi) && p.status === KpiStatus.BEHIND).map((p) => p.kpi);
}

/** The presence a rule watches. */
export const WATCHED_PRESENCE: Partial<Record<AlertKind, Presence>> = {
  [AlertKind.AGENT_PAUSED_TOO_LONG]: Presence.PAUSED,
  [AlertKind.AGENT_IN_WRAP_UP_TOO_LONG]: Presence.WRAP_UP,
};

/** AGENT_PAUSED_TOO_LONG and AGENT_IN_WRAP_UP_TOO_LONG: the agent is still in the status, for at least the limit. */
export function overstayed(kind: AlertKind, rule: RuleThresholds, current: { status: Presence; since: Date }, now: Date): boolean {
  const watched = WATCHED_PRESENCE[kind];
  if (!rule.enabled || watched === undefined || rule.limitSeconds == null || current.status !== watched) return false;
  return now.getTime() - current.since.getTime() >= rule.limitSeconds * 1000;
}

/**
 * BROKEN_PROMISE: a promise found BROKEN (nothing paid by the end of its grace, DOMAIN.md §4) for at least
 * the amount, compared in the floor currency. A PARTIALLY_KEPT promise is a part payment, not a break.
 */
export function brokenPromiseAlerts(rule: RuleThresholds, promise: { status: string; amountFloorMinor: number }): boolean {
  if (!rule.enabled || rule.amountMinor == null) return false;
  return promise.status === 'BROKEN' && promise.amountFloorMinor >= rule.amountMinor;
}

/**
 * CONTACT_REFUSALS_BURST: the first run of `refusalCount` refusals (ascending instants of one agent, none
 * already part of an alerted burst) that fits within `windowSeconds`; null when there is none.
 */
export function refusalBurst(rule: RuleThresholds, refusals: readonly Date[]): { first: Date; last: Date } | null {
  if (!rule.enabled || rule.refusalCount == null || rule.windowSeconds == null) return null;
  const n = rule.refusalCount;
  for (let i = 0; i + n - 1 < refusals.length; i += 1) {
    const first = refusals[i]!;
    const last = refusals[i + n - 1]!;
    if (last.getTime() - first.getTime() <= rule.windowSeconds * 1000) return { first, last };
  }
  return null;
}

/** Bounds that keep a rule meaningful: a limit of a second would alert on every status change. */
export const LIMIT_SECONDS_RANGE = [1, 24 * 3600] as const;
export const REFUSAL_COUNT_RANGE = [1, 1000] as const;
export const WINDOW_SECONDS_RANGE = [1, 24 * 3600] as const;

/** What updateAlertRule may set for a kind: only its own thresholds, each within its range. */
export function ruleProblems(kind: AlertKind, input: Partial<RuleThresholds>): Problem | null {
  const own = THRESHOLDS_OF[kind];
  for (const field of ['shiftShare', 'kpis', 'limitSeconds', 'amountMinor', 'refusalCount', 'windowSeconds'] as const) {
    if (input[field] != null && !own.includes(field)) {
      const name = field === 'amountMinor' ? 'amount' : field;
      return problem(name, `${kind} has no ${name}; its thresholds are ${own.map((f) => (f === 'amountMinor' ? 'amount' : f)).join(' and ')}.`);
    }
  }
  const { shiftShare, kpis, limitSeconds, amountMinor, refusalCount, windowSeconds } = input;
  if (shiftShare != null && !(Number.isFinite(shiftShare) && shiftShare > 0 && shiftShare <= 1)) {
    return problem('shiftShare', 'shiftShare must be a share of the shift greater than 0 and at most 1.');
  }
  if (kpis != null) {
    if (kpis.length === 0) return problem('kpis', 'kpis must name at least one KPI to watch.');
    if (new Set(kpis).size !== kpis.length) return problem('kpis', 'kpis must not repeat a KPI.');
  }
  const whole = (value: number | null | undefined, name: string, [min, max]: readonly [number, number], unit: string): Problem | null =>
    value != null && !(Number.isInteger(value) && value >= min && value <= max) ? problem(name, `${name} must be a whole number of ${unit} from ${min} to ${max}.`) : null;
  return (
    whole(limitSeconds, 'limitSeconds', LIMIT_SECONDS_RANGE, 'seconds') ??
    (amountMinor != null && !(Number.isSafeInteger(amountMinor) && amountMinor > 0) ? problem('amount', 'amount must be greater than zero.') : null) ??
    whole(refusalCount, 'refusalCount', REFUSAL_COUNT_RANGE, 'refusals') ??
    whole(windowSeconds, 'windowSeconds', WINDOW_SECONDS_RANGE, 'seconds')
  );
}
