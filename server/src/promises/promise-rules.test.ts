import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../shared/policy.js';
import { graceEndsOn, promiseNeedsApproval, promiseProblems } from './promise-rules.js';

const today = '2026-11-18';

describe('promiseProblems (DOMAIN.md §4)', () => {
  it.each([
    [{ amountMinor: 1, dueDate: today }, null],
    [{ amountMinor: 50_000, dueDate: today }, null],
    [{ amountMinor: 100, dueDate: '2026-12-18' }, null],
    [{ amountMinor: 0, dueDate: today }, 'amount'],
    [{ amountMinor: -5, dueDate: today }, 'amount'],
    [{ amountMinor: 50_001, dueDate: today }, 'amount'],
    [{ amountMinor: 100, dueDate: '2026-11-17' }, 'dueDate'],
    [{ amountMinor: 100, dueDate: '2026-12-19' }, 'dueDate'],
    [{ amountMinor: 100, dueDate: '2026-02-30' }, 'dueDate'],
  ])('%j with a balance of 50,000 -> %s', (terms, argument) => {
    expect(promiseProblems(terms, 50_000, today, DEFAULT_POLICY)?.argument ?? null).toBe(argument);
  });
});

describe('promiseNeedsApproval', () => {
  it.each([
    [999, 10_000, true],
    [1000, 10_000, false],
    [1, 0, false],
    [1, 9, false],
    [0, 10, true],
  ])('%i against an amount due of %i: %s', (amount, due, needs) => {
    expect(promiseNeedsApproval(amount, due, DEFAULT_POLICY)).toBe(needs);
  });
});

describe('graceEndsOn', () => {
  it('is the due date plus two days, across a month end', () => {
    expect(graceEndsOn('2026-11-29', DEFAULT_POLICY)).toBe('2026-12-01');
  });
});
