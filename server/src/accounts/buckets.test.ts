import { describe, expect, it } from 'vitest';
import { bucketForDpd, daysPastDue, delinquency } from './buckets.js';

describe('bucketForDpd (DOMAIN.md §2)', () => {
  it.each([
    [0, 'CURRENT'],
    [1, 'B1'],
    [29, 'B1'],
    [30, 'B2'],
    [59, 'B2'],
    [60, 'B3'],
    [89, 'B3'],
    [90, 'B4'],
    [119, 'B4'],
    [120, 'B5'],
    [149, 'B5'],
    [150, 'B6'],
    [179, 'B6'],
    [180, 'CHARGE_OFF'],
    [2000, 'CHARGE_OFF'],
  ])('DPD %i is %s', (dpd, bucket) => {
    expect(bucketForDpd(dpd)).toBe(bucket);
  });

  it.each([-1, 1.5, Number.NaN])('refuses DPD %s', (dpd) => {
    expect(() => bucketForDpd(dpd)).toThrow(RangeError);
  });

  it('follows a configured scheme', () => {
    const scheme = { lowerBounds: [['CURRENT', 0], ['B1', 5], ['CHARGE_OFF', 90]] as const };
    expect(bucketForDpd(4, scheme)).toBe('CURRENT');
    expect(bucketForDpd(5, scheme)).toBe('B1');
    expect(bucketForDpd(90, scheme)).toBe('CHARGE_OFF');
  });
});

describe('daysPastDue', () => {
  it.each([
    [null, '2026-03-01', 0],
    ['2026-03-01', '2026-03-01', 0],
    ['2026-03-01', '2026-02-20', 0],
    ['2026-02-28', '2026-03-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-01-01', '2026-07-01', 181],
  ] as const)('from %s to %s is %i', (due, today, dpd) => {
    expect(daysPastDue(due, today)).toBe(dpd);
  });

  it('counts across a daylight-saving change as whole calendar days', () => {
    expect(daysPastDue('2026-03-07', '2026-03-09')).toBe(2);
  });
});

describe('delinquency', () => {
  it('puts a written-off account in CHARGE_OFF whatever its DPD', () => {
    expect(delinquency({ oldestUnpaidDueDate: null, writtenOff: true }, '2026-05-01')).toEqual({ dpd: 0, bucket: 'CHARGE_OFF' });
  });
  it('derives DPD and bucket together', () => {
    expect(delinquency({ oldestUnpaidDueDate: '2026-04-01', writtenOff: false }, '2026-05-01')).toEqual({ dpd: 30, bucket: 'B2' });
  });
});
