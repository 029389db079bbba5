import { describe, expect, it } from 'vitest';
import { Prng } from '../db/seed/prng.js';
import { parseDuration, parsePace } from './options.js';
import { idleSeconds, pauseAfterCall, pauseWhenIdle, realPacePerAgentMinute, wallPerFloorSecond } from './pacing.js';

describe('wallPerFloorSecond', () => {
  it('is 1 at a real pace: a call takes as long as it lasts', () => {
    expect(wallPerFloorSecond('real')).toBe(1);
  });

  it.each([0.5, 1, 6, 60])('makes the mean call cycle last 60/%s wall seconds', (pace) => {
    expect(wallPerFloorSecond(pace) * (60 / realPacePerAgentMinute())).toBeCloseTo(60 / pace, 6);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a pace of %s', (pace) => {
    expect(() => wallPerFloorSecond(pace)).toThrow(RangeError);
  });

  it('a real-pace agent makes a believable 20-30 calls an hour', () => {
    expect(realPacePerAgentMinute() * 60).toBeGreaterThan(20);
    expect(realPacePerAgentMinute() * 60).toBeLessThan(30);
  });
});

describe('parsePace and parseDuration', () => {
  it.each([
    ['real', 'real'],
    [' REAL ', 'real'],
    ['6', 6],
    ['0.5', 0.5],
    ['600', 600],
  ] as const)('pace %j is %j', (text, pace) => {
    expect(parsePace(text)).toBe(pace);
  });

  it.each(['', 'fast', '0', '-2', '601', 'Infinity'])('refuses pace %j', (text) => {
    expect(() => parsePace(text)).toThrow(/pace must be "real" or calls per agent per minute/);
  });

  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['10m', 600_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
  ])('duration %j is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '0', '-5m', '10 minutes', 'm'])('refuses duration %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/duration must be/);
  });
});

describe('idle and pauses', () => {
  it.each([
    [1, 22, 38],
    [2, 45, 75],
    [4, 180, 300],
    [6, 450, 750],
    [50, 450, 750],
  ])('after %i empty rounds an agent waits %i-%i floor seconds', (rounds, min, max) => {
    for (let seed = 0; seed < 50; seed++) {
      const s = idleSeconds(rounds, new Prng(seed));
      expect(s).toBeGreaterThanOrEqual(min);
      expect(s).toBeLessThanOrEqual(max);
    }
  });

  it('pauses about once in 40 calls, each with its reason and a believable length', () => {
    const rng = new Prng(3);
    const pauses = Array.from({ length: 8000 }, () => pauseAfterCall(rng)).filter((p) => p !== null);
    expect(pauses.length).toBeGreaterThan(150);
    expect(pauses.length).toBeLessThan(250);
    for (const p of pauses) {
      expect(['BREAK', 'COACHING', 'MEETING', 'TRAINING']).toContain(p.reason);
      expect(p.seconds).toBeGreaterThanOrEqual(5 * 60);
      expect(p.seconds).toBeLessThanOrEqual(45 * 60);
    }
  });

  it('goes to training or a meeting only after a few empty rounds', () => {
    for (let seed = 0; seed < 100; seed++) {
      expect(pauseWhenIdle(1, new Prng(seed))).toBeNull();
      expect(pauseWhenIdle(2, new Prng(seed))).toBeNull();
    }
    const later = Array.from({ length: 200 }, (_, seed) => pauseWhenIdle(3, new Prng(seed))).filter((p) => p !== null);
    expect(later.length).toBeGreaterThan(20);
    expect(later.every((p) => p.reason === 'TRAINING' || p.reason === 'MEETING')).toBe(true);
  });
});
