import { afterEach, describe, expect, it, vi } from 'vitest';
import { msUntilNextMidnight, scheduleRollover } from './scheduler.js';

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

describe('scheduleRollover', () => {
  const fakeServices = (run: () => Promise<unknown>) =>
    ({
      rollover: { run },
      orm: { em: { fork: () => ({}) } },
      clock: { now: () => new Date('2026-11-18T16:00:00Z') },
      config: { floorTimeZone: 'America/Mexico_City' },
    }) as unknown as Parameters<typeof scheduleRollover>[0];
  const logger = { info: vi.fn(), error: vi.fn() } as unknown as Parameters<typeof scheduleRollover>[1];

  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at start, then at the next midnight on the floor', async () => {
    vi.useFakeTimers();
    const run = vi.fn(async () => ({ ran: true }));
    const schedule = scheduleRollover(fakeServices(run), logger);
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(14 * H - 1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    schedule.stop();
  });

  it('a failed run is logged and the next midnight is still scheduled', async () => {
    vi.useFakeTimers();
    const run = vi.fn(async () => {
      throw new Error('database away');
    });
    const schedule = scheduleRollover(fakeServices(run), logger);
    await vi.advanceTimersByTimeAsync(0);
    expect(logger.error).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(1);
    schedule.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stopped while a run is under way, it schedules nothing more', async () => {
    vi.useFakeTimers();
    let finish!: () => void;
    const run = vi.fn(() => new Promise<unknown>((resolve) => (finish = () => resolve({ ran: true }))));
    const schedule = scheduleRollover(fakeServices(run), logger);
    await vi.advanceTimersByTimeAsync(0);
    schedule.stop();
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(48 * H);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
