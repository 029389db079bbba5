import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delinquency } from '../../server/src/accounts/buckets.js';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { dbDigest, expectNothingWritten } from '../utils/unchanged.js';

/**
 * runDayRollover (DOMAIN.md §2, §4): the floor moves from one business day to the next. The clock is
 * moved to just after midnight on the floor (America/Mexico_City, UTC-6 in November and December) and
 * the rollover run, day after day; after each run every account, promise and plan instalment is
 * compared with what the rules say it must be.
 */

let server: TestServer;
const tokens = new Map<string, { token: string; at: number }>();
const used = new Set<number>();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const ROLL = `mutation($date: String) { runDayRollover(date: $date) {
  date ran accountsRedated promisesBroken promisesPartiallyKept promisesLapsed instalmentsMissed plansBroken snapshotRows
} }`;

const roll = async (date: string | null, token?: string) => gql(server.url, ROLL, date ? { date } : {}, token ?? (await tokenOf('admin@demo.test')));

/** 00:05 on the floor on `date`. */
const floorMidnight = (date: string): Date => new Date(`${date}T06:05:00.000Z`);
/** 10:00 on the floor on `date`. */
const floorMorning = (date: string): Date => new Date(`${date}T16:00:00.000Z`);

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const changedTables = (before: Record<string, string>, after: Record<string, string>): string[] =>
  Object.keys(before).filter((t) => before[t] !== after[t]).sort();

/** A session signed at the clock's time: moving the clock by days expires older ones (12 h). */
async function tokenOf(email: string): Promise<string> {
  const now = server.clock.now().getTime();
  const cached = tokens.get(email);
  if (cached && cached.at <= now && now - cached.at < 3_600_000) return cached.token;
  const token = await login(server.url, email);
  tokens.set(email, { token, at: now });
  return token;
}

interface Acc {
  id: number;
  gid: string;
  currency: string;
  balance: number;
  amountDue: number;
  email: string;
}

/** An ACTIVE account of an agent, with money due, nothing open on it, and not used by this file yet. */
async function freshAccount(): Promise<Acc> {
  const rows = await sql(
    server,
    `select a.id, a.currency, a.balance_minor, a.amount_due_minor, g.email from account a join agent g on g.id = a.assigned_agent_id
     where g.role = 'AGENT' and a.status = 'ACTIVE' and a.amount_due_minor >= 10000 and a.balance_minor >= a.amount_due_minor
       and not exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status in ('PENDING', 'PENDING_APPROVAL'))
       and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
       and not exists (select 1 from referral r where r.account_id = a.id and r.status in ('OPEN', 'ACCEPTED'))
       and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')
     order by a.id`,
  );
  const row = rows.find((r) => !used.has(Number(r.id)));
  if (!row) throw new Error('no unused account fits');
  used.add(Number(row.id));
  return {
    id: Number(row.id),
    gid: globalId('Account', Number(row.id)),
    currency: String(row.currency),
    balance: Number(row.balance_minor),
    amountDue: Number(row.amount_due_minor),
    email: String(row.email),
  };
}

const decimal = (minor: number): string => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const money = (minor: number, currencyCode: string) => ({ amount: decimal(minor), currencyCode });

async function promise(account: Acc, amount: number, dueDate: string): Promise<number> {
  const r = ok(await gql(server.url, 'mutation($input: CreatePromiseInput!) { createPromise(input: $input) { id } }', { input: { accountId: account.gid, amount: money(amount, account.currency), dueDate } }, await tokenOf(account.email)));
  return localId(r.createPromise.id);
}

async function pay(account: Acc, amount: number): Promise<void> {
  ok(
    await gql(
      server.url,
      'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
      { input: { accountId: account.gid, amount: money(amount, account.currency), method: 'BANK_TRANSFER', idempotencyKey: randomUUID() } },
      await tokenOf(account.email),
    ),
  );
}

async function plan(account: Acc, instalments: Array<[string, number]>): Promise<number> {
  const total = instalments.reduce((s, [, a]) => s + a, 0);
  const r = ok(
    await gql(
      server.url,
      'mutation($input: ProposePlanInput!) { proposePaymentPlan(input: $input) { id status } }',
      { input: { accountId: account.gid, total: money(total, account.currency), instalments: instalments.map(([dueDate, a]) => ({ dueDate, amount: money(a, account.currency) })) } },
      await tokenOf(account.email),
    ),
  );
  expect(r.proposePaymentPlan.status).toBe('ACTIVE');
  return localId(r.proposePaymentPlan.id);
}

const promiseStatus = async (id: number): Promise<string> => String((await sql(server, 'select status from promise_to_pay where id = ?', [id]))[0]!.status);

// ---------------------------------------------------------------------------------------------------
// Oracles: what the rules of DOMAIN.md say each row must be after a rollover to `day`, computed from
// the rows as they are before it.

interface Expectation {
  redated: number;
  promises: Map<number, string>;
  broken: number;
  partiallyKept: number;
  lapsed: number;
  instalments: Map<number, string>;
  missed: number;
  plans: Map<number, string>;
  plansBroken: number;
  accounts: Map<number, string>;
}

function expectedPromise(status: string, amount: number, paid: number): string {
  if (status === 'PENDING_APPROVAL') return 'CANCELLED';
  if (paid >= amount) return 'KEPT';
  return paid > 0 ? 'PARTIALLY_KEPT' : 'BROKEN';
}

function expectedInstalment(amount: number, paid: number, dueDate: string, day: string): string {
  if (paid >= amount) return 'PAID';
  if (addDays(dueDate, 2) < day) return 'MISSED';
  return paid > 0 ? 'PARTIALLY_PAID' : 'PENDING';
}

async function expectationsFor(day: string): Promise<Expectation> {
  const accounts = await sql(server, 'select id, oldest_unpaid_due_date, status, dpd, bucket from account');
  const redated = accounts.filter((a) => {
    const e = delinquency({ oldestUnpaidDueDate: a.oldest_unpaid_due_date, writtenOff: a.status === 'WRITTEN_OFF' }, day);
    return e.dpd !== Number(a.dpd) || e.bucket !== a.bucket;
  }).length;

  const promises = new Map<number, string>();
  let broken = 0;
  let partiallyKept = 0;
  let lapsed = 0;
  for (const p of await sql(server, "select id, status, amount_minor, paid_minor, grace_ends_on from promise_to_pay where status in ('PENDING', 'PENDING_APPROVAL')")) {
    const settled = p.grace_ends_on < day;
    const status = settled ? expectedPromise(p.status, Number(p.amount_minor), Number(p.paid_minor)) : String(p.status);
    promises.set(Number(p.id), status);
    if (settled && status === 'BROKEN') broken += 1;
    if (settled && status === 'PARTIALLY_KEPT') partiallyKept += 1;
    if (settled && status === 'CANCELLED') lapsed += 1;
  }

  const instalments = new Map<number, string>();
  const missedByPlan = new Map<number, number>();
  let missed = 0;
  const rows = await sql(
    server,
    "select i.id, i.plan_id, i.amount_minor, i.paid_minor, i.due_date, i.status, p.account_id from instalment i join payment_plan p on p.id = i.plan_id where p.status = 'ACTIVE'",
  );
  for (const i of rows) {
    const status = expectedInstalment(Number(i.amount_minor), Number(i.paid_minor), i.due_date, day);
    instalments.set(Number(i.id), status);
    if (status === 'MISSED' && i.status !== 'MISSED') missed += 1;
    missedByPlan.set(Number(i.plan_id), (missedByPlan.get(Number(i.plan_id)) ?? 0) + (status === 'MISSED' ? 1 : 0));
  }
  const plans = new Map<number, string>();
  const accountStatus = new Map<number, string>();
  let plansBroken = 0;
  for (const [planId, count] of missedByPlan) {
    plans.set(planId, count >= 2 ? 'BROKEN' : 'ACTIVE');
    if (count >= 2) {
      plansBroken += 1;
      const accountId = Number(rows.find((r) => Number(r.plan_id) === planId)!.account_id);
      const [a] = await sql(server, 'select status from account where id = ?', [accountId]);
      // Out of arrangement: back to ACTIVE; statuses people set (disputed, routed, ...) stay.
      accountStatus.set(accountId, a!.status === 'IN_ARRANGEMENT' ? 'ACTIVE' : String(a!.status));
    }
  }
  return { redated, promises, broken, partiallyKept, lapsed, instalments, missed, plans, plansBroken, accounts: accountStatus };
}

async function expectRolledOver(day: string, expected: Expectation, summary: any): Promise<void> {
  // DPD and bucket of every account, exactly as buckets.ts delinquency() says.
  const accounts = await sql(server, 'select id, oldest_unpaid_due_date, status, dpd, bucket from account order by id');
  const wrong = accounts
    .map((a) => ({ id: Number(a.id), got: [Number(a.dpd), a.bucket], want: delinquency({ oldestUnpaidDueDate: a.oldest_unpaid_due_date, writtenOff: a.status === 'WRITTEN_OFF' }, day) }))
    .filter((a) => a.got[0] !== a.want.dpd || a.got[1] !== a.want.bucket);
  expect(wrong).toEqual([]);

  const promiseIds = [...expected.promises.keys()];
  const promises = promiseIds.length ? await sql(server, `select id, status from promise_to_pay where id in (${promiseIds.join(',')})`) : [];
  expect(new Map(promises.map((p) => [Number(p.id), String(p.status)]))).toEqual(expected.promises);

  const instalmentIds = [...expected.instalments.keys()];
  const instalments = instalmentIds.length ? await sql(server, `select id, status from instalment where id in (${instalmentIds.join(',')})`) : [];
  expect(new Map(instalments.map((i) => [Number(i.id), String(i.status)]))).toEqual(expected.instalments);
  const planIds = [...expected.plans.keys()];
  const plans = planIds.length ? await sql(server, `select id, status from payment_plan where id in (${planIds.join(',')})`) : [];
  expect(new Map(plans.map((p) => [Number(p.id), String(p.status)]))).toEqual(expected.plans);
  for (const [accountId, status] of expected.accounts) {
    expect(String((await sql(server, 'select status from account where id = ?', [accountId]))[0]!.status)).toBe(status);
  }

  expect(summary).toEqual({
    date: day,
    ran: true,
    accountsRedated: expected.redated,
    promisesBroken: expected.broken,
    promisesPartiallyKept: expected.partiallyKept,
    promisesLapsed: expected.lapsed,
    instalmentsMissed: expected.missed,
    plansBroken: expected.plansBroken,
    snapshotRows: day.endsWith('-01') ? await scalar(server, 'select count(*) from account') : 0,
  });
  expect(await scalar(server, 'select count(*) from business_day where date = ?', [day])).toBe(1);
  expect(await scalar(server, "select count(*) from audit_event where action = 'runDayRollover' and entity_type = 'BusinessDay' and entity_id = (select id from business_day where date = ?)", [day])).toBe(1);
}

/** Moves the clock to just after midnight on `day`, rolls over (by the default date when asked) and checks everything. */
async function rollOverTo(day: string, options: { byDefaultDate?: boolean } = {}): Promise<any> {
  server.clock.set(floorMidnight(day));
  const expected = await expectationsFor(day);
  const summary = ok(await roll(options.byDefaultDate ? null : day)).runDayRollover;
  await expectRolledOver(day, expected, summary);
  return summary;
}

// ---------------------------------------------------------------------------------------------------

describe('runDayRollover refuses, with the exact code, and writes nothing', () => {
  it.each(['agent1@demo.test', 'supervisor1@demo.test', 'manager@demo.test', 'analyst@demo.test'])('%s (FORBIDDEN)', async (email) => {
    const token = await login(server.url, email);
    const r = await expectNothingWritten(server, () => roll('2026-11-18', token));
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it('an analyst API key (FORBIDDEN)', async () => {
    const key = ok(await gql(server.url, 'mutation { createApiKey(name: "rollover BI") { key } }', {}, await tokenOf('admin@demo.test'))).createApiKey.key;
    const r = await expectNothingWritten(server, () => roll('2026-11-18', key));
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it('anonymous (UNAUTHENTICATED)', async () => {
    const r = await expectNothingWritten(server, () => gql(server.url, ROLL, { date: '2026-11-18' }));
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
  });

  it.each(['2026-11-31', '19/11/2026', '2026-11-19T00:00:00Z', ''])('a date that is not a date: %j (BAD_USER_INPUT)', async (date) => {
    const admin = await tokenOf('admin@demo.test');
    const r = await expectNothingWritten(server, () => gql(server.url, ROLL, { date }, admin));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.argument).toBe('date');
  });

  it('a date after today on the floor: the floor cannot be rolled into the future (BAD_USER_INPUT)', async () => {
    server.clock.set(floorMorning('2026-11-18'));
    const r = await expectNothingWritten(server, () => roll('2026-11-19'));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.argument).toBe('date');
  });
});

describe('runDayRollover, day after day', () => {
  // Promises taken on Wednesday 18 Nov, all due that day: their grace ends on Friday 20 Nov.
  let unpaid: number; // never paid: PENDING through the grace day, BROKEN the day after
  let paidAtOnce: number; // paid in full the day it was made: KEPT
  let paidOnGraceDay: number; // paid in full on the last day of grace: KEPT, never broken
  let paidHalf: number; // half paid: PARTIALLY_KEPT
  let awaitingApproval: number; // below the minimum, never approved: lapses to CANCELLED
  let paidOnGraceDayAccount: Acc;
  let planned: Acc; // a plan with instalments on 18, 19 and 20 Nov: breaks at the second missed one
  let plannedPlan: number;
  let onTrack: Acc; // a plan with nothing due until December
  let onTrackPlan: number;
  let onTrackVersions: { account: number; plan: number };
  const edges: Array<{ id: number; dpdOn19: number }> = [];
  let writtenOff: number;

  beforeAll(async () => {
    server.clock.set(floorMorning('2026-11-18'));
    const a = await freshAccount();
    unpaid = await promise(a, a.amountDue, '2026-11-18');
    const b = await freshAccount();
    paidAtOnce = await promise(b, b.amountDue, '2026-11-18');
    await pay(b, b.amountDue);
    paidOnGraceDayAccount = await freshAccount();
    paidOnGraceDay = await promise(paidOnGraceDayAccount, paidOnGraceDayAccount.amountDue, '2026-11-18');
    const h = await freshAccount();
    paidHalf = await promise(h, h.amountDue, '2026-11-18');
    await pay(h, Math.floor(h.amountDue / 2));
    const d = await freshAccount();
    awaitingApproval = await promise(d, 100, '2026-11-18');
    expect([await promiseStatus(unpaid), await promiseStatus(paidAtOnce), await promiseStatus(paidHalf), await promiseStatus(awaitingApproval)]).toEqual([
      'PENDING',
      'KEPT',
      'PENDING',
      'PENDING_APPROVAL',
    ]);

    planned = await freshAccount();
    const third = Math.floor(planned.balance / 3);
    plannedPlan = await plan(planned, [
      ['2026-11-18', third],
      ['2026-11-19', third],
      ['2026-11-20', planned.balance - 2 * third],
    ]);
    onTrack = await freshAccount();
    const half = Math.floor(onTrack.balance / 2);
    onTrackPlan = await plan(onTrack, [
      ['2026-12-15', half],
      ['2027-01-15', onTrack.balance - half],
    ]);
    onTrackVersions = {
      account: await scalar(server, 'select version from account where id = ?', [onTrack.id]),
      plan: await scalar(server, 'select version from payment_plan where id = ?', [onTrackPlan]),
    };

    // The bucket edges (DOMAIN.md §2): accounts whose oldest unpaid due date puts them on each side of
    // every boundary on 19 Nov. Arranged directly: no operation sets a due date.
    const candidates = await sql(
      server,
      `select a.id from account a where a.status = 'ACTIVE'
         and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
       order by a.id desc`,
    );
    const free = candidates.map((c) => Number(c.id)).filter((id) => !used.has(id));
    for (const dpd of [-1, 0, 1, 29, 30, 59, 60, 89, 90, 119, 120, 149, 150, 179, 180, 181]) {
      const id = free.shift()!;
      used.add(id);
      edges.push({ id, dpdOn19: dpd });
      await sql(server, 'update account set oldest_unpaid_due_date = ? where id = ?', [addDays('2026-11-19', -dpd), id]);
    }
    writtenOff = await scalar(server, "select min(id) from account where status = 'WRITTEN_OFF'");
    await sql(server, 'update account set oldest_unpaid_due_date = ? where id = ?', ['2026-11-14', writtenOff]);
  });

  async function edgeRows() {
    const rows = await sql(server, `select id, dpd, bucket from account where id in (${edges.map((e) => e.id).join(',')})`);
    const byId = new Map(rows.map((r) => [Number(r.id), [Number(r.dpd), String(r.bucket)]]));
    return edges.map((e) => byId.get(e.id));
  }

  it('19 Nov (the default date is today on the floor): DPD and buckets advance, the edges fall as DOMAIN.md §2 says', async () => {
    const summary = await rollOverTo('2026-11-19', { byDefaultDate: true });
    expect(summary.ran).toBe(true);
    expect(summary.accountsRedated).toBeGreaterThan(0);
    // The table of DOMAIN.md §2, written out: DPD -> bucket.
    expect(await edgeRows()).toEqual([
      [0, 'CURRENT'],
      [0, 'CURRENT'],
      [1, 'B1'],
      [29, 'B1'],
      [30, 'B2'],
      [59, 'B2'],
      [60, 'B3'],
      [89, 'B3'],
      [90, 'B4'],
      [119, 'B4'],
      [120, 'B5'],
      [149, 'B5'],
      [150, 'B6'],
      [179, 'B6'],
      [180, 'CHARGE_OFF'],
      [181, 'CHARGE_OFF'],
    ]);
    expect((await sql(server, 'select dpd, bucket from account where id = ?', [writtenOff])).map((r) => [Number(r.dpd), r.bucket])).toEqual([[5, 'CHARGE_OFF']]);
    expect(await promiseStatus(unpaid)).toBe('PENDING');
  });

  it('a second run for the same date changes nothing and says ran: false', async () => {
    server.clock.set(floorMorning('2026-11-19'));
    const before = await dbDigest(server);
    const again = ok(await roll('2026-11-19')).runDayRollover;
    const after = await dbDigest(server);
    expect(changedTables(before, after)).toEqual([]);
    expect(again.ran).toBe(false);
    expect(again.date).toBe('2026-11-19');
    // By the default date too.
    const byDefault = await expectNothingWritten(server, () => roll(null));
    expect(ok(byDefault).runDayRollover.ran).toBe(false);
  });

  it('an earlier date than the last run is BAD_USER_INPUT and writes nothing', async () => {
    const r = await expectNothingWritten(server, () => roll('2026-11-18'));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.argument).toBe('date');
  });

  it('20 Nov, the last day of grace: nothing due on the 18th is broken yet, and a payment that day keeps its promise', async () => {
    await rollOverTo('2026-11-20');
    expect(await edgeRows()).toEqual(edges.map((e) => [Math.max(0, e.dpdOn19 + 1), delinquency({ oldestUnpaidDueDate: addDays('2026-11-19', -e.dpdOn19), writtenOff: false }, '2026-11-20').bucket]));
    expect([await promiseStatus(unpaid), await promiseStatus(paidOnGraceDay), await promiseStatus(awaitingApproval)]).toEqual(['PENDING', 'PENDING', 'PENDING_APPROVAL']);
    server.clock.set(floorMorning('2026-11-20'));
    await pay(paidOnGraceDayAccount, paidOnGraceDayAccount.amountDue);
    expect(await promiseStatus(paidOnGraceDay)).toBe('KEPT');
  });

  it('21 Nov, the day after grace: the unpaid promise is BROKEN, the half-paid one PARTIALLY_KEPT, the unapproved one lapses; kept ones stay KEPT', async () => {
    const summary = await rollOverTo('2026-11-21');
    expect([await promiseStatus(unpaid), await promiseStatus(paidHalf), await promiseStatus(awaitingApproval), await promiseStatus(paidAtOnce), await promiseStatus(paidOnGraceDay)]).toEqual([
      'BROKEN',
      'PARTIALLY_KEPT',
      'CANCELLED',
      'KEPT',
      'KEPT',
    ]);
    expect(summary.promisesBroken).toBeGreaterThanOrEqual(1);
    const [broken] = await sql(server, 'select settled_at from promise_to_pay where id = ?', [unpaid]);
    expect(broken!.settled_at).not.toBeNull();
    // The plan's first instalment (due 18 Nov) is missed; one miss does not break it.
    const instalments = await sql(server, 'select sequence, status from instalment where plan_id = ? order by sequence', [plannedPlan]);
    expect(instalments.map((i) => i.status)).toEqual(['MISSED', 'PENDING', 'PENDING']);
    expect(String((await sql(server, 'select status from payment_plan where id = ?', [plannedPlan]))[0]!.status)).toBe('ACTIVE');
    expect(String((await sql(server, 'select status from account where id = ?', [planned.id]))[0]!.status)).toBe('IN_ARRANGEMENT');
  });

  it('22 Nov: the plan breaks at its second missed instalment and the account is back from IN_ARRANGEMENT', async () => {
    const summary = await rollOverTo('2026-11-22');
    expect(summary.plansBroken).toBeGreaterThanOrEqual(1);
    const instalments = await sql(server, 'select status from instalment where plan_id = ? order by sequence', [plannedPlan]);
    expect(instalments.map((i) => i.status)).toEqual(['MISSED', 'MISSED', 'PENDING']);
    const [p] = await sql(server, 'select status, status_reason from payment_plan where id = ?', [plannedPlan]);
    expect([p!.status, p!.status_reason]).toEqual(['BROKEN', '2 instalments missed.']);
    expect(String((await sql(server, 'select status from account where id = ?', [planned.id]))[0]!.status)).toBe('ACTIVE');
    const api = ok(await gql(server.url, 'query($id: ID!) { account(id: $id) { status plans(first: 5) { nodes { status } } } }', { id: planned.gid }, await tokenOf(planned.email)));
    expect(api.account.status).toBe('ACTIVE');
    expect(api.account.plans.nodes.map((n: any) => n.status)).toEqual(['BROKEN']);
  });

  it('a plan on track is left alone: neither it nor its account changes through four rollovers', async () => {
    expect(String((await sql(server, 'select status from payment_plan where id = ?', [onTrackPlan]))[0]!.status)).toBe('ACTIVE');
    expect({
      account: await scalar(server, 'select version from account where id = ?', [onTrack.id]),
      plan: await scalar(server, 'select version from payment_plan where id = ?', [onTrackPlan]),
    }).toEqual(onTrackVersions);
    expect(String((await sql(server, 'select status from account where id = ?', [onTrack.id]))[0]!.status)).toBe('IN_ARRANGEMENT');
  });

  it('no snapshot is taken on a day that is not the 1st', async () => {
    expect(await scalar(server, "select count(*) from bucket_snapshot where taken_on > '2026-11-01'")).toBe(0);
  });

  it('1 Dec: the month-opening snapshot, one row per account, as the accounts stand after the rollover', async () => {
    const summary = await rollOverTo('2026-12-01');
    const accounts = await scalar(server, 'select count(*) from account');
    expect(summary.snapshotRows).toBe(accounts);
    expect(await scalar(server, "select count(*) from bucket_snapshot where taken_on = '2026-12-01'")).toBe(accounts);
    expect(await scalar(server, "select count(distinct account_id) from bucket_snapshot where taken_on = '2026-12-01'")).toBe(accounts);
    const mismatched = await scalar(
      server,
      `select count(*) from bucket_snapshot s join account a on a.id = s.account_id
       where s.taken_on = '2026-12-01' and (s.bucket <> a.bucket or s.dpd <> a.dpd or s.balance_minor <> a.balance_minor)`,
    );
    expect(mismatched).toBe(0);
  });

  it('1 Dec again: not twice', async () => {
    server.clock.set(floorMorning('2026-12-01'));
    const r = await expectNothingWritten(server, () => roll('2026-12-01'));
    expect(ok(r).runDayRollover.ran).toBe(false);
    expect(await scalar(server, "select count(*) from bucket_snapshot where taken_on = '2026-12-01'")).toBe(await scalar(server, 'select count(*) from account'));
  });

  it('2 Dec: no new snapshot', async () => {
    const summary = await rollOverTo('2026-12-02');
    expect(summary.snapshotRows).toBe(0);
    expect(await scalar(server, "select count(*) from bucket_snapshot where taken_on > '2026-12-01'")).toBe(0);
  });

  it('a month whose 1st was missed (the server was down): its first rollover takes the opening snapshot, dated the 1st', async () => {
    server.clock.set(floorMidnight('2027-01-02'));
    const summary = ok(await roll('2027-01-02')).runDayRollover;
    const accounts = await scalar(server, 'select count(*) from account');
    expect(summary.snapshotRows).toBe(accounts);
    expect(await scalar(server, "select count(*) from bucket_snapshot where taken_on = '2027-01-01'")).toBe(accounts);
    expect(await scalar(server, "select count(*) from bucket_snapshot where taken_on = '2027-01-02'")).toBe(0);
    server.clock.set(floorMidnight('2027-01-03'));
    expect(ok(await roll('2027-01-03')).runDayRollover.snapshotRows).toBe(0);
  });

  it('two runs for the same date at once: one rolls over, the other says ran: false', async () => {
    server.clock.set(floorMidnight('2027-01-04'));
    const results = await Promise.all([roll('2027-01-04'), roll('2027-01-04')]);
    const ran = results.map((r) => ok(r).runDayRollover.ran).sort();
    expect(ran).toEqual([false, true]);
    expect(await scalar(server, "select count(*) from business_day where date = '2027-01-04'")).toBe(1);
  });
});
