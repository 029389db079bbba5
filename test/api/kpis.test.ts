import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimal } from '../utils/accounts.js';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { agentId, globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';
import { SYSTEM } from '../../server/src/rollover/rollover.service.js';

/**
 * KPIs and targets (DOMAIN.md §7) through the API. Two collectors of Team 1 work two clean days -
 * Thursday 19 and Friday 20 November, after the seeded history - with calls, promises, payments, a
 * reversal, pauses and an interval across midnight; every figure is checked against numbers worked out
 * by hand below. Then pacing at set clock times, team/floor/month sums, the leaderboard, targets,
 * permissions, and kpiRecount, which must find the counters equal to the raw records.
 */

let server: TestServer;
const { tokens, tokenOf } = tokenCache(() => server.url);

const A = '2026-11-19';
const B = '2026-11-20';
/** A floor-local time (UTC-6 all year in Mexico City) as an ISO instant. */
const at = (day: string, time: string): string => new Date(`${day}T${time.length === 5 ? `${time}:00` : time}-06:00`).toISOString();
const setClock = (iso: string) => server.clock.set(new Date(iso));
const plus = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

let a1: { id: number; gid: string; email: string };
let a2: { id: number; gid: string; email: string };
let team1: string;
let supervisor: string;
let manager: string;
let admin: string;
let analyst: string;

beforeAll(async () => {
  // The clock moves over a week here: sessions must outlive it.
  server = await startTestServer({ JWT_TTL_SECONDS: String(30 * 86_400) });
  const agent = async (email: string) => {
    const id = await agentId(server, email);
    return { id, gid: globalId('Agent', id), email };
  };
  a1 = await agent('agent1@demo.test');
  a2 = await agent('agent2@demo.test');
  team1 = globalId('Team', await scalar(server, "select id from team where name = 'Team 1'"));
  supervisor = await tokenOf('supervisor1@demo.test');
  manager = await tokenOf('manager@demo.test');
  admin = await tokenOf('admin@demo.test');
  analyst = await tokenOf('analyst@demo.test');
});
afterAll(async () => {
  // The last test corrupts counters on purpose and checks kpiRecount itself; the bucket figures it leaves alone.
  await server?.stop({ checkCounters: false, checkBucketFlows: true });
});

// ---------------------------------------------------------------------------------------------------
// Reading KPIs

const FIGURE = 'kpi value target expectedByNow attainment pace status';
const AMOUNT = 'kpi value { amount currencyCode } target { amount } expectedByNow { amount } attainment pace status';
const FIGURES = ['attempts', 'contacts', 'rightPartyContacts', 'contactRate', 'rpcRate', 'promises', 'ptpRate', 'promisesKept', 'promiseKeptRate', 'talkSeconds', 'handleSeconds', 'averageHandleSeconds', 'connectedSeconds', 'occupancy', 'callsPerHour'] as const;
const AMOUNTS = ['promisedAmount', 'collectedAmount', 'collectedPerHour'] as const;
const KPIS = `query($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!, $date: LocalDate!) {
  kpis(scope: $scope, scopeId: $scopeId, period: $period, date: $date) {
    scope scopeId period from to asOf elapsedShare currencyCode calls callsWithTalk pausedSeconds promisesPartiallyKept promisesBroken
    ${FIGURES.map((f) => `${f} { ${FIGURE} }`).join(' ')}
    ${AMOUNTS.map((f) => `${f} { ${AMOUNT} }`).join(' ')}
  }
}`;

type Scope = 'AGENT' | 'TEAM' | 'FLOOR';
type Period = 'DAY' | 'MONTH';
const kpisOf = (token: string, scope: Scope, scopeId: string | null, period: Period, date: string) =>
  gql(server.url, KPIS, { scope, scopeId, period, date }, token);

/** The actual figures, flat: numbers for counts, seconds and rates, "1234.56" for amounts. */
type Flat = Record<string, number | string | null>;
async function figures(scope: Scope, scopeId: string | null, period: Period, date: string, token = manager): Promise<Flat & { raw: any }> {
  const k = ok(await kpisOf(token, scope, scopeId, period, date)).kpis;
  const flat: Flat & { raw: any } = { raw: k };
  for (const f of FIGURES) flat[f] = k[f].value;
  for (const f of AMOUNTS) flat[f] = k[f].value?.amount ?? null;
  for (const f of ['calls', 'callsWithTalk', 'pausedSeconds', 'promisesPartiallyKept', 'promisesBroken']) flat[f] = k[f];
  return flat;
}

/** Whole numbers and amounts exactly, fractions to 1e-9. */
function expectFigures(actual: Flat, expected: Flat): void {
  for (const [field, value] of Object.entries(expected)) {
    if (typeof value === 'number' && !Number.isInteger(value)) expect(actual[field], field).toBeCloseTo(value, 9);
    else expect(actual[field], field).toBe(value);
  }
}

/** Counts, seconds and amounts: the figures that add up over agents and days. */
const ADDITIVE = ['calls', 'attempts', 'contacts', 'rightPartyContacts', 'callsWithTalk', 'talkSeconds', 'handleSeconds', 'pausedSeconds', 'connectedSeconds', 'promises', 'promisesKept', 'promisesPartiallyKept', 'promisesBroken', 'promisedAmount', 'collectedAmount'] as const;
const cents = (v: number | string | null): number => (typeof v === 'string' ? Math.round(Number(v) * 100) : Number(v));
function additive(f: Flat): Record<string, number> {
  return Object.fromEntries(ADDITIVE.map((k) => [k, cents(f[k]!)]));
}
function sum(...all: Array<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of ADDITIVE) out[k] = all.reduce((s, f) => s + f[k]!, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The workflow, through the API

const RECORD_CALL = 'mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }';
const RECORD_PAYMENT = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id status } }';
const CREATE_PROMISE = 'mutation($input: CreatePromiseInput!) { createPromise(input: $input) { id status } }';
const STATUS = 'mutation($s: Presence!, $r: PauseReason) { setAgentStatus(status: $s, pauseReason: $r) { presence } }';
const CHECK = 'query($a: ID!, $p: ID!, $at: DateTimeISO) { contactCheck(accountId: $a, phoneId: $p, at: $at) { allowed } }';

const presence = async (email: string, when: string, status: string, reason: string | null = null) => {
  setClock(when);
  ok(await gql(server.url, STATUS, { s: status, r: reason }, await tokenOf(email)));
};

const money = (amount: string, currencyCode: string) => ({ amount, currencyCode });

interface Acc {
  id: number;
  gid: string;
  currency: string;
}
const used = new Set<number>();

/**
 * An account of the agent fit for a payment of `amount` (minor) - or for a promise of it, one that needs
 * no approval (at least 10% of the amount due): ACTIVE, in the currency, nothing open on it.
 */
async function accountFor(email: string, currency: string, amount: number, forPromise = false): Promise<Acc> {
  const rows = await sql(
    server,
    `select a.id from account a join agent g on g.id = a.assigned_agent_id
     where g.email = ? and a.currency = ? and a.status = 'ACTIVE' and a.balance_minor >= ? and a.amount_due_minor > 0 and a.amount_due_minor <= ?
       and not exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status in ('PENDING', 'PENDING_APPROVAL'))
       and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
     order by a.id`,
    [email, currency, amount * 2, forPromise ? amount * 10 : Number.MAX_SAFE_INTEGER],
  );
  const row = rows.find((r) => !used.has(Number(r.id)));
  if (!row) throw new Error(`no ${currency} account of ${email} for ${amount}`);
  used.add(Number(row.id));
  return { id: Number(row.id), gid: globalId('Account', Number(row.id)), currency };
}

/** An account of the agent with a phone the contact policy lets them dial at `when` (§6). */
async function dialable(email: string, when: string, options: { currency?: string; minBalance?: number } = {}): Promise<Acc & { phoneGid: string }> {
  const rows = await sql(
    server,
    `select a.id, a.currency, c.id as phone_id from account a join agent g on g.id = a.assigned_agent_id
       join contact_point c on c.customer_id = a.customer_id and c.kind = 'PHONE' and c.status <> 'INVALID'
     where g.email = ? and a.status = 'ACTIVE' and a.balance_minor >= ? ${options.currency ? 'and a.currency = ?' : ''}
     order by a.id, c.id`,
    options.currency ? [email, options.minBalance ?? 0, options.currency] : [email, options.minBalance ?? 0],
  );
  for (const r of rows) {
    if (used.has(Number(r.id))) continue;
    const gid = globalId('Account', Number(r.id));
    const phoneGid = globalId('ContactPoint', Number(r.phone_id));
    if (ok(await gql(server.url, CHECK, { a: gid, p: phoneGid, at: when }, manager)).contactCheck.allowed) {
      return { id: Number(r.id), gid, currency: String(r.currency), phoneGid };
    }
  }
  throw new Error(`nobody ${email} may dial at ${when}`);
}

/** Any account of the agent, for an inbound call (always allowed). */
async function anyAccount(email: string): Promise<Acc> {
  const rows = await sql(server, `select a.id, a.currency from account a join agent g on g.id = a.assigned_agent_id where g.email = ? and a.status = 'ACTIVE' order by a.id`, [email]);
  const row = rows.find((r) => !used.has(Number(r.id)))!;
  return { id: Number(row.id), gid: globalId('Account', Number(row.id)), currency: String(row.currency) };
}

interface CallSpec {
  account: Acc & { phoneGid?: string };
  direction: 'OUTBOUND' | 'INBOUND';
  disposition: string;
  start: string;
  /** Seconds ringing before an answer (or to the end of an unanswered call). */
  ring: number;
  talk: number;
  wrap: number;
  answered?: boolean;
  extra?: Record<string, unknown>;
}

/** Records a call the moment its wrap-up ends; returns the call's id. */
async function call(email: string, c: CallSpec): Promise<string> {
  const answered = c.answered ?? c.talk > 0;
  const answeredAt = answered ? plus(c.start, c.ring) : null;
  const endedAt = plus(c.start, c.ring + c.talk);
  setClock(plus(endedAt, c.wrap));
  const input = {
    accountId: c.account.gid,
    direction: c.direction,
    phoneId: c.account.phoneGid ?? null,
    startedAt: c.start,
    answeredAt,
    endedAt,
    talkSeconds: c.talk,
    wrapSeconds: c.wrap,
    disposition: c.disposition,
    ...c.extra,
  };
  return ok(await gql(server.url, RECORD_CALL, { input }, await tokenOf(email))).recordCall.id;
}

const payment = (amount: string, currency: string) => ({ amount: money(amount, currency), method: 'CARD_TERMINAL', idempotencyKey: randomUUID(), externalReference: `KPI-${randomUUID().slice(0, 8)}` });

async function pay(token: string, account: Acc, amount: string, when: string): Promise<string> {
  setClock(when);
  const r = ok(await gql(server.url, RECORD_PAYMENT, { input: { accountId: account.gid, ...payment(amount, account.currency) } }, token)).recordPayment;
  expect(r.status).toBe('POSTED');
  return r.id;
}

async function promiseStatus(id: string): Promise<string> {
  return String((await sql(server, 'select status from promise_to_pay where id = ?', [localId(id)]))[0]!.status);
}

// ---------------------------------------------------------------------------------------------------
// The hand-computed figures of the scenario (see the timeline in the first describe).

/** Agent 1, Thursday: 8 calls (4 outbound), a promise of 500.00, payments of 1000.00 and 300.00, 08:00-17:00 with a 15-minute break. */
const A1: Flat = {
  calls: 8,
  attempts: 4,
  contacts: 5, // PROMISE_TO_PAY, PAYMENT_TAKEN, REFUSED_TO_PAY, THIRD_PARTY_MESSAGE, HARDSHIP
  rightPartyContacts: 4, // all of those but THIRD_PARTY_MESSAGE
  callsWithTalk: 6,
  contactRate: 5 / 4,
  rpcRate: 4 / 4,
  promises: 1,
  promisedAmount: '500.00',
  ptpRate: 1 / 4,
  promisesKept: 0,
  promisesPartiallyKept: 0,
  promisesBroken: 0,
  promiseKeptRate: null,
  collectedAmount: '1300.00',
  talkSeconds: 40 + 300 + 240 + 120 + 60 + 400, // 1160
  handleSeconds: 1160 + (10 + 5 + 20 + 60 + 30 + 25 + 15 + 45), // 1370
  averageHandleSeconds: 1370 / 6,
  connectedSeconds: 9 * 3600,
  pausedSeconds: 900,
  occupancy: 1370 / (32_400 - 900),
  callsPerHour: 4 / 9,
  collectedPerHour: '144.44', // 130000 minor / 9 h = 14444.4
};
/** Agent 2, Thursday: 5 calls (3 outbound), 20.00 USD (= 340.00 MXN) and 250.00 a supervisor took, 09:00-18:00 with lunch, 23:30-00:30. */
const A2: Flat = {
  calls: 5,
  attempts: 3,
  contacts: 3, // CALLBACK_REQUESTED, PAYMENT_TAKEN, WRONG_NUMBER
  rightPartyContacts: 2,
  callsWithTalk: 3,
  contactRate: 1,
  rpcRate: 2 / 3,
  promises: 0,
  promisedAmount: '0.00',
  ptpRate: 0,
  promisesKept: 0,
  promisesPartiallyKept: 0,
  promisesBroken: 0,
  promiseKeptRate: null,
  collectedAmount: '590.00',
  talkSeconds: 90 + 360 + 30, // 480
  handleSeconds: 480 + (8 + 6 + 20 + 40 + 10), // 564
  averageHandleSeconds: 188,
  connectedSeconds: 9 * 3600 + 1800, // 34200
  pausedSeconds: 3600,
  occupancy: 564 / (34_200 - 3600),
  callsPerHour: 3 / 9.5,
  collectedPerHour: '62.11', // 59000 minor / 9.5 h = 6210.5
};
/** Agent 1, Friday: 4 calls (3 outbound), a promise of 700.00, 60.00 USD taken and reversed; P1 kept, P2 partly, P3 broken. */
const B1: Flat = {
  calls: 4,
  attempts: 3,
  contacts: 2,
  rightPartyContacts: 2,
  callsWithTalk: 2,
  contactRate: 2 / 3,
  rpcRate: 2 / 3,
  promises: 1,
  promisedAmount: '700.00',
  ptpRate: 1 / 2,
  promisesKept: 1,
  promisesPartiallyKept: 1,
  promisesBroken: 1,
  promiseKeptRate: 1 / 3,
  collectedAmount: '0.00',
  talkSeconds: 360 + 180, // 540
  handleSeconds: 540 + (5 + 50 + 30 + 4), // 629
  averageHandleSeconds: 629 / 2,
  connectedSeconds: 4.5 * 3600, // 16200
  pausedSeconds: 0,
  occupancy: 629 / 16_200,
  callsPerHour: 3 / 4.5,
  collectedPerHour: '0.00',
};
/** Agent 2, Friday: 2 calls (1 outbound), a promise of 400.00, a payment of 150.00, P4 partly kept, 00:00-00:30 and 09:00-13:00. */
const B2: Flat = {
  calls: 2,
  attempts: 1,
  contacts: 1,
  rightPartyContacts: 1,
  callsWithTalk: 1,
  contactRate: 1,
  rpcRate: 1,
  promises: 1,
  promisedAmount: '400.00',
  ptpRate: 1,
  promisesKept: 0,
  promisesPartiallyKept: 1,
  promisesBroken: 0,
  promiseKeptRate: 0,
  collectedAmount: '150.00',
  talkSeconds: 300,
  handleSeconds: 342,
  averageHandleSeconds: 342,
  connectedSeconds: 1800 + 4 * 3600, // 16200
  pausedSeconds: 0,
  occupancy: 342 / 16_200,
  callsPerHour: 1 / 4.5,
  collectedPerHour: '33.33', // 15000 minor / 4.5 h = 3333.3
};

const TEAM1_AGENTS = Array.from({ length: 10 }, (_, i) => `agent${i + 1}@demo.test`);
let monthBefore: Record<'a1' | 'a2' | 'team', Record<string, number>>;
let paymentE3: string;

describe('the scenario: two collectors, two days', () => {
  it('starts from a clean slate on Wednesday 10:00: Team 1 signed off, nothing of theirs left to settle on the two days', async () => {
    setClock('2026-11-18T16:00:00.000Z');
    // Seeded agents are AVAILABLE since this morning; signing them off closes those intervals today.
    for (const email of TEAM1_AGENTS) await presence(email, '2026-11-18T16:00:00.000Z', 'OFFLINE');
    // Seeded promises the Saturday rollover would settle count on their grace day: take them out of the way.
    const open = await sql(
      server,
      `select p.id from promise_to_pay p join agent g on g.id = p.agent_id join team t on t.id = g.team_id
       where t.name = 'Team 1' and p.status in ('PENDING', 'PENDING_APPROVAL') and p.grace_ends_on <= ?`,
      [B],
    );
    for (const p of open) {
      ok(await gql(server.url, 'mutation($id: ID!) { cancelPromise(id: $id, reason: "KPI test") { status } }', { id: globalId('PromiseToPay', Number(p.id)) }, supervisor));
    }
    monthBefore = {
      a1: additive(await figures('AGENT', a1.gid, 'MONTH', A)),
      a2: additive(await figures('AGENT', a2.gid, 'MONTH', A)),
      team: additive(await figures('TEAM', team1, 'MONTH', A)),
    };
    for (const day of [A, B]) {
      for (const who of [a1, a2]) expect(additive(await figures('AGENT', who.gid, 'DAY', day))).toEqual(sum());
      expect(additive(await figures('TEAM', team1, 'DAY', day))).toEqual(sum());
    }
  });

  const P: Record<string, { id: string; account: Acc }> = {};

  it('Wednesday 10:00: promises due today, so their grace ends on Friday', async () => {
    const take = async (name: string, email: string, currency: string, amount: string) => {
      const account = await accountFor(email, currency, Math.round(Number(amount) * 100), true);
      const r = ok(await gql(server.url, CREATE_PROMISE, { input: { accountId: account.gid, amount: money(amount, currency), dueDate: '2026-11-18' } }, await tokenOf(email))).createPromise;
      expect(r.status).toBe('PENDING');
      P[name] = { id: r.id, account };
    };
    await take('P1', a1.email, 'MXN', '1000.00');
    await take('P2', a1.email, 'MXN', '800.00');
    await take('P3', a1.email, 'USD', '60.00'); // 1020.00 MXN
    await take('P4', a2.email, 'USD', '50.00'); // 850.00 MXN
  });

  it('Thursday: calls, payments, pauses and an evening shift past midnight', async () => {
    await presence(a1.email, at(A, '08:00'), 'AVAILABLE');
    await presence(a2.email, at(A, '09:00'), 'AVAILABLE');
    await call(a1.email, { account: await dialable(a1.email, at(A, '10:05')), direction: 'OUTBOUND', disposition: 'NO_ANSWER', start: at(A, '10:05'), ring: 30, talk: 0, wrap: 10 });
    await call(a1.email, { account: await dialable(a1.email, at(A, '10:10')), direction: 'OUTBOUND', disposition: 'BUSY', start: at(A, '10:10'), ring: 5, talk: 0, wrap: 5 });
    await call(a2.email, { account: await dialable(a2.email, at(A, '10:12')), direction: 'OUTBOUND', disposition: 'NO_ANSWER', start: at(A, '10:12'), ring: 40, talk: 0, wrap: 8 });
    await call(a1.email, { account: await dialable(a1.email, at(A, '10:15')), direction: 'OUTBOUND', disposition: 'ANSWERING_MACHINE_MESSAGE', start: at(A, '10:15'), ring: 20, talk: 40, wrap: 20 });
    const p5 = await dialable(a1.email, at(A, '10:20'), { currency: 'MXN', minBalance: 100_000 });
    used.add(p5.id);
    await call(a1.email, { account: p5, direction: 'OUTBOUND', disposition: 'PROMISE_TO_PAY', start: at(A, '10:20'), ring: 10, talk: 300, wrap: 60, extra: { promise: { amount: money('500.00', 'MXN'), dueDate: '2026-11-25' } } });
    await call(a2.email, { account: await dialable(a2.email, at(A, '10:30')), direction: 'OUTBOUND', disposition: 'ANSWERING_MACHINE_NO_MESSAGE', start: at(A, '10:30'), ring: 30, talk: 0, wrap: 6 });
    // P1 kept in full by a payment taken on an inbound call.
    await call(a1.email, { account: P.P1!.account, direction: 'INBOUND', disposition: 'PAYMENT_TAKEN', start: at(A, '11:00'), ring: 5, talk: 240, wrap: 30, extra: { payment: payment('1000.00', 'MXN') } });
    expect(await promiseStatus(P.P1!.id)).toBe('KEPT');
    await call(a1.email, { account: await anyAccount(a1.email), direction: 'INBOUND', disposition: 'REFUSED_TO_PAY', start: at(A, '11:30'), ring: 3, talk: 120, wrap: 25 });
    await call(a2.email, { account: await anyAccount(a2.email), direction: 'INBOUND', disposition: 'CALLBACK_REQUESTED', start: at(A, '11:45'), ring: 5, talk: 90, wrap: 20, extra: { callbackAt: at(B, '11:00') } });
    await presence(a1.email, at(A, '12:00'), 'PAUSED', 'BREAK');
    await presence(a2.email, at(A, '12:10'), 'PAUSED', 'LUNCH');
    await presence(a1.email, at(A, '12:15'), 'AVAILABLE');
    await call(a1.email, { account: await anyAccount(a1.email), direction: 'INBOUND', disposition: 'THIRD_PARTY_MESSAGE', start: at(A, '13:00'), ring: 2, talk: 60, wrap: 15 });
    await presence(a2.email, at(A, '13:10'), 'AVAILABLE');
    await call(a1.email, { account: await anyAccount(a1.email), direction: 'INBOUND', disposition: 'HARDSHIP', start: at(A, '13:30'), ring: 4, talk: 400, wrap: 45, extra: { reasonCode: 'JOB_LOSS' } });
    // 20.00 of P4's 50.00 USD.
    await call(a2.email, { account: P.P4!.account, direction: 'INBOUND', disposition: 'PAYMENT_TAKEN', start: at(A, '13:40'), ring: 5, talk: 360, wrap: 40, extra: { payment: payment('20.00', 'USD') } });
    // 300.00 of P2's 800.00, posted without a call.
    await pay(await tokenOf(a1.email), P.P2!.account, '300.00', at(A, '14:00'));
    await call(a2.email, { account: await dialable(a2.email, at(A, '14:30')), direction: 'OUTBOUND', disposition: 'WRONG_NUMBER', start: at(A, '14:30'), ring: 5, talk: 30, wrap: 10 });
    // The supervisor takes a payment on agent 2's account: it counts for agent 2, who holds the account.
    await pay(supervisor, await accountFor(a2.email, 'MXN', 25_000), '250.00', at(A, '15:00'));
    await presence(a1.email, at(A, '17:00'), 'OFFLINE');
    await presence(a2.email, at(A, '18:00'), 'OFFLINE');
    await presence(a2.email, at(A, '23:30'), 'AVAILABLE');
    await presence(a2.email, at(B, '00:30'), 'OFFLINE');
  });

  it('Friday: promises, a payment taken and reversed, and the rollover that settles what was due Wednesday', async () => {
    await presence(a1.email, at(B, '08:00'), 'AVAILABLE');
    await presence(a2.email, at(B, '09:00'), 'AVAILABLE');
    await call(a1.email, { account: await dialable(a1.email, at(B, '10:10')), direction: 'OUTBOUND', disposition: 'NO_ANSWER', start: at(B, '10:10'), ring: 25, talk: 0, wrap: 5 });
    const p6 = await dialable(a1.email, at(B, '10:30'), { currency: 'MXN', minBalance: 140_000 });
    used.add(p6.id);
    await call(a1.email, { account: p6, direction: 'OUTBOUND', disposition: 'PROMISE_TO_PAY', start: at(B, '10:30'), ring: 10, talk: 360, wrap: 50, extra: { promise: { amount: money('700.00', 'MXN'), dueDate: '2026-11-27' } } });
    const p7 = await accountFor(a2.email, 'MXN', 40_000, true);
    await call(a2.email, { account: p7, direction: 'INBOUND', disposition: 'PROMISE_TO_PAY', start: at(B, '10:40'), ring: 10, talk: 300, wrap: 35, extra: { promise: { amount: money('400.00', 'MXN'), dueDate: '2026-11-30' } } });
    // P3 kept in full...
    const e3 = await call(a1.email, { account: P.P3!.account, direction: 'INBOUND', disposition: 'PAYMENT_TAKEN', start: at(B, '11:00'), ring: 5, talk: 180, wrap: 30, extra: { payment: payment('60.00', 'USD') } });
    expect(await promiseStatus(P.P3!.id)).toBe('KEPT');
    expect((await figures('AGENT', a1.gid, 'DAY', B)).promisesKept).toBe(2);
    paymentE3 = globalId('Payment', await scalar(server, 'select id from payment where call_id = ?', [localId(e3)]));
    await call(a2.email, { account: await dialable(a2.email, at(B, '11:10')), direction: 'OUTBOUND', disposition: 'NO_ANSWER', start: at(B, '11:10'), ring: 30, talk: 0, wrap: 7 });
    await pay(await tokenOf(a2.email), await accountFor(a2.email, 'MXN', 15_000), '150.00', at(B, '11:30'));
    // ...until its payment is reversed: the collected amount goes, and P3 is open again.
    setClock(at(B, '12:00'));
    ok(await gql(server.url, 'mutation($id: ID!) { reversePayment(id: $id, reason: "Card charged back") { status } }', { id: paymentE3 }, supervisor));
    expect(await promiseStatus(P.P3!.id)).toBe('PENDING');
    await call(a1.email, { account: await dialable(a1.email, at(B, '12:10')), direction: 'OUTBOUND', disposition: 'BUSY', start: at(B, '12:10'), ring: 4, talk: 0, wrap: 4 });
    await presence(a1.email, at(B, '12:30'), 'OFFLINE');
    await presence(a2.email, at(B, '13:00'), 'OFFLINE');

    setClock(at('2026-11-21', '00:30'));
    const rollover = ok(await gql(server.url, 'mutation { runDayRollover(date: "2026-11-21") { ran } }', {}, admin)).runDayRollover;
    expect(rollover.ran).toBe(true);
    expect([await promiseStatus(P.P1!.id), await promiseStatus(P.P2!.id), await promiseStatus(P.P3!.id), await promiseStatus(P.P4!.id)]).toEqual(['KEPT', 'PARTIALLY_KEPT', 'BROKEN', 'PARTIALLY_KEPT']);
  });

  it('gives every KPI of §7 for each agent and day as worked out by hand', async () => {
    expectFigures(await figures('AGENT', a1.gid, 'DAY', A), A1);
    expectFigures(await figures('AGENT', a2.gid, 'DAY', A), A2);
    expectFigures(await figures('AGENT', a1.gid, 'DAY', B), B1);
    expectFigures(await figures('AGENT', a2.gid, 'DAY', B), B2);
  });

  it('adds the team up from its agents, and the month from its days', async () => {
    const team = (day: string) => figures('TEAM', team1, 'DAY', day);
    const teamA = await team(A);
    expect(additive(teamA)).toEqual(sum(additive(A1), additive(A2)));
    expectFigures(teamA, {
      contactRate: (5 + 3) / (4 + 3),
      rpcRate: 6 / 7,
      ptpRate: 1 / 6,
      averageHandleSeconds: (1370 + 564) / 9,
      occupancy: (1370 + 564) / (32_400 + 34_200 - 900 - 3600),
      callsPerHour: 7 / ((32_400 + 34_200) / 3600),
      collectedPerHour: decimal(Math.round((189_000 * 3600) / 66_600)),
      promiseKeptRate: null,
    });
    const teamB = await team(B);
    expect(additive(teamB)).toEqual(sum(additive(B1), additive(B2)));
    expectFigures(teamB, { promiseKeptRate: 1 / 4, ptpRate: 2 / 3, contactRate: 3 / 4 });

    // The month: what it held on Wednesday morning, plus Wednesday's four promises and the two days.
    const wednesday = { promises: 4, promisedAmount: 100_000 + 80_000 + 102_000 + 85_000 };
    const month = additive(await figures('TEAM', team1, 'MONTH', B));
    expect(month).toEqual(sum(monthBefore.team, additive(A1), additive(A2), additive(B1), additive(B2), { ...sum(), ...wednesday }));
    expect(additive(await figures('AGENT', a1.gid, 'MONTH', A))).toEqual(
      sum(monthBefore.a1, additive(A1), additive(B1), { ...sum(), promises: 3, promisedAmount: 100_000 + 80_000 + 102_000 }),
    );
    expect(additive(await figures('AGENT', a2.gid, 'MONTH', '2026-11-30'))).toEqual(sum(monthBefore.a2, additive(A2), additive(B2), { ...sum(), promises: 1, promisedAmount: 85_000 }));

    // And a month is exactly the sum of its days, for every figure that adds up.
    const days: Array<Record<string, number>> = [];
    for (let d = 1; d <= 30; d++) days.push(additive(await team(`2026-11-${String(d).padStart(2, '0')}`)));
    expect(month).toEqual(sum(...days));
  });

  it('adds the floor up from every team', async () => {
    const teams = await sql(server, 'select id from team order by id');
    for (const [period, date] of [['DAY', A], ['DAY', B], ['DAY', '2026-11-18'], ['MONTH', B]] as const) {
      const parts = [];
      for (const t of teams) parts.push(additive(await figures('TEAM', globalId('Team', Number(t.id)), period, date)));
      // Agents outside any team (the manager, the admin) have done nothing here.
      expect(additive(await figures('FLOOR', null, period, date)), `${period} ${date}`).toEqual(sum(...parts));
    }
  });

  it('kpiRecount finds the counters equal to the raw records, seeded history included', async () => {
    const recount = `query($d: LocalDate!) { kpiRecount(date: $d) { agentId day field counter recount } }`;
    for (let d = 1; d <= 21; d++) {
      const date = `2026-11-${String(d).padStart(2, '0')}`;
      expect(ok(await gql(server.url, recount, { d: date }, admin)).kpiRecount, date).toEqual([]);
    }
  });
});

describe('presence still open', () => {
  it('counts up to now for an agent who has not signed off yet, and into the counters once they do', async () => {
    setClock(at('2026-11-23', '09:00'));
    await presence(a2.email, at('2026-11-23', '09:00'), 'AVAILABLE');
    setClock(at('2026-11-23', '10:30'));
    expect((await figures('AGENT', a2.gid, 'DAY', '2026-11-23')).connectedSeconds).toBe(5400);
    await presence(a2.email, at('2026-11-23', '11:00'), 'PAUSED', 'COACHING');
    setClock(at('2026-11-23', '11:20'));
    const open = await figures('AGENT', a2.gid, 'DAY', '2026-11-23');
    expect([open.connectedSeconds, open.pausedSeconds]).toEqual([7200 + 1200, 1200]);
    await presence(a2.email, at('2026-11-23', '11:30'), 'OFFLINE');
    setClock(at('2026-11-23', '15:00'));
    const closed = await figures('AGENT', a2.gid, 'DAY', '2026-11-23');
    expect([closed.connectedSeconds, closed.pausedSeconds]).toEqual([9000, 1800]);
    expect(await scalar(server, `select connected_seconds from agent_day_counter where agent_id = ? and day = '2026-11-23'`, [a2.id])).toBe(9000);
  });
});

describe('pacing against targets (§7)', () => {
  const SET = `mutation($scope: KpiScope!, $scopeId: ID, $kpi: Kpi!, $period: KpiPeriod!, $date: LocalDate!, $value: Float, $amount: MoneyInput) {
    setTarget(scope: $scope, scopeId: $scopeId, kpi: $kpi, period: $period, date: $date, value: $value, amount: $amount) {
      id scope scopeId kpi period periodStart value amount { amount currencyCode } setById updatedAt } }`;
  const D = '2026-11-24'; // a Tuesday

  it('paces a day target over the 08:00-20:00 shift', async () => {
    setClock(at(D, '07:00'));
    ok(await gql(server.url, SET, { scope: 'AGENT', scopeId: a1.gid, kpi: 'CONTACTS', period: 'DAY', date: D, value: 20 }, supervisor));
    ok(await gql(server.url, SET, { scope: 'AGENT', scopeId: a1.gid, kpi: 'COLLECTED_AMOUNT', period: 'DAY', date: D, amount: money('2040.00', 'MXN') }, supervisor));
    ok(await gql(server.url, SET, { scope: 'AGENT', scopeId: a1.gid, kpi: 'CONTACT_RATE', period: 'DAY', date: D, value: 0.5 }, supervisor));

    let k = (await figures('AGENT', a1.gid, 'DAY', D)).raw;
    expect(k.elapsedShare).toBe(0);
    expect(k.contacts).toMatchObject({ value: 0, target: 20, expectedByNow: 0, attainment: 0, pace: null, status: null });

    // Eight contacts in the morning, a ninth and a tenth just before 14:00 (half the shift: 10 expected).
    const inbound = async (time: string) =>
      call(a1.email, { account: await anyAccount(a1.email), direction: 'INBOUND', disposition: 'THIRD_PARTY_NO_MESSAGE', start: at(D, time), ring: 2, talk: 30, wrap: 10 });
    for (let i = 0; i < 8; i++) await inbound(`09:${String(i * 5).padStart(2, '0')}`);
    setClock(at(D, '14:00'));
    k = (await figures('AGENT', a1.gid, 'DAY', D)).raw;
    expect(k.elapsedShare).toBe(0.5);
    expect(k.contacts).toMatchObject({ value: 8, target: 20, expectedByNow: 10, attainment: 0.4, pace: 0.8, status: 'BEHIND' });
    expect(k.collectedAmount).toMatchObject({ value: { amount: '0.00', currencyCode: 'MXN' }, target: { amount: '2040.00' }, expectedByNow: { amount: '1020.00' }, attainment: 0, pace: 0, status: 'BEHIND' });
    // A rate is expected whole at any hour: 8 contacts over no attempt is no rate at all.
    expect(k.contactRate).toMatchObject({ value: null, target: 0.5, expectedByNow: 0.5, attainment: null, pace: null, status: null });

    await inbound('13:57:00');
    setClock(at(D, '14:00'));
    expect((await figures('AGENT', a1.gid, 'DAY', D)).raw.contacts).toMatchObject({ value: 9, pace: 0.9, status: 'ON_TRACK' });
    await inbound('13:58:00');
    // 60.00 USD is 1020.00 in the floor currency (17 MXN to the dollar).
    await pay(await tokenOf(a1.email), await accountFor(a1.email, 'USD', 6000), '60.00', at(D, '14:00'));
    k = (await figures('AGENT', a1.gid, 'DAY', D)).raw;
    expect(k.contacts).toMatchObject({ value: 10, attainment: 0.5, pace: 1, status: 'AHEAD' });
    expect(k.collectedAmount).toMatchObject({ value: { amount: '1020.00' }, attainment: 0.5, pace: 1, status: 'AHEAD' });

    setClock(at(D, '17:00'));
    k = (await figures('AGENT', a1.gid, 'DAY', D)).raw;
    expect(k.elapsedShare).toBe(0.75);
    expect(k.contacts).toMatchObject({ value: 10, expectedByNow: 15, status: 'BEHIND' });
    expect(k.contacts.pace).toBeCloseTo(10 / 15, 12);
    setClock(at(D, '21:00'));
    expect((await figures('AGENT', a1.gid, 'DAY', D)).raw.contacts).toMatchObject({ expectedByNow: 20, pace: 0.5, status: 'BEHIND' });
  });

  it('paces a month target over its business days', async () => {
    ok(await gql(server.url, SET, { scope: 'TEAM', scopeId: team1, kpi: 'PROMISES', period: 'MONTH', date: '2026-11-01', value: 210 }, manager));
    setClock(at('2026-11-25', '14:00'));
    const k = (await figures('TEAM', team1, 'MONTH', D)).raw;
    // November 2026 has 21 business days; by Wednesday the 25th at 14:00, 17 and a half of them are gone.
    expect(k.elapsedShare).toBeCloseTo(17.5 / 21, 12);
    expect(k.promises.target).toBe(210);
    expect(k.promises.expectedByNow).toBeCloseTo(175, 9);
    expect(k.promises.pace).toBeCloseTo(k.promises.value / 175, 9);
    expect(k.promises.status).toBe(k.promises.value >= 175 ? 'AHEAD' : k.promises.value >= 157.5 ? 'ON_TRACK' : 'BEHIND');
    // A month target is stored under the month's first day, whatever day of it was given.
    expect(ok(await gql(server.url, SET, { scope: 'TEAM', scopeId: team1, kpi: 'PROMISES', period: 'MONTH', date: '2026-11-17', value: 220 }, manager)).setTarget).toMatchObject({ periodStart: '2026-11-01', value: 220 });
    expect((await figures('TEAM', team1, 'MONTH', D)).raw.promises.target).toBe(220);
  });

  it('reads the targets the seeder set for today', async () => {
    const seeded = await sql(server, `select value from target where scope = 'AGENT' and scope_id = ? and kpi = 'ATTEMPTS' and period = 'DAY' and period_start = '2026-11-18'`, [a1.id]);
    expect((await figures('AGENT', a1.gid, 'DAY', '2026-11-18')).raw.attempts.target).toBe(Number(seeded[0]!.value));
  });
});

describe('the day of several teams at once (what the alert rules read)', () => {
  it('gives each team what kpis gives it, open presence and targets included', async () => {
    const D = '2026-11-24';
    setClock(at(D, '16:00'));
    await presence(a1.email, at(D, '16:00'), 'AVAILABLE');
    setClock(at(D, '17:00'));
    const em = server.orm.em.fork();
    const teamIds = (await sql(server, 'select id from team order by id')).map((r) => Number(r.id));
    for (const date of [D, '2026-11-18']) {
      const together = await server.app.services.kpis.teamsOfDay(em, teamIds, date);
      expect([...together.keys()]).toEqual(teamIds);
      for (const id of teamIds) {
        const alone = await server.app.services.kpis.kpis(em, SYSTEM, { scope: 'TEAM' as never, scopeId: globalId('Team', id), period: 'DAY' as never, date });
        expect(together.get(id), `team ${id} on ${date}`).toEqual(alone);
      }
    }
    const mine = (await server.app.services.kpis.teamsOfDay(em, [localId(team1)], D)).get(localId(team1))!;
    expect(mine.connectedSeconds.value).toBeGreaterThanOrEqual(3600);
    await presence(a1.email, at(D, '17:00'), 'OFFLINE');
  });
});

describe('setTarget', () => {
  const SET = `mutation($scope: KpiScope!, $scopeId: ID, $kpi: Kpi!, $period: KpiPeriod!, $date: LocalDate!, $value: Float, $amount: MoneyInput) {
    setTarget(scope: $scope, scopeId: $scopeId, kpi: $kpi, period: $period, date: $date, value: $value, amount: $amount) {
      id scope scopeId kpi period periodStart value amount { amount currencyCode } setById } }`;
  const set = (token: string, args: Record<string, unknown>) => gql(server.url, SET, { period: 'DAY', date: '2026-11-25', ...args }, token);

  it('lets a supervisor set day targets of their team and its agents, updating in place, audited', async () => {
    const supervisorId = await agentId(server, 'supervisor1@demo.test');
    const first = ok(await set(supervisor, { scope: 'TEAM', scopeId: team1, kpi: 'ATTEMPTS', value: 400 })).setTarget;
    expect(first).toMatchObject({ scope: 'TEAM', scopeId: team1, kpi: 'ATTEMPTS', period: 'DAY', periodStart: '2026-11-25', value: 400, amount: null, setById: globalId('Agent', supervisorId) });
    const again = ok(await set(supervisor, { scope: 'TEAM', scopeId: team1, kpi: 'ATTEMPTS', value: 450 })).setTarget;
    expect(again).toMatchObject({ id: first.id, value: 450 });
    const events = await sql(server, `select before, after, actor_agent_id from audit_event where action = 'setTarget' and entity_id = ? order by id`, [localId(first.id)]);
    expect(events).toHaveLength(2);
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(json(events[0]!.before)).toBeNull();
    expect(json(events[1]!.before)).toMatchObject({ value: 400 });
    expect(json(events[1]!.after)).toMatchObject({ value: 450, kpi: 'ATTEMPTS', scope: 'TEAM' });
    expect(Number(events[1]!.actor_agent_id)).toBe(supervisorId);
    expect(ok(await set(supervisor, { scope: 'AGENT', scopeId: a2.gid, kpi: 'PROMISED_AMOUNT', amount: money('2500.50', 'MXN') })).setTarget).toMatchObject({ value: null, amount: { amount: '2500.50', currencyCode: 'MXN' } });
  });

  it('lets a manager (and an admin) set month and floor targets', async () => {
    expect(ok(await set(manager, { scope: 'FLOOR', kpi: 'OCCUPANCY', period: 'MONTH', value: 0.65 })).setTarget).toMatchObject({ scope: 'FLOOR', scopeId: null, periodStart: '2026-11-01', value: 0.65 });
    expect(ok(await set(admin, { scope: 'AGENT', scopeId: a1.gid, kpi: 'CALLS_PER_HOUR', period: 'MONTH', value: 12.5 })).setTarget).toMatchObject({ value: 12.5 });
    expect(ok(await set(manager, { scope: 'TEAM', scopeId: team1, kpi: 'TALK_SECONDS', value: 36_000 })).setTarget).toMatchObject({ value: 36_000 });
  });

  it('refuses everyone else with FORBIDDEN, writing nothing', async () => {
    const agent11 = globalId('Agent', await agentId(server, 'agent11@demo.test'));
    const team2 = globalId('Team', await scalar(server, "select id from team where name = 'Team 2'"));
    for (const [token, args, why] of [
      [await tokenOf(a1.email), { scope: 'AGENT', scopeId: a1.gid, kpi: 'ATTEMPTS', value: 10 }, 'an agent'],
      [analyst, { scope: 'FLOOR', kpi: 'ATTEMPTS', value: 10 }, 'an analyst'],
      [supervisor, { scope: 'TEAM', scopeId: team1, kpi: 'ATTEMPTS', period: 'MONTH', value: 10 }, 'a supervisor, for a month'],
      [supervisor, { scope: 'FLOOR', kpi: 'ATTEMPTS', value: 10 }, 'a supervisor, for the floor'],
      [supervisor, { scope: 'AGENT', scopeId: agent11, kpi: 'ATTEMPTS', value: 10 }, 'a supervisor, for another team’s agent'],
      [supervisor, { scope: 'TEAM', scopeId: team2, kpi: 'ATTEMPTS', value: 10 }, 'a supervisor, for another team'],
    ] as const) {
      expect(errorCode(await expectNothingWritten(server, () => set(token, args))), why).toBe('FORBIDDEN');
    }
  });

  it('refuses bad values with BAD_USER_INPUT and an unknown scope with NOT_FOUND, writing nothing', async () => {
    for (const [args, argument] of [
      [{ scope: 'AGENT', scopeId: a1.gid, kpi: 'ATTEMPTS', value: -1 }, 'value'],
      [{ scope: 'AGENT', scopeId: a1.gid, kpi: 'ATTEMPTS', value: 2.5 }, 'value'],
      [{ scope: 'AGENT', scopeId: a1.gid, kpi: 'CONTACT_RATE', value: 1.5 }, 'value'],
      [{ scope: 'AGENT', scopeId: a1.gid, kpi: 'ATTEMPTS' }, 'value'],
      [{ scope: 'AGENT', scopeId: a1.gid, kpi: 'COLLECTED_AMOUNT', value: 1000 }, 'value'],
      [{ scope: 'AGENT', scopeId: a1.gid, kpi: 'COLLECTED_AMOUNT', amount: money('100.00', 'USD') }, 'amount'],
      [{ scope: 'AGENT', scopeId: a1.gid, kpi: 'COLLECTED_AMOUNT', amount: money('-5.00', 'MXN') }, 'amount'],
      [{ scope: 'AGENT', scopeId: a1.gid, kpi: 'COLLECTED_AMOUNT', amount: money('1.001', 'MXN') }, 'amount'],
      [{ scope: 'AGENT', scopeId: a1.gid, kpi: 'ATTEMPTS', value: 10, amount: money('1.00', 'MXN') }, 'amount'],
      [{ scope: 'FLOOR', scopeId: team1, kpi: 'ATTEMPTS', value: 10 }, 'scopeId'],
      [{ scope: 'TEAM', kpi: 'ATTEMPTS', value: 10 }, 'scopeId'],
      [{ scope: 'TEAM', scopeId: a1.gid, kpi: 'ATTEMPTS', value: 10 }, 'scopeId'],
    ] as const) {
      const r = await expectNothingWritten(server, () => set(manager, args));
      expect(errorCode(r), JSON.stringify(args)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.argument, JSON.stringify(args)).toBe(argument);
    }
    expect(errorCode(await expectNothingWritten(server, () => set(manager, { scope: 'AGENT', scopeId: globalId('Agent', 99_999), kpi: 'ATTEMPTS', value: 1 })))).toBe('NOT_FOUND');
    expect(errorCode(await set(manager, { scope: 'AGENT', scopeId: a1.gid, kpi: 'ATTEMPTS', value: 1, date: '2026-02-30' }))).toBe('BAD_USER_INPUT');
  });
});

describe('who reads what (DOMAIN.md §1)', () => {
  it('lets an agent read their own KPIs and their team’s, nobody else’s', async () => {
    const agent = await tokenOf(a1.email);
    const agent11 = globalId('Agent', await agentId(server, 'agent11@demo.test'));
    const team2 = globalId('Team', await scalar(server, "select id from team where name = 'Team 2'"));
    expectFigures(await figures('AGENT', a1.gid, 'DAY', A, agent), A1);
    expect((await figures('TEAM', team1, 'DAY', A, agent)).attempts).toBe(7);
    expect(errorCode(await kpisOf(agent, 'AGENT', a2.gid, 'DAY', A))).toBe('FORBIDDEN');
    expect(errorCode(await kpisOf(agent, 'FLOOR', null, 'DAY', A))).toBe('FORBIDDEN');
    expect(errorCode(await kpisOf(agent, 'AGENT', agent11, 'DAY', A))).toBe('NOT_FOUND');
    expect(errorCode(await kpisOf(agent, 'TEAM', team2, 'DAY', A))).toBe('NOT_FOUND');
  });

  it('lets a supervisor read their team and its agents, not the floor nor other teams', async () => {
    const team2 = globalId('Team', await scalar(server, "select id from team where name = 'Team 2'"));
    const agent11 = globalId('Agent', await agentId(server, 'agent11@demo.test'));
    expectFigures(await figures('AGENT', a2.gid, 'DAY', A, supervisor), A2);
    expect((await figures('TEAM', team1, 'DAY', B, supervisor)).calls).toBe(6);
    expect(errorCode(await kpisOf(supervisor, 'FLOOR', null, 'DAY', A))).toBe('FORBIDDEN');
    expect(errorCode(await kpisOf(supervisor, 'TEAM', team2, 'DAY', A))).toBe('NOT_FOUND');
    expect(errorCode(await kpisOf(supervisor, 'AGENT', agent11, 'DAY', A))).toBe('NOT_FOUND');
  });

  it('lets managers, admins and analysts read everything; nobody unsigned', async () => {
    const team2 = globalId('Team', await scalar(server, "select id from team where name = 'Team 2'"));
    for (const token of [manager, admin, analyst]) {
      expect((await figures('FLOOR', null, 'MONTH', A, token)).raw.scopeId).toBeNull();
      expect((await figures('TEAM', team2, 'DAY', A, token)).raw.scopeId).toBe(team2);
    }
    expect(errorCode(await gql(server.url, KPIS, { scope: 'FLOOR', scopeId: null, period: 'DAY', date: A }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await kpisOf(manager, 'AGENT', globalId('Agent', 99_999), 'DAY', A))).toBe('NOT_FOUND');
    expect(errorCode(await kpisOf(manager, 'FLOOR', team2, 'DAY', A))).toBe('BAD_USER_INPUT');
  });
});

describe('leaderboard', () => {
  const BOARD = `query($team: ID!, $kpi: Kpi!, $period: KpiPeriod!, $date: LocalDate!) {
    leaderboard(teamId: $team, kpi: $kpi, period: $period, date: $date) { teamId kpi period from to entries { rank agentId name value amount { amount currencyCode } } } }`;
  const board = (token: string, kpi: string, date = A, team = team1) => gql(server.url, BOARD, { team, kpi, period: 'DAY', date }, token);

  it('ranks the team’s agents by a KPI: ties share a rank, no figure comes last', async () => {
    const agent = await tokenOf(a1.email);
    const attempts = ok(await board(agent, 'ATTEMPTS')).leaderboard;
    expect(attempts.entries).toHaveLength(10);
    expect(attempts.entries.slice(0, 2).map((e: any) => [e.rank, e.agentId, e.value])).toEqual([[1, a1.gid, 4], [2, a2.gid, 3]]);
    expect(attempts.entries.slice(2).every((e: any) => e.rank === 3 && e.value === 0)).toBe(true);
    const names = await sql(server, "select name from agent where email in ('agent1@demo.test', 'agent2@demo.test') order by id");
    expect(attempts.entries.slice(0, 2).map((e: any) => e.name)).toEqual(names.map((n) => n.name));

    const collected = ok(await board(agent, 'COLLECTED_AMOUNT')).leaderboard.entries;
    expect(collected.slice(0, 2).map((e: any) => [e.agentId, e.value, e.amount])).toEqual([
      [a1.gid, null, { amount: '1300.00', currencyCode: 'MXN' }],
      [a2.gid, null, { amount: '590.00', currencyCode: 'MXN' }],
    ]);

    const rate = ok(await board(agent, 'PROMISE_KEPT_RATE', B)).leaderboard.entries;
    expect(rate.slice(0, 2).map((e: any) => [e.rank, e.agentId])).toEqual([[1, a1.gid], [2, a2.gid]]);
    expect(rate[0].value).toBeCloseTo(1 / 3, 12);
    expect(rate[1].value).toBe(0);
    expect(rate.slice(2).every((e: any) => e.rank === 3 && e.value === null)).toBe(true);
  });

  it('shows an agent their own team only', async () => {
    const team2 = globalId('Team', await scalar(server, "select id from team where name = 'Team 2'"));
    expect(errorCode(await board(await tokenOf(a1.email), 'ATTEMPTS', A, team2))).toBe('NOT_FOUND');
    expect(errorCode(await board(supervisor, 'ATTEMPTS', A, team2))).toBe('NOT_FOUND');
    expect(ok(await board(manager, 'ATTEMPTS', A, team2)).leaderboard.entries).toHaveLength(10);
  });
});

describe('counters under load and on other paths', () => {
  const DAY = '2026-11-26';

  it('stay exact when calls and payments of one agent race', async () => {
    const email = 'agent3@demo.test';
    const id = await agentId(server, email);
    // One account per request: requests on one account are serialised by its version; here they all meet on one counter row.
    const accounts = (await sql(server, `select a.id, a.currency from account a where a.assigned_agent_id = ? and a.status = 'ACTIVE' and a.balance_minor >= 1000 order by a.id`, [id])).slice(0, 12);
    expect(accounts).toHaveLength(12);
    setClock(at(DAY, '11:00'));
    const token = await tokenOf(email);
    const calls = Array.from({ length: 8 }, (_, i) => {
      const start = at(DAY, `10:${String(i * 5).padStart(2, '0')}`);
      const input = {
        accountId: globalId('Account', Number(accounts[i]!.id)),
        direction: 'INBOUND',
        startedAt: start,
        answeredAt: plus(start, 5),
        endedAt: plus(start, 65),
        talkSeconds: 60,
        wrapSeconds: 10,
        disposition: 'REFUSED_TO_PAY',
      };
      return gql(server.url, RECORD_CALL, { input }, token);
    });
    const payments = accounts.slice(8).map((a) =>
      gql(server.url, RECORD_PAYMENT, { input: { accountId: globalId('Account', Number(a.id)), ...payment('10.00', String(a.currency)) } }, token),
    );
    for (const r of await Promise.all([...calls, ...payments])) ok(r);
    const collected = accounts.slice(8).reduce((s, a) => s + (a.currency === 'USD' ? 1000 * 17 : 1000), 0);
    const k = await figures('AGENT', globalId('Agent', id), 'DAY', DAY);
    expect([k.calls, k.contacts, k.rightPartyContacts, k.talkSeconds, k.handleSeconds]).toEqual([8, 8, 8, 480, 560]);
    expect(cents(k.collectedAmount)).toBe(collected);
    expect(ok(await gql(server.url, 'query($d: LocalDate!) { kpiRecount(date: $d) { field } }', { d: DAY }, admin)).kpiRecount).toEqual([]);
  });

  it('count a promise approved after it was paid in full as kept, on the day its grace ends', async () => {
    const email = 'agent4@demo.test';
    const id = await agentId(server, email);
    const [row] = await sql(
      server,
      `select a.id from account a where a.assigned_agent_id = ? and a.currency = 'MXN' and a.status = 'ACTIVE' and a.amount_due_minor > 100000 and a.balance_minor >= 20000
         and not exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status in ('PENDING', 'PENDING_APPROVAL'))
         and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
       order by a.id limit 1`,
      [id],
    );
    const account = { id: Number(row!.id), gid: globalId('Account', Number(row!.id)), currency: 'MXN' };
    setClock(at(DAY, '12:00'));
    const token = await tokenOf(email);
    // Below 10% of the amount due: it waits for the supervisor.
    const promise = ok(await gql(server.url, CREATE_PROMISE, { input: { accountId: account.gid, amount: money('100.00', 'MXN'), dueDate: DAY } }, token)).createPromise;
    expect(promise.status).toBe('PENDING_APPROVAL');
    await pay(token, account, '100.00', at(DAY, '12:30'));
    const graceDay = '2026-11-28';
    expect((await figures('AGENT', globalId('Agent', id), 'DAY', graceDay)).promisesKept).toBe(0);
    setClock(at(DAY, '13:00'));
    expect(ok(await gql(server.url, 'mutation($id: ID!) { approvePromise(id: $id) { status } }', { id: promise.id }, supervisor)).approvePromise.status).toBe('KEPT');
    const k = await figures('AGENT', globalId('Agent', id), 'DAY', graceDay);
    expect([k.promisesKept, k.promiseKeptRate]).toEqual([1, 1]);
    expect((await figures('AGENT', globalId('Agent', id), 'DAY', DAY)).promises).toBe(1);
    for (const d of [DAY, graceDay]) expect(ok(await gql(server.url, 'query($d: LocalDate!) { kpiRecount(date: $d) { field } }', { d }, admin)).kpiRecount).toEqual([]);
  });
});

describe('kpiRecount', () => {
  const RECOUNT = `query($d: LocalDate!) { kpiRecount(date: $d) { agentId period day field counter recount } }`;

  it('is for admins only', async () => {
    expect(errorCode(await gql(server.url, RECOUNT, { d: A }, manager))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server.url, RECOUNT, { d: A }, supervisor))).toBe('FORBIDDEN');
  });

  it('still finds nothing after everything above, and names a counter corrupted behind its back', async () => {
    for (const d of [A, B, '2026-11-21', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-28']) expect(ok(await gql(server.url, RECOUNT, { d }, admin)).kpiRecount, d).toEqual([]);
    await sql(server, `update agent_day_counter set attempts = attempts + 2, collected_amount_minor = collected_amount_minor - 100 where agent_id = ? and day = ?`, [a1.id, A]);
    const monthAttempts = Number(await scalar(server, `select attempts from agent_month_counter where agent_id = ? and month = '2026-11'`, [a1.id]));
    const monthCollected = Number(await scalar(server, `select collected_amount_minor from agent_month_counter where agent_id = ? and month = '2026-11'`, [a1.id]));
    // The day row disagrees with the day's records, and so the month row (still right) with its days.
    expect(ok(await gql(server.url, RECOUNT, { d: A }, admin)).kpiRecount).toEqual([
      { agentId: a1.gid, period: 'DAY', day: A, field: 'attempts', counter: 6, recount: 4 },
      { agentId: a1.gid, period: 'DAY', day: A, field: 'collectedAmountMinor', counter: 129_900, recount: 130_000 },
      { agentId: a1.gid, period: 'MONTH', day: '2026-11-01', field: 'attempts', counter: monthAttempts, recount: monthAttempts + 2 },
      { agentId: a1.gid, period: 'MONTH', day: '2026-11-01', field: 'collectedAmountMinor', counter: monthCollected, recount: monthCollected - 100 },
    ]);
    await sql(server, `delete from agent_day_counter where agent_id = ? and day = ?`, [a2.id, B]);
    const missing = ok(await gql(server.url, RECOUNT, { d: B }, admin)).kpiRecount;
    expect(missing.filter((d: any) => d.field === 'calls' && d.period === 'DAY')).toEqual([{ agentId: a2.gid, period: 'DAY', day: B, field: 'calls', counter: 0, recount: 2 }]);
  });

  it('names a month counter that no longer adds up to its days', async () => {
    const monthPromisesOfA1 = async () =>
      ok(await gql(server.url, RECOUNT, { d: '2026-11-21' }, admin)).kpiRecount.filter((d: any) => d.period === 'MONTH' && d.agentId === a1.gid && d.field === 'promises');
    expect(await monthPromisesOfA1()).toEqual([]);
    await sql(server, `update agent_month_counter set promises = promises + 1 where agent_id = ? and month = '2026-11'`, [a1.id]);
    const [difference, ...more] = await monthPromisesOfA1();
    expect(more).toEqual([]);
    expect(difference).toMatchObject({ agentId: a1.gid, period: 'MONTH', day: '2026-11-01', field: 'promises' });
    expect(difference.counter - difference.recount).toBe(1);
  });
});
