import type { LocalDate } from '../../shared/dates.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Turns "this calendar date at 09:30 in that zone" into an instant. Shifts, call windows and
 * customers' local hours are all wall-clock rules, while the database stores instants.
 */
export class ZoneClock {
  private readonly formatters = new Map<string, Intl.DateTimeFormat>();
  private readonly midnights = new Map<string, number>();

  constructor(readonly floorTimeZone: string) {}

  /** The UTC instant of local midnight; the offset is read at local noon, as DST switches happen at night. */
  midnight(date: LocalDate, timeZone: string = this.floorTimeZone): number {
    const key = `${timeZone}|${date}`;
    let at = this.midnights.get(key);
    if (at === undefined) {
      const noonUtc = Date.parse(`${date}T12:00:00Z`);
      at = Date.parse(`${date}T00:00:00Z`) - this.offset(noonUtc - this.offset(noonUtc, timeZone), timeZone);
      this.midnights.set(key, at);
    }
    return at;
  }

  /** An instant from a floor-local date and minutes after midnight. */
  at(date: LocalDate, minutes: number, timeZone: string = this.floorTimeZone): number {
    return this.midnight(date, timeZone) + minutes * MINUTE;
  }

  /** Minutes after local midnight of `date` in the zone (negative or past 1440 when on another date). */
  minutesInto(date: LocalDate, instant: number, timeZone: string): number {
    return (instant - this.midnight(date, timeZone)) / MINUTE;
  }

  private offset(instant: number, timeZone: string): number {
    let formatter = this.formatters.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      this.formatters.set(timeZone, formatter);
    }
    const p: Record<string, number> = {};
    for (const part of formatter.formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    return wall - Math.floor(instant / 1000) * 1000;
  }
}

/** 0 = Sunday ... 6 = Saturday. */
export const weekday = (date: LocalDate): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The floor works Monday to Friday. */
export const isWorkingDay = (date: LocalDate): boolean => {
  const d = weekday(date);
  return d >= 1 && d <= 5;
};
