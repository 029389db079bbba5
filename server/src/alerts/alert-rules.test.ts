import { describe, expect, it } from 'vitest';
import { Presence } from '../agents/agent.entity.js';
import { KpiStatus } from '../kpis/kpi-math.js';
import { Kpi } from '../kpis/target.entity.js';
import { AlertKind } from '../realtime/topics.js';
import { brokenPromiseAlerts, DEFAULT_RULES, kpisBehindPace, overstayed, refusalBurst, ruleProblems, type RuleThresholds } from './alert-rules.js';

const at = (seconds: number): Date => new Date(Date.UTC(2026, 10, 18, 16) + seconds * 1000);

describe('kpisBehindPace (TEAM_BEHIND_PACE)', () => {
  const rule: RuleThresholds = { enabled: true, shiftShare: 0.25, kpis: [Kpi.ATTEMPTS, Kpi.COLLECTED_AMOUNT] };
  const paces = [
    { kpi: Kpi.ATTEMPTS, status: KpiStatus.BEHIND },
    { kpi: Kpi.COLLECTED_AMOUNT, status: KpiStatus.ON_TRACK },
    { kpi: Kpi.PROMISES, status: KpiStatus.BEHIND },
  ];
  it.each([
    ['before the share of the shift has passed', rule, 0.2, paces, []],
    ['exactly at the share', rule, 0.25, paces, [Kpi.ATTEMPTS]],
    ['later in the shift', rule, 0.9, paces, [Kpi.ATTEMPTS]],
    ['an unwatched KPI BEHIND does not count', { ...rule, kpis: [Kpi.COLLECTED_AMOUNT] }, 0.5, paces, []],
    ['ON_TRACK and AHEAD do not fire', rule, 0.5, [{ kpi: Kpi.ATTEMPTS, status: KpiStatus.ON_TRACK }, { kpi: Kpi.COLLECTED_AMOUNT, status: KpiStatus.AHEAD }], []],
    ['no target, no status, no alert', rule, 0.5, [{ kpi: Kpi.ATTEMPTS, status: null }], []],
    ['every watched KPI BEHIND fires each', rule, 0.5, [{ kpi: Kpi.ATTEMPTS, status: KpiStatus.BEHIND }, { kpi: Kpi.COLLECTED_AMOUNT, status: KpiStatus.BEHIND }], [Kpi.ATTEMPTS, Kpi.COLLECTED_AMOUNT]],
    ['a disabled rule never fires', { ...rule, enabled: false }, 0.9, paces, []],
  ])('%s', (_case, r, share, p, expected) => {
    expect(kpisBehindPace(r, share, p)).toEqual(expected);
  });
});

describe('overstayed (AGENT_PAUSED_TOO_LONG, AGENT_IN_WRAP_UP_TOO_LONG)', () => {
  const limit: RuleThresholds = { enabled: true, limitSeconds: 600 };
  it.each([
    [AlertKind.AGENT_PAUSED_TOO_LONG, limit, Presence.PAUSED, 599, false],
    [AlertKind.AGENT_PAUSED_TOO_LONG, limit, Presence.PAUSED, 600, true],
    [AlertKind.AGENT_PAUSED_TOO_LONG, limit, Presence.PAUSED, 7200, true],
    [AlertKind.AGENT_PAUSED_TOO_LONG, limit, Presence.WRAP_UP, 7200, false],
    [AlertKind.AGENT_PAUSED_TOO_LONG, limit, Presence.AVAILABLE, 7200, false],
    [AlertKind.AGENT_IN_WRAP_UP_TOO_LONG, limit, Presence.WRAP_UP, 600, true],
    [AlertKind.AGENT_IN_WRAP_UP_TOO_LONG, limit, Presence.WRAP_UP, 10, false],
    [AlertKind.AGENT_IN_WRAP_UP_TOO_LONG, limit, Presence.PAUSED, 7200, false],
    [AlertKind.AGENT_IN_WRAP_UP_TOO_LONG, { ...limit, enabled: false }, Presence.WRAP_UP, 7200, false],
    [AlertKind.BROKEN_PROMISE, limit, Presence.PAUSED, 7200, false],
  ])('%s, limit %o, %s for %i s: %s', (kind, rule, status, seconds, expected) => {
    expect(overstayed(kind, rule, { status, since: at(0) }, at(seconds))).toBe(expected);
  });
});

describe('brokenPromiseAlerts (BROKEN_PROMISE)', () => {
  const rule: RuleThresholds = { enabled: true, amountMinor: 100_000 };
  it.each([
    ['BROKEN above the amount', rule, 'BROKEN', 150_000, true],
    ['BROKEN at the amount', rule, 'BROKEN', 100_000, true],
    ['BROKEN below the amount', rule, 'BROKEN', 99_999, false],
    ['PARTIALLY_KEPT is a part payment, not a break', rule, 'PARTIALLY_KEPT', 500_000, false],
    ['KEPT', rule, 'KEPT', 500_000, false],
    ['PENDING', rule, 'PENDING', 500_000, false],
    ['disabled', { ...rule, enabled: false }, 'BROKEN', 500_000, false],
  ])('%s', (_case, r, status, amountFloorMinor, expected) => {
    expect(brokenPromiseAlerts(r, { status, amountFloorMinor })).toBe(expected);
  });
});

describe('refusalBurst (CONTACT_REFUSALS_BURST)', () => {
  const rule: RuleThresholds = { enabled: true, refusalCount: 3, windowSeconds: 60 };
  it.each([
    ['too few refusals', rule, [0, 10], null],
    ['three within the window', rule, [0, 10, 60], [0, 60]],
    ['three spread wider than the window', rule, [0, 31, 61], null],
    ['the first run that fits, after a straggler', rule, [0, 100, 120, 130, 140], [100, 130]],
    ['a count of one fires on any refusal', { ...rule, refusalCount: 1 }, [42], [42, 42]],
    ['disabled', { ...rule, enabled: false }, [0, 1, 2], null],
  ])('%s', (_case, r, seconds, expected) => {
    const burst = refusalBurst(r, seconds.map(at));
    expect(burst && [burst.first, burst.last]).toEqual(expected && expected.map(at));
  });
});

describe('ruleProblems (updateAlertRule input)', () => {
  it.each([
    [AlertKind.TEAM_BEHIND_PACE, { shiftShare: 0.5, kpis: [Kpi.ATTEMPTS] }, null],
    [AlertKind.TEAM_BEHIND_PACE, { shiftShare: 1 }, null],
    [AlertKind.TEAM_BEHIND_PACE, { shiftShare: 0 }, 'shiftShare'],
    [AlertKind.TEAM_BEHIND_PACE, { shiftShare: 1.01 }, 'shiftShare'],
    [AlertKind.TEAM_BEHIND_PACE, { shiftShare: -0.5 }, 'shiftShare'],
    [AlertKind.TEAM_BEHIND_PACE, { shiftShare: Number.NaN }, 'shiftShare'],
    [AlertKind.TEAM_BEHIND_PACE, { kpis: [] }, 'kpis'],
    [AlertKind.TEAM_BEHIND_PACE, { kpis: [Kpi.ATTEMPTS, Kpi.ATTEMPTS] }, 'kpis'],
    [AlertKind.TEAM_BEHIND_PACE, { limitSeconds: 60 }, 'limitSeconds'],
    [AlertKind.AGENT_PAUSED_TOO_LONG, { limitSeconds: 60 }, null],
    [AlertKind.AGENT_PAUSED_TOO_LONG, { limitSeconds: 0 }, 'limitSeconds'],
    [AlertKind.AGENT_PAUSED_TOO_LONG, { limitSeconds: -5 }, 'limitSeconds'],
    [AlertKind.AGENT_PAUSED_TOO_LONG, { limitSeconds: 1.5 }, 'limitSeconds'],
    [AlertKind.AGENT_IN_WRAP_UP_TOO_LONG, { limitSeconds: 24 * 3600 + 1 }, 'limitSeconds'],
    [AlertKind.AGENT_IN_WRAP_UP_TOO_LONG, { shiftShare: 0.5 }, 'shiftShare'],
    [AlertKind.BROKEN_PROMISE, { amountMinor: 1 }, null],
    [AlertKind.BROKEN_PROMISE, { amountMinor: 0 }, 'amount'],
    [AlertKind.BROKEN_PROMISE, { amountMinor: -100 }, 'amount'],
    [AlertKind.BROKEN_PROMISE, { refusalCount: 3 }, 'refusalCount'],
    [AlertKind.CONTACT_REFUSALS_BURST, { refusalCount: 3, windowSeconds: 60 }, null],
    [AlertKind.CONTACT_REFUSALS_BURST, { refusalCount: 0 }, 'refusalCount'],
    [AlertKind.CONTACT_REFUSALS_BURST, { windowSeconds: 0 }, 'windowSeconds'],
    [AlertKind.CONTACT_REFUSALS_BURST, { amountMinor: 100 }, 'amount'],
    [AlertKind.CONTACT_REFUSALS_BURST, {}, null],
  ] as Array<[AlertKind, Partial<RuleThresholds>, string | null]>)('%s %o → %s', (kind, input, argument) => {
    expect(ruleProblems(kind, input)?.argument ?? null).toBe(argument);
  });

  it('every default rule passes its own validation', () => {
    for (const [kind, rule] of Object.entries(DEFAULT_RULES)) expect(ruleProblems(kind as AlertKind, rule)).toBeNull();
  });
});
