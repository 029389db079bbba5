import { isWorkingDay, type ZoneClock } from '../db/seed/floor-time.js';
import { addDays, addMonths, firstOfMonth, type LocalDate } from '../shared/dates.js';
import { KpiPeriod } from './target.entity.js';

/**
 * The floor's shift in floor time, minutes after midnight: the span over which a day's target is
 * expected to be met. 08:00-20:00 covers the demo floor's early (08:00-17:00) and late (11:00-20:00)
 * shifts; a deployment with other hours passes its own to KpiService.
 */
export interface FloorShift {
  startMinutes: number;
  endMinutes: number;
}
export const FLOOR_SHIFT: FloorShift = { startMinutes: 8 * 60, endMinutes: 20 * 60 };

/** The calendar days of a period: the day itself, or the whole calendar month it falls in (both ends included). */
export function periodDays(period: KpiPeriod, date: LocalDate): { from: LocalDate; to: LocalDate } {
  if (period === KpiPeriod.DAY) return { from: date, to: date };
  const from = firstOfMonth(date);
  return { from, to: addDays(addMonths(from, 1), -1) };
}

/** The day targets are stored under: the day, or the first of the month. */
export const periodStart = (period: KpiPeriod, date: LocalDate): LocalDate => (period === KpiPeriod.DAY ? date : firstOfMonth(date));

/** Share of the day's shift elapsed at `now`: 0 before it starts, 1 once it ended (and for past days). */
export function shiftShare(date: LocalDate, now: Date, zone: ZoneClock, shift: FloorShift = FLOOR_SHIFT): number {
  const start = zone.at(date, shift.startMinutes);
  const end = zone.at(date, shift.endMinutes);
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
}

/**
 * Elapsed share of a period (DOMAIN.md §7): of the shift for a DAY; for a MONTH, of its business days
 * (Monday to Friday), each finished one counting whole and today by the share of its shift.
 */
export function elapsedShare(period: KpiPeriod, date: LocalDate, now: Date, zone: ZoneClock, shift: FloorShift = FLOOR_SHIFT): number {
  if (period === KpiPeriod.DAY) return shiftShare(date, now, zone, shift);
  const { from, to } = periodDays(period, date);
  let businessDays = 0;
  let elapsed = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!isWorkingDay(d)) continue;
    businessDays += 1;
    elapsed += shiftShare(d, now, zone, shift);
  }
  return businessDays === 0 ? 0 : elapsed / businessDays;
}
