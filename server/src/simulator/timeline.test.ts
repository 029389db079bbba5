import { describe, expect, it } from 'vitest';
import { Prng } from '../db/seed/prng.js';
import { callbackTime, callTimes, floorMinuteOf } from './timeline.js';

const at = (iso: string) => new Date(iso);
const DIAL = at('2026-11-18T16:00:00.400Z');

describe('callTimes: the call on the server’s clock', () => {
  it.each([
    ['real pace: from the dial, in whole seconds', { ringSeconds: 10, talkSeconds: 200, wrapSeconds: 30 }, true, '2026-11-18T16:04:00Z', ['2026-11-18T16:00:00Z', '2026-11-18T16:00:10Z', '2026-11-18T16:03:30Z']],
    ['compressed pace: back-dated to end now', { ringSeconds: 10, talkSeconds: 200, wrapSeconds: 30 }, true, '2026-11-18T16:00:20.900Z', ['2026-11-18T15:56:50Z', '2026-11-18T15:57:00Z', '2026-11-18T16:00:20Z']],
    ['a clock standing still at the dial', { ringSeconds: 30, talkSeconds: 0, wrapSeconds: 10 }, false, '2026-11-18T16:00:00.400Z', ['2026-11-18T15:59:30Z', null, '2026-11-18T16:00:00Z']],
    ['unanswered: rings to the end, no talk', { ringSeconds: 30, talkSeconds: 99, wrapSeconds: 10 }, false, '2026-11-18T17:00:00Z', ['2026-11-18T16:00:00Z', null, '2026-11-18T16:00:30Z']],
  ] as const)('%s', (_name, length, answered, now, [started, answeredAt, ended]) => {
    const t = callTimes(DIAL, length, answered, at(now));
    expect(t.startedAt.toISOString()).toBe(at(started).toISOString());
    expect(t.answeredAt?.toISOString() ?? null).toBe(answeredAt && at(answeredAt).toISOString());
    expect(t.endedAt.toISOString()).toBe(at(ended).toISOString());
    expect(t.endedAt.getTime()).toBeLessThanOrEqual(at(now).getTime());
  });
});

describe('callbackTime', () => {
  it.each([
    ['Wednesday morning', '2026-11-18T16:00:00Z'],
    ['Friday evening: the next working day', '2026-11-21T01:30:00Z'],
    ['Saturday', '2026-11-21T18:00:00Z'],
  ])('%s: a working day, 10:00-18:00 on the floor, at least an hour later', (_name, ended) => {
    for (let seed = 0; seed < 100; seed++) {
      const cb = callbackTime(at(ended), 'America/Mexico_City', new Prng(seed));
      expect(cb.getTime()).toBeGreaterThanOrEqual(at(ended).getTime() + 3_600_000);
      expect(cb.getTime()).toBeLessThan(at(ended).getTime() + 8 * 86_400_000);
      const minute = floorMinuteOf(cb, 'America/Mexico_City');
      expect(minute).toBeGreaterThanOrEqual(10 * 60);
      expect(minute).toBeLessThanOrEqual(18 * 60);
      expect([1, 2, 3, 4, 5]).toContain(new Date(cb.getTime() - 6 * 3_600_000).getUTCDay());
    }
  });
});

describe('floorMinuteOf', () => {
  it.each([
    ['2026-11-18T16:00:00Z', 'America/Mexico_City', 600],
    ['2026-11-18T05:59:00Z', 'America/Mexico_City', 23 * 60 + 59],
    ['2026-07-01T12:30:00Z', 'America/New_York', 8 * 60 + 30],
  ])('%s in %s is minute %i', (instant, zone, minute) => {
    expect(floorMinuteOf(at(instant), zone)).toBe(minute);
  });
});
