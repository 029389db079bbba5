import { describe, expect, it } from 'vitest';
import { zeroFigures, type CounterFigures } from './counter-deltas.js';
import {
  averageHandleSeconds,
  callsPerHour,
  collectedPerHour,
  contactRate,
  handleSeconds,
  KPIS,
  KpiStatus,
  occupancy,
  pacing,
  paceStatus,
  promiseKeptRate,
  ptpRate,
  ratio,
  rpcRate,
} from './kpi-math.js';
import { Kpi } from './target.entity.js';

const t = (figures: Partial<CounterFigures>): CounterFigures => ({ ...zeroFigures(), ...figures });

describe('ratio', () => {
  it.each([
    [1, 2, 0.5],
    [0, 5, 0],
    [3, 0, null],
    [0, 0, null],
    [5, -1, null],
  ])('%d / %d = %s', (n, d, expected) => {
    expect(ratio(n, d)).toBe(expected);
  });
});

describe('the rates of DOMAIN.md §7', () => {
  it.each([
    ['contactRate', contactRate, { contacts: 3, attempts: 12 }, 0.25],
    ['contactRate with inbound contacts', contactRate, { contacts: 6, attempts: 4 }, 1.5],
    ['contactRate with no attempt', contactRate, { contacts: 2, attempts: 0 }, null],
    ['rpcRate', rpcRate, { rightPartyContacts: 2, attempts: 8 }, 0.25],
    ['rpcRate with no attempt', rpcRate, { rightPartyContacts: 2 }, null],
    ['ptpRate', ptpRate, { promises: 3, rightPartyContacts: 4 }, 0.75],
    ['ptpRate with no right party', ptpRate, { promises: 1 }, null],
    ['promiseKeptRate', promiseKeptRate, { promisesKept: 1, promisesPartiallyKept: 1, promisesBroken: 2 }, 0.25],
    ['promiseKeptRate with nothing settled', promiseKeptRate, { promisesKept: 0 }, null],
    ['averageHandleSeconds', averageHandleSeconds, { talkSeconds: 500, wrapSeconds: 100, callsWithTalk: 3 }, 200],
    ['averageHandleSeconds with no talk', averageHandleSeconds, { wrapSeconds: 100 }, null],
    ['occupancy', occupancy, { talkSeconds: 1800, wrapSeconds: 600, connectedSeconds: 7200, pausedSeconds: 1200 }, 0.4],
    ['occupancy all paused', occupancy, { talkSeconds: 10, connectedSeconds: 600, pausedSeconds: 600 }, null],
    ['callsPerHour', callsPerHour, { attempts: 30, connectedSeconds: 7200 }, 15],
    ['callsPerHour never connected', callsPerHour, { attempts: 3 }, null],
    ['collectedPerHour', collectedPerHour, { collectedAmountMinor: 100_000, connectedSeconds: 7200 }, 50_000],
    ['collectedPerHour rounds to a minor unit', collectedPerHour, { collectedAmountMinor: 100, connectedSeconds: 7 * 3600 }, 14],
    ['collectedPerHour never connected', collectedPerHour, { collectedAmountMinor: 100 }, null],
  ] as const)('%s', (_name, rate, figures, expected) => {
    expect(rate(t(figures))).toBe(expected);
  });

  it('handle time is talk plus wrap-up', () => {
    expect(handleSeconds(t({ talkSeconds: 90, wrapSeconds: 30 }))).toBe(120);
  });

  it('defines every KPI of the table once', () => {
    expect(KPIS.map((k) => k.kpi).sort()).toEqual(Object.values(Kpi).sort());
  });
});

describe('pace and status', () => {
  it.each([
    [null, null],
    [1.2, KpiStatus.AHEAD],
    [1, KpiStatus.AHEAD],
    [0.99, KpiStatus.ON_TRACK],
    [0.9, KpiStatus.ON_TRACK],
    [0.8999, KpiStatus.BEHIND],
    [0, KpiStatus.BEHIND],
  ])('pace %s is %s', (pace, status) => {
    expect(paceStatus(pace)).toBe(status);
  });

  const COUNT = { cumulative: true, unit: 'COUNT' } as const;
  const MONEY = { cumulative: true, unit: 'MONEY' } as const;
  const RATE = { cumulative: false, unit: 'RATE' } as const;
  it.each([
    ['no target', 5, null, 0.5, COUNT, { target: null, expectedByNow: null, attainment: null, pace: null, status: null }],
    ['a count half way through', 6, 20, 0.5, COUNT, { target: 20, expectedByNow: 10, attainment: 0.3, pace: 0.6, status: KpiStatus.BEHIND }],
    ['a count on track', 9, 20, 0.5, COUNT, { target: 20, expectedByNow: 10, attainment: 0.45, pace: 0.9, status: KpiStatus.ON_TRACK }],
    ['a count ahead', 10, 20, 0.5, COUNT, { target: 20, expectedByNow: 10, attainment: 0.5, pace: 1, status: KpiStatus.AHEAD }],
    ['before the shift: nothing expected yet', 2, 20, 0, COUNT, { target: 20, expectedByNow: 0, attainment: 0.1, pace: null, status: null }],
    ['money rounds what is expected to a minor unit', 500, 1001, 0.5, MONEY, { target: 1001, expectedByNow: 501, attainment: 500 / 1001, pace: 500 / 501, status: KpiStatus.ON_TRACK }],
    ['a rate is expected whole at any time', 0.3, 0.25, 0.1, RATE, { target: 0.25, expectedByNow: 0.25, attainment: 1.2, pace: 1.2, status: KpiStatus.AHEAD }],
    ['a rate over nothing has no pace', null, 0.25, 0.5, RATE, { target: 0.25, expectedByNow: 0.25, attainment: null, pace: null, status: null }],
    ['a zero target has no attainment', 3, 0, 0.5, COUNT, { target: 0, expectedByNow: 0, attainment: null, pace: null, status: null }],
  ] as const)('%s', (_name, actual, target, share, definition, expected) => {
    expect(pacing(actual, target, share, definition)).toEqual(expected);
  });
});
