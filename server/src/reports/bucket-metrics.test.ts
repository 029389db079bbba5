import { describe, expect, it } from 'vitest';
import { BucketGoalMetric } from '../accounts/bucket-goal.entity.js';
import { BUCKETS, type Bucket } from '../accounts/buckets.js';
import { attainment, bucketMovements, monthPhase, parseGoalValue, parseMonth, rate, rollRateMatrix, type BucketFlow } from './bucket-metrics.js';

const flow = (from: Bucket, to: Bucket, accounts: number, fromBalanceMinor = accounts * 1000, toBalanceMinor = fromBalanceMinor): BucketFlow => ({
  from,
  to,
  accounts,
  fromBalanceMinor,
  toBalanceMinor,
});

describe('bucketMovements (DOMAIN.md §7)', () => {
  const flows = [
    flow('B2', 'CURRENT', 3, 9000),
    flow('B2', 'B1', 2, 5000),
    flow('B2', 'B2', 10, 40000),
    flow('B2', 'B3', 5, 25000),
    flow('B3', 'B5', 1, 7000), // two buckets worse at once still counts as rolled forward
    flow('CURRENT', 'CURRENT', 6, 600),
    flow('CURRENT', 'B1', 4, 400),
    flow('CHARGE_OFF', 'CHARGE_OFF', 2, 100),
    flow('CHARGE_OFF', 'B6', 1, 50),
  ];
  const byBucket = new Map(bucketMovements(flows).map((m) => [m.bucket, m]));

  it('has one row per bucket, worst last, empty ones included', () => {
    expect(bucketMovements([]).map((m) => m.bucket)).toEqual([...BUCKETS]);
    expect(byBucket.get('B4')).toEqual({
      bucket: 'B4',
      openingAccounts: 0,
      openingBalanceMinor: 0,
      cured: 0,
      improved: 0,
      stayed: 0,
      rolledForward: 0,
      cureRate: null,
      rollRate: null,
    });
  });

  it('splits a delinquent bucket into cured, improved, stayed and rolled forward', () => {
    expect(byBucket.get('B2')).toEqual({
      bucket: 'B2',
      openingAccounts: 20,
      openingBalanceMinor: 79000,
      cured: 3,
      improved: 2,
      stayed: 10,
      rolledForward: 5,
      cureRate: 3 / 20,
      rollRate: 5 / 20,
    });
    const b2 = byBucket.get('B2')!;
    expect(b2.cured + b2.improved + b2.stayed + b2.rolledForward).toBe(b2.openingAccounts);
  });

  it('counts any worse bucket as rolled forward', () => {
    expect(byBucket.get('B3')).toMatchObject({ openingAccounts: 1, rolledForward: 1, rollRate: 1, cureRate: 0 });
  });

  it('counts CURRENT accounts still current as cured and as stayed', () => {
    expect(byBucket.get('CURRENT')).toMatchObject({ openingAccounts: 10, cured: 6, stayed: 6, improved: 0, rolledForward: 4, cureRate: 0.6, rollRate: 0.4 });
  });

  it('never rolls CHARGE_OFF forward; leaving it is an improvement', () => {
    expect(byBucket.get('CHARGE_OFF')).toMatchObject({ openingAccounts: 3, stayed: 2, improved: 1, rolledForward: 0, rollRate: 0 });
  });

  it('adds flows of one pair given in several rows (one per currency)', () => {
    const [current] = bucketMovements([flow('CURRENT', 'B1', 1, 100), flow('CURRENT', 'B1', 2, 1700)]);
    expect(current).toMatchObject({ openingAccounts: 3, openingBalanceMinor: 1800, rolledForward: 3 });
  });
});

describe('rollRateMatrix', () => {
  const matrix = rollRateMatrix([flow('B1', 'CURRENT', 1, 100, 0), flow('B1', 'B2', 3, 900, 1200), flow('B1', 'B2', 1, 1000, 1000), flow('B6', 'CHARGE_OFF', 2, 0, 0)]);

  it('is dense: 8 rows of 8 cells in bucket order', () => {
    expect(matrix.map((r) => r.from)).toEqual([...BUCKETS]);
    for (const row of matrix) expect(row.cells.map((c) => c.to)).toEqual([...BUCKETS]);
  });

  it('sums counts and both balances per cell and row, with shares of the row', () => {
    const b1 = matrix.find((r) => r.from === 'B1')!;
    expect(b1).toMatchObject({ accounts: 5, fromBalanceMinor: 2000, toBalanceMinor: 2200 });
    expect(b1.cells.find((c) => c.to === 'B2')).toEqual({ to: 'B2', accounts: 4, fromBalanceMinor: 1900, toBalanceMinor: 2200, accountShare: 0.8, balanceShare: 0.95 });
    expect(b1.cells.find((c) => c.to === 'B3')).toEqual({ to: 'B3', accounts: 0, fromBalanceMinor: 0, toBalanceMinor: 0, accountShare: 0, balanceShare: 0 });
  });

  it('has no shares for an empty row, and no balance share for a row without balance', () => {
    expect(matrix.find((r) => r.from === 'B3')!.cells[0]).toMatchObject({ accountShare: null, balanceShare: null });
    expect(matrix.find((r) => r.from === 'B6')!.cells.find((c) => c.to === 'CHARGE_OFF')).toMatchObject({ accountShare: 1, balanceShare: null });
  });
});

describe('attainment of bucket goals', () => {
  it.each([
    // metric, actual, goal, attainment, met
    [BucketGoalMetric.CURE_RATE, 0.3, 0.3, 1, true],
    [BucketGoalMetric.CURE_RATE, 0.15, 0.3, 0.5, false],
    [BucketGoalMetric.CURE_RATE, 0.45, 0.3, 1.5, true],
    [BucketGoalMetric.CURE_RATE, 0.1, 0, null, true],
    [BucketGoalMetric.COLLECTED_AMOUNT, 250_00, 1000_00, 0.25, false],
    [BucketGoalMetric.COLLECTED_AMOUNT, 0, 0, null, true],
    // ROLL_RATE is a ceiling: (1 - actual) / (1 - goal)
    [BucketGoalMetric.ROLL_RATE, 0.3, 0.3, 1, true],
    [BucketGoalMetric.ROLL_RATE, 0, 0.3, 1 / 0.7, true],
    [BucketGoalMetric.ROLL_RATE, 0.65, 0.3, 0.5, false],
    [BucketGoalMetric.ROLL_RATE, 1, 0.3, 0, false],
    [BucketGoalMetric.ROLL_RATE, 0, 0, 1, true],
    [BucketGoalMetric.ROLL_RATE, 0.2, 0, 0.8, false],
    [BucketGoalMetric.ROLL_RATE, 0.9, 1, null, true],
  ])('%s actual %d against goal %d: attainment %d, met %s', (metric, actual, goal, expected, met) => {
    const a = attainment(metric, actual, goal);
    if (expected === null) expect(a.attainment).toBeNull();
    else expect(a.attainment).toBeCloseTo(expected, 12);
    expect(a.met).toBe(met);
  });

  it('reads higher as better for every metric', () => {
    const roll = (actual: number) => attainment(BucketGoalMetric.ROLL_RATE, actual, 0.3).attainment!;
    const cure = (actual: number) => attainment(BucketGoalMetric.CURE_RATE, actual, 0.3).attainment!;
    expect(roll(0.1)).toBeGreaterThan(roll(0.2));
    expect(cure(0.2)).toBeGreaterThan(cure(0.1));
  });

  it.each([BucketGoalMetric.CURE_RATE, BucketGoalMetric.ROLL_RATE, BucketGoalMetric.COLLECTED_AMOUNT])('%s has no attainment without an actual', (metric) => {
    expect(attainment(metric, null, 0.5)).toEqual({ attainment: null, met: null });
  });

  it('rate is null over nothing', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });
});

describe('parseMonth', () => {
  it('gives the first day of the month and of the next', () => {
    expect(parseMonth('2026-11')).toEqual({ month: '2026-11', firstDay: '2026-11-01', nextFirstDay: '2026-12-01' });
    expect(parseMonth('2026-12')).toEqual({ month: '2026-12', firstDay: '2026-12-01', nextFirstDay: '2027-01-01' });
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '', 'november'])('refuses %j', (text) => {
    expect(() => parseMonth(text)).toThrow(RangeError);
  });
});

describe('monthPhase', () => {
  it.each([
    ['2026-10', 'PAST'],
    ['2025-12', 'PAST'],
    ['2026-11', 'CURRENT'],
    ['2026-12', 'FUTURE'],
  ])('%s seen on 2026-11-18 is %s', (month, phase) => {
    expect(monthPhase(month, '2026-11-18')).toBe(phase);
  });
});

describe('parseGoalValue', () => {
  it.each([
    [BucketGoalMetric.CURE_RATE, '0', 0],
    [BucketGoalMetric.CURE_RATE, '0.35', 0.35],
    [BucketGoalMetric.ROLL_RATE, '1', 1],
    [BucketGoalMetric.ROLL_RATE, '1.000000', 1],
    [BucketGoalMetric.ROLL_RATE, ' 0.123456 ', 0.123456],
    [BucketGoalMetric.COLLECTED_AMOUNT, '0', 0],
    [BucketGoalMetric.COLLECTED_AMOUNT, '125000.5', 12_500_050],
    [BucketGoalMetric.COLLECTED_AMOUNT, '125000.05', 12_500_005],
  ])('%s %j is %d', (metric, text, value) => {
    expect(parseGoalValue(metric, text, 'MXN')).toBe(value);
  });

  it.each([
    [BucketGoalMetric.CURE_RATE, '1.01'],
    [BucketGoalMetric.CURE_RATE, '-0.1'],
    [BucketGoalMetric.CURE_RATE, '35%'],
    [BucketGoalMetric.ROLL_RATE, '0.1234567'],
    [BucketGoalMetric.ROLL_RATE, '.5'],
    [BucketGoalMetric.ROLL_RATE, '1e-1'],
    [BucketGoalMetric.ROLL_RATE, ''],
    [BucketGoalMetric.COLLECTED_AMOUNT, '-1.00'],
    [BucketGoalMetric.COLLECTED_AMOUNT, '10.001'],
    [BucketGoalMetric.COLLECTED_AMOUNT, '1,000'],
    [BucketGoalMetric.COLLECTED_AMOUNT, 'lots'],
  ])('refuses %s %j', (metric, text) => {
    expect(() => parseGoalValue(metric, text, 'MXN')).toThrow(RangeError);
  });
});
