import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';

/**
 * Inconsistency findings (DOMAIN.md §5): the seeded floor is consistent, so it has none; each kind is
 * then provoked by corrupting one account straight in the database, and must be found on that account.
 */
let server: TestServer;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['manager', 'admin', 'analyst', 'supervisor1', 'supervisor2', 'agent1']) tokens[who] = await login(server.url, `${who}@demo.test`);
});
afterAll(async () => {
  // The findings are made by corrupting accounts in SQL, behind the bucket figures' back.
  await server?.stop({ checkBucketFlows: false });
});

const QUERY = `query($first: Int!, $after: String, $kinds: [InconsistencyKind!]) {
  inconsistencies(first: $first, after: $after, kinds: $kinds) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { kind detail expected actual subjectId account { id externalRef team { name } } } }
  }
}`;

interface Finding {
  kind: string;
  detail: string;
  expected: string;
  actual: string;
  subjectId: string | null;
  account: { id: string; externalRef: string; team: { name: string } | null };
}

async function findings(token: string, options: { first?: number; kinds?: string[] } = {}): Promise<{ all: Finding[]; totalCount: number; pages: number }> {
  const all: Finding[] = [];
  let after: string | null = null;
  let totalCount = 0;
  let pages = 0;
  for (;;) {
    const page: any = ok(await gql(server.url, QUERY, { first: options.first ?? 100, after, kinds: options.kinds }, token)).inconsistencies;
    pages += 1;
    totalCount = page.totalCount;
    all.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) return { all, totalCount, pages };
    after = page.pageInfo.endCursor;
  }
}

const pairs = (list: Finding[]): string[] => list.map((f) => `${f.kind}:${localId(f.account.id)}`).sort();
const decimal = (minor: number): string => `${minor < 0 ? '-' : ''}${Math.trunc(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

describe('the seeded floor', () => {
  it.each(['manager', 'admin', 'analyst', 'supervisor1'])('has no inconsistencies for %s', async (who) => {
    const r = ok(await gql(server.url, QUERY, { first: 100 }, tokens[who]));
    expect(r.inconsistencies).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('an agent is FORBIDDEN, an anonymous caller UNAUTHENTICATED', async () => {
    expect(errorCode(await gql(server.url, QUERY, { first: 10 }, tokens.agent1))).toBe('FORBIDDEN');
    expect(errorCode(await gql(server.url, QUERY, { first: 10 }))).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a page of 0', { first: 0 }],
    ['a page over 100', { first: 101 }],
    ['a cursor of something else', { first: 10, after: 'WzEsMl0' }],
    ['an unknown kind', { first: 10, kinds: ['NOT_A_KIND'] }],
  ])('%s is BAD_USER_INPUT', async (_name, variables) => {
    expect(errorCode(await gql(server.url, QUERY, variables, tokens.manager))).toBe('BAD_USER_INPUT');
  });
});

describe('one corruption per kind, each found on its account', () => {
  const used: number[] = [];
  const expected: string[] = [];
  const ids: Record<string, number> = {};

  /** An account not corrupted yet, matching the condition. */
  async function pick(where: string, params: unknown[] = []): Promise<any> {
    const notUsed = used.length ? ` and a.id not in (${used.join(',')})` : '';
    const [row] = await sql(server, `select a.* from account a where ${where}${notUsed} order by a.id limit 1`, params);
    expect(row, `the seed has an account where ${where}`).toBeTruthy();
    used.push(Number(row!.id));
    return { ...row, id: Number(row!.id), balance_minor: Number(row!.balance_minor), amount_due_minor: Number(row!.amount_due_minor), dpd: Number(row!.dpd) };
  }

  beforeAll(async () => {
    const bucketAccount = await pick("a.bucket = 'B2' and a.status = 'ACTIVE'");
    await sql(server, "update account set bucket = 'B4' where id = ?", [bucketAccount.id]);
    ids.bucket = bucketAccount.id;
    expected.push(`BUCKET_DISAGREES_WITH_DPD:${bucketAccount.id}`);

    const dpdAccount = await pick("a.bucket = 'B1' and a.dpd between 2 and 20");
    await sql(server, 'update account set dpd = dpd + 3 where id = ?', [dpdAccount.id]);
    ids.dpd = dpdAccount.id;
    expected.push(`BUCKET_DISAGREES_WITH_DPD:${dpdAccount.id}`);

    const balanceAccount = await pick("a.status = 'ACTIVE' and a.amount_due_minor < a.balance_minor");
    await sql(server, 'update account set balance_minor = balance_minor + 12345 where id = ?', [balanceAccount.id]);
    ids.balance = balanceAccount.id;
    ids.balanceMinor = balanceAccount.balance_minor;
    expected.push(`BALANCE_DISAGREES_WITH_PAYMENTS:${balanceAccount.id}`);

    const duesAccount = await pick("a.status = 'ACTIVE' and (select count(*) from account_due d where d.account_id = a.id) >= 2");
    const [oldest] = await sql(server, 'select id, amount_minor from account_due where account_id = ? order by due_date, id limit 1', [duesAccount.id]);
    await sql(server, 'update account_due set paid_minor = amount_minor where id = ?', [oldest!.id]);
    ids.dues = duesAccount.id;
    ids.duesExpected = duesAccount.amount_due_minor - Number(oldest!.amount_minor);
    expected.push(`AMOUNT_DUE_DISAGREES_WITH_DUES:${duesAccount.id}`);

    const paidOffAccount = await pick("a.status = 'ACTIVE' and a.balance_minor > 0");
    await sql(server, "update account set status = 'PAID_OFF' where id = ?", [paidOffAccount.id]);
    expected.push(`PAID_OFF_WITH_BALANCE:${paidOffAccount.id}`);

    // A broken promise whose account received nothing after it was made, turned KEPT.
    const [promise] = await sql(
      server,
      `select p.id, p.account_id from promise_to_pay p where p.status = 'BROKEN' and p.account_id not in (${used.join(',')})
       and not exists (select 1 from payment y where y.account_id = p.account_id and y.received_at >= p.created_at) order by p.id limit 1`,
    );
    expect(promise, 'the seed has a broken promise without payments after it').toBeTruthy();
    await sql(server, "update promise_to_pay set status = 'KEPT' where id = ?", [promise!.id]);
    used.push(Number(promise!.account_id));
    ids.promise = Number(promise!.id);
    expected.push(`KEPT_PROMISE_WITHOUT_PAYMENT:${Number(promise!.account_id)}`);

    // The later of two payments takes the reference of the earlier one.
    const [first, second] = await sql(
      server,
      `select y.id, y.account_id, y.external_reference from payment y where y.status = 'POSTED' and y.account_id not in (${used.join(',')}) order by y.id limit 2`,
    );
    await sql(server, 'update payment set external_reference = ? where id = ?', [first!.external_reference, second!.id]);
    used.push(Number(first!.account_id), Number(second!.account_id));
    ids.duplicate = Number(second!.id);
    ids.duplicateReference = first!.external_reference;
    expected.push(`DUPLICATE_PAYMENT_REFERENCE:${Number(second!.account_id)}`);

    // More due than owed also leaves the dues behind.
    const aboveAccount = await pick("a.status = 'ACTIVE' and a.amount_due_minor > 0");
    await sql(server, 'update account set amount_due_minor = balance_minor + 1 where id = ?', [aboveAccount.id]);
    expected.push(`AMOUNT_DUE_ABOVE_BALANCE:${aboveAccount.id}`, `AMOUNT_DUE_DISAGREES_WITH_DUES:${aboveAccount.id}`);

    // A negative balance also breaks the balance arithmetic and puts the amount due above it.
    const negativeAccount = await pick("a.status = 'ACTIVE' and a.amount_due_minor > 0");
    await sql(server, 'update account set balance_minor = -2500 where id = ?', [negativeAccount.id]);
    ids.negative = negativeAccount.id;
    expected.push(`NEGATIVE_BALANCE:${negativeAccount.id}`, `BALANCE_DISAGREES_WITH_PAYMENTS:${negativeAccount.id}`, `AMOUNT_DUE_ABOVE_BALANCE:${negativeAccount.id}`);
  });

  it('finds exactly the corruptions, each on its account', async () => {
    const { all, totalCount } = await findings(tokens.manager);
    expect(pairs(all)).toEqual([...expected].sort());
    expect(totalCount).toBe(expected.length);
    for (const f of all) {
      expect(f.detail.length).toBeGreaterThan(20);
      expect(f.expected).not.toBe(f.actual);
      const ref = await sql(server, 'select external_ref from account where id = ?', [localId(f.account.id)]);
      expect(f.account.externalRef).toBe(ref[0]!.external_ref);
    }
  });

  it('lists them kind by kind, then by account', async () => {
    const order = ['BUCKET_DISAGREES_WITH_DPD', 'BALANCE_DISAGREES_WITH_PAYMENTS', 'AMOUNT_DUE_DISAGREES_WITH_DUES', 'PAID_OFF_WITH_BALANCE', 'KEPT_PROMISE_WITHOUT_PAYMENT', 'DUPLICATE_PAYMENT_REFERENCE', 'AMOUNT_DUE_ABOVE_BALANCE', 'NEGATIVE_BALANCE'];
    const { all } = await findings(tokens.manager);
    const keys = all.map((f) => [order.indexOf(f.kind), localId(f.account.id)] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('says what was expected and what is recorded', async () => {
    const { all } = await findings(tokens.manager);
    const of = (kind: string, accountId: number) => all.find((f) => f.kind === kind && localId(f.account.id) === accountId)!;

    const bucket = of('BUCKET_DISAGREES_WITH_DPD', ids.bucket!);
    expect(bucket.expected).toMatch(/^B2, \d+ days past due$/);
    expect(bucket.actual).toMatch(/^B4, \d+ days past due$/);

    const dpd = await scalar(server, 'select dpd from account where id = ?', [ids.dpd]);
    expect(of('BUCKET_DISAGREES_WITH_DPD', ids.dpd!)).toMatchObject({ expected: `B1, ${dpd - 3} days past due`, actual: `B1, ${dpd} days past due` });

    const balance = of('BALANCE_DISAGREES_WITH_PAYMENTS', ids.balance!);
    expect(balance.expected.split(' ')[0]).toBe(decimal(ids.balanceMinor!));
    expect(balance.actual.split(' ')[0]).toBe(decimal(ids.balanceMinor! + 12345));

    expect(of('AMOUNT_DUE_DISAGREES_WITH_DUES', ids.dues!).expected).toContain(`${decimal(ids.duesExpected!)} `);
    expect(of('NEGATIVE_BALANCE', ids.negative!).actual).toMatch(/^-25\.00 (MXN|USD)$/);

    const promise = all.find((f) => f.kind === 'KEPT_PROMISE_WITHOUT_PAYMENT')!;
    expect(promise.subjectId).toBe(globalId('PromiseToPay', ids.promise!));
    expect(promise.actual).toBe('no posted payment');

    const duplicate = all.find((f) => f.kind === 'DUPLICATE_PAYMENT_REFERENCE')!;
    expect(duplicate.subjectId).toBe(globalId('Payment', ids.duplicate!));
    expect(duplicate.actual).toBe(`2 posted payments with reference ${ids.duplicateReference}`);
  });

  it('a KEPT promise stops being a finding once a payment lands within its grace period', async () => {
    const [p] = await sql(server, 'select account_id, amount_minor, currency, created_at from promise_to_pay where id = ?', [ids.promise]);
    const createdAt = typeof p!.created_at === 'number' ? p!.created_at : new Date(p!.created_at).getTime();
    const at = createdAt + 60_000;
    const account = Number(p!.account_id);
    await sql(
      server,
      `insert into payment (account_id, amount_minor, currency, method, external_reference, idempotency_key, status, received_at, created_at)
       values (?, ?, ?, 'CASH', 'TEST-LATE-PAYMENT', 'test-late-payment', 'POSTED', ?, ?)`,
      [account, p!.amount_minor, p!.currency, ...[at, at].map((t) => (server.config.database.kind === 'sqlite' ? t : new Date(t).toISOString()))],
    );
    const { all } = await findings(tokens.manager, { kinds: ['KEPT_PROMISE_WITHOUT_PAYMENT', 'BALANCE_DISAGREES_WITH_PAYMENTS'] });
    // The payment keeps the promise, and (not having reduced the balance) unbalances the account instead.
    expect(pairs(all)).toEqual([`BALANCE_DISAGREES_WITH_PAYMENTS:${account}`, `BALANCE_DISAGREES_WITH_PAYMENTS:${ids.balance}`, `BALANCE_DISAGREES_WITH_PAYMENTS:${ids.negative}`].sort());
    await sql(server, "delete from payment where idempotency_key = 'test-late-payment'");
  });

  it('filters by kind', async () => {
    const { all, totalCount } = await findings(tokens.manager, { kinds: ['NEGATIVE_BALANCE', 'PAID_OFF_WITH_BALANCE'] });
    expect(pairs(all)).toEqual(expected.filter((e) => e.startsWith('NEGATIVE_BALANCE') || e.startsWith('PAID_OFF_WITH_BALANCE')).sort());
    expect(totalCount).toBe(2);
  });

  it('pages through them without gaps or repeats', async () => {
    const whole = await findings(tokens.manager);
    const paged = await findings(tokens.manager, { first: 2 });
    expect(paged.pages).toBe(Math.ceil(expected.length / 2));
    expect(paged.all).toEqual(whole.all);
    expect(paged.totalCount).toBe(expected.length);
  });

  it('an analyst and an admin see the whole floor', async () => {
    for (const who of ['analyst', 'admin']) expect(pairs((await findings(tokens[who]!)).all)).toEqual([...expected].sort());
  });

  it('a supervisor sees exactly the findings on their team’s accounts', async () => {
    for (const who of ['supervisor1', 'supervisor2']) {
      const team = await scalar(server, "select team_id from agent where email = ?", [`${who}@demo.test`]);
      const teamAccounts = new Set((await sql(server, 'select id from account where team_id = ?', [team])).map((r) => Number(r.id)));
      const mine = expected.filter((e) => teamAccounts.has(Number(e.split(':')[1])));
      const { all, totalCount } = await findings(tokens[who]!);
      expect(pairs(all)).toEqual(mine.sort());
      expect(totalCount).toBe(mine.length);
    }
    const all = await findings(tokens.supervisor1!);
    const other = await findings(tokens.supervisor2!);
    expect(all.all.length + other.all.length).toBeGreaterThan(0);
  });

  it('an agent is still FORBIDDEN', async () => {
    expect(errorCode(await gql(server.url, QUERY, { first: 10 }, tokens.agent1))).toBe('FORBIDDEN');
  });
});
