import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AgentStatusChange } from '../agents/agent-status-change.entity.js';
import type { Call } from '../calls/call.entity.js';
import { ZoneClock } from '../db/seed/floor-time.js';
import type { Payment } from '../payments/payment.entity.js';
import type { PromiseToPay } from '../promises/promise-to-pay.entity.js';
import type { FloorEvents } from '../realtime/events.js';
import { toFloorCurrency } from '../shared/floor-currency.js';
import { sqlRows, sqlRun } from '../db/sql.js';
import {
  callDelta,
  COUNTER_COLUMN,
  COUNTER_FIELDS,
  mergeDeltas,
  monthDeltas,
  paymentDelta,
  presenceDeltas,
  promiseTakenDelta,
  settlementDelta,
  type CounterDelta,
} from './counter-deltas.js';
import { KPI_TOPIC_KEY } from './kpi-updates.js';

/** Rows per upsert statement: 17 bound values each, far below SQLite's limit. */
const UPSERT_CHUNK = 500;

const columns = COUNTER_FIELDS.map((f) => COUNTER_COLUMN[f]);

/** A multi-row upsert into one counter table keyed by (agent_id, `period`), and its row shape. */
function upsertInto(table: string, period: string): { head: string; row: string; tail: string } {
  return {
    head: `insert into ${table} (agent_id, ${period}, ${columns.join(', ')}, version) values `,
    row: `(?, ?, ${columns.map(() => '?').join(', ')}, 1)`,
    // Additive on both databases: concurrent requests (and server instances) each add their part, no read.
    tail: ` on conflict (agent_id, ${period}) do update set ${columns.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}, version = ${table}.version + 1`,
  };
}
const DAY_UPSERT = upsertInto('agent_day_counter', '"day"');
export const MONTH_UPSERT = upsertInto('agent_month_counter', '"month"');

/**
 * Moves the per-agent, per-day counters of DOMAIN.md §7 inside the transaction that records each fact:
 * a call, a promise taken, a payment posted or reversed, a promise settled or re-opened, a presence
 * change. Every move is one additive upsert of the day rows and one of the month rows they fall in;
 * nothing is read first, so nothing is lost to a race.
 */
export class KpiCounters {
  readonly zone: ZoneClock;

  /** With `events`, every move is announced after its transaction commits (kpiUpdated, kpi-updates.ts). */
  constructor(
    readonly floorTimeZone: string,
    private readonly events?: FloorEvents,
  ) {
    this.zone = new ZoneClock(floorTimeZone);
  }

  async add(tx: EntityManager, deltas: ReadonlyArray<CounterDelta | null | undefined>): Promise<void> {
    const rows = mergeDeltas(deltas);
    await upsert(tx, DAY_UPSERT, rows);
    await upsert(tx, MONTH_UPSERT, monthDeltas(rows));
    if (rows.length && this.events) {
      this.events.publishAfterCommit(tx, 'kpiUpdated', KPI_TOPIC_KEY, {
        agentIds: [...new Set(rows.map((r) => r.agentId))],
        days: [...new Set(rows.map((r) => r.day))],
      });
    }
  }

  callRecorded(tx: EntityManager, call: Call): Promise<void> {
    return this.add(tx, [
      callDelta(
        { agentId: call.agent.id, direction: call.direction, disposition: call.disposition, startedAt: call.startedAt, talkSeconds: call.talkSeconds, wrapSeconds: call.wrapSeconds },
        this.floorTimeZone,
      ),
    ]);
  }

  promiseTaken(tx: EntityManager, promise: PromiseToPay): Promise<void> {
    return this.add(tx, [promiseTakenDelta(promise.agent.id, promise.createdAt, toFloorCurrency(promise.amountMinor, promise.currency), this.floorTimeZone)]);
  }

  /** Promises whose status may have moved from `before` (kept by a payment, re-opened, settled at rollover, approved). */
  promisesSettled(tx: EntityManager, changes: ReadonlyArray<{ promise: PromiseToPay; before: string }>): Promise<void> {
    return this.add(tx, this.settlementDeltas(changes));
  }

  /**
   * What promisesSettled adds, merged per (agent, day) with the moves already gathered in `into`: a caller
   * settling promises a chunk at a time (the day rollover) gathers them so, and adds them once with `add`,
   * as one promisesSettled of them all would - without holding the promises.
   */
  settlementDeltas(changes: ReadonlyArray<{ promise: PromiseToPay; before: string }>, into: readonly CounterDelta[] = []): CounterDelta[] {
    return mergeDeltas([...into, ...changes.map(({ promise, before }) => settlementDelta(promise.agent.id, promise.graceEndsOn, before, promise.status))]);
  }

  paymentPosted(tx: EntityManager, payment: Payment): Promise<void> {
    return this.add(tx, [paymentDelta(payment.creditedTo?.id, payment.receivedAt, toFloorCurrency(payment.amountMinor, payment.currency), 1, this.floorTimeZone)]);
  }

  /** Takes the payment back on the day it was received, from the agent it was credited to. */
  paymentReversed(tx: EntityManager, payment: Payment): Promise<void> {
    return this.add(tx, [paymentDelta(payment.creditedTo?.id, payment.receivedAt, toFloorCurrency(payment.amountMinor, payment.currency), -1, this.floorTimeZone)]);
  }

  /**
   * A new presence change closes the agent's previous interval: its length counts, split at floor
   * midnights, as connected (and paused) time. The caller has already written the agent row in this
   * transaction, so a concurrent change of the same agent waits for this one and then sees it.
   */
  async presenceChanged(tx: EntityManager, change: AgentStatusChange): Promise<void> {
    const at = tx.getPlatform().processDateProperty(change.at);
    const [previous] = await sqlRows<{ status: string; at: unknown }>(
      tx,
      `select status, at from agent_status_change where agent_id = ? and (at < ? or (at = ? and id < ?)) order by at desc, id desc limit 1`,
      [change.agent.id, at, at, change.id],
    );
    if (!previous) return;
    await this.add(tx, presenceDeltas(change.agent.id, previous.status, instant(previous.at), change.at, this.zone));
  }
}

/** Adds each delta to its (agent, period) row, creating the row at zero first where there is none. */
async function upsert(tx: EntityManager, statement: { head: string; row: string; tail: string }, rows: readonly CounterDelta[]): Promise<void> {
  for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
    const chunk = rows.slice(start, start + UPSERT_CHUNK);
    const params: unknown[] = [];
    for (const row of chunk) params.push(row.agentId, row.day, ...COUNTER_FIELDS.map((f) => row.add[f] ?? 0));
    // Bound, not inlined: the statement's text repeats, so SQLite reuses it compiled (every call runs it).
    await sqlRun(tx, `${statement.head}${chunk.map(() => statement.row).join(', ')}${statement.tail}`, params);
  }
}

/**
 * A statement through the ORM's connection, its values inlined into the text: for the recount's and the
 * bucket figures' rebuilds, which run once each. Reads served per request use sqlRows (db/sql.ts), bound,
 * so SQLite reuses them compiled and PostgreSQL runs them prepared.
 */
export async function execute<T = Record<string, unknown>>(tx: EntityManager, sql: string, params: unknown[], method: 'all' | 'run' = 'run'): Promise<T[]> {
  const em = tx as SqlEntityManager;
  return em.getConnection().execute(sql, params, method, em.getTransactionContext()) as Promise<T[]>;
}

/** An instant as either database returns it: epoch milliseconds (SQLite) or a Date/ISO string (PostgreSQL). */
export const instant = (value: unknown): Date =>
  value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
