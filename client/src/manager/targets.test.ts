import { describe, expect, it } from 'vitest';
import { bucketGoalValue, targetArgs } from './targets';

describe('target input', () => {
  it.each([
    ['COLLECTED_AMOUNT', '125000', { amount: { amount: '125000.00', currencyCode: 'MXN' } }],
    ['PROMISED_AMOUNT', '99.5', { amount: { amount: '99.50', currencyCode: 'MXN' } }],
    ['CONTACT_RATE', '35', { value: 0.35 }],
    ['PTP_RATE', '12.5', { value: 0.125 }],
    ['ATTEMPTS', '250', { value: 250 }],
    ['ATTEMPTS', 'abc', null],
    ['COLLECTED_AMOUNT', '1.234', null],
    ['RPC_RATE', '150', null],
    ['ATTEMPTS', '-3', null],
  ] as const)('%s typed %s -> %j', (kpi, typed, expected) => {
    expect(targetArgs(kpi, typed, 'MXN')).toEqual(expected);
  });

  it.each([
    ['CURE_RATE', '35', '0.35'],
    ['ROLL_RATE', '7.5', '0.075'],
    ['COLLECTED_AMOUNT', '125000.00', '125000.00'],
    ['CURE_RATE', '101', null],
    ['ROLL_RATE', 'x', null],
  ] as const)('bucket goal %s typed %s -> %s', (metric, typed, expected) => {
    expect(bucketGoalValue(metric, typed)).toBe(expected);
  });
});
