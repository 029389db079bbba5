import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../db/seed/floor-time.js';
import { elapsedShare, periodDays, periodStart, shiftShare } from './kpi-period.js';
import { KpiPeriod } from './target.entity.js';

const zone = new ZoneClock('America/Mexico_City'); // UTC-6 all year since 2022
const at = (iso: string) => new Date(iso);

describe('periods', () => {
  it.each([
    [KpiPeriod.DAY, '2026-11-18', '2026-11-18', '2026-11-18', '2026-11-18'],
    [KpiPeriod.MONTH, '2026-11-18', '2026-11-01', '2026-11-30', '2026-11-01'],
    [KpiPeriod.MONTH, '2028-02-10', '2028-02-01', '2028-02-29', '2028-02-01'],
    [KpiPeriod.MONTH, '2026-12-31', '2026-12-01', '2026-12-31', '2026-12-01'],
  ])('%s of %s is %s..%s, stored under %s', (period, date, from, to, start) => {
    expect(periodDays(period, date)).toEqual({ from, to });
    expect(periodStart(period, date)).toBe(start);
  });
});

describe('share of the shift (08:00-20:00 floor time)', () => {
  it.each([
    ['before it starts', '2026-11-18T13:59:59Z', 0],
    ['at 08:00', '2026-11-18T14:00:00Z', 0],
    ['at 10:00', '2026-11-18T16:00:00Z', 2 / 12],
    ['at 14:00', '2026-11-18T20:00:00Z', 0.5],
    ['at 20:00', '2026-11-19T02:00:00Z', 1],
    ['late at night', '2026-11-19T05:00:00Z', 1],
    ['a day later', '2026-11-20T16:00:00Z', 1],
    ['the day before', '2026-11-17T16:00:00Z', 0],
  ])('%s', (_name, now, share) => {
    expect(shiftShare('2026-11-18', at(now), zone)).toBeCloseTo(share, 12);
    expect(elapsedShare(KpiPeriod.DAY, '2026-11-18', at(now), zone)).toBeCloseTo(share, 12);
  });

  it('follows a shift a deployment passes', () => {
    expect(shiftShare('2026-11-18', at('2026-11-18T16:00:00Z'), zone, { startMinutes: 9 * 60, endMinutes: 17 * 60 })).toBeCloseTo(1 / 8, 12);
  });
});

describe('share of the month: business days, Monday to Friday', () => {
  // November 2026: 21 business days; the 18th is a Wednesday, the 13th business day.
  it.each([
    ['before the month', '2026-10-31T16:00:00Z', 0],
    ['Wednesday 18th at 10:00', '2026-11-18T16:00:00Z', (12 + 2 / 12) / 21],
    ['Wednesday 18th at 14:00', '2026-11-18T20:00:00Z', 12.5 / 21],
    ['Saturday 21st: the week counts whole, the weekend nothing', '2026-11-21T18:00:00Z', 15 / 21],
    ['Sunday 22nd', '2026-11-22T18:00:00Z', 15 / 21],
    ['the last day after its shift', '2026-12-01T03:00:00Z', 1],
    ['a later month', '2027-01-05T16:00:00Z', 1],
  ])('%s', (_name, now, share) => {
    expect(elapsedShare(KpiPeriod.MONTH, '2026-11-10', at(now), zone)).toBeCloseTo(share, 12);
  });
});
