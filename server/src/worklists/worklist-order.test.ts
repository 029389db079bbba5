import { describe, expect, it } from 'vitest';
import {
  classify,
  comparableValue,
  dueCallback,
  expectedValueMinor,
  orderWorklist,
  type PromiseFact,
  type WorklistCandidate,
  type WorklistMoment,
  type WorklistReason,
} from './worklist-order.js';

// Wednesday 18 Nov 2026, 10:00 on a Mexico City floor.
const MOMENT: WorklistMoment = { now: new Date('2026-11-18T16:00:00Z'), today: '2026-11-18', floorTimeZone: 'America/Mexico_City' };

let nextId = 1;
function candidate(overrides: Partial<WorklistCandidate> = {}): WorklistCandidate {
  return {
    accountId: nextId++,
    status: 'ACTIVE',
    bucket: 'B2',
    currency: 'USD',
    balanceMinor: 100_000,
    propensityScore: 0.5,
    strategyPriority: 6,
    callbackEarlyMinutes: 15,
    callbackLateMinutes: 120,
    requestedCallbacks: [],
    contactsMade: [],
    promises: [],
    missedInstalments: [],
    ...overrides,
  };
}

const promise = (status: PromiseFact['status'], dueDate: string, graceEndsOn: string, amountMinor = 25_000): PromiseFact => ({ status, dueDate, graceEndsOn, amountMinor });

describe('classify: the reason an account is called', () => {
  it.each<[string, Partial<WorklistCandidate>, WorklistReason | null, string | null]>([
    ['a callback chosen for 10:30: its window opens at 10:15, not yet', { requestedCallbacks: [new Date('2026-11-18T16:30:00Z')] }, 'PRIORITY', null],
    ['a callback chosen for 10:10: its window opened at 09:55', { requestedCallbacks: [new Date('2026-11-18T16:10:00Z')] }, 'CALLBACK_DUE', 'Callback requested for 10:10'],
    ['a callback chosen for 08:00: its window closes at 10:00, inclusive', { requestedCallbacks: [new Date('2026-11-18T14:00:00Z')] }, 'CALLBACK_DUE', 'Callback requested for 08:00'],
    ['a callback chosen for 07:59: its window closed at 09:59', { requestedCallbacks: [new Date('2026-11-18T13:59:00Z')] }, 'PRIORITY', null],
    [
      'a callback already answered by an attempt inside its window',
      { requestedCallbacks: [new Date('2026-11-18T15:50:00Z')], contactsMade: [new Date('2026-11-18T15:36:00Z')] },
      'PRIORITY',
      null,
    ],
    [
      'an attempt before the callback window does not answer it',
      { requestedCallbacks: [new Date('2026-11-18T15:50:00Z')], contactsMade: [new Date('2026-11-18T15:34:59Z')] },
      'CALLBACK_DUE',
      'Callback requested for 09:50',
    ],
    ['a PENDING promise due today', { promises: [promise('PENDING', '2026-11-18', '2026-11-20')] }, 'PROMISE_DUE_TODAY', 'Promise of 250.00 USD due today'],
    ['a promise due today still awaiting approval does not count yet', { promises: [promise('PENDING_APPROVAL', '2026-11-18', '2026-11-20')] }, 'PRIORITY', null],
    ['a PENDING promise due tomorrow', { promises: [promise('PENDING', '2026-11-19', '2026-11-21')] }, 'PRIORITY', null],
    [
      'a promise broken by today’s rollover (grace ended yesterday)',
      { promises: [promise('BROKEN', '2026-11-15', '2026-11-17')] },
      'PROMISE_BROKEN_YESTERDAY',
      'Promise of 250.00 USD due 2026-11-15 broken; its grace ended yesterday',
    ],
    [
      'a promise partly kept is short of what was promised too',
      { promises: [promise('PARTIALLY_KEPT', '2026-11-15', '2026-11-17')] },
      'PROMISE_BROKEN_YESTERDAY',
      'Promise of 250.00 USD due 2026-11-15 partly kept; its grace ended yesterday',
    ],
    ['a promise broken two days ago is old news', { promises: [promise('BROKEN', '2026-11-14', '2026-11-16')] }, 'PRIORITY', null],
    ['a promise kept yesterday', { promises: [promise('KEPT', '2026-11-15', '2026-11-17')] }, 'PRIORITY', null],
    [
      'a missed instalment of an active plan',
      { status: 'IN_ARRANGEMENT', missedInstalments: [{ sequence: 2, of: 6, dueDate: '2026-11-10', amountMinor: 10_000 }] },
      'PLAN_INSTALMENT_MISSED',
      'Plan instalment 2 of 6 (100.00 USD) due 2026-11-10 missed',
    ],
    ['an account keeping its plan is not called', { status: 'IN_ARRANGEMENT' }, null, null],
    ['an account in arrangement with a promise due today is', { status: 'IN_ARRANGEMENT', promises: [promise('PENDING', '2026-11-18', '2026-11-20')] }, 'PROMISE_DUE_TODAY', 'Promise of 250.00 USD due today'],
    [
      'a callback outranks a promise due today',
      { requestedCallbacks: [new Date('2026-11-18T16:00:00Z')], promises: [promise('PENDING', '2026-11-18', '2026-11-20')] },
      'CALLBACK_DUE',
      'Callback requested for 10:00',
    ],
    [
      'a promise due today outranks one broken yesterday and a missed instalment',
      {
        promises: [promise('BROKEN', '2026-11-15', '2026-11-17'), promise('PENDING', '2026-11-18', '2026-11-20', 5_000)],
        missedInstalments: [{ sequence: 1, of: 3, dueDate: '2026-11-01', amountMinor: 1 }],
      },
      'PROMISE_DUE_TODAY',
      'Promise of 50.00 USD due today',
    ],
    [
      'a broken promise outranks a missed instalment',
      { promises: [promise('BROKEN', '2026-11-15', '2026-11-17')], missedInstalments: [{ sequence: 1, of: 3, dueDate: '2026-11-01', amountMinor: 1 }] },
      'PROMISE_BROKEN_YESTERDAY',
      null,
    ],
    ['anything else is worked by priority', { bucket: 'B3', strategyPriority: 5, balanceMinor: 123_456, propensityScore: 0.5 }, 'PRIORITY', 'B3 (strategy priority 5), expected 617.28 USD'],
  ])('%s', (_name, overrides, reason, detail) => {
    const result = classify(candidate(overrides), MOMENT);
    expect(result?.reason ?? null).toBe(reason);
    if (detail !== null) expect(result?.detail).toBe(detail);
  });

  it('picks the earliest unanswered callback when several are due', () => {
    const c = candidate({ requestedCallbacks: [new Date('2026-11-18T16:10:00Z'), new Date('2026-11-18T15:30:00Z'), new Date('2026-11-18T20:00:00Z')] });
    expect(dueCallback(c, MOMENT.now)?.toISOString()).toBe('2026-11-18T15:30:00.000Z');
  });

  it('uses the profile’s callback window', () => {
    const c = candidate({ requestedCallbacks: [new Date('2026-11-18T16:30:00Z')], callbackEarlyMinutes: 30 });
    expect(classify(c, MOMENT)?.reason).toBe('CALLBACK_DUE');
  });
});

describe('expected value', () => {
  it.each<[number, number, number]>([
    [100_000, 0.5, 50_000],
    [123_457, 0.5, 61_729], // rounds half away from zero to a whole minor unit
    [99, 0.01, 1],
    [100_000, 1.5, 100_000], // a score is clamped to 0-1
    [100_000, -1, 0],
    [100_000, Number.NaN, 0],
  ])('balance %i x propensity %d = %i minor units', (balance, propensity, ev) => {
    expect(expectedValueMinor(balance, propensity)).toBe(ev);
  });

  it('compares in MXN, a dollar at 17 pesos', () => {
    expect(comparableValue(1_700, 'MXN')).toBe(1_700);
    expect(comparableValue(100, 'USD')).toBe(1_700);
    expect(comparableValue(100, 'EUR')).toBe(100);
  });
});

describe('orderWorklist', () => {
  it.each<[string, Array<[label: string, overrides: Partial<WorklistCandidate>]>, string[]]>([
    [
      'the four reasons before priority, whatever the bucket or value',
      [
        ['priority', { strategyPriority: 1, balanceMinor: 10_000_000 }],
        ['missed', { strategyPriority: 8, balanceMinor: 100, missedInstalments: [{ sequence: 1, of: 2, dueDate: '2026-11-01', amountMinor: 50 }] }],
        ['broken', { strategyPriority: 8, balanceMinor: 100, promises: [promise('BROKEN', '2026-11-15', '2026-11-17', 50)] }],
        ['due today', { strategyPriority: 8, balanceMinor: 100, promises: [promise('PENDING', '2026-11-18', '2026-11-20', 50)] }],
        ['callback', { strategyPriority: 8, balanceMinor: 100, requestedCallbacks: [new Date('2026-11-18T16:00:00Z')] }],
      ],
      ['callback', 'due today', 'broken', 'missed', 'priority'],
    ],
    [
      'callbacks by the time chosen, before priority',
      [
        ['10:05', { strategyPriority: 1, requestedCallbacks: [new Date('2026-11-18T16:05:00Z')] }],
        ['09:00', { strategyPriority: 8, requestedCallbacks: [new Date('2026-11-18T15:00:00Z')] }],
      ],
      ['09:00', '10:05'],
    ],
    [
      'lower strategy priority first, then higher expected value',
      [
        ['B1 large', { strategyPriority: 7, balanceMinor: 9_000_000 }],
        ['B6 small', { strategyPriority: 2, balanceMinor: 1_000, propensityScore: 0.1 }],
        ['B6 large', { strategyPriority: 2, balanceMinor: 500_000, propensityScore: 0.9 }],
      ],
      ['B6 large', 'B6 small', 'B1 large'],
    ],
    [
      'expected value is balance x propensity, not balance',
      [
        ['big balance, unlikely', { balanceMinor: 1_000_000, propensityScore: 0.05 }], // 50,000
        ['smaller, likely', { balanceMinor: 200_000, propensityScore: 0.9 }], // 180,000
      ],
      ['smaller, likely', 'big balance, unlikely'],
    ],
    [
      'USD compared with MXN at 17 pesos per dollar',
      [
        ['MXN 16,000 (USD 941)', { currency: 'MXN', balanceMinor: 1_600_000, propensityScore: 1 }],
        ['USD 1,000', { currency: 'USD', balanceMinor: 100_000, propensityScore: 1 }],
        ['MXN 18,000 (USD 1,059)', { currency: 'MXN', balanceMinor: 1_800_000, propensityScore: 1 }],
      ],
      ['MXN 18,000 (USD 1,059)', 'USD 1,000', 'MXN 16,000 (USD 941)'],
    ],
    [
      'ties by account id',
      [
        ['third', { accountId: 30 }],
        ['first', { accountId: 10 }],
        ['second', { accountId: 20 }],
      ],
      ['first', 'second', 'third'],
    ],
    [
      'an account in arrangement with nothing due is left out',
      [
        ['keeping its plan', { status: 'IN_ARRANGEMENT' }],
        ['active', {}],
      ],
      ['active'],
    ],
  ])('%s', (_name, rows, expected) => {
    const labels = new Map<number, string>();
    const candidates = rows.map(([label, overrides]) => {
      const c = candidate(overrides);
      labels.set(c.accountId, label);
      return c;
    });
    const ordered = orderWorklist(candidates, MOMENT);
    expect(ordered.map((item) => labels.get(item.accountId))).toEqual(expected);
    expect(ordered.map((item) => item.rank)).toEqual(expected.map((_, i) => i + 1));
  });

  it('does not depend on the order candidates arrive in', () => {
    const candidates = Array.from({ length: 40 }, (_, i) =>
      candidate({
        accountId: 1000 + i,
        strategyPriority: (i * 7) % 5,
        balanceMinor: ((i * 37) % 11) * 10_000,
        promises: i % 9 === 0 ? [promise('PENDING', '2026-11-18', '2026-11-20')] : [],
      }),
    );
    const forward = orderWorklist(candidates, MOMENT).map((x) => x.accountId);
    const backward = orderWorklist([...candidates].reverse(), MOMENT).map((x) => x.accountId);
    expect(backward).toEqual(forward);
  });
});
