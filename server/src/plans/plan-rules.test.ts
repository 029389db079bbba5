import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../shared/policy.js';
import { planApproval, planProblems, policyCeilings } from './plan-rules.js';

const today = '2026-11-18';
const monthly = (n: number, each: number) =>
  Array.from({ length: n }, (_, i) => ({ dueDate: `20${27 + Math.floor((i + 10) / 12) - 1}-${String(((i + 10) % 12) + 1).padStart(2, '0')}-20`, amountMinor: each }));

describe('planProblems (DOMAIN.md §4)', () => {
  it('accepts 2 instalments that add up to the total', () => {
    expect(planProblems({ totalMinor: 1000, instalments: [{ dueDate: today, amountMinor: 500 }, { dueDate: '2026-12-18', amountMinor: 500 }] }, 5000, today, DEFAULT_POLICY)).toBeNull();
  });
  it('accepts 24 instalments', () => {
    expect(planProblems({ totalMinor: 2400, instalments: monthly(24, 100) }, 5000, today, DEFAULT_POLICY)).toBeNull();
  });
  it.each([
    ['one cent short', { totalMinor: 1000, instalments: [{ dueDate: today, amountMinor: 500 }, { dueDate: '2026-12-18', amountMinor: 499 }] }, 'instalments'],
    ['one cent over', { totalMinor: 1000, instalments: [{ dueDate: today, amountMinor: 501 }, { dueDate: '2026-12-18', amountMinor: 500 }] }, 'instalments'],
    ['a single instalment', { totalMinor: 1000, instalments: [{ dueDate: today, amountMinor: 1000 }] }, 'instalments'],
    ['25 instalments', { totalMinor: 2500, instalments: monthly(25, 100) }, 'instalments'],
    ['a zero instalment', { totalMinor: 1000, instalments: [{ dueDate: today, amountMinor: 0 }, { dueDate: '2026-12-18', amountMinor: 1000 }] }, 'instalments[0].amount'],
    ['a past due date', { totalMinor: 1000, instalments: [{ dueDate: '2026-11-17', amountMinor: 500 }, { dueDate: '2026-12-18', amountMinor: 500 }] }, 'instalments[0].dueDate'],
    ['dates out of order', { totalMinor: 1000, instalments: [{ dueDate: '2026-12-18', amountMinor: 500 }, { dueDate: today, amountMinor: 500 }] }, 'instalments[1].dueDate'],
    ['a total above the balance', { totalMinor: 5001, instalments: [{ dueDate: today, amountMinor: 2500 }, { dueDate: '2026-12-18', amountMinor: 2501 }] }, 'total'],
    ['a zero total', { totalMinor: 0, instalments: [] }, 'total'],
  ])('refuses %s', (_name, terms, argument) => {
    expect(planProblems(terms, 5000, today, DEFAULT_POLICY)?.argument).toBe(argument);
  });
});

describe('planApproval', () => {
  it.each([
    [8000, 12, false],
    [7999, 12, true],
    [10_000, 13, true],
    [10_000, 2, false],
  ])('total %i in %i instalments on a 10,000 balance needs approval: %s', (total, n, needed) => {
    expect(planApproval({ totalMinor: total, instalments: monthly(n, 1) }, 10_000, policyCeilings(DEFAULT_POLICY)).needed).toBe(needed);
  });

  it.each([
    [6000, 24, false],
    [5999, 24, true],
    [10_000, 25, true],
  ])('under a charge-off strategy (40%%, 24 instalments), total %i in %i instalments needs approval: %s', (total, n, needed) => {
    expect(planApproval({ totalMinor: total, instalments: monthly(n, 1) }, 10_000, { maxDiscount: 0.4, maxInstalments: 24 }).needed).toBe(needed);
  });
});
