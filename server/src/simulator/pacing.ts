/**
 * How fast simulated agents work. Durations are drawn in "floor seconds" (what the call or the break
 * would take on a real floor) and slept in wall-clock time scaled by the pace.
 */
import { Weighted, type Prng } from '../db/seed/prng.js';
import { meanOutboundCycleSeconds } from './call-mix.js';

/** `real`: each agent works at a believable human pace; a number: calls per agent per minute. */
export type Pace = 'real' | number;

/** Seconds an agent spends reading the next account before dialling. */
export const READ_ACCOUNT_SECONDS: readonly [number, number] = [4, 20];

/**
 * Wall-clock milliseconds per floor second. `real` is 1; a pace of N calls per agent per minute makes
 * the mean outbound cycle (dial, talk, wrap-up, reading the next account) last 60/N wall seconds.
 */
export function wallPerFloorSecond(pace: Pace): number {
  if (pace === 'real') return 1;
  if (!(pace > 0) || !Number.isFinite(pace)) throw new RangeError(`pace must be 'real' or calls per agent per minute > 0, got ${pace}`);
  const meanCycle = meanOutboundCycleSeconds((READ_ACCOUNT_SECONDS[0] + READ_ACCOUNT_SECONDS[1]) / 2);
  return 60 / pace / meanCycle;
}

/** The calls per agent per minute a real-pace agent makes, for the README and the progress line. */
export const realPacePerAgentMinute = (): number => 60 / meanOutboundCycleSeconds((READ_ACCOUNT_SECONDS[0] + READ_ACCOUNT_SECONDS[1]) / 2);

/**
 * How long an agent with nothing to call waits before asking again, in floor seconds: half a minute at
 * first, doubling with each empty round up to ten minutes, with jitter so a quiet floor does not ask in
 * step.
 */
export function idleSeconds(emptyRounds: number, rng: Prng): number {
  const base = Math.min(600, 30 * 2 ** Math.max(0, Math.min(emptyRounds - 1, 5)));
  return Math.round(base * (0.75 + rng.next() * 0.5));
}

export type PauseReason = 'BREAK' | 'LUNCH' | 'COACHING' | 'MEETING' | 'TRAINING';

export interface Pause {
  reason: PauseReason;
  seconds: number;
}

/** A pause about every 40 calls (an hour and a half at real pace); lunch is taken once a day on its own. */
const PAUSE_CHANCE_PER_CALL = 1 / 40;
const PAUSES = new Weighted<readonly [PauseReason, number, number]>([
  [['BREAK', 5 * 60, 15 * 60], 60],
  [['COACHING', 10 * 60, 20 * 60], 15],
  [['MEETING', 15 * 60, 30 * 60], 12],
  [['TRAINING', 20 * 60, 45 * 60], 13],
]);

/** After a call: usually straight on, now and then a break, a coaching session, a meeting or training. */
export function pauseAfterCall(rng: Prng): Pause | null {
  if (!rng.chance(PAUSE_CHANCE_PER_CALL)) return null;
  const [reason, min, max] = PAUSES.pick(rng);
  return { reason, seconds: rng.int(min, max) };
}

/** Lunch: once per floor day, from a start drawn per agent between 13:00 and 15:00 floor time, 30-60 minutes. */
export function lunchStartMinute(rng: Prng): number {
  return rng.int(13 * 60, 15 * 60);
}

export const lunch = (rng: Prng): Pause => ({ reason: 'LUNCH', seconds: rng.int(30 * 60, 60 * 60) });

/** With nothing to call for a while, some agents go to training or a meeting instead of waiting at the desk. */
export function pauseWhenIdle(emptyRounds: number, rng: Prng): Pause | null {
  if (emptyRounds < 3 || !rng.chance(0.3)) return null;
  return rng.chance(0.5) ? { reason: 'TRAINING', seconds: rng.int(20 * 60, 45 * 60) } : { reason: 'MEETING', seconds: rng.int(15 * 60, 30 * 60) };
}
