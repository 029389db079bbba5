import { addDays, addMonths, firstOfMonth, localDateIn, type LocalDate } from '../../shared/dates.js';
import type { BulkWriter } from './bulk.js';
import { ZoneClock } from './floor-time.js';
import { Prng } from './prng.js';

// Targets and bucket goals are minor units of the floor currency (the Target entity has no currency column).
export { FLOOR_CURRENCY, toFloorCurrency } from '../../shared/floor-currency.js';

/** Days of call history, today included, unless the options ask for more. */
export const HISTORY_DAYS = 60;

/** The KPIs the seeder sets targets for (DOMAIN.md §7). */
export type TargetKpi = 'ATTEMPTS' | 'RIGHT_PARTY_CONTACTS' | 'PROMISES' | 'PROMISED_AMOUNT' | 'COLLECTED_AMOUNT';
export const TARGET_KPIS: readonly TargetKpi[] = ['ATTEMPTS', 'RIGHT_PARTY_CONTACTS', 'PROMISES', 'PROMISED_AMOUNT', 'COLLECTED_AMOUNT'];

/** Per-collector totals over the finished days of the history, from which their targets are set. */
export class KpiTally {
  private readonly totals = new Map<number, Record<TargetKpi, number>>();

  add(agentId: number, kpi: TargetKpi, value: number): void {
    let t = this.totals.get(agentId);
    if (!t) this.totals.set(agentId, (t = { ATTEMPTS: 0, RIGHT_PARTY_CONTACTS: 0, PROMISES: 0, PROMISED_AMOUNT: 0, COLLECTED_AMOUNT: 0 }));
    t[kpi] += value;
  }

  of(agentId: number): Record<TargetKpi, number> {
    return this.totals.get(agentId) ?? { ATTEMPTS: 0, RIGHT_PARTY_CONTACTS: 0, PROMISES: 0, PROMISED_AMOUNT: 0, COLLECTED_AMOUNT: 0 };
  }
}

/** `done` of `total` steps of a phase; `rows` counts every row written so far, for a rate. */
export interface SeedProgress {
  phase: string;
  done: number;
  total: number;
  rows: number;
}

export interface SeedContext {
  readonly seed: number;
  readonly now: Date;
  readonly nowMs: number;
  /** The business date: the calendar date of `now` on the floor. */
  readonly today: LocalDate;
  readonly historyStart: LocalDate;
  readonly historyDays: number;
  /** Instant today began on the floor: whatever happened before it belongs to finished days. */
  readonly todayStartMs: number;
  /** Bucket snapshots are taken at the opening of this month and of the previous one. */
  readonly snapshotDates: readonly [LocalDate, LocalDate];
  readonly snapshotStartsMs: readonly [number, number];
  readonly tally: KpiTally;
  readonly clock: ZoneClock;
  readonly writer: BulkWriter;
  rng(phase: string): Prng;
  nextId(table: string): number;
  progress(phase: string, done: number, total: number): void;
}

export function createContext(
  writer: BulkWriter,
  options: { now: Date; floorTimeZone: string; seed: number; days?: number; onProgress?: (p: SeedProgress) => void },
): SeedContext {
  const today = localDateIn(options.now, options.floorTimeZone);
  const ids = new Map<string, number>();
  const clock = new ZoneClock(options.floorTimeZone);
  const snapshotDates = [firstOfMonth(today), addMonths(firstOfMonth(today), -1)] as const;
  return {
    seed: options.seed,
    now: options.now,
    nowMs: options.now.getTime(),
    today,
    historyStart: addDays(today, -((options.days ?? HISTORY_DAYS) - 1)),
    historyDays: options.days ?? HISTORY_DAYS,
    todayStartMs: clock.midnight(today),
    snapshotDates,
    snapshotStartsMs: [clock.midnight(snapshotDates[0]), clock.midnight(snapshotDates[1])],
    tally: new KpiTally(),
    clock,
    writer,
    rng: (phase) => Prng.stream(options.seed, phase),
    nextId(table) {
      const id = (ids.get(table) ?? 0) + 1;
      ids.set(table, id);
      return id;
    },
    progress: (phase, done, total) => options.onProgress?.({ phase, done, total, rows: writer.rowsWritten() }),
  };
}

/** Whole currency units, as people promise and pay round amounts. */
export const roundUnits = (minor: number): number => Math.round(minor / 100) * 100;
