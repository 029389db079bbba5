import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { agentId, globalId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { NOW } from '../utils/template.js';
import { expectNothingWritten } from '../utils/unchanged.js';

/**
 * Treatment strategies (managers) and contact profiles (admins): who may read and change them, what
 * they accept, that every change is audited, and that the rules that read them follow at once: plan
 * approval reads a bucket's ceilings, contactCheck a portfolio's profile. Clock: 2026-11-18 16:00Z.
 */
let server: TestServer;
let analystKey: string;
const { tokens, tokenOf } = tokenCache(() => server.url);

beforeAll(async () => {
  server = await startTestServer();
  analystKey = ok(await gql(server.url, 'mutation { createApiKey(name: "treatment BI") { key } }', {}, await tokenOf('admin@demo.test'))).createApiKey.key;
});
afterAll(async () => {
  await server?.stop();
});

const isSqlite = () => server.config.database.kind === 'sqlite';
const flag = (value: boolean): number | boolean => (isSqlite() ? (value ? 1 : 0) : value);
const instantMs = (value: unknown): number => (typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) : new Date(value as string).getTime());

const STRATEGIES = '{ treatmentStrategies { id bucket priority maxDiscount maxInstalments updatedAt updatedBy { email } } }';
const SET_STRATEGY = `mutation($bucket: Bucket!, $priority: Int!, $maxDiscount: Float!, $maxInstalments: Int!) {
  setTreatmentStrategy(bucket: $bucket, priority: $priority, maxDiscount: $maxDiscount, maxInstalments: $maxInstalments) {
    bucket priority maxDiscount maxInstalments updatedAt updatedBy { email } } }`;

async function strategyRow(bucket: string) {
  const [row] = await sql(server, 'select id, priority, max_discount, max_instalments, updated_by_id, updated_at from treatment_strategy where bucket = ?', [bucket]);
  return { id: Number(row!.id), priority: Number(row!.priority), maxDiscount: Number(row!.max_discount), maxInstalments: Number(row!.max_instalments), updatedBy: row!.updated_by_id == null ? null : Number(row!.updated_by_id), updatedAt: instantMs(row!.updated_at) };
}

describe('treatment strategies', () => {
  it('every signed-in viewer reads them, one per bucket in bucket order; nobody else', async () => {
    for (const token of [await tokenOf('agent1@demo.test'), await tokenOf('supervisor1@demo.test'), await tokenOf('manager@demo.test'), await tokenOf('analyst@demo.test'), analystKey]) {
      const list = ok(await gql(server.url, STRATEGIES, {}, token)).treatmentStrategies;
      expect(list.map((s: { bucket: string }) => s.bucket)).toEqual(['CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF']);
      for (const s of list) {
        const row = await strategyRow(s.bucket);
        expect([s.priority, s.maxDiscount, s.maxInstalments]).toEqual([row.priority, row.maxDiscount, row.maxInstalments]);
      }
    }
    expect(errorCode(await gql(server.url, STRATEGIES, {}))).toBe('UNAUTHENTICATED');
  });

  it('a manager (and an admin) sets one: stored, stamped and audited with before and after', async () => {
    const before = await strategyRow('B3');
    server.clock.set(new Date(NOW.getTime() + 60_000));
    try {
      const set = ok(await gql(server.url, SET_STRATEGY, { bucket: 'B3', priority: 9, maxDiscount: 0.25, maxInstalments: 15 }, await tokenOf('manager@demo.test'))).setTreatmentStrategy;
      expect(set).toEqual({ bucket: 'B3', priority: 9, maxDiscount: 0.25, maxInstalments: 15, updatedAt: new Date(NOW.getTime() + 60_000).toISOString(), updatedBy: { email: 'manager@demo.test' } });
      const after = await strategyRow('B3');
      expect(after).toEqual({ id: before.id, priority: 9, maxDiscount: 0.25, maxInstalments: 15, updatedBy: await agentId(server, 'manager@demo.test'), updatedAt: NOW.getTime() + 60_000 });
      const [event] = await sql(server, "select actor_agent_id, actor_role, entity_id, before, after from audit_event where action = 'setTreatmentStrategy' and entity_type = 'TreatmentStrategy' order by id desc", []);
      expect(Number(event!.entity_id)).toBe(before.id);
      expect(event!.actor_role).toBe('MANAGER');
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      expect(parse(event!.before)).toMatchObject({ bucket: 'B3', priority: before.priority, maxDiscount: before.maxDiscount, maxInstalments: before.maxInstalments });
      expect(parse(event!.after)).toMatchObject({ bucket: 'B3', priority: 9, maxDiscount: 0.25, maxInstalments: 15 });

      ok(await gql(server.url, SET_STRATEGY, { bucket: 'B3', priority: before.priority, maxDiscount: before.maxDiscount, maxInstalments: before.maxInstalments }, await tokenOf('admin@demo.test')));
      expect(await strategyRow('B3')).toMatchObject({ priority: before.priority, maxDiscount: before.maxDiscount, maxInstalments: before.maxInstalments, updatedBy: await agentId(server, 'admin@demo.test') });
    } finally {
      server.clock.set(NOW);
    }
  });

  it.each(['agent1@demo.test', 'supervisor1@demo.test', 'analyst@demo.test'])('%s is refused with FORBIDDEN and nothing is written', async (email) => {
    const token = await tokenOf(email);
    const r = await expectNothingWritten(server, () => gql(server.url, SET_STRATEGY, { bucket: 'B1', priority: 1, maxDiscount: 0.5, maxInstalments: 20 }, token));
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it('an API key is refused with FORBIDDEN and nothing is written', async () => {
    const r = await expectNothingWritten(server, () => gql(server.url, SET_STRATEGY, { bucket: 'B1', priority: 1, maxDiscount: 0.5, maxInstalments: 20 }, analystKey));
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it.each<[string, number, number, number, string]>([
    ['priority 0', 0, 0.1, 6, 'priority'],
    ['priority 101', 101, 0.1, 6, 'priority'],
    ['a negative discount', 5, -0.01, 6, 'maxDiscount'],
    ['a discount above 90%', 5, 0.91, 6, 'maxDiscount'],
    ['one instalment', 5, 0.1, 1, 'maxInstalments'],
    ['25 instalments, beyond the policy’s 24', 5, 0.1, 25, 'maxInstalments'],
  ])('%s is BAD_USER_INPUT naming the argument, and nothing is written', async (_name, priority, maxDiscount, maxInstalments, argument) => {
    const manager = await tokenOf('manager@demo.test');
    const r = await expectNothingWritten(server, () => gql(server.url, SET_STRATEGY, { bucket: 'B1', priority, maxDiscount, maxInstalments }, manager));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.argument).toBe(argument);
  });

  it('the edges of each range are accepted', async () => {
    const manager = await tokenOf('manager@demo.test');
    const before = await strategyRow('CURRENT');
    for (const [priority, maxDiscount, maxInstalments] of [
      [1, 0, 2],
      [100, 0.9, 24],
    ]) {
      expect(ok(await gql(server.url, SET_STRATEGY, { bucket: 'CURRENT', priority, maxDiscount, maxInstalments }, manager)).setTreatmentStrategy).toMatchObject({ priority, maxDiscount, maxInstalments });
    }
    ok(await gql(server.url, SET_STRATEGY, { bucket: 'CURRENT', priority: before.priority, maxDiscount: before.maxDiscount, maxInstalments: before.maxInstalments }, manager));
  });

  it('plan approval follows a changed strategy: more instalments, then a deeper discount, agreed without a supervisor', async () => {
    const PROPOSE = 'mutation($input: ProposePlanInput!) { proposePaymentPlan(input: $input) { status statusReason } }';
    const accounts = await sql(
      server,
      `select a.id, a.currency, a.balance_minor, g.email from account a join agent g on g.id = a.assigned_agent_id
       where a.bucket = 'B2' and a.status = 'ACTIVE' and a.balance_minor >= 100000 and g.role = 'AGENT'
         and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
       order by a.id limit 4`,
    );
    expect(accounts).toHaveLength(4);
    const plan = (row: Record<string, any>, count: number, discount = 0) => {
      const total = Number(row.balance_minor) - Math.round((Number(row.balance_minor) * discount) / 100);
      const each = Math.floor(total / count);
      const dates = Array.from({ length: count }, (_, i) => new Date(Date.UTC(2026, 10 + i, 25)).toISOString().slice(0, 10));
      const amounts = dates.map((_, i) => (i === count - 1 ? total - each * (count - 1) : each));
      const money = (minor: number) => ({ amount: (minor / 100).toFixed(2), currencyCode: row.currency });
      return { accountId: globalId('Account', Number(row.id)), total: money(total), instalments: dates.map((dueDate, i) => ({ dueDate, amount: money(amounts[i]!) })) };
    };
    const propose = async (row: Record<string, any>, count: number, discount = 0) =>
      ok(await gql(server.url, PROPOSE, { input: plan(row, count, discount) }, await tokenOf(String(row.email)))).proposePaymentPlan;

    const before = await strategyRow('B2');
    expect(before.maxInstalments).toBeLessThan(18);
    expect(await propose(accounts[0]!, 18)).toMatchObject({ status: 'PENDING_APPROVAL' });
    const manager = await tokenOf('manager@demo.test');
    ok(await gql(server.url, SET_STRATEGY, { bucket: 'B2', priority: before.priority, maxDiscount: before.maxDiscount, maxInstalments: 18 }, manager));
    expect(await propose(accounts[1]!, 18)).toEqual({ status: 'ACTIVE', statusReason: null });
    expect(String((await sql(server, 'select status from account where id = ?', [accounts[1]!.id]))[0]!.status)).toBe('IN_ARRANGEMENT');

    // A 30% settlement: above B2's ceiling until the manager raises it.
    expect(await propose(accounts[2]!, 2, 30)).toMatchObject({ status: 'PENDING_APPROVAL' });
    ok(await gql(server.url, SET_STRATEGY, { bucket: 'B2', priority: before.priority, maxDiscount: 0.35, maxInstalments: before.maxInstalments }, manager));
    expect(await propose(accounts[3]!, 2, 30)).toEqual({ status: 'ACTIVE', statusReason: null });
    ok(await gql(server.url, SET_STRATEGY, { bucket: 'B2', priority: before.priority, maxDiscount: before.maxDiscount, maxInstalments: before.maxInstalments }, manager));
  });
});

const PROFILES = '{ contactProfiles { id code name windowStartMinute windowEndMinute maxAttempts attemptWindowSeconds quietAfterConversationSeconds callbackEarlyMinutes callbackLateMinutes updatedAt portfolios { code contactProfile { code } } } }';
const UPDATE_PROFILE = 'mutation($code: String!, $input: ContactProfileInput!) { updateContactProfile(code: $code, input: $input) { code name windowStartMinute windowEndMinute maxAttempts attemptWindowSeconds quietAfterConversationSeconds callbackEarlyMinutes callbackLateMinutes updatedAt } }';
const SET_PORTFOLIO = 'mutation($p: String!, $c: String!) { setPortfolioContactProfile(portfolioCode: $p, profileCode: $c) { code contactProfile { code } } }';
const CHECK = 'query($a: ID!, $p: ID!, $at: DateTimeISO) { contactCheck(accountId: $a, phoneId: $p, at: $at) { allowed blockedBy } }';

/** An account of the currency, its customer living (address and phone) in one zone, a verified landline, no calls in the last 8 days. */
async function subject(currency: 'USD' | 'MXN', zone: string): Promise<{ account: string; phone: string }> {
  const rows = await sql(
    server,
    `select a.id, a.customer_id, (select min(c.id) from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE') as phone_id
     from account a join agent g on g.id = a.assigned_agent_id
     where a.currency = ? and a.status = 'ACTIVE' and g.role = 'AGENT'
       and exists (select 1 from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE')
       and not exists (select 1 from call c where c.account_id = a.id and c.started_at > ?)
       and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')
     order by a.id`,
    [currency, isSqlite() ? Date.parse('2026-11-10T00:00:00Z') : '2026-11-10T00:00:00Z'],
  );
  const row = rows[0]!;
  const f = flag(false);
  await sql(server, 'update customer set time_zone = ?, cease_communication = ?, attorney_represented = ?, bankrupt = ?, deceased = ? where id = ?', [zone, f, f, f, f, row.customer_id]);
  await sql(server, "update contact_point set time_zone = ? where customer_id = ? and kind = 'ADDRESS'", [zone, row.customer_id]);
  await sql(server, "update contact_point set time_zone = ?, status = 'VERIFIED', do_not_call = ?, phone_type = 'LANDLINE' where id = ?", [zone, f, row.phone_id]);
  return { account: globalId('Account', Number(row.id)), phone: globalId('ContactPoint', Number(row.phone_id)) };
}

describe('contact profiles', () => {
  it('every signed-in viewer reads them with the portfolios called under each', async () => {
    for (const token of [await tokenOf('agent1@demo.test'), await tokenOf('analyst@demo.test'), await tokenOf('admin@demo.test')]) {
      const list = ok(await gql(server.url, PROFILES, {}, token)).contactProfiles;
      expect(list.map((p: { code: string }) => p.code)).toEqual(['MX', 'US_FDCPA']);
      expect(list[0]).toMatchObject({ windowStartMinute: 420, windowEndMinute: 1320, maxAttempts: 7, portfolios: [{ code: 'MX', contactProfile: { code: 'MX' } }] });
      expect(list[1]).toMatchObject({ windowStartMinute: 480, windowEndMinute: 1260, maxAttempts: 7, attemptWindowSeconds: 604800, portfolios: [{ code: 'US', contactProfile: { code: 'US_FDCPA' } }] });
    }
    expect(errorCode(await gql(server.url, PROFILES, {}))).toBe('UNAUTHENTICATED');
  });

  it('an admin changes a profile’s rules; contactCheck follows at once; the change is audited', async () => {
    const admin = await tokenOf('admin@demo.test');
    const mx = await subject('MXN', 'America/Mexico_City');
    const at = '2026-11-18T13:30:00.000Z'; // 07:30 in Mexico City
    expect(ok(await gql(server.url, CHECK, { a: mx.account, p: mx.phone, at }, admin)).contactCheck).toEqual({ allowed: true, blockedBy: [] });

    const changed = ok(await gql(server.url, UPDATE_PROFILE, { code: 'MX', input: { windowStartMinute: 480, windowEndMinute: 1260, name: 'Mexico (stricter)' } }, admin)).updateContactProfile;
    expect(changed).toMatchObject({ code: 'MX', name: 'Mexico (stricter)', windowStartMinute: 480, windowEndMinute: 1260, maxAttempts: 7, callbackLateMinutes: 120, updatedAt: NOW.toISOString() });
    const [row] = await sql(server, "select window_start_minute, window_end_minute, name from contact_profile where code = 'MX'");
    expect([Number(row!.window_start_minute), Number(row!.window_end_minute), row!.name]).toEqual([480, 1260, 'Mexico (stricter)']);
    expect(ok(await gql(server.url, CHECK, { a: mx.account, p: mx.phone, at }, admin)).contactCheck).toEqual({ allowed: false, blockedBy: ['TIME_WINDOW'] });

    const [event] = await sql(server, "select actor_role, before, after from audit_event where action = 'updateContactProfile' and entity_type = 'ContactProfile' order by id desc");
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(event!.actor_role).toBe('ADMIN');
    expect(parse(event!.before)).toMatchObject({ code: 'MX', name: 'Mexico', windowStartMinute: 420, windowEndMinute: 1320 });
    expect(parse(event!.after)).toMatchObject({ code: 'MX', name: 'Mexico (stricter)', windowStartMinute: 480, windowEndMinute: 1260 });

    ok(await gql(server.url, UPDATE_PROFILE, { code: 'MX', input: { windowStartMinute: 420, windowEndMinute: 1320, name: 'Mexico' } }, admin));
    expect(ok(await gql(server.url, CHECK, { a: mx.account, p: mx.phone, at }, admin)).contactCheck.allowed).toBe(true);
  });

  it('an admin moves a portfolio to another profile; its accounts are called under it at once', async () => {
    const admin = await tokenOf('admin@demo.test');
    const us = await subject('USD', 'America/New_York');
    const at = '2026-11-18T12:30:00.000Z'; // 07:30 in New York: closed under US rules, open under Mexico's
    expect(ok(await gql(server.url, CHECK, { a: us.account, p: us.phone, at }, admin)).contactCheck).toEqual({ allowed: false, blockedBy: ['TIME_WINDOW'] });
    expect(ok(await gql(server.url, SET_PORTFOLIO, { p: 'US', c: 'MX' }, admin)).setPortfolioContactProfile).toEqual({ code: 'US', contactProfile: { code: 'MX' } });
    expect(Number((await sql(server, "select contact_profile_id from portfolio where code = 'US'"))[0]!.contact_profile_id)).toBe(
      await scalar(server, "select id from contact_profile where code = 'MX'"),
    );
    expect(ok(await gql(server.url, CHECK, { a: us.account, p: us.phone, at }, admin)).contactCheck).toEqual({ allowed: true, blockedBy: [] });
    const [event] = await sql(server, "select before, after from audit_event where action = 'setPortfolioContactProfile' and entity_type = 'Portfolio' order by id desc");
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(parse(event!.before)).toEqual({ code: 'US', contactProfile: await scalar(server, "select id from contact_profile where code = 'US_FDCPA'") });
    expect(parse(event!.after)).toEqual({ code: 'US', contactProfile: await scalar(server, "select id from contact_profile where code = 'MX'") });

    ok(await gql(server.url, SET_PORTFOLIO, { p: 'US', c: 'US_FDCPA' }, admin));
    expect(ok(await gql(server.url, CHECK, { a: us.account, p: us.phone, at }, admin)).contactCheck.allowed).toBe(false);
  });

  it.each(['manager@demo.test', 'supervisor1@demo.test', 'agent1@demo.test', 'analyst@demo.test'])('%s may change neither: FORBIDDEN, nothing written', async (email) => {
    const token = await tokenOf(email);
    const update = await expectNothingWritten(server, () => gql(server.url, UPDATE_PROFILE, { code: 'MX', input: { maxAttempts: 3 } }, token));
    expect(errorCode(update)).toBe('FORBIDDEN');
    const move = await expectNothingWritten(server, () => gql(server.url, SET_PORTFOLIO, { p: 'US', c: 'MX' }, token));
    expect(errorCode(move)).toBe('FORBIDDEN');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a window starting before 00:00', { windowStartMinute: -1 }, 'input.windowStartMinute'],
    ['a window starting at 24:00', { windowStartMinute: 1440, windowEndMinute: 1440 }, 'input.windowStartMinute'],
    ['a window ending at 00:00', { windowStartMinute: 0, windowEndMinute: 0 }, 'input.windowEndMinute'],
    ['a window ending after 24:00', { windowEndMinute: 1441 }, 'input.windowEndMinute'],
    ['a window ending when it starts', { windowStartMinute: 600, windowEndMinute: 600 }, 'input.windowEndMinute'],
    ['a window ending before it starts', { windowStartMinute: 1200, windowEndMinute: 480 }, 'input.windowEndMinute'],
    ['a start after the current end', { windowStartMinute: 1330 }, 'input.windowEndMinute'],
    ['no attempts', { maxAttempts: 0 }, 'input.maxAttempts'],
    ['a zero attempt window', { attemptWindowSeconds: 0 }, 'input.attemptWindowSeconds'],
    ['an attempt window over 90 days', { attemptWindowSeconds: 90 * 86_400 + 1 }, 'input.attemptWindowSeconds'],
    ['a negative quiet period', { quietAfterConversationSeconds: -5 }, 'input.quietAfterConversationSeconds'],
    ['a negative callback margin', { callbackEarlyMinutes: -1 }, 'input.callbackEarlyMinutes'],
    ['a callback margin over a day', { callbackLateMinutes: 1441 }, 'input.callbackLateMinutes'],
    ['an empty name', { name: '  ' }, 'input.name'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is written', async (_name, input, argument) => {
    const admin = await tokenOf('admin@demo.test');
    const r = await expectNothingWritten(server, () => gql(server.url, UPDATE_PROFILE, { code: 'MX', input }, admin));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.argument).toBe(argument);
  });

  it('the whole day is a valid window', async () => {
    const admin = await tokenOf('admin@demo.test');
    expect(ok(await gql(server.url, UPDATE_PROFILE, { code: 'MX', input: { windowStartMinute: 0, windowEndMinute: 1440 } }, admin)).updateContactProfile).toMatchObject({ windowStartMinute: 0, windowEndMinute: 1440 });
    ok(await gql(server.url, UPDATE_PROFILE, { code: 'MX', input: { windowStartMinute: 420, windowEndMinute: 1320 } }, admin));
  });

  it('an unknown profile or portfolio is refused, and nothing is written', async () => {
    const admin = await tokenOf('admin@demo.test');
    const unknownProfile = await expectNothingWritten(server, () => gql(server.url, UPDATE_PROFILE, { code: 'EU_GDPR', input: { maxAttempts: 3 } }, admin));
    expect(errorCode(unknownProfile)).toBe('NOT_FOUND');
    const unknownPortfolio = await expectNothingWritten(server, () => gql(server.url, SET_PORTFOLIO, { p: 'CA', c: 'MX' }, admin));
    expect(errorCode(unknownPortfolio)).toBe('NOT_FOUND');
    const unknownTarget = await expectNothingWritten(server, () => gql(server.url, SET_PORTFOLIO, { p: 'US', c: 'EU_GDPR' }, admin));
    expect(errorCode(unknownTarget)).toBe('BAD_USER_INPUT');
    expect(unknownTarget.errors![0]!.extensions!.argument).toBe('profileCode');
  });
});
