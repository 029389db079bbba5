import { DateTime, IANAZone } from 'luxon';

/**
 * The local calling window of DOMAIN.md §6, the same wall-clock span in every zone:
 * [windowStartMinute, windowEndMinute) in minutes after local midnight.
 */
export interface CallingWindow {
  windowStartMinute: number;
  windowEndMinute: number;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * How far ahead a common opening is looked for. A year covers every daylight-saving cycle, so a
 * search that finds nothing has seen every offset combination the zones take and can say "never".
 */
export const WINDOW_SEARCH_DAYS = 366;

export function isKnownZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function localMinute(local: DateTime): number {
  return local.hour * 60 + local.minute + (local.second + local.millisecond / 1000) / 60;
}

/** Whether `at` falls inside the window on the wall clock of `zone`; false for a zone luxon does not know. */
export function isWithinWindow(at: Date, zone: string, window: CallingWindow): boolean {
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) return false;
  const minute = localMinute(local);
  return minute >= window.windowStartMinute && minute < window.windowEndMinute;
}

/**
 * The earliest instant >= `at` inside the window in `zone`: `at` itself, today's opening or
 * tomorrow's. The opening is built on the local calendar so a daylight-saving change between
 * now and then moves it with the wall clock; an opening that falls in a spring-forward gap is
 * moved past the gap by luxon, which is still inside the window. Null for an unknown zone.
 */
export function nextWindowOpening(at: Date, zone: string, window: CallingWindow): Date | null {
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) return null;
  const minute = localMinute(local);
  if (minute >= window.windowStartMinute && minute < window.windowEndMinute) return at;
  const day = minute < window.windowStartMinute ? local : local.plus({ days: 1 });
  const opening = day.set({
    hour: Math.floor(window.windowStartMinute / 60),
    minute: window.windowStartMinute % 60,
    second: 0,
    millisecond: 0,
  });
  return opening.toJSDate();
}

/**
 * The earliest instant >= `at` inside the window in every zone at once, or null when there is
 * none within `searchDays` (no zone given, a zone luxon does not know, or windows that never
 * meet). Each step jumps to the latest next opening among the zones: no zone allows anything
 * before its own next opening, so nothing earlier can be common, and when no zone needs a jump
 * the instant is common.
 *
 * Windows that never meet need three or more zones when the window is longer than 12 hours
 * (US 13 h, Mexico 15 h): two such daily windows always overlap, whatever the offsets.
 */
export function nextCommonWindowOpening(
  at: Date,
  zones: readonly string[],
  window: CallingWindow,
  searchDays: number = WINDOW_SEARCH_DAYS,
): Date | null {
  if (zones.length === 0 || !zones.every(isKnownZone)) return null;
  const limit = at.getTime() + searchDays * MS_PER_DAY;
  let candidate = at;
  while (candidate.getTime() <= limit) {
    let latest = candidate;
    for (const zone of zones) {
      const opening = nextWindowOpening(candidate, zone, window);
      if (opening === null) return null;
      if (opening.getTime() > latest.getTime()) latest = opening;
    }
    if (latest.getTime() === candidate.getTime()) return candidate;
    candidate = latest;
  }
  return null;
}
