import { describe, expect, it } from 'vitest';
import { formatDay, formatDuration, formatMoney, formatPercent } from './format';

describe('formatting by locale', () => {
  it.each([
    ['en', { amount: '1234567.89', currencyCode: 'MXN' }, 'MX$1,234,567.89'],
    ['es-MX', { amount: '1234567.89', currencyCode: 'MXN' }, '$1,234,567.89'],
    ['es-MX', { amount: '1234.5', currencyCode: 'USD' }, 'USD 1,234.50'],
    ['en', { amount: '0.10', currencyCode: 'USD' }, '$0.10'],
  ])('money in %s: %j -> %s', (locale, money, expected) => {
    expect(formatMoney(money, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('formats a decimal string exactly, with no trip through a float', () => {
    expect(formatMoney({ amount: '90071992547409.99', currencyCode: 'MXN' }, 'en')).toBe('MX$90,071,992,547,409.99');
  });

  it('shows an unknown currency raw rather than failing', () => {
    expect(formatMoney({ amount: '12.00', currencyCode: 'XXXX' }, 'en')).toBe('12.00 XXXX');
  });

  it('formats percentages and days per locale', () => {
    expect(formatPercent(0.256, 'en')).toBe('25.6%');
    expect(formatPercent(0.256, 'es-MX')).toBe('25.6%');
    expect(formatDay('2026-11-18', 'en')).toBe('Nov 18, 2026');
    expect(formatDay('2026-11-18', 'es-MX')).toBe('18 nov 2026');
  });

  it.each([
    [0, '0:00'],
    [59, '0:59'],
    [61, '1:01'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
  ])('duration %i s -> %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
