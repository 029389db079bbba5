import { describe, expect, it } from 'vitest';
import { msUntilNextMidnight } from './scheduler.js';

const H = 3_600_000;

describe('msUntilNextMidnight', () => {
  it.each([
    ['Mexico City, 10:00 local', '2026-11-18T16:00:00Z', 'America/Mexico_City', 14 * H],
    ['Mexico City, a minute before midnight', '2026-11-19T05:59:00Z', 'America/Mexico_City', 60_000],
    ['New York, the evening before clocks spring forward', '2026-03-07T23:00:00-05:00', 'America/New_York', 1 * H],
    ['New York, 00:30 on the 23-hour day', '2026-03-08T00:30:00-05:00', 'America/New_York', 22.5 * H],
    ['New York, 00:30 on the 25-hour day', '2026-11-01T00:30:00-04:00', 'America/New_York', 24.5 * H],
  ])('%s', (_name, now, zone, expected) => {
    expect(msUntilNextMidnight(new Date(now), zone)).toBe(expected);
  });
});
