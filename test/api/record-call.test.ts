import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { agentId, globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { dbDigest, expectNothingWritten } from '../utils/unchanged.js';

/**
 * recordCall (DOMAIN.md §3): one call and whatever its disposition implies, in one transaction. Every
 * implication is checked in the database; every refusal by its exact code and by proving no table changed.
 */

let server: TestServer;
let analyst: string;
let analystKey: string;
const tokens = new Map<string, string>();
const used = new Set<number>();

beforeAll(async () => {
  server = await startTestServer();
  analyst = await login(server.url, 'analyst@demo.test');
  const admin = await login(server.url, 'admin@demo.test');
  analystKey = ok(await gql(server.url, 'mutation { createApiKey(name: "record-call BI") { key } }', {}, admin)).createApiKey.key;
});
afterAll(async () => {
  await server?.stop();
});

async function tokenOf(email: string): Promise<string> {
  if (!tokens.has(email)) tokens.set(email, await login(server.url, email));
  return tokens.get(email)!;
}

const RECORD = `mutation($input: RecordCallInput!) { recordCall(input: $input) {
  id disposition direction phoneNumber startedAt answeredAt endedAt talkSeconds wrapSeconds reasonCode callbackAt notes scriptVersion
  agent { email }
  account { id status version lastCall { id disposition } }
} }`;

/** DOMAIN.md §3, written out again here as the test's own oracle: the dispositions that are a contact. */
const CONTACT = new Set([
  'PROMISE_TO_PAY', 'PAYMENT_TAKEN', 'PAYMENT_PLAN', 'REFUSED_TO_PAY', 'HARDSHIP', 'DISPUTE', 'CALLBACK_REQUESTED', 'ROUTED',
  'ALREADY_PAID', 'CEASE_REQUEST', 'THIRD_PARTY_MESSAGE', 'THIRD_PARTY_NO_MESSAGE', 'WRONG_NUMBER', 'DECEASED', 'BANKRUPTCY',
  'ATTORNEY_REPRESENTED',
]);

// The suite's clock stands at 2026-11-18T16:00Z (10:00 on the floor); every call ended before that.
const STARTED = '2026-11-18T15:40:00.000Z';
const ANSWERED = '2026-11-18T15:40:15.000Z';
const ENDED_TALKING = '2026-11-18T15:45:15.000Z'; // 300 s after ANSWERED
const ENDED_RINGING = '2026-11-18T15:40:40.000Z';
const TODAY = '2026-11-18';

interface Acc {
  id: number;
  gid: string;
  version: number;
  currency: string;
  balance: number;
  amountDue: number;
  customerId: number;
  phoneId: number;
  phoneGid: string;
  phoneValue: string;
  email: string;
  token: string;
}

/**
 * An account nobody in this file used yet, fit for any disposition: ACTIVE, money owed, a usable phone,
 * nothing open on it (promise, plan, referral, dispute), its customer unflagged and with no other
 * account (so a flag on the customer touches this account only).
 */
async function freshAccount(): Promise<Acc> {
  const rows = await sql(
    server,
    `select a.id, a.version, a.currency, a.balance_minor, a.amount_due_minor, a.customer_id, g.email,
       (select min(c.id) from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE' and c.status <> 'INVALID') as phone_id
     from account a join agent g on g.id = a.assigned_agent_id join customer cu on cu.id = a.customer_id
     where g.role = 'AGENT' and a.status = 'ACTIVE' and a.balance_minor >= 10000 and a.amount_due_minor >= 2000 and a.amount_due_minor <= a.balance_minor
       and not cu.cease_communication and not cu.attorney_represented and not cu.bankrupt and not cu.deceased and not cu.review_required
       and exists (select 1 from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE' and c.status <> 'INVALID')
       and (select count(*) from account o where o.customer_id = a.customer_id) = 1
       and not exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status in ('PENDING', 'PENDING_APPROVAL'))
       and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
       and not exists (select 1 from referral r where r.account_id = a.id and r.status in ('OPEN', 'ACCEPTED'))
       and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')
     order by a.id`,
  );
  // The contact policy (DOMAIN.md §6) must let an outbound call through on that phone at STARTED.
  const manager = await tokenOf('manager@demo.test');
  let row: (typeof rows)[number] | undefined;
  for (const candidate of rows.filter((r) => !used.has(Number(r.id)))) {
    const check = ok(
      await gql(server.url, 'query($a: ID!, $p: ID!, $at: DateTimeISO) { contactCheck(accountId: $a, phoneId: $p, at: $at) { allowed } }', {
        a: globalId('Account', Number(candidate.id)),
        p: globalId('ContactPoint', Number(candidate.phone_id)),
        at: STARTED,
      }, manager),
    );
    used.add(Number(candidate.id));
    if (check.contactCheck.allowed) {
      row = candidate;
      break;
    }
  }
  if (!row) throw new Error('no unused account fits');
  const id = Number(row.id);
  const phoneId = Number(row.phone_id);
  const [phone] = await sql(server, 'select value from contact_point where id = ?', [phoneId]);
  return {
    id,
    gid: globalId('Account', id),
    version: Number(row.version),
    currency: String(row.currency),
    balance: Number(row.balance_minor),
    amountDue: Number(row.amount_due_minor),
    customerId: Number(row.customer_id),
    phoneId,
    phoneGid: globalId('ContactPoint', phoneId),
    phoneValue: String(phone!.value),
    email: String(row.email),
    token: await tokenOf(String(row.email)),
  };
}

const decimal = (minor: number): string => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const money = (minor: number, currencyCode: string) => ({ amount: decimal(minor), currencyCode });
const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : typeof v === 'string' && !/^\d+$/.test(v) ? Date.parse(v) : Number(v));
const bool = (v: unknown): boolean => Boolean(Number(v));

/** An outbound call on the account's phone: answered and 300 s of talk for a contact, 25 s of ringing otherwise. */
function callInput(account: Acc, disposition: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const contact = CONTACT.has(disposition);
  return {
    accountId: account.gid,
    direction: 'OUTBOUND',
    phoneId: account.phoneGid,
    startedAt: STARTED,
    answeredAt: contact ? ANSWERED : null,
    endedAt: contact ? ENDED_TALKING : ENDED_RINGING,
    talkSeconds: contact ? 300 : 0,
    wrapSeconds: 45,
    disposition,
    notes: `test ${disposition}`,
    scriptVersion: 'collections-v7',
    ...extra,
  };
}

const record = (input: Record<string, unknown>, token: string) => gql(server.url, RECORD, { input }, token);

/** The tables whose digest differs. */
const changedTables = (before: Record<string, string>, after: Record<string, string>): string[] =>
  Object.keys(before).filter((t) => before[t] !== after[t]).sort();

async function accountRow(id: number) {
  const [a] = await sql(server, 'select balance_minor, amount_due_minor, status, version, last_call_id from account where id = ?', [id]);
  return { balance: Number(a!.balance_minor), amountDue: Number(a!.amount_due_minor), status: String(a!.status), version: Number(a!.version), lastCallId: Number(a!.last_call_id) };
}

async function customerRow(id: number) {
  const [c] = await sql(server, 'select cease_communication, attorney_represented, bankrupt, deceased, review_required, locatable from customer where id = ?', [id]);
  return {
    ceaseCommunication: bool(c!.cease_communication),
    attorneyRepresented: bool(c!.attorney_represented),
    bankrupt: bool(c!.bankrupt),
    deceased: bool(c!.deceased),
    reviewRequired: bool(c!.review_required),
    locatable: String(c!.locatable),
  };
}

const UNFLAGGED = { ceaseCommunication: false, attorneyRepresented: false, bankrupt: false, deceased: false, reviewRequired: false };

/**
 * Records a call and checks what every recorded call must show: the call row as sent, the account's
 * lastCall, the recordCall audit event, and exactly which tables changed. Returns the call's id.
 */
async function recordAndCheck(account: Acc, input: Record<string, unknown>, tables: string[]): Promise<{ callId: number; response: any }> {
  const before = await dbDigest(server);
  const auditBefore = await scalar(server, 'select coalesce(max(id), 0) from audit_event');
  const response = ok(await record(input, account.token)).recordCall;
  const after = await dbDigest(server);
  const callId = localId(response.id);
  const [call] = await sql(server, 'select * from call where id = ?', [callId]);
  expect(call).toBeDefined();
  expect({
    account: Number(call!.account_id),
    agent: Number(call!.agent_id),
    direction: call!.direction,
    phone: call!.phone_id == null ? null : Number(call!.phone_id),
    phoneNumber: call!.phone_number,
    startedAt: ms(call!.started_at),
    answeredAt: call!.answered_at == null ? null : ms(call!.answered_at),
    endedAt: ms(call!.ended_at),
    talk: Number(call!.talk_seconds),
    wrap: Number(call!.wrap_seconds),
    disposition: call!.disposition,
    reasonCode: call!.reason_code ?? null,
    callbackAt: call!.callback_at == null ? null : ms(call!.callback_at),
    notes: call!.notes,
    scriptVersion: call!.script_version,
  }).toEqual({
    account: account.id,
    agent: await agentId(server, account.email),
    direction: input.direction,
    phone: input.phoneId ? account.phoneId : null,
    phoneNumber: input.phoneId ? account.phoneValue : (input.phoneNumber ?? ''),
    startedAt: Date.parse(input.startedAt as string),
    answeredAt: input.answeredAt ? Date.parse(input.answeredAt as string) : null,
    endedAt: Date.parse(input.endedAt as string),
    talk: input.talkSeconds,
    wrap: input.wrapSeconds,
    disposition: input.disposition,
    reasonCode: input.reasonCode ?? null,
    callbackAt: input.callbackAt ? Date.parse(input.callbackAt as string) : null,
    notes: input.notes,
    scriptVersion: input.scriptVersion,
  });
  expect(response.disposition).toBe(input.disposition);
  expect(response.agent.email).toBe(account.email);
  expect(response.account.lastCall.id).toBe(response.id);
  expect((await accountRow(account.id)).lastCallId).toBe(callId);
  const audits = await sql(server, "select actor_agent_id, actor_role, request_id from audit_event where action = 'recordCall' and entity_type = 'Call' and entity_id = ?", [callId]);
  expect(audits.map((a) => [Number(a.actor_agent_id), a.actor_role])).toEqual([[await agentId(server, account.email), 'AGENT']]);
  // Every audit event the request wrote (the call and whatever it implied) carries its request id (§8).
  expect(audits[0]!.request_id).toBeTruthy();
  const written = await sql(server, 'select request_id from audit_event where id > ?', [auditBefore]);
  expect(written.length).toBeGreaterThan(0);
  expect(new Set(written.map((a) => a.request_id))).toEqual(new Set([audits[0]!.request_id]));
  expect(changedTables(before, after)).toEqual([...tables].sort());
  return { callId, response };
}

/** The tables every recorded call writes: the call, the account (lastCall), the audit trail and the agent's KPI counters (day and month). */
const CALL_ONLY = ['account', 'agent_day_counter', 'agent_month_counter', 'audit_event', 'call'];

describe('recordCall: each disposition of DOMAIN.md §3 and what it implies', () => {
  it('PROMISE_TO_PAY creates a PENDING promise tied to the call', async () => {
    const account = await freshAccount();
    const amount = account.amountDue;
    const { callId, response } = await recordAndCheck(
      account,
      callInput(account, 'PROMISE_TO_PAY', { promise: { amount: money(amount, account.currency), dueDate: '2026-11-25' } }),
      [...CALL_ONLY, 'promise_to_pay'],
    );
    const promises = await sql(server, 'select call_id, amount_minor, paid_minor, due_date, grace_ends_on, status, agent_id from promise_to_pay where account_id = ? and call_id = ?', [account.id, callId]);
    expect(promises.map((p) => [Number(p.amount_minor), Number(p.paid_minor), p.due_date, p.grace_ends_on, p.status, Number(p.agent_id)])).toEqual([
      [amount, 0, '2026-11-25', '2026-11-27', 'PENDING', await agentId(server, account.email)],
    ]);
    expect(response.account.status).toBe('ACTIVE');
    const open = ok(await gql(server.url, 'query($id: ID!) { account(id: $id) { openPromise { status dueDate amount { amount currencyCode } } } }', { id: account.gid }, account.token));
    expect(open.account.openPromise).toEqual({ status: 'PENDING', dueDate: '2026-11-25', amount: money(amount, account.currency) });
    const promiseAudit = await scalar(server, "select count(*) from audit_event where entity_type = 'PromiseToPay' and entity_id = (select id from promise_to_pay where call_id = ?)", [callId]);
    expect(promiseAudit).toBe(1);
  });

  it('PROMISE_TO_PAY below the minimum acceptable awaits approval (PENDING_APPROVAL)', async () => {
    const account = await freshAccount();
    const amount = 100; // 1.00, far below 10% of any seeded amount due worth a call
    expect(amount).toBeLessThan(Math.ceil(account.amountDue * 0.1));
    const { callId } = await recordAndCheck(
      account,
      callInput(account, 'PROMISE_TO_PAY', { promise: { amount: money(amount, account.currency), dueDate: TODAY } }),
      [...CALL_ONLY, 'promise_to_pay'],
    );
    expect((await sql(server, 'select status from promise_to_pay where call_id = ?', [callId])).map((p) => p.status)).toEqual(['PENDING_APPROVAL']);
  });

  it('PAYMENT_TAKEN posts a payment that lowers the balance and the amount due', async () => {
    const account = await freshAccount();
    const amount = Math.max(1, Math.floor(account.amountDue / 2));
    const key = randomUUID();
    const { callId, response } = await recordAndCheck(
      account,
      callInput(account, 'PAYMENT_TAKEN', { payment: { amount: money(amount, account.currency), method: 'CARD_TERMINAL', cardLast4: '4242', externalReference: `TERM-${key.slice(0, 8)}`, idempotencyKey: key } }),
      // The running month's bucket figures move with the balance and the money collected.
      [...CALL_ONLY, 'account_due', 'payment', 'payment_allocation', 'bucket_flow', 'bucket_collected'],
    );
    const payments = await sql(server, 'select account_id, amount_minor, status, method, card_last4, idempotency_key from payment where call_id = ?', [callId]);
    expect(payments.map((p) => [Number(p.account_id), Number(p.amount_minor), p.status, p.method, p.card_last4, p.idempotency_key])).toEqual([
      [account.id, amount, 'POSTED', 'CARD_TERMINAL', '4242', key],
    ]);
    const after = await accountRow(account.id);
    expect(after.balance).toBe(account.balance - amount);
    expect(after.amountDue).toBe(account.amountDue - amount);
    expect(response.account.version).toBe(after.version);
  });

  it('PAYMENT_TAKEN replayed with the same idempotency key posts nothing twice', async () => {
    const account = await freshAccount();
    const amount = Math.max(1, Math.floor(account.amountDue / 3));
    const input = callInput(account, 'PAYMENT_TAKEN', { payment: { amount: money(amount, account.currency), method: 'BANK_TRANSFER', idempotencyKey: randomUUID() } });
    const first = ok(await record(input, account.token)).recordCall;
    const replay = await expectNothingWritten(server, () => record(input, account.token));
    // A retry of the same request returns the call that was recorded; nothing is posted twice.
    expect(ok(replay).recordCall.id).toBe(first.id);
    expect(await scalar(server, 'select count(*) from payment where account_id = ? and call_id = ?', [account.id, localId(first.id)])).toBe(1);
    expect((await accountRow(account.id)).balance).toBe(account.balance - amount);
  });

  it('PAYMENT_TAKEN sent twice at once posts one payment and records one call', async () => {
    const account = await freshAccount();
    const amount = Math.max(1, Math.floor(account.amountDue / 4));
    const input = callInput(account, 'PAYMENT_TAKEN', { payment: { amount: money(amount, account.currency), method: 'ONLINE', idempotencyKey: randomUUID() } });
    const calls = () => scalar(server, 'select count(*) from call where account_id = ?', [account.id]);
    const before = await calls();
    const [a, b] = await Promise.all([record(input, account.token), record(input, account.token)]);
    expect(ok(a).recordCall.id).toBe(ok(b).recordCall.id);
    expect(await calls()).toBe(before + 1);
    expect(await scalar(server, 'select count(*) from payment where idempotency_key = ?', [(input.payment as { idempotencyKey: string }).idempotencyKey])).toBe(1);
    expect((await accountRow(account.id)).balance).toBe(account.balance - amount);
  });

  it('PAYMENT_TAKEN with a key already used for another payment is CONFLICT and writes nothing', async () => {
    const account = await freshAccount();
    const key = randomUUID();
    ok(await record(callInput(account, 'PAYMENT_TAKEN', { payment: { amount: money(100, account.currency), method: 'CASH', idempotencyKey: key } }), account.token));
    const r = await expectNothingWritten(server, () =>
      record(callInput(account, 'PAYMENT_TAKEN', { payment: { amount: money(200, account.currency), method: 'CASH', idempotencyKey: key } }), account.token),
    );
    expect(errorCode(r)).toBe('CONFLICT');
  });

  it('PAYMENT_PLAN within policy creates an ACTIVE plan and puts the account IN_ARRANGEMENT', async () => {
    const account = await freshAccount();
    const first = Math.floor(account.balance / 3);
    const instalments = [
      { dueDate: '2026-11-25', amount: money(first, account.currency) },
      { dueDate: '2026-12-25', amount: money(first, account.currency) },
      { dueDate: '2027-01-25', amount: money(account.balance - 2 * first, account.currency) },
    ];
    const { callId, response } = await recordAndCheck(
      account,
      callInput(account, 'PAYMENT_PLAN', { plan: { total: money(account.balance, account.currency), instalments } }),
      [...CALL_ONLY, 'instalment', 'payment_plan'],
    );
    const [plan] = await sql(server, 'select id, status, total_minor from payment_plan where call_id = ?', [callId]);
    expect([plan!.status, Number(plan!.total_minor)]).toEqual(['ACTIVE', account.balance]);
    const rows = await sql(server, 'select sequence, due_date, amount_minor, status from instalment where plan_id = ? order by sequence', [plan!.id]);
    expect(rows.map((i) => [Number(i.sequence), i.due_date, Number(i.amount_minor), i.status])).toEqual([
      [1, '2026-11-25', first, 'PENDING'],
      [2, '2026-12-25', first, 'PENDING'],
      [3, '2027-01-25', account.balance - 2 * first, 'PENDING'],
    ]);
    expect((await accountRow(account.id)).status).toBe('IN_ARRANGEMENT');
    expect(response.account.status).toBe('IN_ARRANGEMENT');
  });

  it('PAYMENT_PLAN outside policy (a 30% settlement discount) waits for approval and leaves the account ACTIVE', async () => {
    const account = await freshAccount();
    const total = Math.floor(account.balance * 0.7);
    const half = Math.floor(total / 2);
    const { callId } = await recordAndCheck(
      account,
      callInput(account, 'PAYMENT_PLAN', {
        plan: {
          total: money(total, account.currency),
          instalments: [
            { dueDate: '2026-11-30', amount: money(half, account.currency) },
            { dueDate: '2026-12-30', amount: money(total - half, account.currency) },
          ],
        },
      }),
      [...CALL_ONLY, 'instalment', 'payment_plan'],
    );
    expect((await sql(server, 'select status from payment_plan where call_id = ?', [callId])).map((p) => p.status)).toEqual(['PENDING_APPROVAL']);
    expect((await accountRow(account.id)).status).toBe('ACTIVE');
  });

  it('ROUTED opens a referral from the call and the account is ROUTED', async () => {
    const account = await freshAccount();
    const { callId, response } = await recordAndCheck(
      account,
      callInput(account, 'ROUTED', { referral: { to: 'RETENTION', reason: 'Wants to close the card' } }),
      [...CALL_ONLY, 'referral'],
    );
    const referrals = await sql(server, 'select account_id, queue, reason, status, created_by_id from referral where call_id = ?', [callId]);
    expect(referrals.map((r) => [Number(r.account_id), r.queue, r.reason, r.status, Number(r.created_by_id)])).toEqual([
      [account.id, 'RETENTION', 'Wants to close the card', 'OPEN', await agentId(server, account.email)],
    ]);
    expect((await accountRow(account.id)).status).toBe('ROUTED');
    expect(response.account.status).toBe('ROUTED');
  });

  it.each([
    ['DISPUTE', 'DISPUTE', 'Never had this card'],
    ['ALREADY_PAID', 'PAYMENT_INVESTIGATION', 'Paid at the branch on 2026-11-10'],
  ])('%s opens an OPEN %s and the account is DISPUTED', async (disposition, kind, reason) => {
    const account = await freshAccount();
    await recordAndCheck(account, callInput(account, disposition, { dispute: { reason } }), [...CALL_ONLY, 'dispute']);
    const disputes = await sql(server, 'select kind, channel, reason, status, opened_by_id, opened_at from dispute where account_id = ? and status = ?', [account.id, 'OPEN']);
    expect(disputes.map((d) => [d.kind, d.channel, d.reason, d.status, Number(d.opened_by_id), ms(d.opened_at)])).toEqual([
      [kind, 'PHONE', reason, 'OPEN', await agentId(server, account.email), server.clock.now().getTime()],
    ]);
    expect((await accountRow(account.id)).status).toBe('DISPUTED');
  });

  it('CALLBACK_REQUESTED stores the callback time the customer chose', async () => {
    const account = await freshAccount();
    const callbackAt = '2026-11-19T17:30:00.000Z';
    const { callId, response } = await recordAndCheck(account, callInput(account, 'CALLBACK_REQUESTED', { callbackAt }), CALL_ONLY);
    expect(response.callbackAt).toBe(callbackAt);
    const [call] = await sql(server, 'select callback_at from call where id = ?', [callId]);
    expect(ms(call!.callback_at)).toBe(Date.parse(callbackAt));
  });

  it.each([
    ['REFUSED_TO_PAY', { reasonCode: 'NO_INTENTION' }],
    ['HARDSHIP', { reasonCode: 'UNEMPLOYED' }],
    ['THIRD_PARTY_MESSAGE', {}],
    ['THIRD_PARTY_NO_MESSAGE', {}],
    ['NO_ANSWER', {}],
    ['BUSY', {}],
    ['ANSWERING_MACHINE_NO_MESSAGE', {}],
    ['DROPPED', {}],
    // A machine answered and a limited-content message was left: answered, with talk time, not a contact.
    ['ANSWERING_MACHINE_MESSAGE', { answeredAt: '2026-11-18T15:40:20.000Z', endedAt: '2026-11-18T15:40:45.000Z', talkSeconds: 25 }],
  ])('%s records the call and nothing else', async (disposition, extra) => {
    const account = await freshAccount();
    const customerBefore = await customerRow(account.customerId);
    const { response } = await recordAndCheck(account, callInput(account, disposition, extra), CALL_ONLY);
    expect(response.reasonCode).toBe((extra as { reasonCode?: string }).reasonCode ?? null);
    expect(await customerRow(account.customerId)).toEqual(customerBefore);
    expect((await accountRow(account.id)).status).toBe('ACTIVE');
  });

  it.each([
    ['CEASE_REQUEST', { ...UNFLAGGED, ceaseCommunication: true }],
    ['DECEASED', { ...UNFLAGGED, deceased: true, reviewRequired: true }],
    ['BANKRUPTCY', { ...UNFLAGGED, bankrupt: true, reviewRequired: true }],
    ['ATTORNEY_REPRESENTED', { ...UNFLAGGED, attorneyRepresented: true }],
  ])('%s flags the customer', async (disposition, flags) => {
    const account = await freshAccount();
    const before = await customerRow(account.customerId);
    expect(before).toEqual({ ...UNFLAGGED, locatable: before.locatable });
    await recordAndCheck(account, callInput(account, disposition), [...CALL_ONLY, 'customer']);
    expect(await customerRow(account.customerId)).toEqual({ ...flags, locatable: before.locatable });
    const audits = await sql(server, "select before, after from audit_event where action = 'recordCall' and entity_type = 'Customer' and entity_id = ?", [account.customerId]);
    expect(audits).toHaveLength(1);
    const after = typeof audits[0]!.after === 'string' ? JSON.parse(audits[0]!.after) : audits[0]!.after;
    expect(Object.fromEntries(Object.entries(after).filter(([k]) => k in UNFLAGGED))).toEqual(flags);
    // The customer shows it through the API too.
    const seen = ok(
      await gql(
        server.url,
        'query($id: ID!) { account(id: $id) { customer { ceaseCommunication attorneyRepresented bankrupt deceased reviewRequired } } }',
        { id: account.gid },
        account.token,
      ),
    );
    expect(seen.account.customer).toEqual(flags);
  });

  it.each(['WRONG_NUMBER', 'DISCONNECTED_NUMBER'])('%s marks the phone INVALID with a history row', async (disposition) => {
    const account = await freshAccount();
    const usableLeft = await scalar(
      server,
      "select count(*) from contact_point where customer_id = ? and kind in ('PHONE', 'ADDRESS') and status <> 'INVALID' and id <> ?",
      [account.customerId, account.phoneId],
    );
    const tables = [...CALL_ONLY, 'contact_point', 'contact_point_change', ...(usableLeft === 0 ? ['customer'] : [])];
    const { callId } = await recordAndCheck(account, callInput(account, disposition), tables);
    expect((await sql(server, 'select status from contact_point where id = ?', [account.phoneId])).map((p) => p.status)).toEqual(['INVALID']);
    const history = await sql(server, "select change, old_value, new_value, source, reason, changed_by_id, at from contact_point_change where contact_point_id = ? and change = 'INVALIDATED'", [account.phoneId]);
    expect(history.map((h) => [h.old_value, h.new_value, h.source, h.reason, Number(h.changed_by_id), ms(h.at)])).toEqual([
      [account.phoneValue, null, 'CALL', disposition, await agentId(server, account.email), server.clock.now().getTime()],
    ]);
    expect((await customerRow(account.customerId)).locatable).toBe(usableLeft === 0 ? 'UNLOCATABLE' : 'LOCATABLE');
    expect(await scalar(server, 'select phone_id from call where id = ?', [callId])).toBe(account.phoneId);
  });

  it('an INBOUND call from an unknown number needs no phone and keeps the caller id', async () => {
    const account = await freshAccount();
    const input = callInput(account, 'REFUSED_TO_PAY', { direction: 'INBOUND', phoneId: null, phoneNumber: '+525598765432' });
    const { response } = await recordAndCheck(account, input, CALL_ONLY);
    expect(response.phoneNumber).toBe('+525598765432');
  });

  it('lastCall follows the newest recorded call, and the version moves on', async () => {
    const account = await freshAccount();
    const first = ok(await record(callInput(account, 'NO_ANSWER'), account.token)).recordCall;
    const second = ok(
      await record(
        callInput(account, 'BUSY', { startedAt: '2026-11-18T15:50:00.000Z', endedAt: '2026-11-18T15:50:10.000Z', expectedVersion: first.account.version }),
        account.token,
      ),
    ).recordCall;
    expect(second.account.lastCall).toEqual({ id: second.id, disposition: 'BUSY' });
    expect(second.account.version).toBeGreaterThan(first.account.version);
    expect(first.account.version).toBeGreaterThan(account.version);
  });

  it('a call recorded late (it started before the last call) is stored but does not become the last call', async () => {
    const account = await freshAccount();
    const latest = ok(await record(callInput(account, 'BUSY', { startedAt: '2026-11-18T15:50:00.000Z', endedAt: '2026-11-18T15:50:10.000Z' }), account.token)).recordCall;
    const late = ok(await record(callInput(account, 'NO_ANSWER', { startedAt: '2026-11-18T15:30:00.000Z', endedAt: '2026-11-18T15:30:25.000Z' }), account.token)).recordCall;
    expect(late.account.lastCall.id).toBe(latest.id);
    expect((await accountRow(account.id)).lastCallId).toBe(localId(latest.id));
    expect(await scalar(server, 'select count(*) from call where id = ?', [localId(late.id)])).toBe(1);
  });

  it('a supervisor records a call on an account of their team', async () => {
    const account = await freshAccount();
    const [team] = await sql(server, 'select t.name from account a join team t on t.id = a.team_id where a.id = ?', [account.id]);
    const supervisor = `supervisor${String(team!.name).replace('Team ', '')}@demo.test`;
    const r = ok(await record(callInput(account, 'NO_ANSWER'), await tokenOf(supervisor))).recordCall;
    expect(r.agent.email).toBe(supervisor);
    const [call] = await sql(server, 'select agent_id, team_id from call where id = ?', [localId(r.id)]);
    expect([Number(call!.agent_id), Number(call!.team_id)]).toEqual([
      await agentId(server, supervisor),
      await scalar(server, 'select team_id from account where id = ?', [account.id]),
    ]);
  });
});

describe('recordCall refuses, with the exact code, and writes nothing', () => {
  let account: Acc;
  let otherAgentsAccount: Acc;
  beforeAll(async () => {
    account = await freshAccount();
    otherAgentsAccount = await freshAccount();
    // The refusals below must be about the call itself, not about a second agent.
    if (otherAgentsAccount.email === account.email) {
      do otherAgentsAccount = await freshAccount();
      while (otherAgentsAccount.email === account.email);
    }
  });

  async function refused(input: Record<string, unknown>, token: string | undefined, code: string, argument?: string): Promise<void> {
    const r = await expectNothingWritten(server, () => gql(server.url, RECORD, { input }, token));
    expect(errorCode(r)).toBe(code);
    if (argument) expect(r.errors?.[0]?.extensions?.argument).toBe(argument);
  }

  it('PROMISE_TO_PAY without a promise (BAD_USER_INPUT)', async () => {
    await refused(callInput(account, 'PROMISE_TO_PAY'), account.token, 'BAD_USER_INPUT', 'promise');
  });

  it('NO_ANSWER with a promise (BAD_USER_INPUT)', async () => {
    await refused(callInput(account, 'NO_ANSWER', { promise: { amount: money(1000, account.currency), dueDate: TODAY } }), account.token, 'BAD_USER_INPUT', 'promise');
  });

  it.each([299, 301])('talkSeconds %i that disagrees with the times by one second (BAD_USER_INPUT)', async (talkSeconds) => {
    await refused(callInput(account, 'REFUSED_TO_PAY', { talkSeconds }), account.token, 'BAD_USER_INPUT', 'talkSeconds');
  });

  it('a call that ends one second in the future (BAD_USER_INPUT)', async () => {
    const end = new Date(server.clock.now().getTime() + 1000).toISOString();
    await refused(callInput(account, 'BUSY', { endedAt: end }), account.token, 'BAD_USER_INPUT', 'endedAt');
  });

  it.each(['NO_ANSWER', 'BUSY'])('%s with an answer time and talk (BAD_USER_INPUT)', async (disposition) => {
    await refused(callInput(account, disposition, { answeredAt: ANSWERED, endedAt: ENDED_TALKING, talkSeconds: 300 }), account.token, 'BAD_USER_INPUT', 'answeredAt');
  });

  it('a contact without answeredAt (BAD_USER_INPUT)', async () => {
    await refused(callInput(account, 'REFUSED_TO_PAY', { answeredAt: null, talkSeconds: 0 }), account.token, 'BAD_USER_INPUT', 'answeredAt');
  });

  it('HARDSHIP without a reason code (BAD_USER_INPUT)', async () => {
    await refused(callInput(account, 'HARDSHIP'), account.token, 'BAD_USER_INPUT', 'reasonCode');
    await refused(callInput(account, 'HARDSHIP', { reasonCode: '   ' }), account.token, 'BAD_USER_INPUT', 'reasonCode');
  });

  it('an outbound call without phoneId (BAD_USER_INPUT)', async () => {
    await refused(callInput(account, 'NO_ANSWER', { phoneId: null }), account.token, 'BAD_USER_INPUT', 'phoneId');
  });

  it('a phone of another customer (BAD_USER_INPUT)', async () => {
    await refused(callInput(account, 'NO_ANSWER', { phoneId: otherAgentsAccount.phoneGid }), account.token, 'BAD_USER_INPUT', 'phoneId');
  });

  it('an agent recording on another agent’s account (NOT_FOUND)', async () => {
    await refused(callInput(otherAgentsAccount, 'NO_ANSWER'), account.token, 'NOT_FOUND');
  });

  it('a supervisor recording on another team’s account (NOT_FOUND)', async () => {
    const [team] = await sql(server, 'select t.name from account a join team t on t.id = a.team_id where a.id = ?', [account.id]);
    const n = Number(String(team!.name).replace('Team ', ''));
    const other = `supervisor${(n % 4) + 1}@demo.test`;
    await refused(callInput(account, 'NO_ANSWER'), await tokenOf(other), 'NOT_FOUND');
  });

  it('an analyst, signed in or by API key (FORBIDDEN)', async () => {
    await refused(callInput(account, 'NO_ANSWER'), analyst, 'FORBIDDEN');
    await refused(callInput(account, 'NO_ANSWER'), analystKey, 'FORBIDDEN');
  });

  it('anonymous (UNAUTHENTICATED)', async () => {
    await refused(callInput(account, 'NO_ANSWER'), undefined, 'UNAUTHENTICATED');
  });

  it('a stale expectedVersion (CONFLICT)', async () => {
    const version = Number(await scalar(server, 'select version from account where id = ?', [account.id]));
    await refused(callInput(account, 'NO_ANSWER', { expectedVersion: version - 1 }), account.token, 'CONFLICT');
    await refused(callInput(account, 'NO_ANSWER', { expectedVersion: version + 1 }), account.token, 'CONFLICT');
  });

  it('a callback time on a call that is not CALLBACK_REQUESTED, and one before the call ended (BAD_USER_INPUT)', async () => {
    await refused(callInput(account, 'BUSY', { callbackAt: '2026-11-19T17:00:00.000Z' }), account.token, 'BAD_USER_INPUT', 'callbackAt');
    await refused(callInput(account, 'CALLBACK_REQUESTED', { callbackAt: '2026-11-18T15:45:00.000Z' }), account.token, 'BAD_USER_INPUT', 'callbackAt');
  });

  it('an account that does not exist (NOT_FOUND)', async () => {
    const r = await expectNothingWritten(server, () => record(callInput(account, 'NO_ANSWER', { accountId: globalId('Account', 999_999) }), account.token));
    expect(errorCode(r)).toBe('NOT_FOUND');
  });

  describe('atomicity: when what the disposition implies is refused, no call is left either', () => {
    it('PAYMENT_TAKEN over the balance', async () => {
      await refused(
        callInput(account, 'PAYMENT_TAKEN', { payment: { amount: money(account.balance + 1, account.currency), method: 'CASH', idempotencyKey: randomUUID() } }),
        account.token,
        'BAD_USER_INPUT',
        'amount',
      );
    });

    it('PAYMENT_TAKEN in another currency', async () => {
      const other = account.currency === 'USD' ? 'MXN' : 'USD';
      await refused(callInput(account, 'PAYMENT_TAKEN', { payment: { amount: money(100, other), method: 'CASH', idempotencyKey: randomUUID() } }), account.token, 'BAD_USER_INPUT');
    });

    it('PROMISE_TO_PAY over the balance, or due beyond 30 days', async () => {
      await refused(callInput(account, 'PROMISE_TO_PAY', { promise: { amount: money(account.balance + 1, account.currency), dueDate: TODAY } }), account.token, 'BAD_USER_INPUT', 'promise.amount');
      await refused(callInput(account, 'PROMISE_TO_PAY', { promise: { amount: money(1000, account.currency), dueDate: '2026-12-19' } }), account.token, 'BAD_USER_INPUT', 'promise.dueDate');
    });

    it('PAYMENT_PLAN whose instalments do not add up to the total', async () => {
      await refused(
        callInput(account, 'PAYMENT_PLAN', {
          plan: { total: money(2000, account.currency), instalments: [{ dueDate: '2026-11-30', amount: money(1000, account.currency) }, { dueDate: '2026-12-30', amount: money(999, account.currency) }] },
        }),
        account.token,
        'BAD_USER_INPUT',
        'plan.instalments',
      );
    });

    it('ROUTED to an outside agency while a promise is pending', async () => {
      const withPromise = await freshAccount();
      ok(await record(callInput(withPromise, 'PROMISE_TO_PAY', { promise: { amount: money(withPromise.amountDue, withPromise.currency), dueDate: '2026-11-30' } }), withPromise.token));
      // The customer calls back (inbound: the 7-day quiet after the first conversation does not apply).
      await refused(callInput(withPromise, 'ROUTED', { direction: 'INBOUND', referral: { to: 'OUTSIDE_AGENCY', reason: 'Skip to agency' } }), withPromise.token, 'BAD_USER_INPUT', 'to');
    });

    it('PAYMENT_PLAN on an account that already has an open plan (CONFLICT)', async () => {
      const planned = await freshAccount();
      const half = Math.floor(planned.balance / 2);
      const plan = {
        total: money(planned.balance, planned.currency),
        instalments: [
          { dueDate: '2026-11-30', amount: money(half, planned.currency) },
          { dueDate: '2026-12-30', amount: money(planned.balance - half, planned.currency) },
        ],
      };
      ok(await record(callInput(planned, 'PAYMENT_PLAN', { plan }), planned.token));
      await refused(callInput(planned, 'PAYMENT_PLAN', { direction: 'INBOUND', plan }), planned.token, 'CONFLICT');
    });
  });
});
