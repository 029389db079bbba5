import { describe, expect, it } from 'vitest';
import { Prng } from '../db/seed/prng.js';
import { daysBetween } from '../shared/dates.js';
import { payableBase, paymentTerms, planTerms, promiseTerms, referralTerms, splitInstalments } from './outcome-terms.js';

describe('splitInstalments: instalments adding up exactly to the total (§4)', () => {
  it.each([
    [120_000, 4, [30_000, 30_000, 30_000, 30_000]],
    [100_001, 3, [33_300, 33_300, 33_401]],
    [1_000, 3, [300, 300, 400]],
    [250, 3, [83, 83, 84]],
    [2, 6, [1, 1]],
    [99_999, 12, [8_300, 8_300, 8_300, 8_300, 8_300, 8_300, 8_300, 8_300, 8_300, 8_300, 8_300, 8_699]],
  ])('%i minor units in %i', (total, count, expected) => {
    const parts = splitInstalments(total, count);
    expect(parts).toEqual(expected);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(parts.every((p) => p > 0)).toBe(true);
  });

  it.each([0, -5, 1.5])('refuses a total of %s', (total) => {
    expect(() => splitInstalments(total, 3)).toThrow(RangeError);
  });
});

describe('payableBase', () => {
  it.each([
    ['the arrears when part of the balance is due', { balanceMinor: 500_000, amountDueMinor: 80_000 }, 80_000, 80_000],
    ['a slice of a balance that is all due', { balanceMinor: 500_000, amountDueMinor: 500_000 }, 25_000, 125_000],
    ['a slice of a balance not due yet', { balanceMinor: 500_000, amountDueMinor: 0 }, 25_000, 125_000],
  ])('%s', (_name, account, min, max) => {
    for (let seed = 0; seed < 50; seed++) {
      const base = payableBase(account, new Prng(seed));
      expect(base).toBeGreaterThanOrEqual(min);
      expect(base).toBeLessThanOrEqual(max);
    }
  });
});

describe('terms within the balance and the policy', () => {
  const accounts = [
    { balanceMinor: 1_234_567, amountDueMinor: 234_500 },
    { balanceMinor: 999, amountDueMinor: 999 },
    { balanceMinor: 50, amountDueMinor: 50 },
  ];

  it('promises: more than zero, at most the balance, due in 1-28 days; now and then one below 10% of the amount due', () => {
    let small = 0;
    for (let seed = 0; seed < 3000; seed++) {
      const account = accounts[seed % accounts.length]!;
      const t = promiseTerms(account, '2026-11-18', new Prng(seed));
      expect(t.amountMinor).toBeGreaterThan(0);
      expect(t.amountMinor).toBeLessThanOrEqual(account.balanceMinor);
      expect(daysBetween('2026-11-18', t.dueDate)).toBeGreaterThanOrEqual(1);
      expect(daysBetween('2026-11-18', t.dueDate)).toBeLessThanOrEqual(28);
      if (seed % accounts.length === 0 && t.amountMinor < account.amountDueMinor * 0.1) small++;
    }
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(150);
  });

  it('payments: more than zero, at most the balance, the card’s last four only for a card', () => {
    for (let seed = 0; seed < 1000; seed++) {
      const account = accounts[seed % accounts.length]!;
      const t = paymentTerms(account, new Prng(seed));
      expect(t.amountMinor).toBeGreaterThan(0);
      expect(t.amountMinor).toBeLessThanOrEqual(account.balanceMinor);
      if (t.method === 'CARD_TERMINAL') expect(t.cardLast4).toMatch(/^\d{4}$/);
      else expect(t.cardLast4).toBeNull();
    }
  });

  it.each([
    [{ maxDiscount: 0.2, maxInstalments: 12 }],
    [{ maxDiscount: 0, maxInstalments: 6 }],
    [{ maxDiscount: 0.9, maxInstalments: 24 }],
    [{ maxDiscount: 0.03, maxInstalments: 2 }],
  ])('plans inside the ceilings %j: 2 or more instalments in date order from 3 days out, the discount allowed', (ceilings) => {
    for (let seed = 0; seed < 1000; seed++) {
      const account = { balanceMinor: 300_000 + seed * 977, amountDueMinor: 90_000 };
      const t = planTerms(account, '2026-11-18', ceilings, new Prng(seed));
      expect(t.instalments.length).toBeGreaterThanOrEqual(2);
      expect(t.instalments.length).toBeLessThanOrEqual(Math.min(12, Math.max(2, ceilings.maxInstalments)));
      expect(t.instalments.reduce((s, i) => s + i.amountMinor, 0)).toBe(t.totalMinor);
      expect(t.totalMinor).toBeLessThanOrEqual(account.balanceMinor);
      expect((account.balanceMinor - t.totalMinor) / account.balanceMinor).toBeLessThanOrEqual(ceilings.maxDiscount + 1e-9);
      expect(daysBetween('2026-11-18', t.instalments[0]!.dueDate)).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < t.instalments.length; i++) expect(t.instalments[i]!.dueDate > t.instalments[i - 1]!.dueDate).toBe(true);
    }
  });

  it('never routes to an outside agency (a pending promise forbids it, §5)', () => {
    for (let seed = 0; seed < 500; seed++) expect(referralTerms(new Prng(seed)).to).not.toBe('OUTSIDE_AGENCY');
  });
});
