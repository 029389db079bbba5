import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, virtualTime, type Simulator } from '@openfloor/server';
import { gql, login, ok } from '../utils/graphql.js';
import { globalId, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { FLOOR_TIME_ZONE, NOW } from '../utils/template.js';

/**
 * The floor simulator drives demo agents through the real API. It runs on virtual time over the test
 * server's FixedClock: the clock moves only when every agent waits, so a run of floor minutes takes
 * seconds and never depends on the wall clock.
 */

const AGENTS = 4;
const CALLS = 60;

let server: TestServer;
let simulator: Simulator;
let admin: string;
const warnings: Array<{ fields: object; message: string }> = [];

beforeAll(async () => {
  server = await startTestServer();
  admin = await login(server.url, 'admin@demo.test');
  simulator = startSimulator({
    url: server.url,
    agents: AGENTS,
    pace: 'real',
    seed: 7,
    floorTimeZone: FLOOR_TIME_ZONE,
    time: virtualTime(server.clock),
    maxCalls: CALLS,
    log: { debug: () => {}, info: () => {}, warn: (fields, message) => warnings.push({ fields, message }) },
  });
  await simulator.done;
}, 120_000);
afterAll(async () => {
  await simulator?.stop();
  await server?.stop();
});

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : typeof v === 'string' && !/^\d+$/.test(v) ? Date.parse(v) : Number(v));

interface SimCall {
  id: number;
  accountId: number;
  customerId: number;
  phoneId: number | null;
  direction: string;
  disposition: string;
  startedAt: number;
}

/** The calls recorded during the run: the seeded history was all recorded before NOW. */
async function simulatedCalls(): Promise<SimCall[]> {
  const rows = await sql(
    server,
    `select c.id, c.account_id, a.customer_id, c.phone_id, c.direction, c.disposition, c.started_at
       from call c join account a on a.id = c.account_id where c.created_at >= ? order by c.started_at, c.id`,
    [server.config.database.kind === 'sqlite' ? NOW.getTime() : NOW],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    accountId: Number(r.account_id),
    customerId: Number(r.customer_id),
    phoneId: r.phone_id == null ? null : Number(r.phone_id),
    direction: String(r.direction),
    disposition: String(r.disposition),
    startedAt: ms(r.started_at),
  }));
}

const CONTACTS = new Set(['PROMISE_TO_PAY', 'PAYMENT_TAKEN', 'PAYMENT_PLAN', 'REFUSED_TO_PAY', 'HARDSHIP', 'DISPUTE', 'CALLBACK_REQUESTED', 'ROUTED', 'ALREADY_PAID', 'CEASE_REQUEST', 'THIRD_PARTY_MESSAGE', 'THIRD_PARTY_NO_MESSAGE', 'WRONG_NUMBER', 'DECEASED', 'BANKRUPTCY', 'ATTORNEY_REPRESENTED']);

describe('the floor simulator', () => {
  it('records its calls through the API with nothing failing but the refusals a floor expects', async () => {
    expect(warnings, JSON.stringify(warnings)).toEqual([]);
    expect(simulator.stats.errorCount).toBe(0);
    for (const code of simulator.stats.refused.keys()) expect(['CONTACT_NOT_ALLOWED', 'CONFLICT']).toContain(code);
    expect(simulator.stats.calls).toBe(CALLS);

    const counted = ok(
      await gql(server.url, 'query($from: DateTimeISO!) { calls(first: 100, filter: { startedAt: { from: $from } }) { totalCount nodes { disposition agent { email } } } }', { from: NOW.toISOString() }, admin),
    ).calls;
    const calls = await simulatedCalls();
    expect(calls).toHaveLength(CALLS);
    // Every call of the run, and only those, started after the run began: times come from the server's clock.
    expect(calls.every((c) => c.startedAt >= NOW.getTime())).toBe(true);
    expect(counted.totalCount).toBe(CALLS);
    const agents = new Set<string>(counted.nodes.map((n: { agent: { email: string } }) => n.agent.email));
    expect([...agents].every((e) => /^agent[1-4]@demo\.test$/.test(e))).toBe(true);
    expect(agents.size).toBeGreaterThan(1);
  });

  it('makes a believable mix: mostly attempts without contact, some contacts, promises or payments', async () => {
    const calls = await simulatedCalls();
    const contacts = calls.filter((c) => CONTACTS.has(c.disposition)).length;
    expect(contacts).toBeGreaterThan(0);
    expect(contacts).toBeLessThan(calls.length);
    expect(calls.filter((c) => c.disposition === 'PROMISE_TO_PAY' || c.disposition === 'PAYMENT_TAKEN').length).toBeGreaterThan(0);
    const stats = simulator.stats;
    expect(stats.contacts).toBe(contacts);
    expect(stats.byClass.promise).toBe(calls.filter((c) => c.disposition === 'PROMISE_TO_PAY').length);
  });

  it('never recorded an outbound call the contact policy forbade when it started', async () => {
    const calls = await simulatedCalls();
    const outbound = calls.filter((c) => c.direction === 'OUTBOUND');
    expect(outbound.length).toBeGreaterThan(0);
    // State the run itself changed later (a cease request, a dispute, a wrong number) did not block the earlier calls.
    const causes: Array<{ rule: string; applies: (c: SimCall) => boolean; at: number }> = [];
    const CUSTOMER_FLAG: Record<string, string> = { CEASE_REQUEST: 'CEASE', ATTORNEY_REPRESENTED: 'REPRESENTED', BANKRUPTCY: 'BANKRUPTCY', DECEASED: 'DECEASED' };
    for (const c of calls) {
      const flag = CUSTOMER_FLAG[c.disposition];
      if (flag) causes.push({ rule: flag, applies: (o) => o.customerId === c.customerId, at: c.startedAt });
      if (c.disposition === 'DISPUTE' || c.disposition === 'ALREADY_PAID') causes.push({ rule: 'DISPUTE', applies: (o) => o.accountId === c.accountId, at: c.startedAt });
      if (c.disposition === 'WRONG_NUMBER' || c.disposition === 'DISCONNECTED_NUMBER') causes.push({ rule: 'PHONE', applies: (o) => o.phoneId === c.phoneId, at: c.startedAt });
    }
    const check = `query($a: ID!, $p: ID!, $at: DateTimeISO!) { contactCheck(accountId: $a, phoneId: $p, at: $at) { allowed blockedBy } }`;
    for (const c of outbound) {
      // Just before the call started: the call itself is not yet in the history it is judged by.
      const decision = ok(await gql(server.url, check, { a: globalId('Account', c.accountId), p: globalId('ContactPoint', c.phoneId!), at: new Date(c.startedAt - 1).toISOString() }, admin)).contactCheck;
      const unexplained = (decision.blockedBy as string[]).filter((rule) => !causes.some((k) => k.rule === rule && k.applies(c) && k.at >= c.startedAt));
      expect(unexplained, `call ${c.id} (${c.disposition}) at ${new Date(c.startedAt).toISOString()}`).toEqual([]);
    }
  });

  it('keeps the floor alive with inbound calls at night, when the contact policy lets nobody be called', async () => {
    // 02:00 on the floor the next day: outside every calling window (08:00-21:00 US, 07:00-22:00 Mexico).
    server.clock.set(new Date('2026-11-19T08:00:00.000Z'));
    const night = startSimulator({
      url: server.url,
      agents: 3,
      pace: 'real',
      seed: 11,
      floorTimeZone: FLOOR_TIME_ZONE,
      time: virtualTime(server.clock),
      maxCalls: 5,
      log: { debug: () => {}, info: () => {}, warn: (fields, message) => warnings.push({ fields, message }) },
    });
    await night.done;
    expect(warnings, JSON.stringify(warnings)).toEqual([]);
    expect({ calls: night.stats.calls, inbound: night.stats.inbound, errors: night.stats.errorCount }).toEqual({ calls: 5, inbound: 5, errors: 0 });
    // Idle agents wait longer and longer rather than ask every moment: hours of floor time passed, not seconds.
    expect(server.clock.now().getTime() - Date.parse('2026-11-19T08:00:00.000Z')).toBeGreaterThan(10 * 60_000);
  }, 90_000);

  it('leaves the KPI counters equal to the raw records, and every agent signed off', async () => {
    admin = await login(server.url, 'admin@demo.test'); // the night moved the clock past the first session
    for (const date of ['2026-11-18', '2026-11-19']) {
      expect(ok(await gql(server.url, 'query($d: LocalDate!) { kpiRecount(date: $d) { agentId field counter recount } }', { d: date }, admin)).kpiRecount, date).toEqual([]);
    }
    const rows = await sql(server, `select email, presence from agent where email in (${Array.from({ length: AGENTS }, (_, i) => `'agent${i + 1}@demo.test'`).join(', ')})`);
    expect(rows.map((r) => String(r.presence))).toEqual(Array(AGENTS).fill('OFFLINE'));
  });
});
