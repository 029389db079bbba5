import { describe, expect, it } from 'vitest';
import { allocateOldestFirst, instalmentOutcome, planBroken, promiseOutcome } from './settlement.js';

describe('allocateOldestFirst', () => {
  const items = [
    { id: 1, outstanding: 100 },
    { id: 2, outstanding: 0 },
    { id: 3, outstanding: 250 },
    { id: 4, outstanding: 50 },
  ];
  it.each([
    [0, []],
    [1, [{ id: 1, amount: 1 }]],
    [100, [{ id: 1, amount: 100 }]],
    [101, [{ id: 1, amount: 100 }, { id: 3, amount: 1 }]],
    [350, [{ id: 1, amount: 100 }, { id: 3, amount: 250 }]],
    [400, [{ id: 1, amount: 100 }, { id: 3, amount: 250 }, { id: 4, amount: 50 }]],
    [999, [{ id: 1, amount: 100 }, { id: 3, amount: 250 }, { id: 4, amount: 50 }]],
  ])('spreads %i oldest first', (amount, shares) => {
    expect(allocateOldestFirst(items, amount)).toEqual(shares);
  });

  it.each([-1, 1.5])('refuses %s', (amount) => {
    expect(() => allocateOldestFirst(items, amount)).toThrow(RangeError);
  });
});

describe('promiseOutcome (DOMAIN.md §4)', () => {
  it.each([
    [1000, 1000, false, 'KEPT'],
    [1000, 1200, true, 'KEPT'],
    [1000, 999, false, 'PENDING'],
    [1000, 0, false, 'PENDING'],
    [1000, 999, true, 'PARTIALLY_KEPT'],
    [1000, 1, true, 'PARTIALLY_KEPT'],
    [1000, 0, true, 'BROKEN'],
  ] as const)('amount %i, paid %i, grace ended %s: %s', (amount, paid, ended, outcome) => {
    expect(promiseOutcome(amount, paid, ended)).toBe(outcome);
  });
});

describe('instalmentOutcome', () => {
  it.each([
    [500, 500, '2026-11-10', '2026-11-18', 'PAID'],
    [500, 499, '2026-11-18', '2026-11-18', 'PARTIALLY_PAID'],
    [500, 0, '2026-11-18', '2026-11-18', 'PENDING'],
    [500, 0, '2026-11-16', '2026-11-18', 'PENDING'],
    [500, 0, '2026-11-15', '2026-11-18', 'MISSED'],
    [500, 499, '2026-11-15', '2026-11-18', 'MISSED'],
  ] as const)('amount %i paid %i due %s on %s with 2 days of grace: %s', (amount, paid, due, today, outcome) => {
    expect(instalmentOutcome(amount, paid, due, today, 2)).toBe(outcome);
  });

  it('breaks a plan at two missed instalments', () => {
    expect(planBroken(1, 2)).toBe(false);
    expect(planBroken(2, 2)).toBe(true);
  });
});
