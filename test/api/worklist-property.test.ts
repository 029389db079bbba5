import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gql, login, ok } from '../utils/graphql.js';
import { agentId, globalId, localId, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';

/**
 * The worklist agrees with contactCheck, whatever the history: over random call histories, customer
 * flags, phone states, disputes, other agents' leases and moments of the day inserted into one agent's
 * accounts (their own and the team's unassigned ones), every item is allowed by contactCheck at that
 * moment on its phone (the first allowed one), and every ACTIVE account contactCheck allows on some
 * phone is on the list unless another agent holds it. 25 runs from a fixed seed.
 */
let server: TestServer;
const AGENT = 'agent7@demo.test';
const OTHER = 'agent8@demo.test';
const MARK = '+15550424242';
const FLOOR_MIDNIGHT = Date.parse('2026-11-18T06:00:00.000Z'); // 00:00 in Mexico City

interface Candidate {
  id: number;
  customerId: number;
  status: string;
  phones: number[];
}
let candidates: Candidate[] = [];
let agent: number;
let other: number;
let customerSnapshot: Array<Record<string, any>> = [];
let phoneSnapshot: Array<Record<string, any>> = [];

const isSqlite = () => server.config.database.kind === 'sqlite';
const instant = (ms: number): number | string => (isSqlite() ? ms : new Date(ms).toISOString());
const flag = (value: boolean): number | boolean => (isSqlite() ? (value ? 1 : 0) : value);
const inList = (values: number[]) => (values.length ? values.join(',') : '-1');

beforeAll(async () => {
  server = await startTestServer();
  agent = await agentId(server, AGENT);
  other = await agentId(server, OTHER);
  const rows = await sql(
    server,
    `select a.id, a.customer_id, a.status from account a
     where a.status in ('ACTIVE', 'IN_ARRANGEMENT') and a.balance_minor > 0
       and (a.assigned_agent_id = ? or (a.assigned_agent_id is null and a.team_id = (select team_id from agent where id = ?)))
     order by a.id`,
    [agent, agent],
  );
  const customers = [...new Set(rows.map((r) => Number(r.customer_id)))];
  const phones = await sql(server, `select id, customer_id from contact_point where kind = 'PHONE' and customer_id in (${inList(customers)}) order by id`);
  candidates = rows.map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    status: String(r.status),
    phones: phones.filter((p) => Number(p.customer_id) === Number(r.customer_id)).map((p) => Number(p.id)),
  }));
  customerSnapshot = await sql(server, `select id, cease_communication, attorney_represented, bankrupt, deceased from customer where id in (${inList(customers)})`);
  phoneSnapshot = await sql(server, `select id, status, do_not_call, phone_type, dialer_consent from contact_point where id in (${inList(phones.map((p) => Number(p.id)))})`);
});
afterAll(async () => {
  await server?.stop();
});

/** The customers and phones a run changed, to put back. */
const touched = { customers: new Set<number>(), phones: new Set<number>() };

/** Puts back everything a run changed. */
async function reset(): Promise<void> {
  await sql(server, 'delete from call where phone_number = ?', [MARK]);
  await sql(server, "delete from dispute where reason = 'property run'");
  await sql(server, 'delete from account_lease');
  for (const c of customerSnapshot.filter((row) => touched.customers.has(Number(row.id)))) {
    await sql(server, 'update customer set cease_communication = ?, attorney_represented = ?, bankrupt = ?, deceased = ? where id = ?', [
      c.cease_communication,
      c.attorney_represented,
      c.bankrupt,
      c.deceased,
      c.id,
    ]);
  }
  for (const p of phoneSnapshot.filter((row) => touched.phones.has(Number(row.id)))) {
    await sql(server, 'update contact_point set status = ?, do_not_call = ?, phone_type = ?, dialer_consent = ? where id = ?', [p.status, p.do_not_call, p.phone_type, p.dialer_consent, p.id]);
  }
  touched.customers.clear();
  touched.phones.clear();
}

const rarely = (oneIn: number) => fc.integer({ min: 1, max: oneIn }).map((n) => n === 1);

const callArb = fc.record({
  minutesBefore: fc.integer({ min: 1, max: 8 * 24 * 60 }),
  disposition: fc.constantFrom('NO_ANSWER', 'NO_ANSWER', 'BUSY', 'ANSWERING_MACHINE_NO_MESSAGE', 'REFUSED_TO_PAY', 'CALLBACK_REQUESTED', 'THIRD_PARTY_MESSAGE'),
  inbound: rarely(4),
  callbackShiftMinutes: fc.integer({ min: -180, max: 180 }),
});

const situationArb = fc.record({
  calls: fc.array(callArb, { maxLength: 9 }),
  cease: rarely(15),
  represented: rarely(20),
  bankrupt: rarely(20),
  deceased: rarely(20),
  dispute: rarely(10),
  leasedToOther: rarely(8),
  phones: fc.array(fc.record({ doNotCall: rarely(8), invalid: rarely(8), mobileWithoutConsent: rarely(8) }), { minLength: 4, maxLength: 4 }),
});

type Situation = typeof situationArb extends fc.Arbitrary<infer T> ? T : never;

async function apply(at: number, situations: Situation[]): Promise<void> {
  const calls: unknown[][] = [];
  for (const [i, s] of situations.entries()) {
    const account = candidates[i]!;
    for (const call of s.calls) {
      const start = at - call.minutesBefore * 60_000;
      const talked = !['NO_ANSWER', 'BUSY', 'ANSWERING_MACHINE_NO_MESSAGE'].includes(call.disposition);
      const callbackAt = call.disposition === 'CALLBACK_REQUESTED' ? Math.max(start + 120_000, at + call.callbackShiftMinutes * 60_000) : null;
      calls.push([
        account.id,
        agent,
        call.inbound ? 'INBOUND' : 'OUTBOUND',
        MARK,
        instant(start),
        talked ? instant(start + 5_000) : null,
        instant(start + 60_000),
        talked ? 55 : 0,
        call.disposition,
        callbackAt === null ? null : instant(callbackAt),
        instant(start + 60_000),
      ]);
    }
    const flags = { cease_communication: s.cease, attorney_represented: s.represented, bankrupt: s.bankrupt, deceased: s.deceased };
    for (const [column, on] of Object.entries(flags)) {
      if (!on) continue;
      touched.customers.add(account.customerId);
      await sql(server, `update customer set ${column} = ? where id = ?`, [flag(true), account.customerId]);
    }
    for (const [n, phone] of account.phones.slice(0, 4).entries()) {
      const p = s.phones[n]!;
      if (p.doNotCall || p.invalid || p.mobileWithoutConsent) touched.phones.add(phone);
      if (p.doNotCall) await sql(server, 'update contact_point set do_not_call = ? where id = ?', [flag(true), phone]);
      if (p.invalid) await sql(server, "update contact_point set status = 'INVALID' where id = ?", [phone]);
      if (p.mobileWithoutConsent) await sql(server, "update contact_point set phone_type = 'MOBILE', dialer_consent = ? where id = ?", [flag(false), phone]);
    }
    if (s.dispute) {
      await sql(server, "insert into dispute (account_id, kind, channel, reason, status, opened_by_id, opened_at) values (?, 'DISPUTE', 'LETTER', 'property run', 'OPEN', ?, ?)", [
        account.id,
        agent,
        instant(at - 3_600_000),
      ]);
    }
    if (s.leasedToOther) {
      await sql(server, 'insert into account_lease (account_id, agent_id, leased_at, expires_at) values (?, ?, ?, ?)', [account.id, other, instant(at - 60_000), instant(at + 240_000)]);
    }
  }
  if (calls.length > 0) {
    await sql(
      server,
      `insert into call (account_id, agent_id, team_id, direction, phone_id, phone_number, started_at, answered_at, ended_at, talk_seconds, wrap_seconds, disposition, callback_at, created_at)
       values ${calls.map(() => '(?, ?, null, ?, null, ?, ?, ?, ?, ?, 10, ?, ?, ?)').join(', ')}`,
      calls.flat(),
    );
  }
}

/**
 * Sessions last 12 hours on the server's clock: one pair signed at the floor's midnight serves the
 * morning runs, one signed at noon the rest of the day.
 */
const sessions = new Map<number, { agentToken: string; supervisor: string }>();
async function sessionsFor(at: number): Promise<{ agentToken: string; supervisor: string }> {
  const signedAt = at < FLOOR_MIDNIGHT + 12 * 3_600_000 ? FLOOR_MIDNIGHT : FLOOR_MIDNIGHT + 12 * 3_600_000;
  if (!sessions.has(signedAt)) {
    server.clock.set(new Date(signedAt));
    sessions.set(signedAt, { agentToken: await login(server.url, AGENT), supervisor: await login(server.url, 'supervisor1@demo.test') });
  }
  return sessions.get(signedAt)!;
}

/** contactCheck on every phone of every candidate, in one request (aliases), as the team's supervisor. */
async function checks(token: string): Promise<Map<string, boolean>> {
  const pairs = candidates.flatMap((c) => c.phones.map((p) => [c.id, p] as const));
  const query = `{ ${pairs.map(([a, p], i) => `c${i}: contactCheck(accountId: "${globalId('Account', a)}", phoneId: "${globalId('ContactPoint', p)}") { allowed }`).join(' ')} }`;
  const data = ok(await gql(server.url, query, {}, token));
  return new Map(pairs.map(([a, p], i) => [`${a}:${p}`, data[`c${i}`].allowed as boolean]));
}

it('every item is allowed by contactCheck, and every allowed account is an item', { timeout: 300_000 }, async () => {
  expect(candidates.length).toBeGreaterThan(10);
  let nonEmpty = 0;
  let leftOut = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.array(situationArb, { minLength: candidates.length, maxLength: candidates.length }), async (minute, situations) => {
      const at = FLOOR_MIDNIGHT + minute * 60_000;
      try {
        const { agentToken, supervisor } = await sessionsFor(at);
        server.clock.set(new Date(at));
        await apply(at, situations);
        const items = ok(await gql(server.url, '{ worklist(first: 100) { account { id status } phone { id } } }', {}, agentToken)).worklist as Array<{
          account: { id: string; status: string };
          phone: { id: string };
        }>;
        const allowed = await checks(supervisor);
        const onList = new Map(items.map((i) => [localId(i.account.id), localId(i.phone.id)]));
        if (items.length > 0) nonEmpty += 1;

        for (const [i, c] of candidates.entries()) {
          const heldByOther = situations[i]!.leasedToOther;
          const firstAllowed = c.phones.find((p) => allowed.get(`${c.id}:${p}`));
          const phone = onList.get(c.id);
          if (phone !== undefined) {
            // On the list: not held by another agent, and named with its first allowed phone.
            expect(heldByOther, `account ${c.id} at ${new Date(at).toISOString()}`).toBe(false);
            expect(allowed.get(`${c.id}:${phone}`), `account ${c.id} phone ${phone} at ${new Date(at).toISOString()}`).toBe(true);
            expect(phone).toBe(firstAllowed);
          } else if (c.status === 'ACTIVE' && !heldByOther) {
            // Off the list: no phone of it may be called now.
            expect(firstAllowed, `account ${c.id} at ${new Date(at).toISOString()}`).toBeUndefined();
            leftOut += 1;
          }
        }
      } finally {
        await reset();
      }
    }),
    { numRuns: 25, seed: 20261118, endOnFailure: true },
  );
  // The runs met both sides of the property: accounts to call and accounts left out.
  expect(nonEmpty).toBeGreaterThan(5);
  expect(leftOut).toBeGreaterThan(25);
});
