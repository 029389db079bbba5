import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@openfloor/server';
import { money } from '../utils/accounts.js';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { agentId, globalId, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';

/**
 * The pre-aggregated bucket figures behind bucketMetrics and rollRateMatrix (issue 7): every change that
 * moves an account's bucket, balance or team, and every payment posted or reversed, moves the running
 * month's figures in its own transaction. Each scenario checks the API for the floor and every team
 * against SQL over the snapshots, accounts and payments, and bucketFlowRecount finds nothing to put right
 * (the test server checks it once more when it stops). The clock starts on 2026-11-18, 10:00 on the floor
 * (UTC-6): November runs, October is closed by November's opening snapshot.
 */

let server: TestServer;
const { tokens, tokenOf } = tokenCache(() => server.url);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const BUCKETS = ['CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF'] as const;
const TEAMS = [1, 2, 3, 4];
const NOV = '2026-11-01';
const OCT = '2026-10-01';
const NOV_STARTS = Date.parse('2026-11-01T06:00:00.000Z');
const DEC_STARTS = Date.parse('2026-12-01T06:00:00.000Z');

const METRICS = `query($month: String!) { bucketMetrics(month: $month) {
  month teamId buckets { bucket openingAccounts openingBalance { amount currencyCode } cured improved stayed rolledForward collected { amount currencyCode } }
} }`;
const MATRIX = `query { rollRateMatrix(fromMonth: "2026-10", toMonth: "2026-11") {
  teamId accounts rows { from accounts fromBalance { amount } toBalance { amount } cells { to accounts fromBalance { amount } toBalance { amount } } }
} }`;
const RECOUNT = `query($month: String) { bucketFlowRecount(month: $month) { kind openedOn closedOn teamId fromBucket toBucket currencyCode field stored recount } }`;
const PAY = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id account { bucket } } }';
const REVERSE = 'mutation($id: ID!) { reversePayment(id: $id, reason: "Recalled by the bank") { id status } }';
const REASSIGN = 'mutation($ids: [ID!]!, $agent: ID!) { reassignAccounts(accountIds: $ids, agentId: $agent) { id team { name } } }';
const OPEN_DISPUTE = 'mutation($a: ID!) { openDispute(accountId: $a, channel: PHONE, reason: "Charged twice") { id } }';
const RESOLVE = 'mutation($id: ID!, $adj: String) { resolveDispute(id: $id, outcome: VALID, note: "Duplicate charge confirmed", adjustment: $adj) { status } }';
const REQUEST_WRITE_OFF = 'mutation($a: ID!) { requestWriteOff(accountId: $a, reason: "Customer deceased") { id } }';
const APPROVE_WRITE_OFF = 'mutation($id: ID!) { approveWriteOff(id: $id, note: "Estate has no assets") { status } }';
const ROLL = 'mutation($date: String) { runDayRollover(date: $date) { ran } }';

const n = (v: unknown): number => Number(v ?? 0);
const toFloor = (minor: number, currency: string): number => (currency === 'USD' ? minor * 17 : minor);
const instant = (value: unknown): number => new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number | Date)).getTime();
const rank = (bucket: string): number => BUCKETS.indexOf(bucket as never);
const supervisorOf = (team: number): string => `supervisor${team}@demo.test`;

const metrics = async (month: string, who = 'manager@demo.test') => ok(await gql(server.url, METRICS, { month }, await tokenOf(who))).bucketMetrics;
const row = (report: any, bucket: string) => report.buckets.find((b: any) => b.bucket === bucket);
const minor = (m: { amount: string }) => Math.round(Number(m.amount) * 100);
const recount = async (month?: string) => ok(await gql(server.url, RECOUNT, { month }, await tokenOf('admin@demo.test'))).bucketFlowRecount;

// ---------------------------------------------------------------------------------------------------
// The oracle: the running month straight from the tables, per bucket of November's opening snapshot.

interface Figures {
  openingAccounts: number;
  openingBalance: number;
  cured: number;
  improved: number;
  stayed: number;
  rolledForward: number;
  collected: number;
}

async function expected(team?: number): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>(BUCKETS.map((b) => [b, { openingAccounts: 0, openingBalance: 0, cured: 0, improved: 0, stayed: 0, rolledForward: 0, collected: 0 }]));
  const filter = team === undefined ? '' : ' and a.team_id = ?';
  const params = team === undefined ? [] : [team];
  const accounts = await sql(
    server,
    `select s.bucket as opened, a.bucket as now, s.balance_minor as balance, a.currency as currency
     from bucket_snapshot s join account a on a.id = s.account_id where s.taken_on = '${NOV}'${filter}`,
    params,
  );
  for (const a of accounts) {
    const f = out.get(String(a.opened))!;
    f.openingAccounts += 1;
    f.openingBalance += toFloor(n(a.balance), String(a.currency));
    const move = rank(String(a.now)) - rank(String(a.opened));
    if (a.now === 'CURRENT') f.cured += 1;
    else if (move < 0) f.improved += 1;
    if (move === 0) f.stayed += 1;
    else if (move > 0) f.rolledForward += 1;
  }
  const payments = await sql(
    server,
    `select s.bucket as opened, p.amount_minor as amount, p.currency as currency, p.received_at as received_at
     from payment p join bucket_snapshot s on s.account_id = p.account_id and s.taken_on = '${NOV}' join account a on a.id = p.account_id
     where p.status = 'POSTED'${filter}`,
    params,
  );
  for (const p of payments) {
    const at = instant(p.received_at);
    if (at >= NOV_STARTS && at < DEC_STARTS) out.get(String(p.opened))!.collected += toFloor(n(p.amount), String(p.currency));
  }
  return out;
}

/** November for the floor and for each team's supervisor, every figure against the oracle; and nothing to recount. */
async function expectFiguresMatch(): Promise<void> {
  for (const team of [undefined, ...TEAMS]) {
    const report = await metrics('2026-11', team === undefined ? 'manager@demo.test' : supervisorOf(team));
    const want = await expected(team);
    for (const b of report.buckets) {
      const e = want.get(b.bucket)!;
      expect(
        { openingAccounts: b.openingAccounts, openingBalance: b.openingBalance, cured: b.cured, improved: b.improved, stayed: b.stayed, rolledForward: b.rolledForward, collected: b.collected },
        `${team === undefined ? 'floor' : `team ${team}`} ${b.bucket}`,
      ).toEqual({ ...e, openingBalance: money(e.openingBalance, 'MXN'), collected: money(e.collected, 'MXN') });
    }
  }
  expect(await recount()).toEqual([]);
}

/** An account of `team` in both opening snapshots, active, nothing pending on it, not used by another test. */
const used = new Set<number>();
async function accountOf(team: number, where = 'a.amount_due_minor > 0', params: unknown[] = []) {
  const rows = await sql(
    server,
    `select a.id, a.currency, a.balance_minor, a.amount_due_minor, a.bucket, s.bucket as opened, g.email from account a
     join bucket_snapshot s on s.account_id = a.id and s.taken_on = '${NOV}'
     join bucket_snapshot o on o.account_id = a.id and o.taken_on = '${OCT}'
     join agent g on g.id = a.assigned_agent_id
     where a.team_id = ? and g.role = 'AGENT' and a.status = 'ACTIVE' and ${where}
       and not exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status in ('PENDING', 'PENDING_APPROVAL'))
       and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
       and not exists (select 1 from write_off w where w.account_id = a.id and w.status = 'REQUESTED')
       and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')
     order by a.id`,
    [team, ...params],
  );
  const a = rows.find((r) => !used.has(n(r.id)));
  if (!a) throw new Error(`no account of team ${team} where ${where}`);
  used.add(n(a.id));
  return {
    id: n(a.id),
    gid: globalId('Account', n(a.id)),
    currency: String(a.currency),
    balance: n(a.balance_minor),
    amountDue: n(a.amount_due_minor),
    bucket: String(a.bucket),
    opened: String(a.opened),
    agent: String(a.email),
  };
}

/** What the account collected in November, in the floor currency. */
async function collectedInNovember(accountId: number): Promise<number> {
  const rows = await sql(server, `select amount_minor, currency, received_at from payment where account_id = ? and status = 'POSTED'`, [accountId]);
  return rows.filter((p) => instant(p.received_at) >= NOV_STARTS && instant(p.received_at) < DEC_STARTS).reduce((s, p) => s + toFloor(n(p.amount_minor), String(p.currency)), 0);
}

/** The figure rows as they stand, to prove something left them alone. */
const figureRows = async () => ({
  flows: await sql(server, 'select * from bucket_flow order by id'),
  collected: await sql(server, 'select * from bucket_collected order by id'),
});

// ---------------------------------------------------------------------------------------------------

describe('the running month follows every change', () => {
  it('starts out agreeing with the seeded floor', () => expectFiguresMatch());

  it('a payment adds to collected (and may cure); its reversal takes back exactly that', async () => {
    const account = await accountOf(2, "a.bucket = s.bucket and a.bucket <> 'CURRENT' and a.amount_due_minor < a.balance_minor");
    const before = await metrics('2026-11', supervisorOf(2));
    const paid = ok(
      await gql(
        server.url,
        PAY,
        { input: { accountId: account.gid, amount: money(account.amountDue, account.currency), method: 'CASH', idempotencyKey: randomUUID() } },
        await tokenOf(account.agent),
      ),
    ).recordPayment;
    expect(paid.account.bucket).toBe('CURRENT');
    const after = await metrics('2026-11', supervisorOf(2));
    expect(minor(row(after, account.opened).collected) - minor(row(before, account.opened).collected)).toBe(toFloor(account.amountDue, account.currency));
    expect(row(after, account.opened).cured).toBe(row(before, account.opened).cured + 1);
    await expectFiguresMatch();

    ok(await gql(server.url, REVERSE, { id: paid.id }, await tokenOf(supervisorOf(2))));
    expect(await metrics('2026-11', supervisorOf(2))).toEqual(before);
    await expectFiguresMatch();
  });

  it('a reassignment to another team takes the account and its month’s collected amount along; the closed month stays with the team at its close', async () => {
    const account = await accountOf(
      1,
      `exists (select 1 from payment p where p.account_id = a.id and p.status = 'POSTED' and p.received_at >= ?)`,
      [server.config.database.kind === 'sqlite' ? NOV_STARTS : new Date(NOV_STARTS).toISOString()],
    );
    const collected = await collectedInNovember(account.id);
    expect(collected).toBeGreaterThan(0);
    const read = async () => ({
      floor: await metrics('2026-11'),
      team1: await metrics('2026-11', supervisorOf(1)),
      team2: await metrics('2026-11', supervisorOf(2)),
      october1: await metrics('2026-10', supervisorOf(1)),
      october2: await metrics('2026-10', supervisorOf(2)),
      matrix1: ok(await gql(server.url, MATRIX, {}, await tokenOf(supervisorOf(1)))).rollRateMatrix,
    });
    const before = await read();

    const agent = globalId('Agent', await agentId(server, 'agent11@demo.test'));
    const moved = ok(await gql(server.url, REASSIGN, { ids: [account.gid], agent }, await tokenOf('manager@demo.test'))).reassignAccounts;
    expect(moved[0].team.name).toBe('Team 2');
    const after = await read();

    const b = account.opened;
    expect(after.floor).toEqual(before.floor);
    expect(row(after.team1, b).openingAccounts).toBe(row(before.team1, b).openingAccounts - 1);
    expect(row(after.team2, b).openingAccounts).toBe(row(before.team2, b).openingAccounts + 1);
    expect(minor(row(after.team1, b).collected)).toBe(minor(row(before.team1, b).collected) - collected);
    expect(minor(row(after.team2, b).collected)).toBe(minor(row(before.team2, b).collected) + collected);
    // History: October closed when November opened, and the account was Team 1's then.
    expect(after.october1).toEqual(before.october1);
    expect(after.october2).toEqual(before.october2);
    expect(after.matrix1).toEqual(before.matrix1);
    await expectFiguresMatch();

    // A payment after the move counts for the new team.
    const later = await metrics('2026-11', supervisorOf(2));
    ok(
      await gql(
        server.url,
        PAY,
        { input: { accountId: account.gid, amount: money(100, account.currency), method: 'CASH', idempotencyKey: randomUUID() } },
        await tokenOf('agent11@demo.test'),
      ),
    );
    expect(minor(row(await metrics('2026-11', supervisorOf(2)), b).collected)).toBe(minor(row(later, b).collected) + toFloor(100, account.currency));
    await expectFiguresMatch();
  });

  it('a valid dispute adjusting the whole balance cures the account and closes it', async () => {
    const account = await accountOf(3, "a.bucket = s.bucket and a.bucket not in ('CURRENT', 'CHARGE_OFF')");
    const before = await metrics('2026-11', supervisorOf(3));
    const dispute = ok(await gql(server.url, OPEN_DISPUTE, { a: account.gid }, await tokenOf(account.agent))).openDispute;
    // Opening a dispute changes the status only: no figure moves.
    expect(await metrics('2026-11', supervisorOf(3))).toEqual(before);
    const resolved = ok(await gql(server.url, RESOLVE, { id: dispute.id, adj: money(account.balance, account.currency).amount }, await tokenOf(supervisorOf(3)))).resolveDispute;
    expect(resolved.status).toBe('VALID');
    const [state] = await sql(server, 'select bucket, balance_minor, status from account where id = ?', [account.id]);
    expect({ ...state, balance_minor: n(state!.balance_minor) }).toEqual({ bucket: 'CURRENT', balance_minor: 0, status: 'CLOSED' });
    const after = await metrics('2026-11', supervisorOf(3));
    expect(row(after, account.opened).cured).toBe(row(before, account.opened).cured + 1);
    expect(row(after, account.opened).stayed).toBe(row(before, account.opened).stayed - 1);
    await expectFiguresMatch();
  });

  it('an approved write-off takes the account to CHARGE_OFF: it rolled forward', async () => {
    const account = await accountOf(4, "a.bucket = s.bucket and a.bucket not in ('CURRENT', 'CHARGE_OFF')");
    const before = await metrics('2026-11', supervisorOf(4));
    const writeOff = ok(await gql(server.url, REQUEST_WRITE_OFF, { a: account.gid }, await tokenOf(account.agent))).requestWriteOff;
    expect(ok(await gql(server.url, APPROVE_WRITE_OFF, { id: writeOff.id }, await tokenOf('manager@demo.test'))).approveWriteOff.status).toBe('APPROVED');
    const after = await metrics('2026-11', supervisorOf(4));
    expect(row(after, account.opened).rolledForward).toBe(row(before, account.opened).rolledForward + 1);
    expect(row(after, account.opened).stayed).toBe(row(before, account.opened).stayed - 1);
    await expectFiguresMatch();
  });

  it('a refused mutation moves nothing', async () => {
    const account = await accountOf(1);
    const before = await figureRows();
    const r = await gql(
      server.url,
      PAY,
      { input: { accountId: account.gid, amount: money(account.balance + 1, account.currency), method: 'CASH', idempotencyKey: randomUUID() } },
      await tokenOf(account.agent),
    );
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(await figureRows()).toEqual(before);
  });

  it('a transaction rolled back after its flush leaves the figures as they were; committed, the same change moves them', async () => {
    const account = await accountOf(1, "a.bucket <> 'CURRENT'");
    const change = (tx: any, sign: 1 | -1) => async () => {
      const a = (await tx.findOneOrFail('Account', { id: account.id } as never)) as { bucket: string; balanceMinor: number };
      a.bucket = sign > 0 ? 'CURRENT' : account.bucket;
      a.balanceMinor -= sign * 100;
      await tx.flush();
    };
    const before = await figureRows();
    await expect(
      server.orm.em.fork().transactional(async (tx) => {
        await change(tx, 1)();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await figureRows()).toEqual(before);
    await expectFiguresMatch();

    await server.orm.em.fork().transactional((tx) => change(tx, 1)());
    expect((await figureRows()).flows).not.toEqual(before.flows);
    await expectFiguresMatch();
    await server.orm.em.fork().transactional((tx) => change(tx, -1)());
    await expectFiguresMatch();
  });

  it('a flush outside any transaction moves the figures in the flush’s own transaction', async () => {
    const account = await accountOf(1, "a.bucket <> 'B6'");
    const em = server.orm.em.fork();
    const a = (await em.findOneOrFail('Account', { id: account.id } as never)) as { bucket: string };
    a.bucket = 'B6';
    await em.flush();
    await expectFiguresMatch();
    a.bucket = account.bucket;
    await em.flush();
    await expectFiguresMatch();
  });
});

describe('bucketFlowRecount', () => {
  it('finds a figure that no longer agrees, by month, and nothing once it is put back', async () => {
    const [cell] = await sql(server, `select id, team_id, from_bucket, to_bucket, currency, accounts from bucket_flow where closed_on = '' and opened_on = ? and accounts > 0 order by id limit 1`, [NOV]);
    await sql(server, 'update bucket_flow set accounts = accounts + 2 where id = ?', [cell!.id]);
    const [paid] = await sql(server, `select id, team_id, bucket, currency, amount_minor from bucket_collected where opened_on = ? and amount_minor > 0 order by id limit 1`, [OCT]);
    await sql(server, 'update bucket_collected set amount_minor = amount_minor - 1 where id = ?', [paid!.id]);
    try {
      expect(await recount()).toEqual([
        {
          kind: 'COLLECTED',
          openedOn: OCT,
          closedOn: null,
          teamId: n(paid!.team_id) === 0 ? null : globalId('Team', n(paid!.team_id)),
          fromBucket: paid!.bucket,
          toBucket: null,
          currencyCode: paid!.currency,
          field: 'amountMinor',
          stored: n(paid!.amount_minor) - 1,
          recount: n(paid!.amount_minor),
        },
        {
          kind: 'FLOW',
          openedOn: NOV,
          closedOn: null,
          teamId: n(cell!.team_id) === 0 ? null : globalId('Team', n(cell!.team_id)),
          fromBucket: cell!.from_bucket,
          toBucket: cell!.to_bucket,
          currencyCode: cell!.currency,
          field: 'accounts',
          stored: n(cell!.accounts) + 2,
          recount: n(cell!.accounts),
        },
      ]);
      expect((await recount('2026-11')).map((d: any) => d.kind)).toEqual(['FLOW']);
      expect((await recount('2026-10')).map((d: any) => d.kind)).toEqual(['COLLECTED']);
      expect(await recount('2026-09')).toEqual([]);
    } finally {
      await sql(server, 'update bucket_flow set accounts = accounts - 2 where id = ?', [cell!.id]);
      await sql(server, 'update bucket_collected set amount_minor = amount_minor + 1 where id = ?', [paid!.id]);
    }
    expect(await recount()).toEqual([]);
  });

  it('is for admins: others are FORBIDDEN, and a month that is not YYYY-MM is BAD_USER_INPUT', async () => {
    for (const who of ['manager@demo.test', 'supervisor1@demo.test', 'analyst@demo.test', 'agent1@demo.test']) {
      expect(errorCode(await gql(server.url, RECOUNT, {}, await tokenOf(who))), who).toBe('FORBIDDEN');
    }
    expect(errorCode(await gql(server.url, RECOUNT, {}))).toBe('UNAUTHENTICATED');
    const r = await gql(server.url, RECOUNT, { month: '2026-11-01' }, await tokenOf('admin@demo.test'));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.argument).toBe('month');
  });
});

describe('a floor whose figures were never built', () => {
  it('gets them when the server starts, the same as kept ones', async () => {
    const before = { floor: await metrics('2026-11'), october: await metrics('2026-10', supervisorOf(1)), matrix: ok(await gql(server.url, MATRIX, {}, await tokenOf('manager@demo.test'))).rollRateMatrix };
    const kept = await figureRows();
    await sql(server, 'delete from bucket_flow');
    await sql(server, 'delete from bucket_collected');
    const restarted = await createApp(server.config, { clock: server.clock });
    await restarted.stop();
    const strip = (rows: Array<Record<string, unknown>>) => rows.map(({ id: _id, ...r }) => r).filter((r) => n(r.accounts) !== 0 || n(r.from_balance_minor) !== 0 || n(r.to_balance_minor) !== 0 || n(r.amount_minor) !== 0);
    const key = (r: Record<string, unknown>) => JSON.stringify(Object.keys(r).sort().map((k) => [k, String(r[k])]));
    const sortRows = (rows: Array<Record<string, unknown>>) => strip(rows).map(key).sort();
    const rebuilt = await figureRows();
    expect(sortRows(rebuilt.flows)).toEqual(sortRows(kept.flows));
    expect(sortRows(rebuilt.collected)).toEqual(sortRows(kept.collected));
    expect(await metrics('2026-11')).toEqual(before.floor);
    expect(await metrics('2026-10', supervisorOf(1))).toEqual(before.october);
    expect(ok(await gql(server.url, MATRIX, {}, await tokenOf('manager@demo.test'))).rollRateMatrix).toEqual(before.matrix);
    expect(await recount()).toEqual([]);
  });
});

describe('the day rollover', () => {
  it('recomputes the running month after re-dating the floor in SQL', async () => {
    // Tokens age with the clock: sessions are signed again after it moves.
    tokens.clear();
    server.clock.set(new Date('2026-11-19T06:05:00.000Z'));
    try {
      const buckets = async () => new Map((await sql(server, 'select id, bucket from account')).map((r) => [n(r.id), String(r.bucket)]));
      const before = await buckets();
      ok(await gql(server.url, ROLL, { date: '2026-11-19' }, await tokenOf('admin@demo.test')));
      const after = await buckets();
      expect([...after].filter(([id, bucket]) => before.get(id) !== bucket).length, 'accounts the rollover moved').toBeGreaterThan(0);
      await expectFiguresMatch();
    } finally {
      tokens.clear();
    }
  });
});
