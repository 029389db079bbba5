import { describe, expect, it } from 'vitest';
import { FixedClock } from '../shared/clock.js';
import { ServerClockEstimate, virtualTime } from './sim-time.js';

describe('ServerClockEstimate: never ahead of the server', () => {
  const T0 = Date.parse('2026-11-18T16:00:00Z');

  it.each([
    // [name, observations as [local ms, server ms], local now, expected estimate]
    ['nothing observed: the local clock less a second', [], 50_000, 49_000],
    ['one observation: assumed standing still', [[0, T0]], 5_000, T0],
    ['a real clock seen over 20 s: runs with the local clock, less a second', [[0, T0], [20_000, T0 + 20_000]], 30_000, T0 + 29_000],
    ['a clock standing still (CLOCK_NOW)', [[0, T0], [20_000, T0]], 30_000, T0],
    ['a clock seen running at half speed', [[0, T0], [20_000, T0 + 10_000]], 40_000, T0 + 19_000],
    ['a clock faster than real time is followed at real time only', [[0, T0], [20_000, T0 + 60_000]], 30_000, T0 + 69_000],
    ['just after an observation, no less than it', [[0, T0], [20_000, T0 + 20_000]], 20_200, T0 + 20_000],
  ] as const)('%s', (_name, observations, localNow, expected) => {
    let local = 0;
    const estimate = new ServerClockEstimate(() => local);
    for (const [l, s] of observations) {
      local = l;
      estimate.observe(new Date(s));
    }
    local = localNow;
    expect(estimate.now().getTime()).toBe(expected);
  });
});

describe('virtualTime', () => {
  const signal = new AbortController().signal;

  it('moves the clock only when every agent sleeps, to the earliest wake-up', async () => {
    const clock = new FixedClock(new Date('2026-11-18T16:00:00Z'));
    const time = virtualTime(clock, 0);
    const woke: Array<[string, string]> = [];
    time.join();
    time.join();
    const a = (async () => {
      await time.sleep(60_000, signal);
      woke.push(['a', clock.now().toISOString()]);
      await time.sleep(60_000, signal);
      woke.push(['a', clock.now().toISOString()]);
      time.leave();
    })();
    const b = (async () => {
      await time.sleep(90_000, signal);
      woke.push(['b', clock.now().toISOString()]);
      time.leave();
    })();
    await Promise.all([a, b]);
    expect(woke).toEqual([
      ['a', '2026-11-18T16:01:00.000Z'],
      ['b', '2026-11-18T16:01:30.000Z'],
      ['a', '2026-11-18T16:02:00.000Z'],
    ]);
  });

  it('wakes together those due within the quantum, at the latest of their times', async () => {
    const clock = new FixedClock(new Date('2026-11-18T16:00:00Z'));
    const time = virtualTime(clock, 30_000);
    time.join();
    time.join();
    const seen: string[] = [];
    await Promise.all([10_000, 25_000].map(async (ms) => {
      await time.sleep(ms, signal);
      seen.push(clock.now().toISOString());
      time.leave();
    }));
    expect(seen).toEqual(['2026-11-18T16:00:25.000Z', '2026-11-18T16:00:25.000Z']);
  });

  it('an abort wakes a sleeper at once, without moving the clock', async () => {
    const clock = new FixedClock(new Date('2026-11-18T16:00:00Z'));
    const time = virtualTime(clock);
    const controller = new AbortController();
    time.join();
    time.join(); // a second agent that is busy: the clock must not move
    const sleeping = time.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(clock.now().toISOString()).toBe('2026-11-18T16:00:00.000Z');
  });
});
