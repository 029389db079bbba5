import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { agentId, globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { NOW } from '../utils/template.js';

/**
 * The worklist: the accounts an agent may call now (DOMAIN.md §6), theirs and their team's unassigned
 * ones, in the order of the treatment strategy. Every situation is made through the API or with SQL
 * and the order is checked against the database; every block is checked against contactCheck.
 * The clock stands at Wednesday 2026-11-18 16:00Z (10:00 on the floor).
 */
let server: TestServer;
let manager: string;
let analyst: string;
const { tokens, tokenOf } = tokenCache(() => server.url);
const used = new Set<number>();

beforeAll(async () => {
  server = await startTestServer();
  manager = await tokenOf('manager@demo.test');
  analyst = await tokenOf('analyst@demo.test');
});
afterAll(async () => {
  // Worklist histories are written by SQL, behind the KPI counters' back; the counters are not what this file tests.
  await server?.stop({ checkCounters: false });
});
afterEach(() => {
  server.clock.set(NOW);
});

const TODAY = '2026-11-18';
const WORKLIST = `query($first: Int!, $agentId: ID) { worklist(first: $first, agentId: $agentId) {
  rank reason detail leaseExpiresAt expectedValue { amount currencyCode } phone { id kind }
  account { id status bucket currency balance { amount } propensityScore assignedAgent { id } team { name } customer { id } }
} }`;

interface Item {
  rank: number;
  reason: string;
  detail: string;
  leaseExpiresAt: string | null;
  expectedValue: { amount: string; currencyCode: string };
  phone: { id: string; kind: string };
  account: {
    id: string;
    status: string;
    bucket: string;
    currency: string;
    balance: { amount: string };
    propensityScore: number;
    assignedAgent: { id: string } | null;
    team: { name: string } | null;
    customer: { id: string };
  };
}

const isSqlite = () => server.config.database.kind === 'sqlite';
const instant = (iso: string | Date): number | string => {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return isSqlite() ? date.getTime() : date.toISOString();
};
const flag = (value: boolean): number | boolean => (isSqlite() ? (value ? 1 : 0) : value);

async function worklist(token: string, first = 100, agent?: string): Promise<Item[]> {
  return ok(await gql<{ worklist: Item[] }>(server.url, WORKLIST, { first, agentId: agent }, token)).worklist;
}
const ids = (items: Item[]) => items.map((i) => localId(i.account.id));

/** One agent of the floor with their global id and token. */
async function agent(email: string) {
  const id = await agentId(server, email);
  return { id, gid: globalId('Agent', id), email, token: await tokenOf(email) };
}

interface Subject {
  id: number;
  gid: string;
  customerId: number;
  agent: Awaited<ReturnType<typeof agent>>;
  item: Item;
}

/**
 * An ACTIVE account assigned to an agent, on that agent's worklist now for PRIORITY, that no other test
 * here used, whose customer has no other account (so a flag on the customer touches this account only).
 */
async function subject(accept: (item: Item) => boolean = () => true): Promise<Subject> {
  for (let n = 1; n <= 40; n++) {
    const a = await agent(`agent${n}@demo.test`);
    for (const item of await worklist(a.token)) {
      const id = localId(item.account.id);
      if (used.has(id) || item.reason !== 'PRIORITY' || item.account.assignedAgent?.id !== a.gid || !accept(item)) continue;
      const others = await scalar(server, 'select count(*) from account where customer_id = (select customer_id from account where id = ?)', [id]);
      if (others !== 1) continue;
      used.add(id);
      return { id, gid: item.account.id, customerId: localId(item.account.customer.id), agent: a, item };
    }
  }
  throw new Error('no callable account left');
}

async function onWorklist(s: Subject): Promise<boolean> {
  return ids(await worklist(s.agent.token)).includes(s.id);
}

const CHECK = 'query($a: ID!, $p: ID!) { contactCheck(accountId: $a, phoneId: $p) { allowed blockedBy } }';

/** contactCheck (as a manager, who reaches every account) on every phone of the account's customer. */
async function decisions(accountId: number): Promise<Array<{ allowed: boolean; blockedBy: string[] }>> {
  const phones = await sql(server, "select p.id from contact_point p join account a on a.customer_id = p.customer_id where a.id = ? and p.kind = 'PHONE' order by p.id", [accountId]);
  const out = [];
  for (const p of phones) {
    out.push(ok(await gql(server.url, CHECK, { a: globalId('Account', accountId), p: globalId('ContactPoint', Number(p.id)) }, manager)).contactCheck);
  }
  return out;
}

async function insertCall(s: { id: number; agent: { id: number } }, startedAt: string, disposition = 'NO_ANSWER', extra: { direction?: string; callbackAt?: string } = {}) {
  const start = Date.parse(startedAt);
  const talked = !['NO_ANSWER', 'BUSY', 'ANSWERING_MACHINE_NO_MESSAGE', 'DROPPED'].includes(disposition);
  await sql(
    server,
    `insert into call (account_id, agent_id, team_id, direction, phone_id, phone_number, started_at, answered_at, ended_at, talk_seconds, wrap_seconds, disposition, callback_at, created_at)
     values (?, ?, null, ?, null, '+15550000000', ?, ?, ?, ?, 10, ?, ?, ?)`,
    [
      s.id,
      s.agent.id,
      extra.direction ?? 'OUTBOUND',
      instant(startedAt),
      talked ? instant(new Date(start + 5_000)) : null,
      instant(new Date(start + 65_000)),
      talked ? 60 : 0,
      disposition,
      extra.callbackAt ? instant(extra.callbackAt) : null,
      instant(new Date(start + 65_000)),
    ],
  );
}

async function insertPromise(s: Subject, status: string, dueDate: string, graceEndsOn: string, amountMinor = 5_000): Promise<void> {
  await sql(
    server,
    `insert into promise_to_pay (account_id, agent_id, amount_minor, currency, paid_minor, due_date, grace_ends_on, status, created_at, version)
     values (?, ?, ?, ?, 0, ?, ?, ?, ?, 1)`,
    [s.id, s.agent.id, amountMinor, s.item.account.currency, dueDate, graceEndsOn, status, instant('2026-11-10T16:00:00Z')],
  );
}

/** An ACTIVE plan of three monthly instalments; the statuses say which are MISSED. The account becomes IN_ARRANGEMENT. */
async function insertPlan(s: Subject, statuses: [string, string, string]): Promise<void> {
  await sql(
    server,
    `insert into payment_plan (account_id, agent_id, total_minor, currency, balance_at_proposal_minor, status, created_at, version)
     values (?, ?, 3000, ?, 3000, 'ACTIVE', ?, 1)`,
    [s.id, s.agent.id, s.item.account.currency, instant('2026-10-01T16:00:00Z')],
  );
  const planId = await scalar(server, 'select max(id) from payment_plan where account_id = ?', [s.id]);
  const dates = ['2026-10-15', '2026-11-15', '2026-12-15'];
  for (const [i, status] of statuses.entries()) {
    await sql(server, 'insert into instalment (plan_id, sequence, due_date, amount_minor, paid_minor, currency, status) values (?, ?, ?, 1000, 0, ?, ?)', [
      planId,
      i + 1,
      dates[i],
      s.item.account.currency,
      status,
    ]);
  }
  await sql(server, "update account set status = 'IN_ARRANGEMENT' where id = ?", [s.id]);
}

describe('who sees which worklist', () => {
  it('an agent sees their own accounts and their team’s unassigned ones, callable, ranked from 1', async () => {
    const a = await agent('agent1@demo.test');
    const items = await worklist(a.token);
    expect(items.length).toBeGreaterThan(5);
    expect(items.map((i) => i.rank)).toEqual(items.map((_, n) => n + 1));
    for (const item of items) {
      expect(['ACTIVE', 'IN_ARRANGEMENT']).toContain(item.account.status);
      expect(item.account.assignedAgent === null ? item.account.team?.name : item.account.assignedAgent.id).toBe(item.account.assignedAgent === null ? 'Team 1' : a.gid);
      expect(item.phone.kind).toBe('PHONE');
    }
    // The oracle: every candidate account of agent1 (theirs and Team 1's unassigned), in collection.
    const candidates = await sql(
      server,
      `select a.id from account a where a.status in ('ACTIVE', 'IN_ARRANGEMENT') and a.balance_minor > 0
         and (a.assigned_agent_id = ? or (a.assigned_agent_id is null and a.team_id = (select team_id from agent where id = ?)))`,
      [a.id, a.id],
    );
    const candidateIds = new Set(candidates.map((r) => Number(r.id)));
    for (const id of ids(items)) expect(candidateIds.has(id)).toBe(true);
    expect(items.some((i) => i.account.assignedAgent === null)).toBe(true);
    expect(items.some((i) => i.account.assignedAgent !== null)).toBe(true);

    // The same list asked with the agent's own id, and the top of it with first: 3.
    expect(ids(await worklist(a.token, 100, a.gid))).toEqual(ids(items));
    expect(ids(await worklist(a.token, 3))).toEqual(ids(items).slice(0, 3));
  });

  it('a supervisor sees their team’s agents, a manager anyone’s; others are refused', async () => {
    const a1 = await agent('agent1@demo.test');
    const a2 = await agent('agent2@demo.test');
    const own = ids(await worklist(a1.token));
    expect(ids(await worklist(await tokenOf('supervisor1@demo.test'), 100, a1.gid))).toEqual(own);
    expect(ids(await worklist(manager, 100, a1.gid))).toEqual(own);
    expect(ids(await worklist(await tokenOf('admin@demo.test'), 100, a1.gid))).toEqual(own);

    const refused: Array<[string, string | undefined, Record<string, unknown>, string]> = [
      ['an agent asking for another agent’s list', a1.token, { first: 10, agentId: a2.gid }, 'FORBIDDEN'],
      ['a supervisor of another team', await tokenOf('supervisor2@demo.test'), { first: 10, agentId: a1.gid }, 'FORBIDDEN'],
      ['a supervisor naming an agent who does not exist', await tokenOf('supervisor1@demo.test'), { first: 10, agentId: globalId('Agent', 999_999) }, 'FORBIDDEN'],
      ['an analyst', analyst, { first: 10, agentId: a1.gid }, 'FORBIDDEN'],
      ['an analyst without agentId', analyst, { first: 10 }, 'FORBIDDEN'],
      ['nobody signed in', undefined, { first: 10 }, 'UNAUTHENTICATED'],
      ['a supervisor without agentId', await tokenOf('supervisor1@demo.test'), { first: 10 }, 'BAD_USER_INPUT'],
      ['a manager naming a supervisor', manager, { first: 10, agentId: globalId('Agent', await agentId(server, 'supervisor1@demo.test')) }, 'BAD_USER_INPUT'],
      ['a manager naming nobody', manager, { first: 10, agentId: globalId('Agent', 999_999) }, 'NOT_FOUND'],
      ['first: 0', a1.token, { first: 0 }, 'BAD_USER_INPUT'],
      ['first: 101', a1.token, { first: 101 }, 'BAD_USER_INPUT'],
      ['an agentId of another type', manager, { first: 10, agentId: globalId('Account', 1) }, 'BAD_USER_INPUT'],
    ];
    for (const [name, token, variables, code] of refused) {
      const r = await gql(server.url, WORKLIST, variables, token);
      expect(errorCode(r), name).toBe(code);
      expect(r.data?.worklist ?? null, name).toBeNull();
    }
    const r = await gql(server.url, WORKLIST, { first: 101 }, a1.token);
    expect(r.errors![0]!.extensions!.argument).toBe('first');
  });
});

describe('order', () => {
  it('callbacks due now, promises due today, promises broken yesterday, missed instalments, then priority', async () => {
    const callback = await subject();
    const dueToday = await subject();
    const broken = await subject();
    const missed = await subject();

    // The customer rang at 09:40 and asked to be called at 10:10 (an inbound call is always allowed).
    const startedAt = '2026-11-18T15:40:00.000Z';
    const phoneGid = callback.item.phone.id;
    ok(
      await gql(server.url, 'mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }', {
        input: {
          accountId: callback.gid,
          direction: 'INBOUND',
          phoneId: phoneGid,
          startedAt,
          answeredAt: '2026-11-18T15:40:10.000Z',
          endedAt: '2026-11-18T15:41:10.000Z',
          talkSeconds: 60,
          wrapSeconds: 10,
          disposition: 'CALLBACK_REQUESTED',
          callbackAt: '2026-11-18T16:10:00.000Z',
        },
      }, callback.agent.token),
    );
    const amountDue = await scalar(server, 'select amount_due_minor from account where id = ?', [dueToday.id]);
    const promised = Math.max(Math.ceil(amountDue / 5), 100);
    ok(
      await gql(server.url, 'mutation($input: CreatePromiseInput!) { createPromise(input: $input) { status } }', {
        input: { accountId: dueToday.gid, dueDate: TODAY, amount: { amount: (promised / 100).toFixed(2), currencyCode: dueToday.item.account.currency } },
      }, dueToday.agent.token),
    );
    // Grace ended yesterday: today's rollover found it unpaid.
    await insertPromise(broken, 'BROKEN', '2026-11-15', '2026-11-17', 12_345);
    await insertPlan(missed, ['PAID', 'MISSED', 'PENDING']);

    const found = new Map<number, Item>();
    for (const s of [callback, dueToday, broken, missed]) {
      const item = (await worklist(s.agent.token)).find((i) => localId(i.account.id) === s.id);
      expect(item, `account ${s.id}`).toBeDefined();
      found.set(s.id, item!);
    }
    expect(found.get(callback.id)).toMatchObject({ reason: 'CALLBACK_DUE', detail: 'Callback requested for 10:10' });
    expect(found.get(dueToday.id)).toMatchObject({
      reason: 'PROMISE_DUE_TODAY',
      detail: `Promise of ${(promised / 100).toFixed(2)} ${dueToday.item.account.currency} due today`,
    });
    expect(found.get(broken.id)).toMatchObject({
      reason: 'PROMISE_BROKEN_YESTERDAY',
      detail: `Promise of 123.45 ${broken.item.account.currency} due 2026-11-15 broken; its grace ended yesterday`,
    });
    expect(found.get(missed.id)).toMatchObject({
      reason: 'PLAN_INSTALMENT_MISSED',
      detail: `Plan instalment 2 of 3 (10.00 ${missed.item.account.currency}) due 2026-11-15 missed`,
    });
    expect(found.get(missed.id)!.account.status).toBe('IN_ARRANGEMENT');

    // In one list (a supervisor's view of one agent after the four accounts are moved to them), in that order, before anything else.
    const target = await agent('agent1@demo.test');
    await sql(server, `update account set assigned_agent_id = ?, team_id = (select team_id from agent where id = ?) where id in (?, ?, ?, ?)`, [
      target.id,
      target.id,
      callback.id,
      dueToday.id,
      broken.id,
      missed.id,
    ]);
    const items = await worklist(target.token);
    expect(ids(items).slice(0, 4)).toEqual([callback.id, dueToday.id, broken.id, missed.id]);
    expect(items.slice(0, 4).map((i) => i.reason)).toEqual(['CALLBACK_DUE', 'PROMISE_DUE_TODAY', 'PROMISE_BROKEN_YESTERDAY', 'PLAN_INSTALMENT_MISSED']);
    expect(items.slice(4).every((i) => i.reason === 'PRIORITY')).toBe(true);

    // Once the agent has called back, the callback is answered: the account falls back to its priority.
    await insertCall({ id: callback.id, agent: target }, '2026-11-18T15:58:00.000Z', 'NO_ANSWER');
    const after = (await worklist(target.token)).find((i) => localId(i.account.id) === callback.id);
    expect(after?.reason ?? 'not on the list').not.toBe('CALLBACK_DUE');
  });

  it('a broken promise from an earlier day, a promise due tomorrow and one awaiting approval leave the account to its priority', async () => {
    const s = await subject();
    await insertPromise(s, 'BROKEN', '2026-11-14', '2026-11-16');
    await insertPromise(s, 'PENDING', '2026-11-19', '2026-11-21');
    await insertPromise(s, 'PENDING_APPROVAL', TODAY, '2026-11-20');
    const item = (await worklist(s.agent.token)).find((i) => localId(i.account.id) === s.id);
    expect(item?.reason).toBe('PRIORITY');
  });

  it('an account keeping its plan is not worked; a callback it asked for still is', async () => {
    const s = await subject();
    await insertPlan(s, ['PAID', 'PENDING', 'PENDING']);
    expect(await onWorklist(s)).toBe(false);
    await insertCall(s, '2026-11-18T15:00:00.000Z', 'CALLBACK_REQUESTED', { direction: 'INBOUND', callbackAt: '2026-11-18T16:05:00.000Z' });
    const item = (await worklist(s.agent.token)).find((i) => localId(i.account.id) === s.id);
    expect(item).toMatchObject({ reason: 'CALLBACK_DUE', detail: 'Callback requested for 10:05' });
  });

  it('priority accounts by the bucket’s strategy, then balance x propensity (a dollar at 17 pesos), then id', async () => {
    const strategies = await sql(server, 'select bucket, priority from treatment_strategy');
    const priorityOf = new Map(strategies.map((s) => [String(s.bucket), Number(s.priority)]));
    for (const n of [3, 12, 27]) {
      const a = await agent(`agent${n}@demo.test`);
      const items = (await worklist(a.token)).filter((i) => i.reason === 'PRIORITY');
      expect(items.length).toBeGreaterThan(3);
      const rows = await sql(server, `select id, bucket, balance_minor, propensity_score, currency from account where id in (${ids(items).join(',')})`);
      const expectedValue = (r: Record<string, any>) => Math.round(Number(r.balance_minor) * Number(r.propensity_score));
      const inPesos = (r: Record<string, any>) => expectedValue(r) * (r.currency === 'USD' ? 17 : 1);
      const expected = [...rows]
        .sort((x, y) => priorityOf.get(x.bucket)! - priorityOf.get(y.bucket)! || inPesos(y) - inPesos(x) || Number(x.id) - Number(y.id))
        .map((r) => Number(r.id));
      expect(ids(items)).toEqual(expected);
      for (const item of items) {
        const row = rows.find((r) => Number(r.id) === localId(item.account.id))!;
        expect(item.expectedValue).toEqual({ amount: (expectedValue(row) / 100).toFixed(2), currencyCode: row.currency });
        expect(item.detail).toBe(`${row.bucket} (strategy priority ${priorityOf.get(row.bucket)}), expected ${(expectedValue(row) / 100).toFixed(2)} ${row.currency}`);
      }
    }
  });

  it('follows a changed strategy at once', async () => {
    const a = await agent('agent4@demo.test');
    const before = (await worklist(a.token)).filter((i) => i.reason === 'PRIORITY');
    const last = before[before.length - 1]!;
    const bucket = last.account.bucket;
    const original = (await sql(server, 'select priority, max_discount, max_instalments from treatment_strategy where bucket = ?', [bucket]))[0]!;
    const SET = 'mutation($b: Bucket!, $p: Int!, $d: Float!, $i: Int!) { setTreatmentStrategy(bucket: $b, priority: $p, maxDiscount: $d, maxInstalments: $i) { priority } }';
    ok(await gql(server.url, SET, { b: bucket, p: 1, d: Number(original.max_discount), i: Number(original.max_instalments) }, manager));
    try {
      const after = (await worklist(a.token)).filter((i) => i.reason === 'PRIORITY');
      const inBucket = after.filter((i) => i.account.bucket === bucket).length;
      expect(after.slice(0, inBucket).every((i) => i.account.bucket === bucket)).toBe(true);
      expect(after[0]!.detail).toContain(`${bucket} (strategy priority 1)`);
    } finally {
      ok(await gql(server.url, SET, { b: bucket, p: Number(original.priority), d: Number(original.max_discount), i: Number(original.max_instalments) }, manager));
    }
  });
});

describe('an account the policy blocks never appears', () => {
  /** On the list before, gone after the change; contactCheck agrees on every phone. */
  async function expectBlockedBy(s: Subject, change: () => Promise<void>, rule: string): Promise<void> {
    expect(await onWorklist(s)).toBe(true);
    await change();
    expect(await onWorklist(s)).toBe(false);
    const checks = await decisions(s.id);
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) {
      expect(c.allowed).toBe(false);
      expect(c.blockedBy).toContain(rule);
    }
  }

  it.each([
    ['cease_communication', 'CEASE'],
    ['attorney_represented', 'REPRESENTED'],
    ['bankrupt', 'BANKRUPTCY'],
    ['deceased', 'DECEASED'],
  ])('its customer flagged %s (%s)', async (column, rule) => {
    const s = await subject();
    await expectBlockedBy(s, () => sql(server, `update customer set ${column} = ? where id = ?`, [flag(true), s.customerId]).then(() => undefined), rule);
  });

  it('a dispute opened through the API (DISPUTE, and the account is DISPUTED)', async () => {
    const s = await subject();
    await expectBlockedBy(
      s,
      async () => {
        ok(await gql(server.url, 'mutation($a: ID!) { openDispute(accountId: $a, channel: PHONE, reason: "Not my debt") { id } }', { a: s.gid }, s.agent.token));
      },
      'DISPUTE',
    );
  });

  it('an open dispute on an account still ACTIVE', async () => {
    const s = await subject();
    await expectBlockedBy(
      s,
      () =>
        sql(server, "insert into dispute (account_id, kind, channel, reason, status, opened_by_id, opened_at) values (?, 'DISPUTE', 'LETTER', 'letter', 'OPEN', ?, ?)", [
          s.id,
          s.agent.id,
          instant('2026-11-17T16:00:00Z'),
        ]).then(() => undefined),
      'DISPUTE',
    );
  });

  it('seven outbound attempts in the last 7 x 24 hours (FREQUENCY); six leave it callable', async () => {
    const s = await subject();
    const since = instant('2026-11-11T16:00:00Z');
    const earlier = await scalar(server, "select count(*) from call where account_id = ? and direction = 'OUTBOUND' and started_at > ?", [s.id, since]);
    const missing = 7 - earlier;
    expect(missing).toBeGreaterThan(0);
    for (let n = 0; n < missing - 1; n++) await insertCall(s, new Date(Date.parse('2026-11-12T16:00:00Z') + n * 3_600_000).toISOString());
    expect(await onWorklist(s)).toBe(true);
    await expectBlockedBy(s, () => insertCall(s, '2026-11-17T17:00:00.000Z'), 'FREQUENCY');
  });

  it('a right-party conversation two days ago (AFTER_CONVERSATION)', async () => {
    const s = await subject();
    await expectBlockedBy(s, () => insertCall(s, '2026-11-16T17:00:00.000Z', 'REFUSED_TO_PAY'), 'AFTER_CONVERSATION');
  });

  it.each<[string, string, () => Array<number | boolean>]>([
    ['on the do-not-call list', 'do_not_call = ?', () => [flag(true)]],
    ['invalid', "status = 'INVALID'", () => []],
    ['a mobile without dialer consent', "phone_type = 'MOBILE', dialer_consent = ?", () => [flag(false)]],
  ])('every phone %s (PHONE)', async (_name, change, params) => {
    const s = await subject();
    await expectBlockedBy(s, () => sql(server, `update contact_point set ${change} where customer_id = ? and kind = 'PHONE'`, [...params(), s.customerId]).then(() => undefined), 'PHONE');
  });

  it('the first phone blocked, the next one allowed: the item names the allowed one', async () => {
    const s = await subject();
    const phones = await sql(server, "select id from contact_point where customer_id = ? and kind = 'PHONE' order by id", [s.customerId]);
    if (phones.length < 2) {
      await sql(
        server,
        "insert into contact_point (customer_id, kind, value, phone_type, status, do_not_call, dialer_consent, source, created_at) values (?, 'PHONE', '+15550001111', 'LANDLINE', 'VERIFIED', ?, ?, 'test', ?)",
        [s.customerId, flag(false), flag(false), instant(NOW)],
      );
    }
    const all = await sql(server, "select id from contact_point where customer_id = ? and kind = 'PHONE' order by id", [s.customerId]);
    await sql(server, "update contact_point set status = 'VERIFIED', do_not_call = ?, phone_type = 'LANDLINE', time_zone = null where customer_id = ? and kind = 'PHONE'", [flag(false), s.customerId]);
    await sql(server, 'update contact_point set do_not_call = ? where id = ?', [flag(true), all[0]!.id]);
    const item = (await worklist(s.agent.token)).find((i) => localId(i.account.id) === s.id);
    expect(item?.phone.id).toBe(globalId('ContactPoint', Number(all[1]!.id)));
  });

  it.each(['DISPUTED', 'ROUTED', 'LEGAL', 'WRITTEN_OFF', 'PAID_OFF', 'CLOSED'])('an account %s is not worked', async (status) => {
    const s = await subject();
    expect(await onWorklist(s)).toBe(true);
    await sql(server, 'update account set status = ? where id = ?', [status, s.id]);
    expect(await onWorklist(s)).toBe(false);
  });

  it('an account leased to another agent, until the lease expires', async () => {
    const s = await subject();
    const other = await agent(s.agent.email === 'agent2@demo.test' ? 'agent3@demo.test' : 'agent2@demo.test');
    await sql(server, 'insert into account_lease (account_id, agent_id, leased_at, expires_at) values (?, ?, ?, ?)', [s.id, other.id, instant(NOW), instant(new Date(NOW.getTime() + 5 * 60_000))]);
    expect(await onWorklist(s)).toBe(false);
    server.clock.set(new Date(NOW.getTime() + 5 * 60_000));
    expect(await onWorklist(s)).toBe(true);
    // The agent's own lease does not hide the account from them.
    await sql(server, 'update account_lease set agent_id = ?, expires_at = ? where account_id = ?', [s.agent.id, instant(new Date(NOW.getTime() + 60 * 60_000)), s.id]);
    const item = (await worklist(s.agent.token)).find((i) => localId(i.account.id) === s.id);
    expect(item?.leaseExpiresAt).toBe(new Date(NOW.getTime() + 60 * 60_000).toISOString());
    await sql(server, 'delete from account_lease where account_id = ?', [s.id]);
  });

  it('outside the calling window: nothing at 05:00 on the floor; at 06:00 and 07:30 only the customers already in their window', async () => {
    const a = await agent('agent5@demo.test');
    const candidates = await sql(
      server,
      `select a.id from account a where a.status = 'ACTIVE' and a.balance_minor > 0
         and (a.assigned_agent_id = ? or (a.assigned_agent_id is null and a.team_id = (select team_id from agent where id = ?)))`,
      [a.id, a.id],
    );
    const sizes: number[] = [];
    // 05:00 in Mexico City is 06:00 in Cancún and New York: no zone of the floor is in its window.
    for (const at of ['2026-11-18T11:00:00.000Z', '2026-11-18T12:00:00.000Z', '2026-11-18T13:30:00.000Z', NOW.toISOString()]) {
      server.clock.set(new Date(at));
      const items = await worklist(a.token);
      sizes.push(items.length);
      for (const item of items) {
        const check = ok(await gql(server.url, CHECK, { a: item.account.id, p: item.phone.id }, manager)).contactCheck;
        expect(check.allowed, `${at} ${item.account.id}`).toBe(true);
      }
      // Every account left out is blocked at that moment on all its phones, by the window or another rule.
      const shown = new Set(ids(items));
      for (const row of candidates) {
        if (shown.has(Number(row.id))) continue;
        for (const c of await decisions(Number(row.id))) expect(c.allowed, `${at} account ${row.id}`).toBe(false);
      }
    }
    expect(sizes[0]).toBe(0);
    expect(sizes[2]!).toBeLessThan(sizes[3]!);
  });
});

describe('cost', () => {
  it('a fixed number of SQL statements, whatever the size of the list', async () => {
    const QUERY = `query($first: Int!) { worklist(first: $first) { rank reason detail expectedValue { amount currencyCode } phone { id value }
      account { id bucket balance { amount currencyCode } assignedAgent { name } team { name } customer { firstName lastName } } } }`;
    const measure = async (email: string, first = 50) => {
      const r = await gql(server.url, QUERY, { first }, await tokenOf(email));
      return { items: ok(r).worklist.length as number, statements: r.extensions!.sqlStatements as number };
    };
    await measure('agent35@demo.test'); // the first request of a token also looks the agent up
    const small = await measure('agent35@demo.test');
    // Hand agent35 two other teams' accounts: several times the candidates, a full page.
    const a = await agent('agent35@demo.test');
    await sql(server, "update account set assigned_agent_id = ?, team_id = (select team_id from agent where id = ?) where team_id in (select id from team where name in ('Team 2', 'Team 3'))", [a.id, a.id]);
    const large = await measure('agent35@demo.test');
    expect(small.items).toBeLessThan(25);
    expect(large.items).toBe(50);
    expect(large.statements).toBe(small.statements);
    expect((await measure('agent35@demo.test', 100)).statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(14);
  });
});
