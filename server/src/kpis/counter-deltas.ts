import { isContact, isRightPartyContact, type Disposition } from '../calls/dispositions.js';
import type { ZoneClock } from '../db/seed/floor-time.js';
import { addDays, localDateIn, type LocalDate } from '../shared/dates.js';

/**
 * What each recorded fact adds to an agent's day counters (DOMAIN.md §7), as pure functions: the
 * hooks in the workflow, the recount and the seeder's backfill all count with these same rules.
 */
export const COUNTER_FIELDS = [
  'attempts',
  'contacts',
  'rightPartyContacts',
  'calls',
  'callsWithTalk',
  'talkSeconds',
  'wrapSeconds',
  'promises',
  'promisedAmountMinor',
  'promisesKept',
  'promisesPartiallyKept',
  'promisesBroken',
  'collectedAmountMinor',
  'connectedSeconds',
  'pausedSeconds',
] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];
export type CounterFigures = Record<CounterField, number>;

/** The column of each field in agent_day_counter. */
export const COUNTER_COLUMN: Readonly<Record<CounterField, string>> = Object.fromEntries(
  COUNTER_FIELDS.map((f) => [f, f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]),
) as Record<CounterField, string>;

export const zeroFigures = (): CounterFigures => Object.fromEntries(COUNTER_FIELDS.map((f) => [f, 0])) as CounterFigures;

/** Something to add to one agent's counters of one floor day. */
export interface CounterDelta {
  agentId: number;
  day: LocalDate;
  add: Partial<CounterFigures>;
}

export interface CallFact {
  agentId: number;
  direction: 'OUTBOUND' | 'INBOUND';
  disposition: Disposition;
  startedAt: Date;
  talkSeconds: number;
  wrapSeconds: number;
}

/** A call counts on the floor day it started. */
export function callDelta(call: CallFact, timeZone: string): CounterDelta {
  return {
    agentId: call.agentId,
    day: localDateIn(call.startedAt, timeZone),
    add: {
      calls: 1,
      attempts: call.direction === 'OUTBOUND' ? 1 : 0,
      contacts: isContact(call.disposition) ? 1 : 0,
      rightPartyContacts: isRightPartyContact(call.disposition) ? 1 : 0,
      callsWithTalk: call.talkSeconds > 0 ? 1 : 0,
      talkSeconds: call.talkSeconds,
      wrapSeconds: call.wrapSeconds,
    },
  };
}

/** A promise counts for the agent who took it, on the floor day it was created, in floor-currency minor units. */
export function promiseTakenDelta(agentId: number, createdAt: Date, amountFloorMinor: number, timeZone: string): CounterDelta {
  return { agentId, day: localDateIn(createdAt, timeZone), add: { promises: 1, promisedAmountMinor: amountFloorMinor } };
}

/** The settled statuses §7 counts, each in its field; every other status counts nowhere. */
const SETTLED_FIELD: Readonly<Record<string, CounterField>> = {
  KEPT: 'promisesKept',
  PARTIALLY_KEPT: 'promisesPartiallyKept',
  BROKEN: 'promisesBroken',
};

/**
 * A promise's status moved from `before` to `after`: it leaves the settled count it was in and joins the
 * one it is in now, both on the day its grace ends (§7: "promises whose grace ended in the period").
 * Null when the move changes no count (PENDING -> CANCELLED, KEPT -> KEPT, ...).
 */
export function settlementDelta(agentId: number, graceEndsOn: LocalDate, before: string, after: string): CounterDelta | null {
  if (before === after) return null;
  const add: Partial<CounterFigures> = {};
  const left = SETTLED_FIELD[before];
  const joined = SETTLED_FIELD[after];
  if (left) add[left] = -1;
  if (joined) add[joined] = (add[joined] ?? 0) + 1;
  return left || joined ? { agentId, day: graceEndsOn, add } : null;
}

/**
 * A posted payment counts (sign 1) and its reversal takes it back (sign -1), both on the floor day it
 * was received, for the agent credited with it; a payment on an unassigned account counts for nobody.
 */
export function paymentDelta(creditedAgentId: number | null | undefined, receivedAt: Date, amountFloorMinor: number, sign: 1 | -1, timeZone: string): CounterDelta | null {
  if (creditedAgentId == null) return null;
  return { agentId: creditedAgentId, day: localDateIn(receivedAt, timeZone), add: { collectedAmountMinor: sign * amountFloorMinor } };
}

export interface DaySlice {
  day: LocalDate;
  seconds: number;
}

/**
 * Splits [from, to) at floor midnights. Seconds are counted as whole-second boundaries crossed, so the
 * slices of an interval add up to the whole of it however it is split.
 */
export function daySlices(from: Date, to: Date, zone: ZoneClock): DaySlice[] {
  const end = to.getTime();
  let start = from.getTime();
  if (!(end > start)) return [];
  const slices: DaySlice[] = [];
  let day = localDateIn(from, zone.floorTimeZone);
  while (start < end) {
    const next = addDays(day, 1);
    const sliceEnd = Math.min(end, zone.midnight(next));
    const seconds = Math.floor(sliceEnd / 1000) - Math.floor(start / 1000);
    if (seconds > 0) slices.push({ day, seconds });
    start = sliceEnd;
    day = next;
  }
  return slices;
}

/**
 * A closed presence interval: [from, to) in `status`. Anything but OFFLINE is connected time (§7), and
 * PAUSED is paused time too; each on the day(s) it spans.
 */
export function presenceDeltas(agentId: number, status: string, from: Date, to: Date, zone: ZoneClock): CounterDelta[] {
  if (status === 'OFFLINE') return [];
  return daySlices(from, to, zone).map(({ day, seconds }) => ({
    agentId,
    day,
    add: status === 'PAUSED' ? { connectedSeconds: seconds, pausedSeconds: seconds } : { connectedSeconds: seconds },
  }));
}

/** One delta per (agent, day): a multi-row upsert may not touch one row twice. Zero deltas are dropped. */
export function mergeDeltas(deltas: ReadonlyArray<CounterDelta | null | undefined>): CounterDelta[] {
  const merged = new Map<string, CounterDelta>();
  for (const delta of deltas) {
    if (!delta) continue;
    const key = `${delta.agentId}|${delta.day}`;
    let into = merged.get(key);
    if (!into) merged.set(key, (into = { agentId: delta.agentId, day: delta.day, add: {} }));
    for (const [field, value] of Object.entries(delta.add) as Array<[CounterField, number]>) {
      if (value) into.add[field] = (into.add[field] ?? 0) + value;
    }
  }
  return [...merged.values()].filter((d) => Object.values(d.add).some((v) => v !== 0));
}

/**
 * The same moves gathered by calendar month (`day` holds YYYY-MM): what the month counters add. Takes
 * merged day deltas; an agent's days of one month become one row.
 */
export function monthDeltas(dayDeltas: readonly CounterDelta[]): CounterDelta[] {
  return mergeDeltas(dayDeltas.map((d) => ({ agentId: d.agentId, day: monthOf(d.day), add: d.add })));
}

/** The calendar month of a floor day, as the month counters key it. */
export const monthOf = (day: LocalDate): string => day.slice(0, 7);
