/**
 * Where a simulated call sits on the server's clock. The server refuses a call that ends after its own
 * "now" (call-rules.ts), checks the contact policy at the call's start, and counts it on the floor day
 * it started, so every instant sent comes from the server's clock, never the simulator's.
 */
import { HOUR, isWorkingDay, ZoneClock } from '../db/seed/floor-time.js';
import type { Prng } from '../db/seed/prng.js';
import { addDays, localDateIn } from '../shared/dates.js';
import type { CallLength } from './call-mix.js';

export interface CallTimes {
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
}

const wholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

/**
 * The call as dialled at `dialledAt` and recorded at `now` (both server time), in whole seconds like a
 * switch records them. At real pace the call simply ran from the dial; when the pace is compressed (or
 * the server's clock stands still) it has not had time to happen, so it is placed to end at `now`
 * instead: earlier than the dial, never in the server's future.
 */
export function callTimes(dialledAt: Date, length: CallLength, answered: boolean, now: Date): CallTimes {
  const durationMs = (length.ringSeconds + (answered ? length.talkSeconds : 0)) * 1000;
  let start = wholeSecond(dialledAt.getTime());
  const latestEnd = wholeSecond(now.getTime());
  if (start + durationMs > latestEnd) start = latestEnd - durationMs;
  return {
    startedAt: new Date(start),
    answeredAt: answered ? new Date(start + length.ringSeconds * 1000) : null,
    endedAt: new Date(start + durationMs),
  };
}

/**
 * The time a customer picks for a callback: a working day in the next few, 10:00-18:00 on the floor,
 * at least an hour after the call.
 */
export function callbackTime(endedAt: Date, floorTimeZone: string, rng: Prng): Date {
  const zone = new ZoneClock(floorTimeZone);
  const today = localDateIn(endedAt, floorTimeZone);
  for (let k = rng.int(0, 3); ; k++) {
    const date = addDays(today, k);
    const at = zone.at(date, rng.int(10 * 60, 18 * 60));
    if (isWorkingDay(date) && at >= endedAt.getTime() + HOUR) return new Date(at);
  }
}

/** Minutes after midnight on the floor's clock. */
export function floorMinuteOf(at: Date, floorTimeZone: string): number {
  const zone = new ZoneClock(floorTimeZone);
  return Math.floor(zone.minutesInto(localDateIn(at, floorTimeZone), at.getTime(), floorTimeZone));
}
