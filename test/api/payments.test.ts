import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPool, accountState, decimal, money, unpaidDues } from '../utils/accounts.js';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { globalId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';

let server: TestServer;
let supervisor: string;
let pool: AccountPool;
const { tokens, tokenOf } = tokenCache(() => server.url);
/** A fresh account of Team 1, and the token of the agent who works it. */
const take = async (options: { minDues?: number; minBalance?: number } = {}) => {
  const account = await pool.take(options);
  return { account, token: await tokenOf(account.agentEmail) };
};
beforeAll(async () => {
  server = await startTestServer();
  supervisor = await login(server.url, 'supervisor1@demo.test');
  pool = new AccountPool(server);
});
afterAll(async () => {
  await server?.stop();
});

const RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) {
  id status amount { amount currencyCode } account { balance { amount } amountDue { amount } dpd bucket status version }
} }`;
const REVERSE = 'mutation($id: ID!, $reason: String!) { reversePayment(id: $id, reason: $reason) { id status account { balance { amount } } } }';
const PROMISE = 'mutation($input: CreatePromiseInput!) { createPromise(input: $input) { id status } }';

const pay = (accountId: string, amount: { amount: string; currencyCode: string }, extra: Record<string, unknown>, token: string) =>
  gql(server.url, RECORD, { input: { accountId, amount, method: 'BANK_TRANSFER', externalReference: `REF-${randomUUID().slice(0, 8)}`, idempotencyKey: randomUUID(), ...extra } }, token);

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

describe('posting a payment (DOMAIN.md §4)', () => {
  it('lowers the balance and the amount due oldest first, and re-dates DPD and bucket', async () => {
    const { account, token } = await take({ minDues: 2 });
    const [oldest, next] = await unpaidDues(server, account.id);
    const r = ok(await pay(account.gid, money(oldest!.outstanding, account.currency), {}, token));
    const after = await accountState(server, account.id);
    expect(after.balance).toBe(account.balance - oldest!.outstanding);
    expect(after.amountDue).toBe(account.amountDue - oldest!.outstanding);
    expect(after.oldestUnpaidDueDate).toBe(next!.dueDate);
    expect(after.dpd).toBe(Math.max(0, daysBetween(next!.dueDate, '2026-11-18')));
    expect(r.recordPayment.account.dpd).toBe(after.dpd);
    expect(r.recordPayment.account.balance.amount).toBe(decimal(after.balance));
    expect((await unpaidDues(server, account.id)).map((d) => d.id)).not.toContain(oldest!.id);
    const audit = await sql(server, "select entity_type from audit_event where action = 'recordPayment' and (entity_id = ? or entity_type = 'Payment') order by id desc limit 2", [account.id]);
    expect(audit.map((a) => a.entity_type).sort()).toEqual(['Account', 'Payment']);
  });

  it('settles pending promises oldest first', async () => {
    const { account, token } = await take({ minBalance: 50_000 });
    // At least the minimum acceptable (10% of the amount due), so neither waits for approval.
    const each = Math.max(1000, Math.ceil(account.amountDue * 0.1) + 100);
    const since = await scalar(server, 'select coalesce(max(id), 0) from promise_to_pay');
    const promise = (dueDate: string) => gql(server.url, PROMISE, { input: { accountId: account.gid, amount: money(each, account.currency), dueDate } }, token);
    expect(ok(await promise('2026-11-25')).createPromise.status).toBe('PENDING');
    expect(ok(await promise('2026-11-20')).createPromise.status).toBe('PENDING');
    ok(await pay(account.gid, money(each + 250, account.currency), {}, token));
    const rows = await sql(server, 'select due_date, status, paid_minor from promise_to_pay where account_id = ? and id > ? order by due_date', [account.id, since]);
    expect(rows.map((p) => [p.due_date, p.status, Number(p.paid_minor)])).toEqual([
      ['2026-11-20', 'KEPT', each],
      ['2026-11-25', 'PENDING', 250],
    ]);
  });

  it('refuses more than the balance, zero, negative, another currency and too many decimals, writing nothing', async () => {
    const { account, token } = await take();
    const other = account.currency === 'USD' ? 'MXN' : 'USD';
    for (const amount of [
      money(account.balance + 1, account.currency),
      money(0, account.currency),
      { amount: '-5.00', currencyCode: account.currency },
      money(1000, other),
      { amount: '10.001', currencyCode: account.currency },
      { amount: 'ten', currencyCode: account.currency },
    ]) {
      const r = await expectNothingWritten(server, () => pay(account.gid, amount, {}, token));
      expect(errorCode(r), JSON.stringify(amount)).toBe('BAD_USER_INPUT');
    }
  });

  it('posts exactly the whole balance and marks the account PAID_OFF', async () => {
    const { account, token } = await take();
    const r = ok(await pay(account.gid, money(account.balance, account.currency), {}, token));
    expect(r.recordPayment.account).toMatchObject({ balance: { amount: '0.00' }, amountDue: { amount: '0.00' }, dpd: 0, bucket: 'CURRENT', status: 'PAID_OFF' });
  });

  it('refuses a stale expectedVersion with CONFLICT and writes nothing', async () => {
    const { account, token } = await take();
    const r = await expectNothingWritten(server, () => pay(account.gid, money(100, account.currency), { expectedVersion: account.version - 1 }, token));
    expect(errorCode(r)).toBe('CONFLICT');
  });

  it('refuses an analyst (FORBIDDEN) and another agent’s account (NOT_FOUND), writing nothing', async () => {
    const { account, token } = await take();
    const analyst = await login(server.url, 'analyst@demo.test');
    expect(errorCode(await expectNothingWritten(server, () => pay(account.gid, money(100, account.currency), {}, analyst)))).toBe('FORBIDDEN');
    const other = await login(server.url, 'agent11@demo.test');
    expect(errorCode(await expectNothingWritten(server, () => pay(account.gid, money(100, account.currency), {}, other)))).toBe('NOT_FOUND');
  });
});

describe('idempotency keys', () => {
  it('returns the first payment for a repeated key and posts once', async () => {
    const { account, token } = await take();
    const key = randomUUID();
    const a = ok(await pay(account.gid, money(1000, account.currency), { idempotencyKey: key }, token));
    const b = ok(await pay(account.gid, money(1000, account.currency), { idempotencyKey: key }, token));
    expect(b.recordPayment.id).toBe(a.recordPayment.id);
    expect(await scalar(server, 'select count(*) from payment where idempotency_key = ?', [key])).toBe(1);
    expect((await accountState(server, account.id)).balance).toBe(account.balance - 1000);
  });

  it('posts once when ten requests with one key race', async () => {
    const { account, token } = await take();
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => pay(account.gid, money(700, account.currency), { idempotencyKey: key }, token)));
    const ids = new Set(results.map((r) => ok(r).recordPayment.id));
    expect(ids.size).toBe(1);
    expect(await scalar(server, 'select count(*) from payment where idempotency_key = ?', [key])).toBe(1);
    expect((await accountState(server, account.id)).balance).toBe(account.balance - 700);
  });

  it('refuses a key already used for another payment with CONFLICT', async () => {
    const { account, token } = await take();
    const key = randomUUID();
    ok(await pay(account.gid, money(500, account.currency), { idempotencyKey: key }, token));
    const r = await expectNothingWritten(server, () => pay(account.gid, money(600, account.currency), { idempotencyKey: key }, token));
    expect(errorCode(r)).toBe('CONFLICT');
  });
});

describe('payments racing on one account', () => {
  it('either both post or one gets CONFLICT; the balance is never wrong', async () => {
    const { account, token } = await take();
    const results = await Promise.all([300, 400, 500, 600].map((amount) => pay(account.gid, money(amount, account.currency), {}, token)));
    const posted = results.filter((r) => !r.errors).map((r) => r.data!.recordPayment.amount.amount);
    for (const r of results.filter((r) => r.errors)) expect(errorCode(r)).toBe('CONFLICT');
    expect(posted.length).toBeGreaterThan(0);
    const paid = posted.reduce((sum: number, a: string) => sum + Math.round(Number(a) * 100), 0);
    expect((await accountState(server, account.id)).balance).toBe(account.balance - paid);
  });
});

describe('reversing a payment', () => {
  it('re-opens the promise it kept, the dues it paid and the balance; never twice', async () => {
    const { account, token } = await take({ minBalance: 30_000 });
    const promise = ok(await gql(server.url, PROMISE, { input: { accountId: account.gid, amount: money(20_000, account.currency), dueDate: '2026-11-21' } }, token)).createPromise;
    const duesBefore = await unpaidDues(server, account.id);
    const payment = ok(await pay(account.gid, money(20_000, account.currency), {}, token)).recordPayment;
    const [kept] = await sql(server, 'select status from promise_to_pay where id = ?', [Number(Buffer.from(promise.id, 'base64').toString().split(':')[1])]);
    expect(kept!.status).toBe('KEPT');

    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, REVERSE, { id: payment.id, reason: 'bounced' }, token)))).toBe('FORBIDDEN');
    const reversed = ok(await gql(server.url, REVERSE, { id: payment.id, reason: 'Cheque bounced' }, supervisor)).reversePayment;
    expect(reversed.status).toBe('REVERSED');
    const after = await accountState(server, account.id);
    expect(after.balance).toBe(account.balance);
    expect(after.amountDue).toBe(account.amountDue);
    expect(after.oldestUnpaidDueDate).toBe(account.oldestUnpaidDueDate);
    expect(await unpaidDues(server, account.id)).toEqual(duesBefore);
    const [reopened] = await sql(server, 'select status, paid_minor from promise_to_pay where id = ?', [Number(Buffer.from(promise.id, 'base64').toString().split(':')[1])]);
    expect([reopened!.status, Number(reopened!.paid_minor)]).toEqual(['PENDING', 0]);
    expect(await scalar(server, 'select count(*) from payment where id = ?', [Number(Buffer.from(payment.id, 'base64').toString().split(':')[1])])).toBe(1);

    const again = await expectNothingWritten(server, () => gql(server.url, REVERSE, { id: payment.id, reason: 'Cheque bounced' }, supervisor));
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('is NOT_FOUND for a supervisor of another team and for an unknown payment', async () => {
    const { account, token } = await take();
    const payment = ok(await pay(account.gid, money(100, account.currency), {}, token)).recordPayment;
    const other = await login(server.url, 'supervisor2@demo.test');
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, REVERSE, { id: payment.id, reason: 'bounced' }, other)))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server.url, REVERSE, { id: globalId('Payment', 99_999_999), reason: 'bounced' }, supervisor))).toBe('NOT_FOUND');
  });
});
