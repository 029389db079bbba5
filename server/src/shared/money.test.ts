import { describe, expect, it } from 'vitest';
import { formatMinor, parseMinor } from './money.js';

describe('money', () => {
  it.each([
    [0, 'USD', '0.00'],
    [5, 'USD', '0.05'],
    [123456, 'MXN', '1234.56'],
    [-250, 'USD', '-2.50'],
    [1500, 'JPY', '1500'],
  ] as const)('formats %i %s as %s', (minor, currency, text) => {
    expect(formatMinor(minor, currency)).toBe(text);
    expect(parseMinor(text, currency)).toBe(minor);
  });

  it.each(['1.234', '1e3', 'abc', '', '1.'])('refuses %j for USD', (text) => {
    expect(() => parseMinor(text, 'USD')).toThrow(RangeError);
  });

  it('refuses decimals on a currency without minor units', () => {
    expect(() => parseMinor('10.5', 'JPY')).toThrow(RangeError);
  });
});
