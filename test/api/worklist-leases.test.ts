import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { agentId, globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { NOW } from '../utils/template.js';
import { expectNothingWritten } from '../utils/unchanged.js';

/**
 * nextAccount: the top of the worklist, leased for 5 minutes so no other agent gets it. Team 1's
 * accounts are all unassigned here, so its ten agents work one shared pool and race for the same
 * accounts; the lease's unique account key decides every race. The clock starts at 2026-11-18 16:00Z.
 */
let server: TestServer;
const { tokens, tokenOf } = tokenCache(() => server.url);
const TEAM_1 = Array.from({ length: 10 }, (_, i) => `agent${i + 1}@demo.test`);
const LEASE_MS = 5 * 60_000;

beforeAll(async () => {
  server = await startTestServer();
  await sql(server, "update account set assigned_agent_id = null where team_id = (select id from team where name = 'Team 1')");
  for (const email of TEAM_1) await tokenOf(email);
});
afterAll(async () => {
  await server?.stop();
});

const NEXT = 'mutation { nextAccount { rank reason detail leaseExpiresAt phone { id } account { id assignedAgent { id } team { name } } } }';
const WORKLIST = 'query($first: Int!, $agentId: ID) { worklist(first: $first, agentId: $agentId) { rank leaseExpiresAt account { id } } }';

interface Next {
  rank: number;
  reason: string;
  leaseExpiresAt: string;
  phone: { id: string };
  account: { id: string; assignedAgent: { id: string } | null; team: { name: string } | null };
}

const next = async (email: string): Promise<Next | null> => ok(await gql<{ nextAccount: Next | null }>(server.url, NEXT, {}, await tokenOf(email))).nextAccount;
const worklist = async (email: string) => ok(await gql(server.url, WORKLIST, { first: 100 }, await tokenOf(email))).worklist as Array<{ rank: number; leaseExpiresAt: string | null; account: { id: string } }>;

async function leases(): Promise<Array<{ account: number; agent: number; expiresAt: number }>> {
  const rows = await sql(server, 'select account_id, agent_id, expires_at from account_lease order by account_id');
  // SQLite keeps instants as epoch milliseconds, PostgreSQL as timestamptz.
  return rows.map((r) => ({ account: Number(r.account_id), agent: Number(r.agent_id), expiresAt: new Date(isNaN(Number(r.expires_at)) ? r.expires_at : Number(r.expires_at)).getTime() }));
}

describe('ten agents at the same moment', () => {
  let first: Array<Next | null>;

  it('never get the same account', async () => {
    const top = (await worklist('agent1@demo.test'))[0]!;
    first = await Promise.all(TEAM_1.map((email) => next(email)));
    const accounts = first.map((item) => item?.account.id);
    expect(accounts.every((id) => id !== undefined)).toBe(true);
    expect(new Set(accounts).size).toBe(TEAM_1.length);
    // They all saw the same list: its top went to exactly one of them.
    expect(accounts.filter((id) => id === top.account.id)).toHaveLength(1);
    for (const item of first) {
      expect(item!.account.assignedAgent).toBeNull();
      expect(item!.account.team?.name).toBe('Team 1');
      expect(item!.leaseExpiresAt).toBe(new Date(NOW.getTime() + LEASE_MS).toISOString());
    }
    // In the database: one lease per agent, on the account it was handed, each audited.
    const rows = await leases();
    expect(rows).toHaveLength(TEAM_1.length);
    for (const [i, email] of TEAM_1.entries()) {
      const agent = await agentId(server, email);
      expect(rows.find((r) => r.agent === agent)?.account).toBe(localId(first[i]!.account.id));
    }
    expect(await scalar(server, "select count(*) from audit_event where action = 'nextAccount' and entity_type = 'AccountLease'")).toBe(TEAM_1.length);
  });

  it('each gets the same account back while the lease lasts, and nobody else sees it', async () => {
    server.clock.set(new Date(NOW.getTime() + LEASE_MS - 1_000));
    const again = await Promise.all(TEAM_1.map((email) => next(email)));
    expect(again.map((item) => item?.account.id)).toEqual(first.map((item) => item?.account.id));
    expect(again.map((item) => item?.leaseExpiresAt)).toEqual(first.map((item) => item?.leaseExpiresAt));
    // Nothing new was leased or audited.
    expect(await leases()).toHaveLength(TEAM_1.length);
    expect(await scalar(server, "select count(*) from audit_event where action = 'nextAccount'")).toBe(TEAM_1.length);

    const own = await worklist('agent1@demo.test');
    const shown = new Set(own.map((i) => i.account.id));
    expect(shown.has(first[0]!.account.id)).toBe(true);
    expect(own.find((i) => i.account.id === first[0]!.account.id)?.leaseExpiresAt).toBe(first[0]!.leaseExpiresAt);
    for (const item of first.slice(1)) expect(shown.has(item!.account.id)).toBe(false);
    // A supervisor looking at agent1's list sees the same.
    const supervisor = await tokenOf('supervisor1@demo.test');
    const viewed = ok(await gql(server.url, WORKLIST, { first: 100, agentId: globalId('Agent', await agentId(server, 'agent1@demo.test')) }, supervisor)).worklist;
    expect(viewed.map((i: { account: { id: string } }) => i.account.id)).toEqual(own.map((i) => i.account.id));
  });

  it('leases expire when the clock passes them; the accounts go back to every list and a new race is fair again', async () => {
    const expired = new Date(NOW.getTime() + LEASE_MS);
    server.clock.set(expired);
    const list = await worklist('agent2@demo.test');
    const shown = new Set(list.map((i) => i.account.id));
    for (const item of first) expect(shown.has(item!.account.id)).toBe(true);
    expect(list.every((i) => i.leaseExpiresAt === null)).toBe(true);

    const second = await Promise.all(TEAM_1.map((email) => next(email)));
    const accounts = second.map((item) => item!.account.id);
    expect(new Set(accounts).size).toBe(TEAM_1.length);
    expect(accounts).toContain(list[0]!.account.id);
    // Expired leases were replaced, not kept beside the new ones: still one per agent.
    const rows = await leases();
    expect(rows).toHaveLength(TEAM_1.length);
    expect(new Set(rows.map((r) => r.agent)).size).toBe(TEAM_1.length);
    expect(rows.every((r) => r.expiresAt === expired.getTime() + LEASE_MS)).toBe(true);
  });

  it('an account that stops being callable is given back for the next one', async () => {
    const held = (await next('agent3@demo.test'))!;
    const customerId = await scalar(server, 'select customer_id from account where id = ?', [localId(held.account.id)]);
    await sql(server, 'update customer set cease_communication = ? where id = ?', [server.config.database.kind === 'sqlite' ? 1 : true, customerId]);
    const replaced = (await next('agent3@demo.test'))!;
    expect(replaced.account.id).not.toBe(held.account.id);
    const agent = await agentId(server, 'agent3@demo.test');
    expect((await leases()).filter((r) => r.agent === agent).map((r) => r.account)).toEqual([localId(replaced.account.id)]);
  });
});

describe('the lease ends when its agent records a call', () => {
  it('recordCall on the leased account deletes the caller’s lease; another person’s call does not', async () => {
    // Team 2 keeps its assignments: give one of agent11's own accounts a promise due today so it tops the list.
    const agent11 = await tokenOf('agent11@demo.test');
    const own = ok(await gql(server.url, 'query { worklist(first: 100) { account { id assignedAgent { email } } } }', {}, agent11)).worklist.find(
      (i: { account: { assignedAgent: { email: string } | null } }) => i.account.assignedAgent?.email === 'agent11@demo.test',
    );
    const accountGid: string = own.account.id;
    const currency = String((await sql(server, 'select currency from account where id = ?', [localId(accountGid)]))[0]!.currency);
    const amountDue = await scalar(server, 'select amount_due_minor from account where id = ?', [localId(accountGid)]);
    ok(
      await gql(server.url, 'mutation($input: CreatePromiseInput!) { createPromise(input: $input) { status } }', {
        input: { accountId: accountGid, dueDate: '2026-11-18', amount: { amount: (Math.max(Math.ceil(amountDue / 5), 100) / 100).toFixed(2), currencyCode: currency } },
      }, agent11),
    );
    const item = (await next('agent11@demo.test'))!;
    expect(item.account.id).toBe(accountGid);
    expect(item.reason).toBe('PROMISE_DUE_TODAY');
    const agent = await agentId(server, 'agent11@demo.test');
    expect((await leases()).filter((r) => r.agent === agent)).toHaveLength(1);

    const now = server.clock.now().getTime();
    const call = (startedAt: number) => ({
      accountId: accountGid,
      direction: 'OUTBOUND',
      phoneId: item.phone.id,
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(startedAt + 30_000).toISOString(),
      talkSeconds: 0,
      wrapSeconds: 10,
      disposition: 'NO_ANSWER',
    });
    const RECORD = 'mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }';
    // The supervisor's call on it leaves agent11's lease alone.
    ok(await gql(server.url, RECORD, { input: call(now - 120_000) }, await tokenOf('supervisor2@demo.test')));
    expect((await leases()).filter((r) => r.agent === agent)).toHaveLength(1);
    ok(await gql(server.url, RECORD, { input: call(now - 60_000) }, agent11));
    expect((await leases()).filter((r) => r.account === localId(accountGid))).toHaveLength(0);
  });
});

describe('a team-pool account handed out by nextAccount', () => {
  it('can be worked by the agent holding the lease, and only while they hold it', async () => {
    await sql(server, 'delete from account_lease');
    const item = (await next('agent7@demo.test'))!;
    expect(item.account.assignedAgent).toBeNull();
    const token = await tokenOf('agent7@demo.test');
    const now = server.clock.now().getTime();
    const input = (startedAt: number) => ({
      accountId: item.account.id,
      direction: 'OUTBOUND',
      phoneId: item.phone.id,
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(startedAt + 30_000).toISOString(),
      talkSeconds: 0,
      wrapSeconds: 10,
      disposition: 'NO_ANSWER',
    });
    const RECORD = 'mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }';
    // Another agent of the team cannot reach it.
    expect(errorCode(await expectNothingWritten(server, async () => gql(server.url, RECORD, { input: input(now - 90_000) }, await tokenOf('agent8@demo.test'))))).toBe('NOT_FOUND');
    ok(await gql(server.url, RECORD, { input: input(now - 60_000) }, token));
    // The call ended the lease, and with it the agent's reach over the pool account.
    expect((await leases()).filter((r) => r.account === localId(item.account.id))).toHaveLength(0);
    expect(errorCode(await gql(server.url, 'query($id: ID!) { account(id: $id) { id } }', { id: item.account.id }, token))).toBe('NOT_FOUND');
  });
});

describe('who may take an account', () => {
  it.each(['supervisor1@demo.test', 'manager@demo.test', 'admin@demo.test', 'analyst@demo.test'])('%s is refused and nothing is written', async (email) => {
    const token = await tokenOf(email);
    const r = await expectNothingWritten(server, () => gql(server.url, NEXT, {}, token));
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect(r.data?.nextAccount ?? null).toBeNull();
  });

  it('nobody signed in is UNAUTHENTICATED', async () => {
    const r = await expectNothingWritten(server, () => gql(server.url, NEXT, {}));
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
  });

  it('null, and nothing written, when nothing can be called (05:00 on the floor, 06:00 in Cancún and New York)', async () => {
    server.clock.set(new Date('2026-11-19T11:00:00.000Z'));
    await sql(server, 'delete from account_lease');
    // A new day: the sessions of yesterday have expired.
    tokens.clear();
    const token = await tokenOf('agent5@demo.test');
    const r = await expectNothingWritten(server, () => gql(server.url, NEXT, {}, token));
    expect(ok(r).nextAccount).toBeNull();
    server.clock.set(new Date('2026-11-19T16:00:00.000Z'));
    expect(await next('agent5@demo.test')).not.toBeNull();
  });
});
