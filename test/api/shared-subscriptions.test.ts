import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountPool, type AccountRow } from '../utils/accounts.js';
import { gql, login, ok, tokenCache } from '../utils/graphql.js';
import { globalId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { Subscriber } from '../utils/subscriber.js';

/**
 * Issue 7, scenario 3: subscribers with the same document, variables and reach share one source stream
 * and one execution per event; every one of them still gets each event exactly once, refusals and
 * session ends stay per subscriber, and the source is given back when the last one leaves. The
 * server's own counters (App.liveStats) show what was executed.
 */

let server: TestServer;
const { tokenOf } = tokenCache(() => server.url);
let pool: AccountPool;
let pool2: AccountPool;
let team1: string;
let team2: string;
const open: Subscriber[] = [];

const CALL_LOGGED = `subscription($teamId: ID!, $after: String) { callLogged(teamId: $teamId, after: $after) {
  cursor callId disposition agent { email } account { id customer { firstName lastName contactPoints { kind value } } }
} }`;
const KPI_UPDATED = `subscription($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!) {
  kpiUpdated(scope: $scope, scopeId: $scopeId, period: $period) { scope scopeId period calls contacts { value } } }`;
const RECORD = 'mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }';

/** The second supervisor of Team 1: sharing across two people of the same reach, not one login twice. */
const SECOND_SUPERVISOR = 'supervisor1b@demo.test';

beforeAll(async () => {
  server = await startTestServer({ EXPOSE_LIVE_METRICS: 'true' });
  pool = new AccountPool(server, 'Team 1');
  pool2 = new AccountPool(server, 'Team 2');
  team1 = globalId('Team', await scalar(server, "select id from team where name = 'Team 1'"));
  team2 = globalId('Team', await scalar(server, "select id from team where name = 'Team 2'"));
  await sql(
    server,
    `insert into agent (email, name, role, team_id, password_hash, active, presence, created_at)
     select ?, 'Second Supervisor', role, team_id, password_hash, active, presence, created_at from agent where email = 'supervisor1@demo.test'`,
    [SECOND_SUPERVISOR],
  );
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await until(() => server.app.liveStats().subscriptions === 0, 'every subscription of the test to end');
});
afterAll(async () => {
  await server?.stop();
});

function subscribe(token: string, query: string, variables: Record<string, unknown>): Subscriber {
  const subscriber = new Subscriber(server.wsUrl, token, query, variables);
  open.push(subscriber);
  return subscriber;
}

/** Polls the server's state: a subscription counted there has its source listening, so what commits next reaches it. */
async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}; live stats ${JSON.stringify(server.app.liveStats())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const untilSubscribed = (count: number) => until(() => server.app.liveStats().subscriptions === count, `${count} live subscriptions`);

/** An inbound call (always allowed) on a fresh account (of Team 1 unless given), by the agent who works it. */
async function recordCall(account?: AccountRow & { agentEmail: string }): Promise<string> {
  const a = account ?? (await pool.take());
  const input = {
    accountId: a.gid,
    direction: 'INBOUND',
    phoneNumber: '+525511112222',
    startedAt: '2026-11-18T15:40:00.000Z',
    answeredAt: '2026-11-18T15:40:15.000Z',
    endedAt: '2026-11-18T15:45:15.000Z',
    talkSeconds: 300,
    wrapSeconds: 30,
    disposition: 'REFUSED_TO_PAY',
  };
  return ok(await gql(server.url, RECORD, { input }, await login(server.url, a.agentEmail))).recordCall.id;
}

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));
const callsOf = (s: Subscriber) => s.received.map((r) => r.result.data?.callLogged);

describe('callLogged shared between subscribers of one reach', () => {
  it('executes once for twenty supervisors of a team and delivers the call exactly once to each, identical; another team hears nothing', async () => {
    const tokens = [await tokenOf('supervisor1@demo.test'), await tokenOf(SECOND_SUPERVISOR)];
    const team1Subscribers = Array.from({ length: 20 }, (_, i) => subscribe(tokens[i % 2]!, CALL_LOGGED, { teamId: team1 }));
    const otherTeam = subscribe(await tokenOf('supervisor2@demo.test'), CALL_LOGGED, { teamId: team2 });
    await untilSubscribed(21);
    expect(server.app.liveStats().sharedStreams).toBe(2);

    const before = server.app.liveStats();
    const callId = await recordCall();
    for (const s of team1Subscribers) await s.until(1);
    await settle();

    const first = callsOf(team1Subscribers[0]!)[0];
    expect(first).toMatchObject({ callId, disposition: 'REFUSED_TO_PAY' });
    expect(first.account.customer.firstName.length).toBeGreaterThan(2);
    for (const s of team1Subscribers) {
      expect(s.received).toHaveLength(1);
      expect(s.received[0]!.result).toEqual(team1Subscribers[0]!.received[0]!.result);
    }
    expect(otherTeam.received).toEqual([]);
    const after = server.app.liveStats();
    expect(after.executions - before.executions).toBe(1);
    expect(after.deliveries - before.deliveries).toBe(20);
  });

  it('keeps a manager apart from a supervisor and an analyst apart from a manager: each reach its own execution, masked for the analyst', async () => {
    const managers = [subscribe(await tokenOf('manager@demo.test'), CALL_LOGGED, { teamId: team1 }), subscribe(await tokenOf('manager@demo.test'), CALL_LOGGED, { teamId: team1 })];
    const supervisor = subscribe(await tokenOf('supervisor1@demo.test'), CALL_LOGGED, { teamId: team1 });
    const analysts = [subscribe(await tokenOf('analyst@demo.test'), CALL_LOGGED, { teamId: team1 }), subscribe(await tokenOf('analyst@demo.test'), CALL_LOGGED, { teamId: team1 })];
    // Refused at subscribe time on its own: the supervisor of Team 2 may not follow Team 1.
    const refused = subscribe(await tokenOf('supervisor2@demo.test'), CALL_LOGGED, { teamId: team1 });
    await refused.until(1);
    expect(refused.received[0]!.result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await untilSubscribed(5);
    expect(server.app.liveStats().sharedStreams).toBe(3);

    const before = server.app.liveStats();
    const account = await pool.take();
    const callId = await recordCall(account);
    for (const s of [...managers, supervisor, ...analysts]) await s.until(1);
    await settle();
    for (const s of [...managers, supervisor, ...analysts]) {
      expect(s.received).toHaveLength(1);
      expect(callsOf(s)[0].callId).toBe(callId);
    }
    expect(server.app.liveStats().executions - before.executions).toBe(3);
    expect(refused.received).toHaveLength(1);

    const [customer] = await sql(server, 'select c.first_name, c.last_name from customer c join account a on a.customer_id = c.id where a.id = ?', [account.id]);
    const unmasked = callsOf(managers[0]!)[0].account.customer;
    expect(unmasked).toMatchObject({ firstName: customer!.first_name, lastName: customer!.last_name });
    expect(callsOf(supervisor)[0].account.customer).toEqual(unmasked);
    const masked = callsOf(analysts[0]!)[0].account.customer;
    expect(masked.firstName).toMatch(/^\p{Lu}\.$/u);
    expect(masked.lastName).toMatch(/^\p{Lu}\.$/u);
    const phones = masked.contactPoints.filter((p: { kind: string }) => p.kind === 'PHONE');
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(phone.value).toMatch(/^\*{4}\w{0,4}$/);
    expect(callsOf(analysts[1]!)[0]).toEqual(callsOf(analysts[0]!)[0]);
  });

  it('keeps the others receiving when one leaves, and gives the source back when the last one does', async () => {
    const listenersBefore = server.app.liveStats().busListeners;
    const token = await tokenOf('supervisor1@demo.test');
    const [leavesFirst, completes, closesLast] = [0, 1, 2].map(() => subscribe(token, CALL_LOGGED, { teamId: team1 }));
    await untilSubscribed(3);
    // The sources opened for the joiners' own checks are given back: one listener serves all three.
    await until(() => server.app.liveStats().busListeners === listenersBefore + 1, 'one listener for the shared stream');

    await leavesFirst!.close();
    await untilSubscribed(2);
    const first = await recordCall();
    await completes!.until(1);
    await closesLast!.until(1);
    expect([callsOf(completes!).map((c) => c.callId), callsOf(closesLast!).map((c) => c.callId), leavesFirst!.received]).toEqual([[first], [first], []]);

    completes!.unsubscribe();
    await untilSubscribed(1);
    const second = await recordCall();
    await closesLast!.until(2);
    await settle();
    expect(callsOf(closesLast!).map((c) => c.callId)).toEqual([first, second]);
    expect(callsOf(completes!).map((c) => c.callId)).toEqual([first]);

    await closesLast!.close();
    await untilSubscribed(0);
    await until(() => server.app.liveStats().busListeners === listenersBefore, 'the bus listener to be removed');
    expect(server.app.liveStats().sharedStreams).toBe(0);
  });

  it('runs a replay (after set) for its subscriber alone, then live, without duplicates', async () => {
    const token = await tokenOf('supervisor1@demo.test');
    const live = subscribe(token, CALL_LOGGED, { teamId: team1 });
    await untilSubscribed(1);
    const from = await recordCall();
    await live.until(1);
    const cursor = callsOf(live)[0].cursor;
    const missed = await recordCall();

    const replays = [subscribe(token, CALL_LOGGED, { teamId: team1, after: cursor }), subscribe(token, CALL_LOGGED, { teamId: team1, after: cursor })];
    for (const r of replays) await r.until(1);
    expect(server.app.liveStats()).toMatchObject({ subscriptions: 3, sharedStreams: 1 });
    const next = await recordCall();
    for (const r of replays) await r.until(2);
    await settle();
    for (const r of replays) expect(callsOf(r).map((c) => c.callId)).toEqual([missed, next]);
    expect(callsOf(live).map((c) => c.callId)).toEqual([from, missed, next]);
  });

  it('closes only the socket whose session ended, and the others sharing its stream still receive', async () => {
    const start = server.clock.now();
    const ttlMs = server.config.jwtTtlSeconds * 1000;
    const expiring = subscribe(await login(server.url, 'supervisor1@demo.test'), CALL_LOGGED, { teamId: team1 });
    server.clock.advance(ttlMs / 2);
    const staying = subscribe(await login(server.url, SECOND_SUPERVISOR), CALL_LOGGED, { teamId: team1 });
    try {
      await untilSubscribed(2);
      expect(server.app.liveStats().sharedStreams).toBe(1);
      // Past the first session's end, inside the second's.
      server.clock.set(new Date(start.getTime() + ttlMs + 1_000));
      const callId = await recordCall();
      await staying.until(1);
      await expiring.until(1, 2_000);
      expect(callsOf(staying).map((c) => c.callId)).toEqual([callId]);
      // What the socket's end reports to the client is all it got: no data.
      expect(expiring.received.filter((r) => r.result.data)).toEqual([]);
      await until(() => expiring.closeCode !== undefined, 'the expired socket to close');
      expect(expiring.closeCode).toBe(4401);
      expect(staying.closeCode).toBeUndefined();
    } finally {
      server.clock.set(start);
    }
  });
});

describe('the live metrics endpoint (EXPOSE_LIVE_METRICS)', () => {
  it('reports the same counters as the server holds', async () => {
    subscribe(await tokenOf('supervisor1@demo.test'), CALL_LOGGED, { teamId: team1 });
    await untilSubscribed(1);
    const response = await fetch(`${server.origin}/metrics/subscriptions`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...server.app.liveStats() });
    expect(server.app.liveStats()).toMatchObject({ subscriptions: 1, sharedStreams: 1 });
  });
});

describe('kpiUpdated shared between subscribers of one reach, and a team’s figures between every allowed reach', () => {
  it('sends two supervisors of a team the same coalesced update from one execution', async () => {
    const variables = { scope: 'TEAM', scopeId: team1, period: 'DAY' };
    const subscribers = [subscribe(await tokenOf('supervisor1@demo.test'), KPI_UPDATED, variables), subscribe(await tokenOf(SECOND_SUPERVISOR), KPI_UPDATED, variables)];
    await untilSubscribed(2);
    expect(server.app.liveStats().sharedStreams).toBe(1);
    const { kpis } = ok(
      await gql(server.url, 'query($id: ID) { kpis(scope: TEAM, scopeId: $id, period: DAY, date: "2026-11-18") { calls } }', { id: team1 }, await tokenOf('supervisor1@demo.test')),
    );

    const before = server.app.liveStats();
    await recordCall();
    for (const s of subscribers) await s.until(1);
    await settle(600);
    const [a, b] = subscribers.map((s) => s.received.map((r) => r.result));
    expect(a).toEqual(b);
    expect(a!.at(-1)!.data!.kpiUpdated).toMatchObject({ scope: 'TEAM', scopeId: team1, period: 'DAY', calls: kpis.calls + 1 });
    const after = server.app.liveStats();
    expect(after.executions - before.executions).toBe(a!.length);
    expect(after.deliveries - before.deliveries).toBe(2 * a!.length);

    // A call of another team moves other figures: nothing for Team 1's subscribers.
    await recordCall(await pool2.take());
    await settle(600);
    for (const s of subscribers) expect(s.received).toHaveLength(a!.length);
  });

  it('shares a team’s figures between its supervisor, a manager and an analyst, each let in by its own check; an agent’s figures stay per reach', async () => {
    const variables = { scope: 'TEAM', scopeId: team1, period: 'DAY' };
    const subscribers = [
      subscribe(await tokenOf('supervisor1@demo.test'), KPI_UPDATED, variables),
      subscribe(await tokenOf('manager@demo.test'), KPI_UPDATED, variables),
      subscribe(await tokenOf('analyst@demo.test'), KPI_UPDATED, variables),
    ];
    // Refused on its own when it subscribes: the supervisor of Team 2 may not read Team 1.
    const refused = subscribe(await tokenOf('supervisor2@demo.test'), KPI_UPDATED, variables);
    await refused.until(1);
    expect(refused.received[0]!.result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const agentId = await scalar(server, "select a.id from agent a join team t on t.id = a.team_id where t.name = 'Team 1' and a.role = 'AGENT' order by a.id limit 1");
    const agentScope = { scope: 'AGENT', scopeId: globalId('Agent', agentId), period: 'DAY' };
    const perReach = [subscribe(await tokenOf('supervisor1@demo.test'), KPI_UPDATED, agentScope), subscribe(await tokenOf('manager@demo.test'), KPI_UPDATED, agentScope)];
    await untilSubscribed(5);
    // One stream for the team's three subscribers, one per reach for the agent's two.
    expect(server.app.liveStats().sharedStreams).toBe(3);

    const before = server.app.liveStats();
    await recordCall();
    for (const s of subscribers) await s.until(1);
    await settle(600);
    const [a, ...others] = subscribers.map((s) => s.received.map((r) => r.result));
    for (const other of others) expect(other).toEqual(a);
    expect(a!.at(-1)!.data!.kpiUpdated).toMatchObject({ scope: 'TEAM', scopeId: team1, period: 'DAY' });
    const agentUpdates = perReach.reduce((n, s) => n + s.received.length, 0);
    const after = server.app.liveStats();
    expect(after.executions - before.executions).toBe(a!.length + agentUpdates);
    expect(after.deliveries - before.deliveries).toBe(3 * a!.length + agentUpdates);
    expect(refused.received).toHaveLength(1);
  });
});
