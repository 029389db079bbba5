import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Disposition, isContact, isRightPartyContact } from '../calls/dispositions.js';
import { ZoneClock } from '../db/seed/floor-time.js';
import { isPostgres } from '../db/sql.js';
import { addDays, type LocalDate } from '../shared/dates.js';
import { floorCurrencySql } from '../shared/floor-currency.js';
import { COUNTER_COLUMN, COUNTER_FIELDS, mergeDeltas, presenceDeltas, zeroFigures, type CounterDelta, type CounterField, type CounterFigures } from './counter-deltas.js';
import { execute, instant, KpiCounters, MONTH_UPSERT } from './kpi-counters.js';

/**
 * The counters of DOMAIN.md §7 computed again from the raw records - calls, promises, payments and
 * presence changes - for a set of floor days: what kpiRecount compares the counters with, and what the
 * seeder writes for the demo floor's history. The rules are those of counter-deltas.ts, in SQL.
 */

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
const CONTACTS = list(Object.values(Disposition).filter(isContact));
const RIGHT_PARTY = list(Object.values(Disposition).filter(isRightPartyContact));
const flag = (condition: string): string => `sum(case when ${condition} then 1 else 0 end)`;

interface Source {
  agent: string;
  day: string;
  from: string;
  fields: Partial<Record<CounterField, string>>;
}

/** Each source groups its rows by agent and floor day; `days` is a CTE of (day, start, end) instants. */
const SOURCES: readonly Source[] = [
  {
    // A call counts on the day it started.
    agent: 'c.agent_id',
    day: 'd."day"',
    from: '"call" c join days d on c.started_at >= d.s and c.started_at < d.e',
    fields: {
      calls: 'count(*)',
      attempts: flag(`c.direction = 'OUTBOUND'`),
      contacts: flag(`c.disposition in (${CONTACTS})`),
      rightPartyContacts: flag(`c.disposition in (${RIGHT_PARTY})`),
      callsWithTalk: flag('c.talk_seconds > 0'),
      talkSeconds: 'sum(c.talk_seconds)',
      wrapSeconds: 'sum(c.wrap_seconds)',
    },
  },
  {
    // A promise counts for who took it, on the day it was created.
    agent: 'p.agent_id',
    day: 'd."day"',
    from: 'promise_to_pay p join days d on p.created_at >= d.s and p.created_at < d.e',
    fields: { promises: 'count(*)', promisedAmountMinor: `sum(${floorCurrencySql('p.amount_minor', 'p.currency')})` },
  },
  {
    // Its settlement counts on the day its grace ends.
    agent: 'p.agent_id',
    day: 'p.grace_ends_on',
    from: `promise_to_pay p where p.grace_ends_on in (select "day" from days) and p.status in ('KEPT', 'PARTIALLY_KEPT', 'BROKEN')`,
    fields: {
      promisesKept: flag(`p.status = 'KEPT'`),
      promisesPartiallyKept: flag(`p.status = 'PARTIALLY_KEPT'`),
      promisesBroken: flag(`p.status = 'BROKEN'`),
    },
  },
  {
    // A posted payment counts for the agent credited with it, on the day it was received.
    agent: 'p.credited_to_id',
    day: 'd."day"',
    from: `payment p join days d on p.received_at >= d.s and p.received_at < d.e where p.status = 'POSTED' and p.credited_to_id is not null`,
    fields: { collectedAmountMinor: `sum(${floorCurrencySql('p.amount_minor', 'p.currency')})` },
  },
];

/** `with days(day, s, e) as (values ...)` for the given floor days, and its parameters. */
function daysCte(em: EntityManager, days: readonly LocalDate[], zone: ZoneClock): { sql: string; params: unknown[] } {
  const platform = em.getPlatform();
  // PostgreSQL types a VALUES list from its text parameters unless told.
  const row = isPostgres(em) ? '(cast(? as varchar), cast(? as timestamptz), cast(? as timestamptz))' : '(?, ?, ?)';
  const params: unknown[] = [];
  for (const day of days) params.push(day, platform.processDateProperty(new Date(zone.midnight(day))), platform.processDateProperty(new Date(zone.midnight(addDays(day, 1)))));
  return { sql: `with days("day", s, e) as (values ${days.map(() => row).join(', ')})`, params };
}

/** One row per (agent, day) with every counter field but presence, summed over the sources. */
function factsSelect(): string {
  const parts = SOURCES.map((s) => {
    const fields = COUNTER_FIELDS.map((f) => `${s.fields[f] ?? '0'} as ${COUNTER_COLUMN[f]}`).join(', ');
    return `select ${s.agent} as agent_id, ${s.day} as "day", ${fields} from ${s.from} group by ${s.agent}, ${s.day}`;
  });
  const sums = COUNTER_FIELDS.map((f) => `sum(f.${COUNTER_COLUMN[f]}) as ${COUNTER_COLUMN[f]}`).join(', ');
  return `select f.agent_id as agent_id, f."day" as "day", ${sums} from (${parts.join(' union all ')}) f group by f.agent_id, f."day"`;
}

const keyOf = (agentId: number, day: LocalDate): string => `${agentId}|${day}`;

/**
 * Presence time of the days from the changes themselves: every interval between two consecutive
 * changes of an agent (ordered by time, then id) that overlaps the days, split at floor midnights.
 * An interval still open (no later change) counts nowhere, as in the counters.
 */
export async function presenceFacts(em: EntityManager, days: readonly LocalDate[], zone: ZoneClock): Promise<CounterDelta[]> {
  if (!days.length) return [];
  const sorted = [...days].sort();
  const platform = em.getPlatform();
  const start = platform.processDateProperty(new Date(zone.midnight(sorted[0]!)));
  const end = platform.processDateProperty(new Date(zone.midnight(addDays(sorted[sorted.length - 1]!, 1))));
  const rows = await execute<{ agent_id: unknown; status: string; at: unknown; id: unknown }>(
    em,
    `select c.agent_id, c.status, c.at, c.id from agent_status_change c where c.at >= ? and c.at < ?
     union all
     select c.agent_id, c.status, c.at, c.id from agent a join agent_status_change c on c.id =
       (select p.id from agent_status_change p where p.agent_id = a.id and p.at < ? order by p.at desc, p.id desc limit 1)
     union all
     select c.agent_id, c.status, c.at, c.id from agent a join agent_status_change c on c.id =
       (select n.id from agent_status_change n where n.agent_id = a.id and n.at >= ? order by n.at, n.id limit 1)`,
    [start, end, start, end],
    'all',
  );
  const byAgent = new Map<number, Array<{ status: string; at: Date; id: number }>>();
  for (const r of rows) {
    const agentId = Number(r.agent_id);
    let changes = byAgent.get(agentId);
    if (!changes) byAgent.set(agentId, (changes = []));
    changes.push({ status: r.status, at: instant(r.at), id: Number(r.id) });
  }
  const wanted = new Set(days);
  const deltas: CounterDelta[] = [];
  for (const [agentId, changes] of byAgent) {
    changes.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
    for (let i = 0; i + 1 < changes.length; i++) {
      for (const delta of presenceDeltas(agentId, changes[i]!.status, changes[i]!.at, changes[i + 1]!.at, zone)) {
        if (wanted.has(delta.day)) deltas.push(delta);
      }
    }
  }
  return deltas;
}

/** The counters the raw records give for the days, keyed "agentId|day"; only (agent, day) pairs with a fact. */
export async function recountDays(em: EntityManager, days: readonly LocalDate[], zone: ZoneClock): Promise<Map<string, { agentId: number; day: LocalDate; figures: CounterFigures }>> {
  const out = new Map<string, { agentId: number; day: LocalDate; figures: CounterFigures }>();
  if (!days.length) return out;
  const cte = daysCte(em, days, zone);
  const rows = await execute<Record<string, unknown>>(em, `${cte.sql} ${factsSelect()}`, cte.params, 'all');
  const entry = (agentId: number, day: LocalDate) => {
    const key = keyOf(agentId, day);
    let e = out.get(key);
    if (!e) out.set(key, (e = { agentId, day, figures: zeroFigures() }));
    return e;
  };
  for (const r of rows) {
    const e = entry(Number(r.agent_id), String(r.day));
    for (const f of COUNTER_FIELDS) e.figures[f] += Number(r[COUNTER_COLUMN[f]] ?? 0);
  }
  for (const delta of mergeDeltas(await presenceFacts(em, days, zone))) {
    const e = entry(delta.agentId, delta.day);
    for (const [f, v] of Object.entries(delta.add) as Array<[CounterField, number]>) e.figures[f] += v;
  }
  return out;
}

/**
 * The demo floor's history counted once, set-wise, after the seeder wrote its raw rows straight to the
 * tables (bypassing the hooks): payments are credited to the account's agent (seeded accounts are never
 * reassigned, so that is who held them at posting), then one INSERT ... SELECT per the rules above and
 * the month rows from those day rows, and the presence intervals on top (both tables). Expects no
 * counter rows for those days yet.
 */
export async function backfillAgentDayCounters(orm: MikroORM, options: { floorTimeZone: string; from: LocalDate; to: LocalDate }): Promise<void> {
  const zone = new ZoneClock(options.floorTimeZone);
  const counters = new KpiCounters(options.floorTimeZone);
  const days: LocalDate[] = [];
  for (let d = options.from; d <= options.to; d = addDays(d, 1)) days.push(d);
  await orm.em.fork().transactional(async (tx) => {
    await execute(tx, `update payment set credited_to_id = (select a.assigned_agent_id from account a where a.id = payment.account_id) where credited_to_id is null`, []);
    const cte = daysCte(tx, days, zone);
    const columns = COUNTER_FIELDS.map((f) => COUNTER_COLUMN[f]).join(', ');
    await execute(
      tx,
      `${cte.sql} insert into agent_day_counter (agent_id, "day", ${columns}, version)
       select x.agent_id, x."day", ${COUNTER_FIELDS.map((f) => `x.${COUNTER_COLUMN[f]}`).join(', ')}, 1 from (${factsSelect()}) x order by x.agent_id, x."day"`,
      cte.params,
    );
    await execute(tx, monthsFromDaysSql(), [options.from, options.to]);
    await counters.add(tx, await presenceFacts(tx, days, zone));
  });
}

/**
 * Adds the day rows of [?, ?] to their month rows, month by month, creating them where there are none:
 * the month counters of days whose day rows were written set-wise (the seeder; a floor from before them).
 */
export function monthsFromDaysSql(): string {
  const columns = COUNTER_FIELDS.map((f) => COUNTER_COLUMN[f]);
  // The SELECT keeps its WHERE: SQLite's parser needs one to tell the upsert's ON from a join's.
  return `insert into agent_month_counter (agent_id, "month", ${columns.join(', ')}, version)
    select k.agent_id, substr(k."day", 1, 7), ${columns.map((c) => `sum(k.${c})`).join(', ')}, 1
    from agent_day_counter k where k."day" >= ? and k."day" <= ? group by k.agent_id, substr(k."day", 1, 7)${MONTH_UPSERT.tail}`;
}
