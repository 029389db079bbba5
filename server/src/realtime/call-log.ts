import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
import { Call } from '../calls/call.entity.js';
import { DISPOSITIONS, implies } from '../calls/dispositions.js';
import type { Orm } from '../db/orm.js';
import { badInput } from '../graphql/errors.js';
import { encodeId } from '../graphql/ids.js';
import { createLoaders } from '../graphql/loaders.js';
import { Payment } from '../payments/payment.entity.js';
import { PaymentPlan } from '../plans/payment-plan.entity.js';
import { PromiseToPay } from '../promises/promise-to-pay.entity.js';
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
  const [last] = await em.find(Call, { teamId }, { orderBy: { id: 'desc' }, limit: 1, fields: ['id'] as never });
  return last?.id ?? 0;
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
    const calls = await em.find(Call, { teamId: this.teamId, id: { $gt: last } }, { orderBy: { id: 'asc' }, limit: PAGE });
    if (calls.length === 0) return [];
    const withOutcome = (what: 'PROMISE' | 'PAYMENT' | 'PLAN') => calls.filter((c) => implies(c.disposition, what)).map((c) => c.id);
    const [promises, payments, plans] = await Promise.all([
      outcomesOf(em, PromiseToPay, withOutcome('PROMISE')),
      outcomesOf(em, Payment, withOutcome('PAYMENT')),
      outcomesOf(em, PaymentPlan, withOutcome('PLAN')),
    ]);
    const loaders = createLoaders(em, this.viewer);
    if (calls.length > 1) {
      // A replay resolves many entries one after another; load their agents and accounts in one go.
      const accounts = await loaders.account.loadMany([...new Set(calls.map((c) => c.account.id))]);
      await Promise.all([
        loaders.agent.loadMany([...new Set(calls.map((c) => c.agent.id))]),
        loaders.customer.loadMany([...new Set(accounts.flatMap((a) => (a && !(a instanceof Error) ? [a.customer.id] : [])))]),
      ]);
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
        promiseAmount: moneyOf(promises.get(call.id), (p) => p.amountMinor),
        paymentAmount: moneyOf(payments.get(call.id), (p) => p.amountMinor),
        planTotal: moneyOf(plans.get(call.id), (p) => p.totalMinor),
        recordedAt: call.createdAt,
        agentId: call.agent.id,
        accountId: call.account.id,
      },
    }));
  }
}

type Outcome = PromiseToPay | Payment | PaymentPlan;

/** The promise, payment or plan each call created, by call id. */
async function outcomesOf<T extends Outcome>(em: EntityManager, entity: new () => T, callIds: number[]): Promise<Map<number, T>> {
  if (callIds.length === 0) return new Map();
  const rows = (await em.find(entity as never, { call: { $in: callIds } } as never, { orderBy: { id: 'asc' } as never })) as T[];
  const byCall = new Map<number, T>();
  for (const row of rows) if (row.call && !byCall.has(row.call.id)) byCall.set(row.call.id, row);
  return byCall;
}

function moneyOf<T extends Outcome>(outcome: T | undefined, minor: (o: T) => number): Money | null {
  return outcome ? Money.of(minor(outcome), outcome.currency) : null;
}
