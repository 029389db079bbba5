/** Parsing of the simulator's settings, shared by the CLI and the server's configuration. */
import type { Pace } from './pacing.js';

/** Calls per agent per minute above this are not a floor any more, just a load generator gone wrong. */
export const MAX_PACE = 600;

/** `real`, or calls per agent per minute: a number > 0 and at most MAX_PACE. */
export function parsePace(value: string): Pace {
  const v = value.trim().toLowerCase();
  if (v === 'real') return 'real';
  const n = Number(v);
  if (v === '' || !Number.isFinite(n) || n <= 0 || n > MAX_PACE) {
    throw new RangeError(`pace must be "real" or calls per agent per minute (a number > 0, at most ${MAX_PACE}), got "${value}"`);
  }
  return n;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "90" (seconds), "90s", "10m", "2h", "1.5h" -> milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? 's']! : NaN;
  if (!(ms > 0)) throw new RangeError(`duration must be a positive number of seconds or like 90s, 10m, 2h; got "${value}"`);
  return Math.round(ms);
}
