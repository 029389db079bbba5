import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { globalId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';

/**
 * DOMAIN.md §6 through the API: contactCheck answers, and recordCall refuses an outbound call the
 * policy blocks with CONTACT_NOT_ALLOWED (the rules and nextAllowedAt in extensions), writing nothing.
 * The clock stands at Wednesday 2026-11-18 17:00Z (11:00 on the floor), so calls placed at 16:00Z have
 * ended; each check names its moment.
 */
let server: TestServer;
let manager: string;
const { tokens, tokenOf } = tokenCache(() => server.url);
const used = new Set<number>();

beforeAll(async () => {
  server = await startTestServer();
  server.clock.set(new Date('2026-11-18T17:00:00.000Z'));
  manager = await tokenOf('manager@demo.test');
});
afterAll(async () => {
  await server?.stop();
});

const CHECK = 'query($a: ID!, $p: ID!, $at: DateTimeISO) { contactCheck(accountId: $a, phoneId: $p, at: $at) { allowed blockedBy nextAllowedAt } }';
const RECORD = 'mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }';

interface Subject {
  id: number;
  gid: string;
  phoneId: number;
  phoneGid: string;
  customerId: number;
  token: string;
}

const flag = (value: boolean): number | boolean => (server.config.database.kind === 'sqlite' ? (value ? 1 : 0) : value);

/**
 * An account of the given currency nobody here used, with no call in the last 8 days, its customer
 * unflagged and living (address and phone) in `zone`, its first phone a verified landline.
 */
async function subject(currency: 'USD' | 'MXN', zone: string, phoneZone = zone): Promise<Subject> {
  const rows = await sql(
    server,
    `select a.id, a.customer_id, g.email, (select min(c.id) from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE') as phone_id
     from account a join agent g on g.id = a.assigned_agent_id
     where a.currency = ? and a.status = 'ACTIVE' and g.role = 'AGENT'
       and (select count(*) from account o where o.customer_id = a.customer_id) = 1
       and exists (select 1 from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE')
       and not exists (select 1 from call c where c.account_id = a.id and c.started_at > ?)
       and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')
     order by a.id`,
    [currency, server.config.database.kind === 'sqlite' ? Date.parse('2026-11-10T00:00:00Z') : '2026-11-10T00:00:00Z'],
  );
  const row = rows.find((r) => !used.has(Number(r.id)));
  if (!row) throw new Error(`no ${currency} account left`);
  used.add(Number(row.id));
  const f = flag(false);
  await sql(server, 'update customer set time_zone = ?, cease_communication = ?, attorney_represented = ?, bankrupt = ?, deceased = ? where id = ?', [zone, f, f, f, f, row.customer_id]);
  await sql(server, "update contact_point set time_zone = ? where customer_id = ? and kind = 'ADDRESS'", [zone, row.customer_id]);
  await sql(server, "update contact_point set time_zone = ?, status = 'VERIFIED', do_not_call = ?, phone_type = 'LANDLINE', dialer_consent = ? where id = ?", [
    phoneZone,
    f,
    flag(true),
    row.phone_id,
  ]);
  return {
    id: Number(row.id),
    gid: globalId('Account', Number(row.id)),
    phoneId: Number(row.phone_id),
    phoneGid: globalId('ContactPoint', Number(row.phone_id)),
    customerId: Number(row.customer_id),
    token: await tokenOf(String(row.email)),
  };
}

const check = async (s: Subject, at?: string) => ok(await gql(server.url, CHECK, { a: s.gid, p: s.phoneGid, at }, manager)).contactCheck;

const call = (s: Subject, startedAt: string, disposition = 'NO_ANSWER', extra: Record<string, unknown> = {}) => {
  const start = Date.parse(startedAt);
  const contact = disposition !== 'NO_ANSWER' && disposition !== 'BUSY';
  return {
    accountId: s.gid,
    direction: 'OUTBOUND',
    phoneId: s.phoneGid,
    startedAt,
    answeredAt: contact ? new Date(start + 10_000).toISOString() : null,
    endedAt: new Date(start + (contact ? 70_000 : 25_000)).toISOString(),
    talkSeconds: contact ? 60 : 0,
    wrapSeconds: 20,
    disposition,
    ...extra,
  };
};
const record = (s: Subject, input: Record<string, unknown>) => gql(server.url, RECORD, { input }, s.token);

/** recordCall at `at` is refused with CONTACT_NOT_ALLOWED, the same rules and nextAllowedAt as contactCheck, and writes nothing. */
async function expectRefused(s: Subject, at: string, blockedBy: string[], nextAllowedAt: string | null): Promise<void> {
  expect(await check(s, at)).toEqual({ allowed: false, blockedBy, nextAllowedAt });
  const r = await expectNothingWritten(server, () => record(s, call(s, at)));
  expect(errorCode(r)).toBe('CONTACT_NOT_ALLOWED');
  expect(r.errors![0]!.extensions).toMatchObject({ blockedBy, nextAllowedAt });
}

describe('TIME_WINDOW', () => {
  it('opens at 08:00 in the customer’s zone (US profile)', async () => {
    const s = await subject('USD', 'America/Los_Angeles');
    await expectRefused(s, '2026-11-18T15:59:59.000Z', ['TIME_WINDOW'], '2026-11-18T16:00:00.000Z');
    expect(await check(s, '2026-11-18T16:00:00.000Z')).toEqual({ allowed: true, blockedBy: [], nextAllowedAt: '2026-11-18T16:00:00.000Z' });
    ok(await record(s, call(s, '2026-11-18T16:00:00.000Z')));
  });

  it('closes at 21:00, reopening at 08:00 the next morning', async () => {
    const s = await subject('USD', 'America/New_York');
    // 20:59:59 and 21:00 in New York (UTC-5) on the 17th.
    expect((await check(s, '2026-11-18T01:59:59.000Z')).allowed).toBe(true);
    await expectRefused(s, '2026-11-18T02:00:00.000Z', ['TIME_WINDOW'], '2026-11-18T13:00:00.000Z');
  });

  it('must hold in every zone when the address and the phone disagree', async () => {
    const s = await subject('USD', 'America/New_York', 'America/Los_Angeles');
    // 10:00 in New York is 07:00 in Los Angeles.
    await expectRefused(s, '2026-11-18T15:00:00.000Z', ['TIME_WINDOW'], '2026-11-18T16:00:00.000Z');
  });

  it('opens at 07:00 under the Mexico profile of a Mexican portfolio', async () => {
    const mx = await subject('MXN', 'America/Mexico_City');
    expect((await check(mx, '2026-11-18T13:00:00.000Z')).allowed).toBe(true);
    expect(await check(mx, '2026-11-18T12:59:59.000Z')).toEqual({ allowed: false, blockedBy: ['TIME_WINDOW'], nextAllowedAt: '2026-11-18T13:00:00.000Z' });
    const us = await subject('USD', 'America/Chicago');
    expect(await check(us, '2026-11-18T13:00:00.000Z')).toEqual({ allowed: false, blockedBy: ['TIME_WINDOW'], nextAllowedAt: '2026-11-18T14:00:00.000Z' });
  });
});

describe('FREQUENCY', () => {
  it('allows 7 outbound attempts in 7 x 24 h, counted to the second', async () => {
    const s = await subject('USD', 'America/New_York');
    const days = ['2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18'];
    for (const day of days) ok(await record(s, call(s, `${day}T15:00:00.000Z`)));
    // The 8th attempt waits until the first of the seven leaves the window: 2026-11-12 15:00 + 7 days.
    await expectRefused(s, '2026-11-18T16:00:00.000Z', ['FREQUENCY'], '2026-11-19T15:00:00.000Z');
    expect(await check(s, '2026-11-19T14:59:59.000Z')).toMatchObject({ allowed: false, blockedBy: ['FREQUENCY'] });
    expect((await check(s, '2026-11-19T15:00:00.000Z')).allowed).toBe(true);
  });
});

describe('AFTER_CONVERSATION', () => {
  it('waits 7 days after a right-party conversation', async () => {
    const s = await subject('USD', 'America/New_York');
    ok(await record(s, call(s, '2026-11-16T15:00:00.000Z', 'REFUSED_TO_PAY', { reasonCode: 'NO_MONEY' })));
    await expectRefused(s, '2026-11-18T16:00:00.000Z', ['AFTER_CONVERSATION'], '2026-11-23T15:00:00.000Z');
  });

  it('lets the callback the customer asked for through', async () => {
    const s = await subject('USD', 'America/New_York');
    ok(await record(s, call(s, '2026-11-17T15:00:00.000Z', 'CALLBACK_REQUESTED', { callbackAt: '2026-11-18T16:10:00.000Z' })));
    // From 15 minutes before the requested time.
    expect(await check(s, '2026-11-18T15:54:59.000Z')).toEqual({ allowed: false, blockedBy: ['AFTER_CONVERSATION'], nextAllowedAt: '2026-11-18T15:55:00.000Z' });
    expect((await check(s, '2026-11-18T15:55:00.000Z')).allowed).toBe(true);
    ok(await record(s, call(s, '2026-11-18T16:00:00.000Z', 'NO_ANSWER')));
  });
});

describe('rules that block for good (nextAllowedAt null)', () => {
  it('CEASE after the customer asked to cease communication; inbound calls are still recorded', async () => {
    const s = await subject('USD', 'America/New_York');
    ok(await record(s, { ...call(s, '2026-11-17T15:00:00.000Z', 'CEASE_REQUEST'), direction: 'INBOUND' }));
    // The cease request was itself a conversation with the customer, so the 7-day quiet applies too.
    await expectRefused(s, '2026-11-18T16:00:00.000Z', ['AFTER_CONVERSATION', 'CEASE'], null);
    ok(await record(s, { ...call(s, '2026-11-18T16:00:00.000Z', 'REFUSED_TO_PAY', { reasonCode: 'NO_MONEY' }), direction: 'INBOUND' }));
  });

  it('DISPUTE while a dispute is open', async () => {
    const s = await subject('USD', 'America/New_York');
    ok(await gql(server.url, 'mutation($a: ID!) { openDispute(accountId: $a, channel: LETTER, reason: "Not my debt") { id } }', { a: s.gid }, s.token));
    await expectRefused(s, '2026-11-18T16:00:00.000Z', ['DISPUTE'], null);
  });

  it.each([
    ['attorney_represented', 'REPRESENTED'],
    ['bankrupt', 'BANKRUPTCY'],
    ['deceased', 'DECEASED'],
  ])('%s on the customer blocks as %s', async (column, rule) => {
    const s = await subject('USD', 'America/New_York');
    await sql(server, `update customer set ${column} = ? where id = ?`, [flag(true), s.customerId]);
    await expectRefused(s, '2026-11-18T16:00:00.000Z', [rule], null);
  });

  it.each([
    ['an invalid number', "status = 'INVALID'"],
    ['a number on the do-not-call list', 'do_not_call = ?'],
    ['a mobile without consent for dialer calls', "phone_type = 'MOBILE', dialer_consent = ?"],
  ])('PHONE for %s', async (name, assignment) => {
    const s = await subject('USD', 'America/New_York');
    const params = assignment.includes('do_not_call') ? [flag(true)] : assignment.includes('dialer_consent') ? [flag(false)] : [];
    await sql(server, `update contact_point set ${assignment} where id = ?`, [...params, s.phoneId]);
    await expectRefused(s, '2026-11-18T16:00:00.000Z', ['PHONE'], null);
  });

  it('lists every rule that blocks at once', async () => {
    const s = await subject('USD', 'America/Los_Angeles');
    await sql(server, 'update customer set cease_communication = ?, deceased = ? where id = ?', [flag(true), flag(true), s.customerId]);
    await expectRefused(s, '2026-11-18T15:00:00.000Z', ['TIME_WINDOW', 'CEASE', 'DECEASED'], null);
  });
});

describe('contactCheck', () => {
  it('answers only for accounts the viewer may see, and phones of the account’s customer', async () => {
    const s = await subject('USD', 'America/New_York');
    const [other] = await sql(server, "select email from agent where role = 'AGENT' and id <> (select assigned_agent_id from account where id = ?) order by id limit 1", [s.id]);
    expect(errorCode(await gql(server.url, CHECK, { a: s.gid, p: s.phoneGid }, await tokenOf(String(other!.email))))).toBe('NOT_FOUND');
    const otherPhone = await scalar(server, "select min(id) from contact_point where kind = 'PHONE' and customer_id <> ?", [s.customerId]);
    expect(errorCode(await gql(server.url, CHECK, { a: s.gid, p: globalId('ContactPoint', otherPhone) }, manager))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server.url, CHECK, { a: s.gid, p: s.phoneGid }))).toBe('UNAUTHENTICATED');
  });

  it('defaults to now', async () => {
    const s = await subject('USD', 'America/New_York');
    expect(await check(s)).toEqual({ allowed: true, blockedBy: [], nextAllowedAt: '2026-11-18T17:00:00.000Z' });
  });
});
