import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimal, money } from '../utils/accounts.js';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { globalId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';

/**
 * The bucket reports (DOMAIN.md §2, §7): bucketMetrics, rollRateMatrix and agingReport, each figure
 * checked against SQL over the seeded snapshots and accounts; the metrics then move as accounts move
 * (a payment cures one, a reversal takes it back, the day rollover rolls another forward); bucket
 * goals are set by managers only. The business clock starts on Wednesday 2026-11-18, 10:00 on the
 * floor (America/Mexico_City, UTC-6 all year), so November is the running month and October a closed one.
 */

let server: TestServer;
const tokens = new Map<string, { token: string; at: number }>();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A session signed at the clock's time: moving the clock by a day expires older ones (12 h). */
async function tokenOf(who: string): Promise<string> {
  const now = server.clock.now().getTime();
  const cached = tokens.get(who);
  if (cached && cached.at <= now && now - cached.at < 3_600_000) return cached.token;
  const token = await login(server.url, `${who}@demo.test`);
  tokens.set(who, { token, at: now });
  return token;
}

const BUCKETS = ['CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF'] as const;
const PRODUCTS = ['CREDIT_CARD', 'PERSONAL_LOAN', 'AUTO_LOAN', 'INSURANCE_PREMIUM', 'MORTGAGE', 'OVERDRAFT'];
/** The floor's single currency for reports: MXN, with USD at 17 MXN (the seeder's demo convention). */
const FLOOR = 'MXN';
const toFloor = (column: string, currency: string): string => `(case when ${currency} = 'USD' then ${column} * 17 else ${column} end)`;
const rank = (column: string): string => `(case ${column} ${BUCKETS.map((b, i) => `when '${b}' then ${i}`).join(' ')} end)`;
/** Midnight on the floor of the first of a month (UTC-6). */
const monthStart = (month: string): number => Date.parse(`${month}-01T06:00:00.000Z`);
const instant = (value: unknown): number => new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number | Date)).getTime();
const n = (value: unknown): number => Number(value ?? 0);

const METRICS = `query($month: String!) { bucketMetrics(month: $month) {
  month openedOn asOf final teamId currencyCode
  buckets {
    bucket openingAccounts openingBalance { amount currencyCode } cured improved stayed rolledForward cureRate rollRate
    collected { amount currencyCode }
    cureRateGoal { goal attainment met } rollRateGoal { goal attainment met } collectedGoal { goal { amount currencyCode } attainment met }
  }
} }`;
const MATRIX = `query($from: String!, $to: String!) { rollRateMatrix(fromMonth: $from, toMonth: $to) {
  fromMonth toMonth fromDate toDate teamId currencyCode accounts
  rows { from accounts fromBalance { amount } toBalance { amount } cells { to accounts fromBalance { amount } toBalance { amount } accountShare balanceShare } }
} }`;
const AGING = `query($groupBy: AgingGroupBy!) { agingReport(groupBy: $groupBy) {
  groupBy asOf teamId currencyCode
  groups { key id name product accounts balance { amount currencyCode } buckets { bucket accounts balance { amount } } }
  total { key accounts balance { amount } buckets { bucket accounts balance { amount } } }
} }`;
const SET_GOAL = `mutation($month: String!, $bucket: Bucket!, $metric: BucketGoalMetric!, $value: String!) {
  setBucketGoal(month: $month, bucket: $bucket, metric: $metric, value: $value) { month bucket metric value rate amount { amount currencyCode } }
}`;

const metrics = async (month: string, who = 'manager') => ok(await gql(server.url, METRICS, { month }, await tokenOf(who))).bucketMetrics;
const teamId = (name: string) => scalar(server, 'select id from team where name = ?', [name]);

// ---------------------------------------------------------------------------------------------------
// Oracles: the figures straight from the tables.

interface Expected {
  openingAccounts: number;
  openingBalance: number;
  cured: number;
  improved: number;
  stayed: number;
  rolledForward: number;
  collected: number;
}

/**
 * Per bucket of `month`'s opening snapshot: the accounts then, against the accounts now or (with
 * `closedOn`) against a later snapshot; payments received from the month's start to `paidUntil` (ms, excluded).
 * A team's accounts are those it holds now, or - for a closed month - those it held at the close (the
 * team recorded in the closing snapshot), so that history does not move when accounts change teams.
 */
async function expectedMetrics(month: string, options: { team?: number; closedOn?: string; paidUntil: number }): Promise<Map<string, Expected>> {
  const now = options.closedOn ? 'c.bucket' : 'a.bucket';
  const join = options.closedOn ? 'join bucket_snapshot c on c.account_id = s.account_id and c.taken_on = ?' : '';
  const teamFilter = options.team === undefined ? '' : options.closedOn ? ' and c.team_id = ?' : ' and a.team_id = ?';
  const params = [...(options.closedOn ? [options.closedOn] : []), `${month}-01`, ...(options.team === undefined ? [] : [options.team])];
  const rows = await sql(
    server,
    `select s.bucket as bucket, count(*) as opening, sum(${toFloor('s.balance_minor', 'a.currency')}) as balance,
       sum(case when ${now} = 'CURRENT' then 1 else 0 end) as cured,
       sum(case when ${now} <> 'CURRENT' and ${rank(now)} < ${rank('s.bucket')} then 1 else 0 end) as improved,
       sum(case when ${now} = s.bucket then 1 else 0 end) as stayed,
       sum(case when ${rank(now)} > ${rank('s.bucket')} then 1 else 0 end) as rolled
     from bucket_snapshot s join account a on a.id = s.account_id ${join}
     where s.taken_on = ?${teamFilter}
     group by s.bucket`,
    params,
  );
  const payments = await sql(
    server,
    `select s.bucket as bucket, p.amount_minor as amount, p.currency as currency, p.received_at as received_at
     from payment p join bucket_snapshot s on s.account_id = p.account_id and s.taken_on = ? join account a on a.id = p.account_id ${join.replace('s.account_id', 'p.account_id')}
     where p.status = 'POSTED'${teamFilter}`,
    [`${month}-01`, ...(options.closedOn ? [options.closedOn] : []), ...(options.team === undefined ? [] : [options.team])],
  );
  const out = new Map<string, Expected>();
  for (const b of BUCKETS) out.set(b, { openingAccounts: 0, openingBalance: 0, cured: 0, improved: 0, stayed: 0, rolledForward: 0, collected: 0 });
  for (const r of rows) {
    Object.assign(out.get(String(r.bucket))!, {
      openingAccounts: n(r.opening),
      openingBalance: n(r.balance),
      cured: n(r.cured),
      improved: n(r.improved),
      stayed: n(r.stayed),
      rolledForward: n(r.rolled),
    });
  }
  for (const p of payments) {
    const at = instant(p.received_at);
    if (at < monthStart(month) || at >= options.paidUntil) continue;
    out.get(String(p.bucket))!.collected += p.currency === 'USD' ? n(p.amount) * 17 : n(p.amount);
  }
  return out;
}

async function goalsOf(month: string): Promise<Map<string, number>> {
  const rows = await sql(server, 'select bucket, metric, value from bucket_goal where month = ?', [month]);
  return new Map(rows.map((r) => [`${r.bucket}:${r.metric}`, n(r.value)]));
}

/** Every figure of a bucketMetrics answer against the oracle, goals and attainment included. */
async function expectMetricsMatch(report: any, month: string, options: { team?: number; closedOn?: string; paidUntil: number }): Promise<void> {
  const expected = await expectedMetrics(month, options);
  const goals = await goalsOf(month);
  expect(report.buckets.map((b: any) => b.bucket)).toEqual([...BUCKETS]);
  expect(report.currencyCode).toBe(FLOOR);
  let opened = 0;
  for (const row of report.buckets) {
    const e = expected.get(row.bucket)!;
    opened += e.openingAccounts;
    const context = `${month} ${row.bucket}`;
    expect(
      {
        openingAccounts: row.openingAccounts,
        openingBalance: row.openingBalance,
        cured: row.cured,
        improved: row.improved,
        stayed: row.stayed,
        rolledForward: row.rolledForward,
        collected: row.collected,
      },
      context,
    ).toEqual({
      openingAccounts: e.openingAccounts,
      openingBalance: money(e.openingBalance, FLOOR),
      cured: e.cured,
      improved: e.improved,
      stayed: e.stayed,
      rolledForward: e.rolledForward,
      collected: money(e.collected, FLOOR),
    });
    const cureRate = e.openingAccounts ? e.cured / e.openingAccounts : null;
    const rollRate = e.openingAccounts ? e.rolledForward / e.openingAccounts : null;
    if (cureRate === null) expect(row.cureRate, context).toBeNull();
    else expect(row.cureRate, context).toBeCloseTo(cureRate, 12);
    if (rollRate === null) expect(row.rollRate, context).toBeNull();
    else expect(row.rollRate, context).toBeCloseTo(rollRate, 12);

    const cureGoal = goals.get(`${row.bucket}:CURE_RATE`);
    const rollGoal = goals.get(`${row.bucket}:ROLL_RATE`);
    const collectedGoal = options.team === undefined ? goals.get(`${row.bucket}:COLLECTED_AMOUNT`) : undefined;
    expectGoal(row.cureRateGoal, cureGoal, cureRate, (a, g) => (g === 0 ? null : a / g), (a, g) => a >= g, context);
    expectGoal(row.rollRateGoal, rollGoal, rollRate, (a, g) => (g === 1 ? null : (1 - a) / (1 - g)), (a, g) => a <= g, context);
    if (collectedGoal === undefined) expect(row.collectedGoal, context).toBeNull();
    else {
      expect(row.collectedGoal.goal, context).toEqual(money(collectedGoal, FLOOR));
      expectGoal({ ...row.collectedGoal, goal: collectedGoal }, collectedGoal, e.openingAccounts ? e.collected : null, (a, g) => (g === 0 ? null : a / g), (a, g) => a >= g, context);
    }
  }
  expect(opened, `the ${month} snapshot has accounts`).toBeGreaterThan(0);
}

function expectGoal(
  actual: { goal: number; attainment: number | null; met: boolean | null } | null,
  goal: number | undefined,
  value: number | null,
  attainment: (actual: number, goal: number) => number | null,
  met: (actual: number, goal: number) => boolean,
  context: string,
): void {
  if (goal === undefined) {
    expect(actual, context).toBeNull();
    return;
  }
  expect(actual!.goal, context).toBeCloseTo(goal, 12);
  if (value === null) {
    expect({ attainment: actual!.attainment, met: actual!.met }, context).toEqual({ attainment: null, met: null });
    return;
  }
  const a = attainment(value, goal);
  if (a === null) expect(actual!.attainment, context).toBeNull();
  else expect(actual!.attainment, context).toBeCloseTo(a, 12);
  expect(actual!.met, context).toBe(met(value, goal));
}

/** Just after the clock: month to date includes a payment received this very instant. */
const untilNow = () => server.clock.now().getTime() + 1;

// ---------------------------------------------------------------------------------------------------

describe('bucketMetrics against SQL (DOMAIN.md §7)', () => {
  it('the running month: every figure of every bucket, with the seeded goals and their attainment', async () => {
    const report = await metrics('2026-11');
    expect(report).toMatchObject({ month: '2026-11', openedOn: '2026-11-01', asOf: '2026-11-18', final: false, teamId: null });
    await expectMetricsMatch(report, '2026-11', { paidUntil: untilNow() });
    // The seeder sets every goal of the month, so every bucket shows all three.
    for (const row of report.buckets) {
      expect(row.cureRateGoal).not.toBeNull();
      expect(row.rollRateGoal).not.toBeNull();
      expect(row.collectedGoal).not.toBeNull();
    }
    expect(report.buckets.some((b: any) => b.collected.amount !== '0.00')).toBe(true);
  });

  it('a closed month compares with the next opening snapshot and counts the whole month’s payments', async () => {
    const report = await metrics('2026-10');
    expect(report).toMatchObject({ month: '2026-10', openedOn: '2026-10-01', asOf: '2026-11-01', final: true });
    await expectMetricsMatch(report, '2026-10', { closedOn: '2026-11-01', paidUntil: monthStart('2026-11') });
    // No goals were set for October.
    expect(report.buckets.every((b: any) => b.cureRateGoal === null && b.rollRateGoal === null && b.collectedGoal === null)).toBe(true);
  });

  it('the same for an analyst and an admin: the whole floor', async () => {
    const manager = await metrics('2026-11');
    expect(await metrics('2026-11', 'analyst')).toEqual(manager);
    expect(await metrics('2026-11', 'admin')).toEqual(manager);
  });

  it('a supervisor sees their team’s accounts only, with the rate goals but not the floor’s amount goals', async () => {
    const team = await teamId('Team 1');
    const report = await metrics('2026-11', 'supervisor1');
    expect(report.teamId).toBe(globalId('Team', team));
    await expectMetricsMatch(report, '2026-11', { team, paidUntil: untilNow() });
    const floor = await metrics('2026-11');
    const opened = (r: any) => r.buckets.reduce((s: number, b: any) => s + b.openingAccounts, 0);
    expect(opened(report)).toBeLessThan(opened(floor));
    expect(report.buckets.every((b: any) => b.collectedGoal === null && b.cureRateGoal !== null)).toBe(true);
  });

  it('a supervisor’s closed month: the accounts their team held when the next month opened', async () => {
    const team = await teamId('Team 2');
    const report = await metrics('2026-10', 'supervisor2');
    expect(report).toMatchObject({ month: '2026-10', final: true, teamId: globalId('Team', team) });
    await expectMetricsMatch(report, '2026-10', { team, closedOn: '2026-11-01', paidUntil: monthStart('2026-11') });
  });

  it('a month with no opening snapshot has empty buckets, no rates and no attainment', async () => {
    const report = await metrics('2026-08');
    expect(report.buckets).toHaveLength(8);
    for (const row of report.buckets) {
      expect(row).toMatchObject({ openingAccounts: 0, openingBalance: { amount: '0.00' }, cured: 0, rolledForward: 0, cureRate: null, rollRate: null, collected: { amount: '0.00' } });
    }
  });

  it.each([
    ['a month not begun', '2026-12'],
    ['a month that is not YYYY-MM', 'November'],
    ['a thirteenth month', '2026-13'],
    ['a date', '2026-11-01'],
  ])('%s is BAD_USER_INPUT on month', async (_name, month) => {
    const r = await gql(server.url, METRICS, { month }, await tokenOf('manager'));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.argument).toBe('month');
  });
});

describe('rollRateMatrix against SQL', () => {
  /** A team's accounts are those it held when toMonth opened (the team recorded in that snapshot). */
  async function expectMatrixMatch(team?: number): Promise<void> {
    const who = team === undefined ? 'manager' : 'supervisor1';
    const report = ok(await gql(server.url, MATRIX, { from: '2026-10', to: '2026-11' }, await tokenOf(who))).rollRateMatrix;
    expect(report).toMatchObject({ fromMonth: '2026-10', toMonth: '2026-11', fromDate: '2026-10-01', toDate: '2026-11-01', currencyCode: FLOOR });
    expect(report.teamId).toBe(team === undefined ? null : globalId('Team', team));
    const rows = await sql(
      server,
      `select f.bucket as from_bucket, t.bucket as to_bucket, count(*) as accounts,
         sum(${toFloor('f.balance_minor', 'a.currency')}) as from_balance, sum(${toFloor('t.balance_minor', 'a.currency')}) as to_balance
       from bucket_snapshot f join bucket_snapshot t on t.account_id = f.account_id and t.taken_on = '2026-11-01'
       join account a on a.id = f.account_id
       where f.taken_on = '2026-10-01'${team === undefined ? '' : ' and t.team_id = ?'}
       group by f.bucket, t.bucket`,
      team === undefined ? [] : [team],
    );
    const cell = (from: string, to: string) => rows.find((r) => r.from_bucket === from && r.to_bucket === to);
    let total = 0;
    expect(report.rows.map((r: any) => r.from)).toEqual([...BUCKETS]);
    for (const row of report.rows) {
      expect(row.cells.map((c: any) => c.to)).toEqual([...BUCKETS]);
      const rowAccounts = BUCKETS.reduce((s, to) => s + n(cell(row.from, to)?.accounts), 0);
      const rowBalance = BUCKETS.reduce((s, to) => s + n(cell(row.from, to)?.from_balance), 0);
      expect(row.accounts, row.from).toBe(rowAccounts);
      expect(row.fromBalance.amount, row.from).toBe(decimal(rowBalance));
      expect(row.toBalance.amount, row.from).toBe(decimal(BUCKETS.reduce((s, to) => s + n(cell(row.from, to)?.to_balance), 0)));
      total += rowAccounts;
      for (const c of row.cells) {
        const e = cell(row.from, c.to);
        const context = `${row.from} -> ${c.to}`;
        expect({ accounts: c.accounts, fromBalance: c.fromBalance.amount, toBalance: c.toBalance.amount }, context).toEqual({
          accounts: n(e?.accounts),
          fromBalance: decimal(n(e?.from_balance)),
          toBalance: decimal(n(e?.to_balance)),
        });
        if (rowAccounts === 0) expect(c.accountShare, context).toBeNull();
        else expect(c.accountShare, context).toBeCloseTo(n(e?.accounts) / rowAccounts, 12);
        if (rowBalance === 0) expect(c.balanceShare, context).toBeNull();
        else expect(c.balanceShare, context).toBeCloseTo(n(e?.from_balance) / rowBalance, 12);
      }
    }
    expect(report.accounts).toBe(total);
    expect(total).toBeGreaterThan(0);
  }

  it('the whole floor, October’s opening to November’s', () => expectMatrixMatch());
  it('a supervisor’s team', async () => expectMatrixMatch(await teamId('Team 1')));

  it('counts only accounts in both snapshots', async () => {
    const report = ok(await gql(server.url, MATRIX, { from: '2026-10', to: '2026-11' }, await tokenOf('manager'))).rollRateMatrix;
    const inOctober = await scalar(server, "select count(*) from bucket_snapshot where taken_on = '2026-10-01'");
    const inNovember = await scalar(server, "select count(*) from bucket_snapshot where taken_on = '2026-11-01'");
    // Accounts opened in October are in November's snapshot only.
    expect(inNovember).toBeGreaterThan(inOctober);
    expect(report.accounts).toBe(inOctober);
  });

  it.each([
    ['toMonth before fromMonth', '2026-11', '2026-10', 'toMonth'],
    ['the same month twice', '2026-11', '2026-11', 'toMonth'],
    ['a toMonth not begun', '2026-11', '2026-12', 'toMonth'],
    ['a malformed fromMonth', '2026/10', '2026-11', 'fromMonth'],
    ['a malformed toMonth', '2026-10', '11-2026', 'toMonth'],
  ])('%s is BAD_USER_INPUT', async (_name, from, to, argument) => {
    const r = await gql(server.url, MATRIX, { from, to }, await tokenOf('manager'));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.argument).toBe(argument);
  });
});

describe('agingReport against SQL', () => {
  const columns = { PRODUCT: 'a.product', TEAM: 'a.team_id', AGENT: 'a.assigned_agent_id' } as const;

  async function expectAgingMatch(groupBy: keyof typeof columns, team?: number): Promise<void> {
    const who = team === undefined ? 'manager' : 'supervisor1';
    const report = ok(await gql(server.url, AGING, { groupBy }, await tokenOf(who))).agingReport;
    expect(report).toMatchObject({ groupBy, asOf: '2026-11-18', currencyCode: FLOOR, teamId: team === undefined ? null : globalId('Team', team) });
    const column = columns[groupBy];
    const rows = await sql(
      server,
      `select ${column} as grp, a.bucket as bucket, count(*) as accounts, sum(${toFloor('a.balance_minor', 'a.currency')}) as balance
       from account a ${team === undefined ? '' : 'where a.team_id = ?'} group by ${column}, a.bucket`,
      team === undefined ? [] : [team],
    );
    const keyOf = (grp: unknown): string => {
      if (grp == null) return 'UNASSIGNED';
      if (groupBy === 'PRODUCT') return String(grp);
      return globalId(groupBy === 'TEAM' ? 'Team' : 'Agent', n(grp));
    };
    const expectedKeys = [...new Set(rows.map((r) => keyOf(r.grp)))];
    expect(report.groups.map((g: any) => g.key).sort()).toEqual(expectedKeys.sort());
    const names = new Map<string, string>();
    if (groupBy !== 'PRODUCT') {
      for (const r of await sql(server, `select id, name from ${groupBy === 'TEAM' ? 'team' : 'agent'}`)) names.set(globalId(groupBy === 'TEAM' ? 'Team' : 'Agent', n(r.id)), String(r.name));
    }
    for (const group of report.groups) {
      const mine = rows.filter((r) => keyOf(r.grp) === group.key);
      const cell = (bucket: string) => mine.find((r) => r.bucket === bucket);
      expect(group.buckets.map((b: any) => b.bucket)).toEqual([...BUCKETS]);
      for (const b of group.buckets) {
        expect({ accounts: b.accounts, balance: b.balance.amount }, `${group.key} ${b.bucket}`).toEqual({
          accounts: n(cell(b.bucket)?.accounts),
          balance: decimal(n(cell(b.bucket)?.balance)),
        });
      }
      expect(group.accounts).toBe(mine.reduce((s, r) => s + n(r.accounts), 0));
      expect(group.balance).toEqual(money(mine.reduce((s, r) => s + n(r.balance), 0), FLOOR));
      if (group.key === 'UNASSIGNED') expect(group).toMatchObject({ id: null, product: null });
      else if (groupBy === 'PRODUCT') expect(group).toMatchObject({ id: null, product: group.key, name: group.key });
      else expect(group).toMatchObject({ id: group.key, product: null, name: names.get(group.key) });
    }
    // Products in their enum order, others by name; the unassigned last.
    const keys = report.groups.map((g: any) => g.key).filter((k: string) => k !== 'UNASSIGNED');
    if (groupBy === 'PRODUCT') expect(keys).toEqual(PRODUCTS.filter((p) => keys.includes(p)));
    else expect(keys.map((k: string) => names.get(k))).toEqual(keys.map((k: string) => names.get(k)).sort((a: string, b: string) => a.localeCompare(b, 'en')));
    if (report.groups.some((g: any) => g.key === 'UNASSIGNED')) expect(report.groups.at(-1).key).toBe('UNASSIGNED');

    const accounts = rows.reduce((s, r) => s + n(r.accounts), 0);
    expect(accounts).toBeGreaterThan(0);
    expect(report.total.accounts).toBe(accounts);
    expect(report.total.balance.amount).toBe(decimal(rows.reduce((s, r) => s + n(r.balance), 0)));
    for (const b of report.total.buckets) {
      const inBucket = rows.filter((r) => r.bucket === b.bucket);
      expect({ accounts: b.accounts, balance: b.balance.amount }, `total ${b.bucket}`).toEqual({
        accounts: inBucket.reduce((s, r) => s + n(r.accounts), 0),
        balance: decimal(inBucket.reduce((s, r) => s + n(r.balance), 0)),
      });
    }
  }

  it.each(['PRODUCT', 'TEAM', 'AGENT'] as const)('by %s, the whole floor', (groupBy) => expectAgingMatch(groupBy));
  it.each(['PRODUCT', 'TEAM', 'AGENT'] as const)('by %s, a supervisor’s team', async (groupBy) => expectAgingMatch(groupBy, await teamId('Team 1')));

  it('puts accounts with no agent under UNASSIGNED', async () => {
    const [account] = await sql(server, "select a.id from account a join team t on t.id = a.team_id where t.name = 'Team 2' order by a.id limit 1");
    await sql(server, 'update account set assigned_agent_id = null where id = ?', [account!.id]);
    await expectAgingMatch('AGENT');
    const report = ok(await gql(server.url, AGING, { groupBy: 'AGENT' }, await tokenOf('manager'))).agingReport;
    expect(report.groups.at(-1)).toMatchObject({ key: 'UNASSIGNED', name: 'Unassigned' });
    expect(report.groups.at(-1).accounts).toBeGreaterThanOrEqual(1);
  });

  it('an unknown grouping is refused by the schema', async () => {
    expect(errorCode(await gql(server.url, AGING, { groupBy: 'CUSTOMER' }, await tokenOf('manager')))).toBe('BAD_USER_INPUT');
  });
});

describe('bucket goals', () => {
  const setGoal = async (who: string | null, month: string, bucket: string, metric: string, value: string) =>
    gql(server.url, SET_GOAL, { month, bucket, metric, value }, who ? await tokenOf(who) : undefined);
  const goalRow = async (month: string, bucket: string, metric: string) =>
    (await sql(server, 'select id, value, set_by_id from bucket_goal where month = ? and bucket = ? and metric = ?', [month, bucket, metric]))[0];
  const lastAudit = async () => (await sql(server, "select * from audit_event where action = 'setBucketGoal' order by id desc limit 1"))[0];
  const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

  it('a manager replaces a seeded rate goal: the row, the audit event, and the metrics’ attainment follow', async () => {
    const before = await goalRow('2026-11', 'B3', 'CURE_RATE');
    expect(before).toBeDefined();
    const manager = await scalar(server, "select id from agent where email = 'manager@demo.test'");
    const r = ok(await setGoal('manager', '2026-11', 'B3', 'CURE_RATE', '0.125')).setBucketGoal;
    expect(r).toEqual({ month: '2026-11', bucket: 'B3', metric: 'CURE_RATE', value: '0.125', rate: 0.125, amount: null });
    const after = await goalRow('2026-11', 'B3', 'CURE_RATE');
    expect({ id: n(after!.id), value: n(after!.value), setBy: n(after!.set_by_id) }).toEqual({ id: n(before!.id), value: 0.125, setBy: manager });
    expect(await scalar(server, "select count(*) from bucket_goal where month = '2026-11' and bucket = 'B3' and metric = 'CURE_RATE'")).toBe(1);

    const event = await lastAudit();
    expect(event).toMatchObject({ entity_type: 'BucketGoal', actor_role: 'MANAGER' });
    expect(n(event!.entity_id)).toBe(n(before!.id));
    expect(n(event!.actor_agent_id)).toBe(manager);
    expect(json(event!.before)).toMatchObject({ month: '2026-11', bucket: 'B3', metric: 'CURE_RATE', value: n(before!.value) });
    expect(json(event!.after)).toMatchObject({ month: '2026-11', bucket: 'B3', metric: 'CURE_RATE', value: 0.125, setBy: manager });

    const report = await metrics('2026-11');
    const b3 = report.buckets.find((b: any) => b.bucket === 'B3');
    expect(b3.cureRateGoal.goal).toBe(0.125);
    expect(b3.cureRateGoal.attainment).toBeCloseTo(b3.cureRate / 0.125, 12);
    await expectMetricsMatch(report, '2026-11', { paidUntil: untilNow() });
  });

  it('a roll-rate goal reads lower as better: attainment is (1 - actual) / (1 - goal)', async () => {
    const actual = (await metrics('2026-11')).buckets.find((b: any) => b.bucket === 'B2').rollRate as number;
    ok(await setGoal('manager', '2026-11', 'B2', 'ROLL_RATE', '0.5'));
    const goal = (await metrics('2026-11')).buckets.find((b: any) => b.bucket === 'B2').rollRateGoal;
    expect(goal.goal).toBe(0.5);
    expect(goal.attainment).toBeCloseTo((1 - actual) / 0.5, 12);
    expect(goal.met).toBe(actual <= 0.5);
    ok(await setGoal('manager', '2026-11', 'B2', 'ROLL_RATE', '0'));
    const strict = (await metrics('2026-11')).buckets.find((b: any) => b.bucket === 'B2').rollRateGoal;
    expect(strict.attainment).toBeCloseTo(1 - actual, 12);
    expect(strict.met).toBe(actual === 0);
  });

  it('an admin sets a new amount goal for next month, in the floor currency', async () => {
    expect(await goalRow('2026-12', 'B1', 'COLLECTED_AMOUNT')).toBeUndefined();
    const r = ok(await setGoal('admin', '2026-12', 'B1', 'COLLECTED_AMOUNT', '125000.5')).setBucketGoal;
    expect(r).toEqual({ month: '2026-12', bucket: 'B1', metric: 'COLLECTED_AMOUNT', value: '125000.50', rate: null, amount: { amount: '125000.50', currencyCode: FLOOR } });
    const row = await goalRow('2026-12', 'B1', 'COLLECTED_AMOUNT');
    expect(n(row!.value)).toBe(12_500_050);
    const event = await lastAudit();
    expect(event).toMatchObject({ entity_type: 'BucketGoal', actor_role: 'ADMIN' });
    expect(n(event!.entity_id)).toBe(n(row!.id));
    expect(json(event!.before)).toBeNull();
    expect(json(event!.after)).toMatchObject({ value: 12_500_050 });
  });

  it('an amount goal of the running month shows with its attainment', async () => {
    ok(await setGoal('manager', '2026-11', 'B1', 'COLLECTED_AMOUNT', '1000.00'));
    const report = await metrics('2026-11');
    const b1 = report.buckets.find((b: any) => b.bucket === 'B1');
    expect(b1.collectedGoal.goal).toEqual({ amount: '1000.00', currencyCode: FLOOR });
    const collectedMinor = Math.round(Number(b1.collected.amount) * 100);
    expect(b1.collectedGoal.attainment).toBeCloseTo(collectedMinor / 100_000, 9);
    await expectMetricsMatch(report, '2026-11', { paidUntil: untilNow() });
  });

  it.each([
    ['a rate above 1', '2026-11', 'B1', 'CURE_RATE', '1.5', 'value'],
    ['a negative rate', '2026-11', 'B1', 'ROLL_RATE', '-0.1', 'value'],
    ['a rate as a percentage', '2026-11', 'B1', 'ROLL_RATE', '25%', 'value'],
    ['a rate with too many decimals', '2026-11', 'B1', 'CURE_RATE', '0.1234567', 'value'],
    ['a negative amount', '2026-11', 'B1', 'COLLECTED_AMOUNT', '-1.00', 'value'],
    ['an amount with three decimals', '2026-11', 'B1', 'COLLECTED_AMOUNT', '10.001', 'value'],
    ['an amount that is not a number', '2026-11', 'B1', 'COLLECTED_AMOUNT', 'lots', 'value'],
    ['a closed month', '2026-10', 'B1', 'CURE_RATE', '0.3', 'month'],
    ['a month more than a year ahead', '2027-12', 'B1', 'CURE_RATE', '0.3', 'month'],
    ['a malformed month', 'Nov 2026', 'B1', 'CURE_RATE', '0.3', 'month'],
  ])('%s is BAD_USER_INPUT on %s… and writes nothing', async (_name, month, bucket, metric, value, argument) => {
    const r = await expectNothingWritten(server, () => setGoal('manager', month, bucket, metric, value));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.argument).toBe(argument);
  });

  it('an unknown metric or bucket is refused by the schema, writing nothing', async () => {
    expect(errorCode(await expectNothingWritten(server, () => setGoal('manager', '2026-11', 'B1', 'PROMISE_RATE', '0.3')))).toBe('BAD_USER_INPUT');
    expect(errorCode(await expectNothingWritten(server, () => setGoal('manager', '2026-11', 'B9', 'CURE_RATE', '0.3')))).toBe('BAD_USER_INPUT');
  });

  it.each(['supervisor1', 'agent1', 'analyst'])('%s may not set a goal: FORBIDDEN, nothing written', async (who) => {
    const r = await expectNothingWritten(server, () => setGoal(who, '2026-11', 'B1', 'CURE_RATE', '0.3'));
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it('a refused role is FORBIDDEN even with a bad value, and without a session it is UNAUTHENTICATED', async () => {
    expect(errorCode(await expectNothingWritten(server, () => setGoal('agent1', '1999-01', 'B1', 'CURE_RATE', 'lots')))).toBe('FORBIDDEN');
    expect(errorCode(await expectNothingWritten(server, () => setGoal(null, '2026-11', 'B1', 'CURE_RATE', '0.3')))).toBe('UNAUTHENTICATED');
  });
});

describe('who may read the reports', () => {
  const reads: Array<[string, string, Record<string, unknown>]> = [
    ['bucketMetrics', METRICS, { month: '2026-11' }],
    ['rollRateMatrix', MATRIX, { from: '2026-10', to: '2026-11' }],
    ['agingReport', AGING, { groupBy: 'TEAM' }],
  ];

  it.each(reads)('an agent is FORBIDDEN from %s, and nothing is written', async (_name, query, variables) => {
    const r = await expectNothingWritten(server, async () => gql(server.url, query, variables, await tokenOf('agent1')));
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect(r.data).toBeNull();
  });

  it.each(reads)('%s without a session is UNAUTHENTICATED', async (_name, query, variables) => {
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, query, variables)))).toBe('UNAUTHENTICATED');
  });

  it.each(reads)('an agent is FORBIDDEN from %s even with bad arguments', async (_name, query) => {
    const r = await gql(server.url, query, { month: 'x', from: 'x', to: 'y', groupBy: 'TEAM' }, await tokenOf('agent1'));
    expect(errorCode(r)).toBe('FORBIDDEN');
  });
});

describe('metrics move with the accounts', () => {
  const PAY = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id account { bucket dpd } } }`;
  const REVERSE = 'mutation($id: ID!, $reason: String!) { reversePayment(id: $id, reason: $reason) { id status account { bucket } } }';
  const ROLL = 'mutation($date: String) { runDayRollover(date: $date) { date ran accountsRedated } }';
  const row = (report: any, bucket: string) => report.buckets.find((b: any) => b.bucket === bucket);
  const minor = (amount: string) => Math.round(Number(amount) * 100);

  /** An account of Team 1 that opened the month in `bucket` and is still there, with nothing open on it. */
  async function stayedIn(bucket: string, skip = 0) {
    const rows = await sql(
      server,
      `select a.id, a.currency, a.amount_due_minor, a.balance_minor, g.email from account a
       join bucket_snapshot s on s.account_id = a.id and s.taken_on = '2026-11-01'
       join agent g on g.id = a.assigned_agent_id join team t on t.id = a.team_id
       where t.name = 'Team 1' and g.role = 'AGENT' and s.bucket = ? and a.bucket = ? and a.status = 'ACTIVE'
         and a.amount_due_minor > 0 and a.amount_due_minor < a.balance_minor
         and not exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status in ('PENDING', 'PENDING_APPROVAL'))
         and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
         and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')
       order by a.id`,
      [bucket, bucket],
    );
    const a = rows[skip];
    if (!a) throw new Error(`no account stayed in ${bucket}`);
    return { id: n(a.id), gid: globalId('Account', n(a.id)), currency: String(a.currency), amountDue: n(a.amount_due_minor), agent: String(a.email).split('@')[0]! };
  }

  it('a payment that cures an account moves it from stayed to cured and adds to collected; its reversal takes both back', async () => {
    const account = await stayedIn('B1');
    const before = await metrics('2026-11');
    const beforeTeam = await metrics('2026-11', 'supervisor1');
    const paid = ok(
      await gql(
        server.url,
        PAY,
        { input: { accountId: account.gid, amount: money(account.amountDue, account.currency), method: 'BANK_TRANSFER', idempotencyKey: randomUUID() } },
        await tokenOf(account.agent),
      ),
    ).recordPayment;
    expect(paid.account).toEqual({ bucket: 'CURRENT', dpd: 0 });

    const floorAmount = account.currency === 'USD' ? account.amountDue * 17 : account.amountDue;
    for (const [was, who] of [
      [before, 'manager'],
      [beforeTeam, 'supervisor1'],
    ] as const) {
      const now = await metrics('2026-11', who);
      expect(row(now, 'B1').cured, who).toBe(row(was, 'B1').cured + 1);
      expect(row(now, 'B1').stayed, who).toBe(row(was, 'B1').stayed - 1);
      expect(row(now, 'B1').rolledForward, who).toBe(row(was, 'B1').rolledForward);
      expect(minor(row(now, 'B1').collected.amount) - minor(row(was, 'B1').collected.amount), who).toBe(floorAmount);
      expect(row(now, 'B1').cureRate, who).toBeCloseTo(row(now, 'B1').cured / row(now, 'B1').openingAccounts, 12);
      for (const b of BUCKETS.filter((b) => b !== 'B1')) expect(row(now, b), `${who} ${b}`).toEqual(row(was, b));
    }
    await expectMetricsMatch(await metrics('2026-11'), '2026-11', { paidUntil: untilNow() });

    const reversed = ok(await gql(server.url, REVERSE, { id: paid.id, reason: 'Transfer recalled' }, await tokenOf('supervisor1'))).reversePayment;
    expect(reversed).toMatchObject({ status: 'REVERSED', account: { bucket: 'B1' } });
    expect(await metrics('2026-11')).toEqual(before);
  });

  it('after the next day’s rollover, an account pushed past its bucket’s end has rolled forward', async () => {
    const account = await stayedIn('B2', 1);
    // 59 days past due on 2026-11-18, the last day of B2: the rollover to the 19th takes it to 60, B3.
    await sql(server, "update account set oldest_unpaid_due_date = '2026-09-20', dpd = 59 where id = ?", [account.id]);

    const before = await metrics('2026-11');
    const movedBefore = await transitions();
    server.clock.set(new Date('2026-11-19T06:05:00.000Z'));
    const r = ok(await gql(server.url, ROLL, { date: '2026-11-19' }, await tokenOf('admin'))).runDayRollover;
    expect(r).toMatchObject({ date: '2026-11-19', ran: true });
    expect(await scalar(server, 'select count(*) from account where id = ? and bucket = ?', [account.id, 'B3'])).toBe(1);

    const after = await metrics('2026-11');
    expect(after).toMatchObject({ asOf: '2026-11-19', final: false });
    await expectMetricsMatch(after, '2026-11', { paidUntil: untilNow() });
    expect(row(after, 'B2').rolledForward).toBeGreaterThan(row(before, 'B2').rolledForward);
    // Exactly the accounts the rollover moved changed their row: for each opening bucket, the change in
    // rolled-forward equals the opening accounts that went from not rolled to rolled, and so on.
    const movedAfter = await transitions();
    expect(movedAfter.get(account.id)).toEqual({ from: 'B2', to: 'B3' });
    for (const b of BUCKETS) {
      const delta = (pick: (t: { from: string; to: string }) => boolean) =>
        [...movedAfter.entries()].filter(([, t]) => t.from === b && pick(t)).length - [...movedBefore.entries()].filter(([, t]) => t.from === b && pick(t)).length;
      const worse = (t: { from: string; to: string }) => BUCKETS.indexOf(t.to as never) > BUCKETS.indexOf(t.from as never);
      expect(row(after, b).rolledForward - row(before, b).rolledForward, b).toBe(delta(worse));
      expect(row(after, b).cured - row(before, b).cured, b).toBe(delta((t) => t.to === 'CURRENT'));
    }
    // The opening snapshot does not move with the rollover.
    for (const b of BUCKETS) expect(row(after, b).openingAccounts).toBe(row(before, b).openingAccounts);
  });

  /** Every account of November's opening snapshot: its bucket then and now. */
  async function transitions(): Promise<Map<number, { from: string; to: string }>> {
    const rows = await sql(server, "select s.account_id, s.bucket as from_bucket, a.bucket as to_bucket from bucket_snapshot s join account a on a.id = s.account_id where s.taken_on = '2026-11-01'");
    return new Map(rows.map((r) => [n(r.account_id), { from: String(r.from_bucket), to: String(r.to_bucket) }]));
  }

  it('on the first of next month the rollover takes December’s opening snapshot, and November becomes final', async () => {
    // The floor is rolled over day by day to 2026-12-01, as the scheduler would.
    for (let day = 20; day <= 31; day++) {
      const date = day <= 30 ? `2026-11-${day}` : '2026-12-01';
      server.clock.set(new Date(`${date}T06:05:00.000Z`));
      ok(await gql(server.url, ROLL, { date }, await tokenOf('admin')));
    }
    const november = await metrics('2026-11');
    expect(november).toMatchObject({ asOf: '2026-12-01', final: true });
    await expectMetricsMatch(november, '2026-11', { closedOn: '2026-12-01', paidUntil: monthStart('2026-12') });

    const december = await metrics('2026-12');
    expect(december).toMatchObject({ openedOn: '2026-12-01', asOf: '2026-12-01', final: false });
    await expectMetricsMatch(december, '2026-12', { paidUntil: untilNow() });
    // Nothing moved since the snapshot: every account stayed (CURRENT ones count as cured).
    for (const b of december.buckets) {
      expect(b.rolledForward, b.bucket).toBe(0);
      expect(b.stayed, b.bucket).toBe(b.openingAccounts);
    }
    // The goal set for December earlier shows up.
    expect(row(december, 'B1').collectedGoal.goal).toEqual({ amount: '125000.50', currencyCode: FLOOR });

    const matrix = ok(await gql(server.url, MATRIX, { from: '2026-11', to: '2026-12' }, await tokenOf('manager'))).rollRateMatrix;
    const fromB2 = matrix.rows.find((r: any) => r.from === 'B2');
    expect(fromB2.accounts).toBe(row(november, 'B2').openingAccounts);
  });
});
