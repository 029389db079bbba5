import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPool, accountState, money } from '../utils/accounts.js';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { localId, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';

let server: TestServer;
let pool: AccountPool;
const { tokens, tokenOf } = tokenCache(() => server.url);
const take = async (options: { minDues?: number; minBalance?: number } = {}) => {
  const account = await pool.take(options);
  return { account, token: await tokenOf(account.agentEmail) };
};
beforeAll(async () => {
  server = await startTestServer();
  pool = new AccountPool(server);
});
afterAll(async () => {
  await server?.stop();
});

const CREATE_PROMISE = 'mutation($input: CreatePromiseInput!) { createPromise(input: $input) { id status dueDate graceEndsOn version amount { amount currencyCode } } }';
const APPROVE_PROMISE = 'mutation($id: ID!) { approvePromise(id: $id) { id status } }';
const REJECT_PROMISE = 'mutation($id: ID!, $reason: String!) { rejectPromise(id: $id, reason: $reason) { id status statusReason } }';
const CANCEL_PROMISE = 'mutation($id: ID!, $reason: String!, $v: Int) { cancelPromise(id: $id, reason: $reason, expectedVersion: $v) { id status } }';
const PROPOSE = 'mutation($input: ProposePlanInput!) { proposePaymentPlan(input: $input) { id status isSettlement statusReason total { amount } instalments { sequence dueDate amount { amount } } } }';
const APPROVE_PLAN = 'mutation($id: ID!) { approvePaymentPlan(id: $id) { id status } }';
const CANCEL_PLAN = 'mutation($id: ID!, $reason: String!) { cancelPaymentPlan(id: $id, reason: $reason) { id status } }';
const REQUEST_WRITE_OFF = 'mutation($id: ID!, $reason: String!) { requestWriteOff(accountId: $id, reason: $reason) { id status amount { amount } } }';
const APPROVE_WRITE_OFF = 'mutation($id: ID!) { approveWriteOff(id: $id) { id status amount { amount } account { status bucket writtenOffAmount { amount } } } }';
const REJECT_WRITE_OFF = 'mutation($id: ID!, $note: String!) { rejectWriteOff(id: $id, note: $note) { id status } }';

const promise = (accountId: string, amount: { amount: string; currencyCode: string }, dueDate: string, token: string) =>
  gql(server.url, CREATE_PROMISE, { input: { accountId, amount, dueDate } }, token);

describe('promises (DOMAIN.md §4)', () => {
  it('takes a promise due from today to today + 30 days, with two days of grace', async () => {
    const { account, token } = await take();
    const amount = money(Math.ceil(account.amountDue * 0.1) + 100, account.currency);
    const today = ok(await promise(account.gid, amount, '2026-11-18', token)).createPromise;
    expect(today).toMatchObject({ status: 'PENDING', dueDate: '2026-11-18', graceEndsOn: '2026-11-20' });
    const last = ok(await promise(account.gid, amount, '2026-12-18', token)).createPromise;
    expect(last.graceEndsOn).toBe('2026-12-20');
  });

  it.each([
    ['zero', 0, '2026-11-25'],
    ['a negative amount', -100, '2026-11-25'],
    ['more than the balance', 'balance+1', '2026-11-25'],
    ['a due date yesterday', 1000, '2026-11-17'],
    ['a due date 31 days out', 1000, '2026-12-19'],
    ['an impossible date', 1000, '2026-11-31'],
  ] as const)('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, amount, dueDate) => {
    const { account, token } = await take();
    const minor = amount === 'balance+1' ? account.balance + 1 : amount;
    const r = await expectNothingWritten(server, () => promise(account.gid, money(minor, account.currency), dueDate, token));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });

  it('refuses a promise in another currency', async () => {
    const { account, token } = await take();
    const r = await expectNothingWritten(server, () => promise(account.gid, money(1000, account.currency === 'USD' ? 'MXN' : 'USD'), '2026-11-25', token));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });

  it('sends a promise below 10% of the amount due to the team’s supervisor, and only them', async () => {
    const { account, token } = await take({ minBalance: 20_000 });
    const below = Math.floor(account.amountDue * 0.1) - 1;
    const p = ok(await promise(account.gid, money(Math.max(1, below), account.currency), '2026-11-25', token)).createPromise;
    expect(p.status).toBe('PENDING_APPROVAL');
    for (const email of [account.agentEmail, 'supervisor2@demo.test', 'analyst@demo.test']) {
      const r = await expectNothingWritten(server, async () => gql(server.url, APPROVE_PROMISE, { id: p.id }, await tokenOf(email)));
      expect(errorCode(r), email).toBe(email === 'supervisor2@demo.test' ? 'NOT_FOUND' : 'FORBIDDEN');
    }
    const approved = ok(await gql(server.url, APPROVE_PROMISE, { id: p.id }, await tokenOf('supervisor1@demo.test'))).approvePromise;
    expect(approved.status).toBe('PENDING');
    const again = await expectNothingWritten(server, async () => gql(server.url, APPROVE_PROMISE, { id: p.id }, await tokenOf('supervisor1@demo.test')));
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('lets the supervisor reject a promise below the minimum, with a reason', async () => {
    const { account, token } = await take({ minBalance: 20_000 });
    const p = ok(await promise(account.gid, money(Math.max(1, Math.floor(account.amountDue * 0.05)), account.currency), '2026-11-25', token)).createPromise;
    expect(p.status).toBe('PENDING_APPROVAL');
    const supervisor = await tokenOf('supervisor1@demo.test');
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, REJECT_PROMISE, { id: p.id, reason: '' }, supervisor)))).toBe('BAD_USER_INPUT');
    const rejected = ok(await gql(server.url, REJECT_PROMISE, { id: p.id, reason: 'Too little for a B3 account' }, supervisor)).rejectPromise;
    expect(rejected).toMatchObject({ status: 'CANCELLED', statusReason: 'Too little for a B3 account' });
  });

  it('cancels a pending promise once; a stale version is CONFLICT', async () => {
    const { account, token } = await take();
    const p = ok(await promise(account.gid, money(Math.ceil(account.amountDue * 0.1) + 100, account.currency), '2026-11-25', token)).createPromise;
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, CANCEL_PROMISE, { id: p.id, reason: 'Customer changed mind', v: p.version + 1 }, token)))).toBe('CONFLICT');
    expect(ok(await gql(server.url, CANCEL_PROMISE, { id: p.id, reason: 'Customer changed mind', v: p.version }, token)).cancelPromise.status).toBe('CANCELLED');
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, CANCEL_PROMISE, { id: p.id, reason: 'again' }, token)))).toBe('CONFLICT');
  });
});

const monthly = (count: number, total: number, currency: string, first = '2026-11-25') => {
  const each = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(`${first}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + i);
    return { dueDate: d.toISOString().slice(0, 10), amount: money(i === count - 1 ? total - each * (count - 1) : each, currency) };
  });
};

describe('payment plans (DOMAIN.md §4)', () => {
  it('activates a plan within policy and puts the account IN_ARRANGEMENT; cancelling puts it back', async () => {
    const { account, token } = await take();
    const plan = ok(await gql(server.url, PROPOSE, { input: { accountId: account.gid, total: money(account.balance, account.currency), instalments: monthly(6, account.balance, account.currency) } }, token)).proposePaymentPlan;
    expect(plan).toMatchObject({ status: 'ACTIVE', isSettlement: false });
    expect(plan.instalments).toHaveLength(6);
    expect((await accountState(server, account.id)).status).toBe('IN_ARRANGEMENT');
    const second = await expectNothingWritten(server, () =>
      gql(server.url, PROPOSE, { input: { accountId: account.gid, total: money(account.balance, account.currency), instalments: monthly(2, account.balance, account.currency) } }, token),
    );
    expect(errorCode(second)).toBe('CONFLICT');
    ok(await gql(server.url, CANCEL_PLAN, { id: plan.id, reason: 'Customer lost job' }, token));
    expect((await accountState(server, account.id)).status).toBe('ACTIVE');
  });

  it.each([
    ['instalments one cent short of the total', (total: number, c: string) => ({ total: money(total, c), instalments: monthly(3, total - 1, c) })],
    ['instalments one cent over the total', (total: number, c: string) => ({ total: money(total, c), instalments: monthly(3, total + 1, c) })],
    ['a single instalment', (total: number, c: string) => ({ total: money(total, c), instalments: monthly(1, total, c) })],
    ['25 instalments', (total: number, c: string) => ({ total: money(total, c), instalments: monthly(25, total, c) })],
    ['a first instalment in the past', (total: number, c: string) => ({ total: money(total, c), instalments: monthly(3, total, c, '2026-11-17') })],
    ['a total above the balance', (total: number, c: string) => ({ total: money(total + 100, c), instalments: monthly(3, total + 100, c) })],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, terms) => {
    const { account, token } = await take();
    const r = await expectNothingWritten(server, () => gql(server.url, PROPOSE, { input: { accountId: account.gid, ...terms(account.balance, account.currency) } }, token));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });

  /** What an agent may agree alone on this account: its bucket's treatment strategy. */
  const ceilingsOf = async (accountId: number) => {
    const [row] = await sql(server, 'select s.max_discount, s.max_instalments from treatment_strategy s join account a on a.bucket = s.bucket where a.id = ?', [accountId]);
    return { maxDiscount: Number(row!.max_discount), maxInstalments: Number(row!.max_instalments) };
  };

  it.each([
    ['a settlement discount above the bucket’s ceiling', 'discount'],
    ['more instalments than the bucket allows', 'instalments'],
  ] as const)('sends %s to the supervisor; an agent cannot approve it', async (_name, exceed) => {
    const { account, token } = await take();
    const ceilings = await ceilingsOf(account.id);
    const total = exceed === 'discount' ? Math.floor(account.balance * (1 - ceilings.maxDiscount)) - 100 : account.balance;
    const count = exceed === 'instalments' ? ceilings.maxInstalments + 1 : 2;
    const plan = ok(await gql(server.url, PROPOSE, { input: { accountId: account.gid, total: money(total, account.currency), instalments: monthly(count, total, account.currency) } }, token)).proposePaymentPlan;
    expect(plan.status).toBe('PENDING_APPROVAL');
    expect((await accountState(server, account.id)).status).toBe('ACTIVE');
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, APPROVE_PLAN, { id: plan.id }, token)))).toBe('FORBIDDEN');
    const approved = ok(await gql(server.url, APPROVE_PLAN, { id: plan.id }, await tokenOf('supervisor1@demo.test'))).approvePaymentPlan;
    expect(approved.status).toBe('ACTIVE');
    expect((await accountState(server, account.id)).status).toBe('IN_ARRANGEMENT');
  });

  it('lets an agent agree, alone, exactly what the bucket’s strategy allows', async () => {
    const { account, token } = await take();
    const ceilings = await ceilingsOf(account.id);
    const total = Math.ceil(account.balance * (1 - ceilings.maxDiscount));
    const plan = ok(await gql(server.url, PROPOSE, { input: { accountId: account.gid, total: money(total, account.currency), instalments: monthly(Math.min(ceilings.maxInstalments, 24), total, account.currency) } }, token)).proposePaymentPlan;
    expect(plan.status).toBe('ACTIVE');
  });

  it('marks a plan below the balance as a settlement', async () => {
    const { account, token } = await take();
    const total = account.balance - 1;
    const plan = ok(await gql(server.url, PROPOSE, { input: { accountId: account.gid, total: money(total, account.currency), instalments: monthly(4, total, account.currency) } }, token)).proposePaymentPlan;
    expect(plan.isSettlement).toBe(true);
    const full = await take();
    const whole = ok(await gql(server.url, PROPOSE, { input: { accountId: full.account.gid, total: money(full.account.balance, full.account.currency), instalments: monthly(4, full.account.balance, full.account.currency) } }, full.token)).proposePaymentPlan;
    expect(whole.isSettlement).toBe(false);
  });
});

describe('write-offs (DOMAIN.md §4)', () => {
  it('is requested by the agent and approved by a manager: WRITTEN_OFF in CHARGE_OFF, amount kept', async () => {
    const { account, token } = await take();
    const request = ok(await gql(server.url, REQUEST_WRITE_OFF, { id: account.gid, reason: 'Customer abroad, no assets' }, token)).requestWriteOff;
    expect(request.status).toBe('REQUESTED');
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, REQUEST_WRITE_OFF, { id: account.gid, reason: 'again please' }, token)))).toBe('CONFLICT');
    for (const email of [account.agentEmail, 'supervisor1@demo.test', 'admin@demo.test', 'analyst@demo.test']) {
      const r = await expectNothingWritten(server, async () => gql(server.url, APPROVE_WRITE_OFF, { id: request.id }, await tokenOf(email)));
      expect(errorCode(r), email).toBe('FORBIDDEN');
    }
    const approved = ok(await gql(server.url, APPROVE_WRITE_OFF, { id: request.id }, await tokenOf('manager@demo.test'))).approveWriteOff;
    expect(approved.status).toBe('APPROVED');
    expect(approved.account).toMatchObject({ status: 'WRITTEN_OFF', bucket: 'CHARGE_OFF', writtenOffAmount: { amount: money(account.balance, account.currency).amount } });
    expect(errorCode(await expectNothingWritten(server, async () => gql(server.url, APPROVE_WRITE_OFF, { id: request.id }, await tokenOf('manager@demo.test'))))).toBe('CONFLICT');
  });

  it('never lets the requester decide on their own request', async () => {
    const { account } = await take();
    const manager = await tokenOf('manager@demo.test');
    const request = ok(await gql(server.url, REQUEST_WRITE_OFF, { id: account.gid, reason: 'Statute of limitations passed' }, manager)).requestWriteOff;
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, APPROVE_WRITE_OFF, { id: request.id }, manager)))).toBe('FORBIDDEN');
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, REJECT_WRITE_OFF, { id: request.id, note: 'No' }, manager)))).toBe('FORBIDDEN');
    // Another manager decides.
    await server.orm.em.fork().getConnection().execute(
      "insert into agent (email, name, role, password_hash, active, presence, created_at) select 'manager2@demo.test', 'Second Manager', role, password_hash, active, presence, created_at from agent where email = 'manager@demo.test'",
    );
    const rejected = ok(await gql(server.url, REJECT_WRITE_OFF, { id: request.id, note: 'Still collectible' }, await tokenOf('manager2@demo.test'))).rejectWriteOff;
    expect(rejected.status).toBe('REJECTED');
    expect((await accountState(server, account.id)).status).toBe('ACTIVE');
    const [row] = await sql(server, 'select decided_by_id, decision_note from write_off where id = ?', [localId(request.id)]);
    expect(row!.decision_note).toBe('Still collectible');
  });

  it('refuses a write-off request without a reason', async () => {
    const { account, token } = await take();
    expect(errorCode(await expectNothingWritten(server, () => gql(server.url, REQUEST_WRITE_OFF, { id: account.gid, reason: ' ' }, token)))).toBe('BAD_USER_INPUT');
  });
});
