import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { AccountPool, money, type AccountRow } from '../utils/accounts.js';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { startServerProcess, type ServerProcess } from '../utils/server-process.js';

/**
 * Live subscriptions over graphql-ws (issue 5): callLogged with replay from a cursor, agentStatusChanged
 * and alertRaised; events leave only after commit, reach subscribers within a second, are masked for
 * the subscriber's role, are refused outside the subscriber's reach, stop with the session, and cross
 * server instances through Redis.
 */

const REDIS_URL = 'redis://127.0.0.1:6379';
/** The bound: an event reaches its subscribers within a second of the commit. */
const LATENCY_BOUND_MS = 1_000;

// The suite's clock stands at 2026-11-18T16:00Z; every call ended before it.
const STARTED = '2026-11-18T15:40:00.000Z';
const ANSWERED = '2026-11-18T15:40:15.000Z';
const ENDED = '2026-11-18T15:45:15.000Z';

const CALL_LOGGED = `subscription($teamId: ID!, $after: String) { callLogged(teamId: $teamId, after: $after) {
  cursor callId direction disposition contact rightPartyContact startedAt endedAt talkSeconds wrapSeconds recordedAt
  promiseAmount { amount currencyCode } paymentAmount { amount currencyCode } planTotal { amount currencyCode }
  agent { email }
  account { id externalRef customer { firstName lastName contactPoints { kind value } } }
} }`;
const AGENT_STATUS = `subscription($teamId: ID!) { agentStatusChanged(teamId: $teamId) { status pauseReason at agent { email } } }`;
const ALERTS = `subscription($teamId: ID!) { alertRaised(teamId: $teamId) { id kind message raisedAt team { name } agent { email } account { id } } }`;
const RECORD = `mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }`;
const SET_STATUS = `mutation($status: Presence!, $pauseReason: PauseReason) { setAgentStatus(status: $status, pauseReason: $pauseReason) { presence } }`;
const ACCOUNT_AS_QUERIED = `query($id: ID!) { account(id: $id) { id externalRef customer { firstName lastName contactPoints { kind value } } } }`;

const latencies: Record<string, number[]> = {};

interface Received {
  at: number;
  result: FormattedExecutionResult<any, unknown>;
}

/** One subscription on its own graphql-ws connection, recording what arrives and when. */
class Subscriber {
  readonly received: Received[] = [];
  completed = false;
  closeCode: number | undefined;
  private readonly client: Client;
  private wakeUp: () => void = () => undefined;

  constructor(wsUrl: string, token: string | undefined, query: string, variables: Record<string, unknown>) {
    this.client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    });
    this.client.on('closed', (event) => {
      this.closeCode = (event as { code: number }).code;
      this.wakeUp();
    });
    this.client.subscribe(
      { query, variables },
      {
        next: (result) => {
          this.received.push({ at: performance.now(), result });
          this.wakeUp();
        },
        error: () => this.wakeUp(),
        complete: () => {
          this.completed = true;
          this.wakeUp();
        },
      },
    );
  }

  /** Waits until `done()` holds, failing after `timeoutMs`. */
  async until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!done()) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received ${JSON.stringify(this.received.map((r) => r.result))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** The first delivery of a field whose value satisfies `match`. */
  async waitFor(field: string, match: (value: any) => boolean, timeoutMs = 5_000): Promise<Received & { value: any }> {
    const find = () => this.received.find((r) => r.result.data?.[field] && match(r.result.data[field]));
    await this.until(() => find() !== undefined, timeoutMs, `a matching ${field}`);
    const hit = find()!;
    return { ...hit, value: hit.result.data![field] };
  }

  values(field: string): any[] {
    return this.received.filter((r) => r.result.data?.[field]).map((r) => r.result.data![field]);
  }

  /** A query on the same connection: proves the socket is still open and usable. */
  query(query: string): Promise<FormattedExecutionResult<any, unknown>> {
    return new Promise((resolve, reject) => {
      let value: FormattedExecutionResult<any, unknown> | undefined;
      this.client.subscribe({ query }, { next: (v) => (value = v), error: reject, complete: () => resolve(value!) });
    });
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}

/** Subscribers opened by a test, closed after it. */
const open: Subscriber[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.dispose()));
});

function subscribe(wsUrl: string, token: string | undefined, query: string, variables: Record<string, unknown>): Subscriber {
  const subscriber = new Subscriber(wsUrl, token, query, variables);
  open.push(subscriber);
  return subscriber;
}

/**
 * A subscription is live once the server has started it, which a client cannot see: poke (record a
 * call, change a status) until something arrives. Events of earlier pokes may still follow, so tests
 * afterwards look for their own event by id.
 */
async function untilLive(subscriber: Subscriber, poke: () => Promise<unknown>): Promise<void> {
  const deadline = performance.now() + 15_000;
  while (subscriber.received.length === 0) {
    if (performance.now() > deadline) throw new Error('the subscription never delivered anything');
    await poke();
    await subscriber.until(() => subscriber.received.length > 0, 300, 'a first event').catch(() => undefined);
  }
}

function inboundCall(account: AccountRow, disposition = 'REFUSED_TO_PAY', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountId: account.gid,
    direction: 'INBOUND',
    phoneId: null,
    phoneNumber: '+525511112222',
    startedAt: STARTED,
    answeredAt: ANSWERED,
    endedAt: ENDED,
    talkSeconds: 300,
    wrapSeconds: 30,
    disposition,
    ...extra,
  };
}

/** Records a call; returns its global id, when the request left and when its response arrived. */
async function recordCall(url: string, token: string, input: Record<string, unknown>): Promise<{ id: string; sentAt: number; respondedAt: number }> {
  const sentAt = performance.now();
  const r = ok(await gql(url, RECORD, { input }, token));
  return { id: r.recordCall.id, sentAt, respondedAt: performance.now() };
}

/**
 * Time from the mutation's response to the event: the commit happened before the response, so this
 * bounds commit-to-delivery from above (an event may even beat the response: 0). The whole round trip
 * from the request is kept for the summary too.
 */
function latency(kind: string, respondedAt: number, receivedAt: number, sentAt?: number): number {
  const ms = Math.max(0, receivedAt - respondedAt);
  (latencies[kind] ??= []).push(ms);
  if (sentAt !== undefined) (latencies[`${kind}, from the request`] ??= []).push(receivedAt - sentAt);
  return ms;
}

afterAll(() => {
  const summary = Object.entries(latencies).map(([kind, values]) => `${kind}: max ${Math.max(...values).toFixed(1)} ms over ${values.length}`);
  if (summary.length) console.info(`subscription delivery latency (mutation response to event) - ${summary.join('; ')}`);
});

async function teamGid(server: TestServer, name: string): Promise<string> {
  return globalId('Team', await scalar(server, 'select id from team where name = ?', [name]));
}

describe('on one server (in-process events)', () => {
  let server: TestServer;
  let pool: AccountPool;
  let team1: string;
  let team2: string;
  const tokens = new Map<string, string>();
  const tokenOf = async (email: string): Promise<string> => {
    if (!tokens.has(email)) tokens.set(email, await login(server.url, email));
    return tokens.get(email)!;
  };
  /** An account of Team 1 no other test of this file used, with its agent's token. */
  const account = async () => {
    const a = await pool.take();
    return { ...a, token: await tokenOf(a.agentEmail) };
  };
  let poked: Awaited<ReturnType<typeof account>>;
  const pokeTeam1 = () => recordCall(server.url, poked.token, inboundCall(poked));

  beforeAll(async () => {
    server = await startTestServer();
    pool = new AccountPool(server, 'Team 1');
    team1 = await teamGid(server, 'Team 1');
    team2 = await teamGid(server, 'Team 2');
    poked = await account();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('callLogged', () => {
    it('delivers a recorded call to its team supervisor within a second, with agent, account, disposition and amounts', async () => {
      const sub = subscribe(server.wsUrl, await tokenOf('supervisor1@demo.test'), CALL_LOGGED, { teamId: team1 });
      await untilLive(sub, pokeTeam1);

      const promised = await account();
      const amount = Math.min(promised.balance, Math.max(500, Math.floor(promised.amountDue / 2)));
      const promise = await recordCall(
        server.url,
        promised.token,
        inboundCall(promised, 'PROMISE_TO_PAY', { promise: { amount: money(amount, promised.currency), dueDate: '2026-11-25' } }),
      );
      const event = await sub.waitFor('callLogged', (c) => c.callId === promise.id);
      expect(latency('callLogged', promise.respondedAt, event.at, promise.sentAt)).toBeLessThan(LATENCY_BOUND_MS);
      const [customer] = await sql(server, 'select c.first_name, c.last_name from customer c join account a on a.customer_id = c.id where a.id = ?', [promised.id]);
      expect(event.value).toMatchObject({
        direction: 'INBOUND',
        disposition: 'PROMISE_TO_PAY',
        contact: true,
        rightPartyContact: true,
        startedAt: STARTED,
        endedAt: ENDED,
        talkSeconds: 300,
        wrapSeconds: 30,
        recordedAt: server.clock.now().toISOString(),
        promiseAmount: money(amount, promised.currency),
        paymentAmount: null,
        planTotal: null,
        agent: { email: promised.agentEmail },
        account: { id: promised.gid, customer: { firstName: customer!.first_name, lastName: customer!.last_name } },
      });
      expect(event.value.cursor).toEqual(expect.any(String));

      const paying = await account();
      const paid = Math.min(1_000, paying.balance);
      const payment = await recordCall(
        server.url,
        paying.token,
        inboundCall(paying, 'PAYMENT_TAKEN', { payment: { amount: money(paid, paying.currency), method: 'BANK_TRANSFER', idempotencyKey: randomUUID() } }),
      );
      const paymentEvent = await sub.waitFor('callLogged', (c) => c.callId === payment.id);
      expect(latency('callLogged', payment.respondedAt, paymentEvent.at, payment.sentAt)).toBeLessThan(LATENCY_BOUND_MS);
      expect(paymentEvent.value).toMatchObject({ disposition: 'PAYMENT_TAKEN', paymentAmount: money(paid, paying.currency), promiseAmount: null });
    });

    it('masks personal data for an analyst exactly as a query does', async () => {
      const analyst = await tokenOf('analyst@demo.test');
      const sub = subscribe(server.wsUrl, analyst, CALL_LOGGED, { teamId: team1 });
      await untilLive(sub, pokeTeam1);
      const called = await account();
      const call = await recordCall(server.url, called.token, inboundCall(called));
      const event = await sub.waitFor('callLogged', (c) => c.callId === call.id);

      const asQueried = ok(await gql(server.url, ACCOUNT_AS_QUERIED, { id: called.gid }, analyst)).account;
      expect(event.value.account).toEqual(asQueried);
      const customer = event.value.account.customer;
      expect(customer.firstName).toMatch(/^\p{Lu}\.$/u);
      expect(customer.lastName).toMatch(/^\p{Lu}\.$/u);
      const phones = customer.contactPoints.filter((p: { kind: string }) => p.kind === 'PHONE');
      expect(phones.length).toBeGreaterThan(0);
      for (const phone of phones) expect(phone.value).toMatch(/^\*{4}\w{0,4}$/);
      // The unmasked names really differ, so the check above is not vacuous.
      const [real] = await sql(server, 'select c.first_name from customer c join account a on a.customer_id = c.id where a.id = ?', [called.id]);
      expect(String(real!.first_name).length).toBeGreaterThan(2);
    });

    it('lets an agent follow their own team, showing only the accounts they work', async () => {
      const agentToken = await tokenOf(poked.agentEmail);
      const sub = subscribe(server.wsUrl, agentToken, CALL_LOGGED, { teamId: team1 });
      await untilLive(sub, pokeTeam1);
      const rows = await sql(
        server,
        `select a.id, g.email from account a join agent g on g.id = a.assigned_agent_id join team t on t.id = g.team_id
         where t.name = 'Team 1' and g.role = 'AGENT' and g.email <> ? and a.status = 'ACTIVE' order by a.id limit 1`,
        [poked.agentEmail],
      );
      const teammate = { id: Number(rows[0]!.id), gid: globalId('Account', Number(rows[0]!.id)) } as AccountRow;
      const theirs = await recordCall(server.url, await tokenOf(String(rows[0]!.email)), inboundCall(teammate));
      const mine = await recordCall(server.url, agentToken, inboundCall(poked));

      const theirEvent = await sub.waitFor('callLogged', (c) => c.callId === theirs.id);
      expect(theirEvent.value.agent.email).toBe(rows[0]!.email);
      expect(theirEvent.value.account).toBeNull();
      const myEvent = await sub.waitFor('callLogged', (c) => c.callId === mine.id);
      expect(myEvent.value.account.id).toBe(poked.gid);
    });

    it.each([
      ['an agent of Team 1', 'agent1@demo.test', 'FORBIDDEN'],
      ['the supervisor of Team 1', 'supervisor1@demo.test', 'FORBIDDEN'],
      ['an anonymous socket', undefined, 'UNAUTHENTICATED'],
    ])('refuses %s on Team 2 at subscribe time with %s, and keeps the socket open', async (_who, email, code) => {
      const token = email ? await tokenOf(email) : undefined;
      for (const query of [CALL_LOGGED, AGENT_STATUS, ALERTS]) {
        const sub = subscribe(server.wsUrl, token, query, { teamId: team2 });
        await sub.until(() => sub.completed, 5_000, 'the refusal');
        expect(sub.received).toHaveLength(1);
        const { errors, data } = sub.received[0]!.result;
        expect(errors?.[0]?.extensions?.code).toBe(code);
        expect(data ?? null).toBeNull();
        expect(sub.closeCode).toBeUndefined();
        if (token) expect((await sub.query('{ me { email } }')).data?.me.email).toBe(email);
      }
    });

    it('lets a manager and an analyst follow any team, and refuses a team that does not exist with NOT_FOUND', async () => {
      for (const email of ['manager@demo.test', 'analyst@demo.test']) {
        const sub = subscribe(server.wsUrl, await tokenOf(email), CALL_LOGGED, { teamId: globalId('Team', 999_999) });
        await sub.until(() => sub.completed, 5_000, 'the refusal');
        expect(sub.received[0]!.result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
      const sub = subscribe(server.wsUrl, await tokenOf('manager@demo.test'), CALL_LOGGED, { teamId: team1, after: 'not-a-cursor' });
      await sub.until(() => sub.completed, 5_000, 'the refusal');
      expect(sub.received[0]!.result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    });

    it('publishes nothing for a rolled-back mutation (a PAYMENT_TAKEN over the balance)', async () => {
      const teamId = localId(team1);
      // The bus itself, beneath every subscription: what it never carries, no instance can deliver.
      const bus = server.app.services.events.subscribe('callLogged', teamId);
      await bus.ready;
      const sub = subscribe(server.wsUrl, await tokenOf('supervisor1@demo.test'), CALL_LOGGED, { teamId: team1 });
      await untilLive(sub, pokeTeam1);
      bus.drain();
      const seen = sub.received.length;
      try {
        const over = await account();
        const callsBefore = await scalar(server, 'select count(*) from call where account_id = ?', [over.id]);
        const refused = await gql(
          server.url,
          RECORD,
          { input: inboundCall(over, 'PAYMENT_TAKEN', { payment: { amount: money(over.balance + 100, over.currency), method: 'CASH', idempotencyKey: randomUUID() } }) },
          over.token,
        );
        expect(errorCode(refused)).toBe('BAD_USER_INPUT');
        expect(await scalar(server, 'select count(*) from call where account_id = ?', [over.id])).toBe(callsBefore);

        // Wait past the latency bound, then record a good call: it is the next thing anyone hears.
        await new Promise((resolve) => setTimeout(resolve, LATENCY_BOUND_MS + 200));
        const good = await recordCall(server.url, over.token, inboundCall(over));
        const next = await Promise.race([bus.next(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event')), 5_000))]);
        expect(next.value?.callId).toBe(localId(good.id));
        expect(bus.drain()).toEqual([]);
        await sub.waitFor('callLogged', (c) => c.callId === good.id);
        // Every call a subscriber was told about exists; on this account, only the good one.
        for (const c of sub.values('callLogged').slice(seen)) {
          expect(await scalar(server, 'select count(*) from call where id = ?', [localId(c.callId)])).toBe(1);
        }
        expect(sub.values('callLogged').filter((c) => c.account?.id === over.gid).map((c) => c.callId)).toEqual([good.id]);
      } finally {
        await bus.return();
      }
    });

    it('after a reconnect with the last cursor, replays exactly the calls missed, then continues live, with no duplicate and no gap', async () => {
      const supervisor = await tokenOf('supervisor1@demo.test');
      const first = subscribe(server.wsUrl, supervisor, CALL_LOGGED, { teamId: team1 });
      await untilLive(first, pokeTeam1);
      const seen = first.values('callLogged');
      const last = seen[seen.length - 1]!;
      await first.dispose();

      // Calls recorded while nobody listens, by several agents.
      const missed: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const a = await account();
        missed.push((await recordCall(server.url, a.token, inboundCall(a))).id);
      }
      // Reconnect while more calls are being recorded, so the replay and the live stream overlap.
      const second = subscribe(server.wsUrl, supervisor, CALL_LOGGED, { teamId: team1, after: last.cursor });
      const racers = [await account(), await account(), await account()];
      const during = await Promise.all(racers.map(async (r) => (await recordCall(server.url, r.token, inboundCall(r))).id));
      const after = await recordCall(server.url, poked.token, inboundCall(poked));
      await second.waitFor('callLogged', (c) => c.callId === after.id);

      // Exactly the team's calls after the cursor, in order: the database is the oracle.
      const expected = (
        await sql(server, 'select id from call where team_id = ? and id > ? and id <= ? order by id', [localId(team1), localId(last.callId), localId(after.id)])
      ).map((r) => globalId('Call', Number(r.id)));
      const delivered = second.values('callLogged').map((c) => c.callId);
      expect(delivered).toEqual(expected);
      expect(new Set(delivered).size).toBe(delivered.length);
      for (const id of [...missed, ...during, after.id]) expect(delivered).toContain(id);
      // Cursors move forward with every call.
      const cursors = second.values('callLogged').map((c) => c.cursor);
      expect(new Set(cursors).size).toBe(cursors.length);
    });

    it('holds a team’s next call back while an earlier one is still being recorded, so its log commits in id order', async () => {
      const caller = await account();
      const { events, orm } = server.app.services;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let lockTaken!: () => void;
      const taken = new Promise<void>((resolve) => (lockTaken = resolve));
      // A recordCall of Team 1 that has inserted its call and not committed yet, as far as the log can tell.
      const earlier = orm.em.fork().transactional(async (tx) => {
        await events.lockCallLog(tx, localId(team1));
        await tx.getConnection().execute('update team set name = name where id = ?', [localId(team1)], 'run', tx.getTransactionContext());
        lockTaken();
        await held;
      });
      await taken;
      let recorded = false;
      const later = recordCall(server.url, caller.token, inboundCall(caller)).then((r) => ((recorded = true), r));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(recorded).toBe(false);
      release();
      await earlier;
      await later;
      expect(recorded).toBe(true);
    });

    it('delivers every call of a burst recorded at once exactly once and in order, live and on a replay', async () => {
      const supervisor = await tokenOf('supervisor1@demo.test');
      const live = subscribe(server.wsUrl, supervisor, CALL_LOGGED, { teamId: team1 });
      await untilLive(live, pokeTeam1);
      const from = live.values('callLogged').at(-1)!;
      const callers = await Promise.all(Array.from({ length: 20 }, () => account()));
      const burst = await Promise.all(callers.map(async (c) => (await recordCall(server.url, c.token, inboundCall(c))).id));
      const lastOfBurst = burst.map(localId).sort((x, y) => x - y).at(-1)!;
      const expected = (
        await sql(server, 'select id from call where team_id = ? and id > ? and id <= ? order by id', [localId(team1), localId(from.callId), lastOfBurst])
      ).map((r) => globalId('Call', Number(r.id)));
      expect(expected).toEqual(expect.arrayContaining(burst));

      await live.until(() => live.values('callLogged').some((c) => c.callId === globalId('Call', lastOfBurst)), 5_000, 'the whole burst');
      const liveIds = live.values('callLogged').map((c) => c.callId);
      expect(liveIds.slice(liveIds.indexOf(from.callId) + 1)).toEqual(expected);

      const replay = subscribe(server.wsUrl, supervisor, CALL_LOGGED, { teamId: team1, after: from.cursor });
      await replay.until(() => replay.values('callLogged').length >= expected.length, 5_000, 'the replay');
      expect(replay.values('callLogged').map((c) => c.callId)).toEqual(expected);
    });
  });

  describe('agentStatusChanged', () => {
    it('delivers a presence change of a team agent within a second, with its time', async () => {
      const sub = subscribe(server.wsUrl, await tokenOf('supervisor1@demo.test'), AGENT_STATUS, { teamId: team1 });
      const agent = await tokenOf('agent2@demo.test');
      let toggle = false;
      await untilLive(sub, () => gql(server.url, SET_STATUS, { status: (toggle = !toggle) ? 'AVAILABLE' : 'ON_CALL' }, agent));

      const r = ok(await gql(server.url, SET_STATUS, { status: 'PAUSED', pauseReason: 'LUNCH' }, agent));
      const respondedAt = performance.now();
      expect(r.setAgentStatus.presence).toBe('PAUSED');
      const event = await sub.waitFor('agentStatusChanged', (e) => e.status === 'PAUSED');
      expect(latency('agentStatusChanged', respondedAt, event.at)).toBeLessThan(LATENCY_BOUND_MS);
      expect(event.value).toEqual({ status: 'PAUSED', pauseReason: 'LUNCH', at: server.clock.now().toISOString(), agent: { email: 'agent2@demo.test' } });
      // Saying the same thing twice is no change, so nothing is published.
      ok(await gql(server.url, SET_STATUS, { status: 'PAUSED', pauseReason: 'LUNCH' }, agent));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sub.values('agentStatusChanged').filter((e) => e.status === 'PAUSED')).toHaveLength(1);
    });
  });

  describe('alertRaised', () => {
    it('delivers an alert published after its transaction commits, and none from a rolled-back one', async () => {
      const { events, orm } = server.app.services;
      const teamId = localId(team1);
      const agentId = await scalar(server, "select id from agent where email = 'agent3@demo.test'");
      const alert = (id: string) => ({
        id,
        kind: 'AGENT_PAUSED_TOO_LONG' as never,
        teamId,
        agentId,
        accountId: null,
        message: 'Paused for more than 20 minutes',
        raisedAt: server.clock.now().toISOString(),
      });
      // Ids of alerts never stored: the event carries everything the subscription shows.
      const [rolledBack, committed] = [globalId('Alert', 800_001), globalId('Alert', 800_002)];
      const sub = subscribe(server.wsUrl, await tokenOf('supervisor1@demo.test'), ALERTS, { teamId: team1 });
      let n = 0;
      await untilLive(sub, async () => events.alertRaised(orm.em.fork(), alert(globalId('Alert', 900_000 + (n += 1)))));

      await expect(
        orm.em.fork().transactional(async (tx) => {
          events.alertRaised(tx, alert(rolledBack));
          throw new Error('the transaction fails after publishing was asked for');
        }),
      ).rejects.toThrow('the transaction fails');
      await orm.em.fork().transactional(async (tx) => {
        events.alertRaised(tx, alert(committed));
      });
      const event = await sub.waitFor('alertRaised', (a) => a.id === committed);
      expect(event.value).toEqual({
        id: committed,
        kind: 'AGENT_PAUSED_TOO_LONG',
        message: 'Paused for more than 20 minutes',
        raisedAt: server.clock.now().toISOString(),
        team: { name: 'Team 1' },
        agent: { email: 'agent3@demo.test' },
        account: null,
      });
      expect(sub.values('alertRaised').map((a) => a.id)).not.toContain(rolledBack);
    });

    it('publishes what a released savepoint asked for only when the outer transaction commits', async () => {
      const { events, orm } = server.app.services;
      const teamId = localId(team1);
      const bus = events.subscribe('alertRaised', teamId);
      await bus.ready;
      const alert = (id: string) => ({ id, kind: 'TEAM_BEHIND_PACE' as never, teamId, message: 'Team 1 is behind pace', raisedAt: server.clock.now().toISOString() });
      try {
        await orm.em.fork().transactional(async (outer) => {
          await outer.transactional(async (inner) => events.alertRaised(inner, alert('inner-released')));
          await outer
            .transactional(async (inner) => {
              events.alertRaised(inner, alert('inner-rolled-back'));
              throw new Error('savepoint rolls back');
            })
            .catch(() => undefined);
          expect(bus.drain()).toEqual([]);
        });
        expect(bus.drain().map((a) => a.id)).toEqual(['inner-released']);
      } finally {
        await bus.return();
      }
    });
  });

  describe('an expired session', () => {
    const expire = () => server.clock.advance((server.config.jwtTtlSeconds + 1) * 1000);

    it('closes the socket with 4401 instead of delivering the next event', async () => {
      const sub = subscribe(server.wsUrl, await login(server.url, 'supervisor1@demo.test'), CALL_LOGGED, { teamId: team1 });
      await untilLive(sub, pokeTeam1);
      const before = server.clock.now();
      expire();
      try {
        // Whoever records the call signed in after the clock moved.
        const fresh = await login(server.url, poked.agentEmail);
        const call = await recordCall(server.url, fresh, inboundCall(poked));
        await sub.until(() => sub.closeCode !== undefined, 5_000, 'the socket to close');
        expect(sub.closeCode).toBe(4401);
        expect(sub.values('callLogged').map((c) => c.callId)).not.toContain(call.id);
      } finally {
        server.clock.set(before);
      }
    });

    it('closes an idle socket with 4401 when the sessions are checked', async () => {
      const sub = subscribe(server.wsUrl, await login(server.url, 'supervisor1@demo.test'), AGENT_STATUS, { teamId: team1 });
      const agent = await tokenOf('agent4@demo.test');
      let toggle = false;
      await untilLive(sub, () => gql(server.url, SET_STATUS, { status: (toggle = !toggle) ? 'AVAILABLE' : 'ON_CALL' }, agent));
      expect(server.app.closeExpiredSessions()).toBe(0);
      const before = server.clock.now();
      expire();
      try {
        expect(server.app.closeExpiredSessions()).toBeGreaterThanOrEqual(1);
        await sub.until(() => sub.closeCode !== undefined, 5_000, 'the socket to close');
        expect(sub.closeCode).toBe(4401);
      } finally {
        server.clock.set(before);
      }
    });

    it('is found by the server on its own within seconds', async () => {
      const sub = subscribe(server.wsUrl, await login(server.url, 'manager@demo.test'), ALERTS, { teamId: team1 });
      // An alert nobody else hears makes the subscription provably live before the clock moves.
      const { events, orm } = server.app.services;
      let n = 0;
      const teamId = localId(team1);
      await untilLive(sub, async () =>
        events.alertRaised(orm.em.fork(), { id: globalId('Alert', 910_000 + (n += 1)), kind: 'BROKEN_PROMISE' as never, teamId, message: 'probe', raisedAt: server.clock.now().toISOString() }),
      );
      const before = server.clock.now();
      expire();
      try {
        await sub.until(() => sub.closeCode !== undefined, 5_000, 'the server to close the socket');
        expect(sub.closeCode).toBe(4401);
      } finally {
        server.clock.set(before);
      }
    });
  });
});

describe('two server processes on one database and one Redis', () => {
  let a: TestServer;
  let b: ServerProcess;
  let bUrl: string;
  let pool: AccountPool;
  let team1: string;

  beforeAll(async () => {
    // A channel prefix of this run's own: parallel runs on the same Redis never hear each other.
    const prefix = `openfloor-test-${randomBytes(6).toString('hex')}:`;
    a = await startTestServer({ REDIS_URL, REDIS_CHANNEL_PREFIX: prefix });
    // The other instance is a process of its own (`node server/dist/main.js`): Redis is all they share
    // besides the database.
    b = await startServerProcess(a.config, a.clock.now());
    bUrl = b.url;
    pool = new AccountPool(a, 'Team 1');
    team1 = await teamGid(a, 'Team 1');
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('carries events through Redis only', () => {
    expect(a.app.services.events.transport).toBe('redis');
    expect(b.ready).toMatchObject({ status: 'ready', events: 'redis' });
  });

  it('delivers a call recorded on one instance to a subscriber on the other within a second, both ways', async () => {
    const calling = await pool.take();
    const agentOnA = await login(a.url, calling.agentEmail);
    const agentOnB = await login(bUrl, calling.agentEmail);
    const onB = subscribe(bUrl.replace(/^http/, 'ws'), await login(bUrl, 'supervisor1@demo.test'), CALL_LOGGED, { teamId: team1 });
    const onA = subscribe(a.wsUrl, await login(a.url, 'manager@demo.test'), CALL_LOGGED, { teamId: team1 });
    await untilLive(onB, () => recordCall(a.url, agentOnA, inboundCall(calling)));
    await untilLive(onA, () => recordCall(bUrl, agentOnB, inboundCall(calling)));

    const fromA = await recordCall(a.url, agentOnA, inboundCall(calling, 'CALLBACK_REQUESTED', { callbackAt: '2026-11-19T17:00:00.000Z' }));
    const seenOnB = await onB.waitFor('callLogged', (c) => c.callId === fromA.id);
    expect(latency('callLogged across instances', fromA.respondedAt, seenOnB.at, fromA.sentAt)).toBeLessThan(LATENCY_BOUND_MS);
    expect(seenOnB.value).toMatchObject({ disposition: 'CALLBACK_REQUESTED', agent: { email: calling.agentEmail }, account: { id: calling.gid } });

    const fromB = await recordCall(bUrl, agentOnB, inboundCall(calling));
    const seenOnA = await onA.waitFor('callLogged', (c) => c.callId === fromB.id);
    expect(latency('callLogged across instances', fromB.respondedAt, seenOnA.at, fromB.sentAt)).toBeLessThan(LATENCY_BOUND_MS);
  });

  it('delivers a presence change on one instance to a subscriber on the other', async () => {
    const onB = subscribe(bUrl.replace(/^http/, 'ws'), await login(bUrl, 'supervisor1@demo.test'), AGENT_STATUS, { teamId: team1 });
    const agent = await login(a.url, 'agent5@demo.test');
    let toggle = false;
    await untilLive(onB, () => gql(a.url, SET_STATUS, { status: (toggle = !toggle) ? 'AVAILABLE' : 'ON_CALL' }, agent));
    ok(await gql(a.url, SET_STATUS, { status: 'PAUSED', pauseReason: 'COACHING' }, agent));
    const respondedAt = performance.now();
    const event = await onB.waitFor('agentStatusChanged', (e) => e.status === 'PAUSED');
    expect(latency('agentStatusChanged across instances', respondedAt, event.at)).toBeLessThan(LATENCY_BOUND_MS);
    expect(event.value).toMatchObject({ pauseReason: 'COACHING', agent: { email: 'agent5@demo.test' } });
  });

  it('replays from the shared database on the other instance after a reconnect', async () => {
    const supervisorOnA = await login(a.url, 'supervisor1@demo.test');
    const calling = await pool.take();
    const agentOnA = await login(a.url, calling.agentEmail);
    const first = subscribe(a.wsUrl, supervisorOnA, CALL_LOGGED, { teamId: team1 });
    await untilLive(first, () => recordCall(a.url, agentOnA, inboundCall(calling)));
    const seen = first.values('callLogged');
    const last = seen[seen.length - 1]!;
    await first.dispose();
    const missed = [await recordCall(a.url, agentOnA, inboundCall(calling)), await recordCall(a.url, agentOnA, inboundCall(calling))].map((c) => c.id);

    const second = subscribe(bUrl.replace(/^http/, 'ws'), await login(bUrl, 'supervisor1@demo.test'), CALL_LOGGED, { teamId: team1, after: last.cursor });
    const live = await recordCall(a.url, agentOnA, inboundCall(calling));
    await second.waitFor('callLogged', (c) => c.callId === live.id);
    const expected = (
      await sql(a, 'select id from call where team_id = ? and id > ? and id <= ? order by id', [localId(team1), localId(last.callId), localId(live.id)])
    ).map((r) => globalId('Call', Number(r.id)));
    expect(second.values('callLogged').map((c) => c.callId)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining([...missed, live.id]));
  });
});
