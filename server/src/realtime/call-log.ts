import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { accountInReachSql } from '../auth/access.js';
import type { CallDirection } from '../calls/call.entity.js';
import { DISPOSITIONS, implies, type Disposition } from '../calls/dispositions.js';
import type { Orm } from '../db/orm.js';
import { readOnly } from '../db/read-only.js';
import { instantOf, marks, sqlRows, type Sql } from '../db/sql.js';
import { badInput } from '../graphql/errors.js';
import { encodeId } from '../graphql/ids.js';
import { createLoaders } from '../graphql/loaders.js';
import { Money } from '../shared/money.type.js';
import type { CallLogged } from './call-logged.type.js';
import type { EventScope } from './event-scope.js';
import type { FloorEvents } from './events.js';
import type { LiveSubscription } from './live-subscription.js';
import type { CallLoggedEvent } from './topics.js';

/** Calls read from the database per round trip while catching up. */
const PAGE = 100;
const CURSOR_PREFIX = 'CallLog:';

/** A position in a team's call log: the id of the last call delivered. Opaque to clients. */
export const encodeCallLogCursor = (callId: number): string => Buffer.from(`${CURSOR_PREFIX}${callId}`).toString('base64url');

export function decodeCallLogCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const id = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 0 || encodeCallLogCursor(id) !== cursor.replace(/=+$/, '')) {
    throw badInput('after is not a cursor of callLogged.', { argument: 'after' });
  }
  return id;
}

export interface CallLogItem {
  entry: CallLogged;
  scope: EventScope;
}

/**
 * A team's calls as a live log. The calls table is the log and the call id the position in it: a
 * team's calls commit in id order (FloorEvents.lockCallLog; SQLite has a single writer), so "every
 * call after id N" is exactly what a subscriber that saw N has not seen.
 *
 * Opening it listens for new calls first and reads the database second; from then on every
 * announcement of a call after the last one delivered triggers a read of the log from that position.
 * The database, not the bus, says what is delivered: a replay and a live call can never both be sent
 * (ids only grow), nothing committed is skipped (the read takes all of them, in order), and an
 * announcement lost or arriving out of order costs nothing but a later delivery.
 */
export async function openCallLog(
  deps: { orm: Orm; events: FloorEvents },
  viewer: Viewer | undefined,
  teamId: number,
  after: number | null,
): Promise<AsyncIterableIterator<CallLogItem>> {
  const live = await deps.events.listen('callLogged', teamId);
  try {
    const start = after ?? (await lastCallOfTeam(deps.orm.em.fork(), teamId));
    return new CallLogStream(deps.orm, viewer, teamId, start, live);
  } catch (error) {
    await live.return();
    throw error;
  }
}

async function lastCallOfTeam(em: EntityManager, teamId: number): Promise<number> {
  const [last] = await sqlRows<{ id: unknown }>(em, 'select c.id from "call" c where c.team_id = ? order by c.id desc limit 1', [teamId]);
  return last ? Number(last.id) : 0;
}

class CallLogStream implements AsyncIterableIterator<CallLogItem> {
  private pending: CallLogItem[] = [];
  private caughtUp = false;
  private closed = false;

  constructor(
    private readonly orm: Orm,
    private readonly viewer: Viewer | undefined,
    private readonly teamId: number,
    private last: number,
    private readonly live: LiveSubscription<CallLoggedEvent>,
  ) {}

  async next(): Promise<IteratorResult<CallLogItem>> {
    while (!this.closed) {
      const item = this.pending.shift();
      if (item) return { value: item, done: false };
      if (this.caughtUp) {
        await this.untilNewerCall();
        this.caughtUp = false;
        continue;
      }
      const page = await this.readAfter(this.last);
      if (this.closed) break;
      this.pending = page;
      if (page.length > 0) this.last = page[page.length - 1]!.callId;
      // A short page was the end of the log when it was read; anything newer has been announced since.
      this.caughtUp = page.length < PAGE;
    }
    return { value: undefined, done: true };
  }

  /** Waits for an announcement of a call after the last one delivered (or for the end). */
  private async untilNewerCall(): Promise<void> {
    for (;;) {
      const { value, done } = await this.live.next();
      if (done || value.callId > this.last) return;
    }
  }

  async return(): Promise<IteratorResult<CallLogItem>> {
    this.closed = true;
    this.pending = [];
    await this.live.return();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<CallLogItem>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next page of the log after `last`, each entry with the scope its fields resolve in. */
  private async readAfter(last: number): Promise<Array<CallLogItem & { callId: number }>> {
    const em = this.orm.em.fork();
    const calls = await callsAfter(em, this.viewer, this.teamId, last);
    if (calls.length === 0) return [];
    const withOutcome = (what: 'PROMISE' | 'PAYMENT' | 'PLAN') => calls.filter((c) => implies(c.disposition, what)).map((c) => c.id);
    const [promises, payments, plans] = await Promise.all([
      outcomesOf(em, 'promise_to_pay', 'amount_minor', withOutcome('PROMISE')),
      outcomesOf(em, 'payment', 'amount_minor', withOutcome('PAYMENT')),
      outcomesOf(em, 'payment_plan', 'total_minor', withOutcome('PLAN')),
    ]);
    const loaders = createLoaders(em, this.viewer);
    // The entries' agents and accounts came with their calls: their fields resolve without a statement each.
    for (const call of calls) {
      loaders.agent.prime(call.agentId, call.agent);
      loaders.account.prime(call.accountId, call.account);
    }
    if (calls.length > 1) {
      // A replay resolves many entries one after another; load their customers in one go.
      await loaders.customer.loadMany([...new Set(calls.flatMap((c) => (c.account ? [c.account.customer.id] : [])))]);
    }
    const scope = { em, loaders };
    return calls.map((call) => ({
      callId: call.id,
      scope,
      entry: {
        cursor: encodeCallLogCursor(call.id),
        callId: encodeId('Call', call.id),
        direction: call.direction,
        disposition: call.disposition,
        contact: DISPOSITIONS[call.disposition].contact,
        rightPartyContact: DISPOSITIONS[call.disposition].rightParty,
        startedAt: call.startedAt,
        endedAt: call.endedAt,
        talkSeconds: call.talkSeconds,
        wrapSeconds: call.wrapSeconds,
        promiseAmount: promises.get(call.id) ?? null,
        paymentAmount: payments.get(call.id) ?? null,
        planTotal: plans.get(call.id) ?? null,
        recordedAt: call.recordedAt,
        agentId: call.agentId,
        accountId: call.accountId,
      },
    }));
  }
}

/** What a log entry needs of a call row, with its agent, and its account when the subscriber may see it. */
interface LoggedCall {
  id: number;
  accountId: number;
  agentId: number;
  direction: CallDirection;
  disposition: Disposition;
  startedAt: Date;
  endedAt: Date;
  talkSeconds: number;
  wrapSeconds: number;
  recordedAt: Date;
  agent: Agent;
  /** Null when the account is outside the subscriber's reach (as the account loader gives it). */
  account: Account | null;
}

const AGENT = 'agent__';
const ACCOUNT = 'account__';

/**
 * The team's calls after `last`, oldest first, a page at most, in one statement: the columns an entry
 * shows, plus its agent and its account (as read-only rows; the account only within the subscriber's
 * reach, as the account loader tests it). Every shared callLogged stream reads here once per call, and
 * the ORM's query building and hydration, or a statement per field, would be paid for every event.
 */
async function callsAfter(em: EntityManager, viewer: Viewer | undefined, teamId: number, last: number): Promise<LoggedCall[]> {
  const agents = readOnly(em, Agent);
  const accounts = readOnly(em, Account);
  const reach: Sql | null = viewer ? accountInReachSql(viewer, 'a') : { sql: '1 = 0', params: [] };
  const rows = await sqlRows<Record<string, unknown>>(
    em,
    `select c.id, c.account_id, c.agent_id, c.direction, c.disposition, c.started_at, c.ended_at, c.talk_seconds, c.wrap_seconds, c.created_at,
       ${agents.columns('g', AGENT)}, ${accounts.columns('a', ACCOUNT)}
     from "call" c join agent g on g.id = c.agent_id
     left join account a on a.id = c.account_id${reach ? ` and ${reach.sql}` : ''}
     where c.team_id = ? and c.id > ? order by c.id asc limit ?`,
    [...(reach?.params ?? []), teamId, last, PAGE],
  );
  const agentOf = agents.read(rows, AGENT);
  const accountOf = accounts.read(rows, ACCOUNT);
  return rows.map((r, i) => ({
    id: Number(r.id),
    accountId: Number(r.account_id),
    agentId: Number(r.agent_id),
    direction: r.direction as CallDirection,
    disposition: r.disposition as Disposition,
    startedAt: instantOf(r.started_at)!,
    endedAt: instantOf(r.ended_at)!,
    talkSeconds: Number(r.talk_seconds),
    wrapSeconds: Number(r.wrap_seconds),
    recordedAt: instantOf(r.created_at)!,
    agent: agentOf[i]!,
    account: r[`${ACCOUNT}id`] == null ? null : accountOf[i]!,
  }));
}

/** The amount of the promise, payment or plan each call created (the first, should there be several), by call id. */
async function outcomesOf(em: EntityManager, table: 'promise_to_pay' | 'payment' | 'payment_plan', amount: 'amount_minor' | 'total_minor', callIds: number[]): Promise<Map<number, Money>> {
  if (callIds.length === 0) return new Map();
  const rows = await sqlRows<{ call_id: unknown; minor: unknown; currency: string }>(
    em,
    `select o.call_id, o.${amount} as minor, o.currency from ${table} o where o.call_id in (${marks(callIds.length)}) order by o.id asc`,
    callIds,
  );
  const byCall = new Map<number, Money>();
  for (const row of rows) {
    const callId = Number(row.call_id);
    if (!byCall.has(callId)) byCall.set(callId, Money.of(Number(row.minor), row.currency));
  }
  return byCall;
}
