import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok, type GraphQLResponse } from '../utils/graphql.js';
import { agentId, globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';

let server: TestServer;
const tokens = new Map<string, string>();
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function as(email: string): Promise<string> {
  if (!tokens.has(email)) tokens.set(email, await login(server.url, email));
  return tokens.get(email)!;
}

const REFERRAL = `id queue reason status createdAt acceptedAt closedAt resolution
  createdBy { email } handledBy { email } account { id status version }`;
const ROUTE = `mutation($accountId: ID!, $to: ReferralQueue!, $reason: String!, $v: Int) {
  routeAccount(accountId: $accountId, to: $to, reason: $reason, expectedVersion: $v) { ${REFERRAL} } }`;
const ACCEPT = `mutation($id: ID!) { acceptReferral(id: $id) { ${REFERRAL} } }`;
const RESOLVE = `mutation($id: ID!, $text: String!) { resolveReferral(id: $id, resolution: $text) { ${REFERRAL} } }`;
const RETURN = `mutation($id: ID!, $text: String!) { returnReferral(id: $id, reason: $text) { ${REFERRAL} } }`;

/** Accounts in collection with nothing open that would stand in the way of routing them. */
const FREE = `a.status = 'ACTIVE'
  and not exists (select 1 from referral r where r.account_id = a.id and r.status in ('OPEN', 'ACCEPTED'))
  and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')
  and not exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status in ('PENDING', 'PENDING_APPROVAL'))`;

const used = new Set<number>();
/** An account no other test of this file has touched, chosen by SQL rather than by a fixed id. */
async function pick(where: string, params: unknown[] = []): Promise<number> {
  const rows = await sql(server, `select a.id from account a where ${where} order by a.id`, params);
  const id = rows.map((r) => Number(r.id)).find((candidate) => !used.has(candidate));
  if (id === undefined) throw new Error(`the seed has no unused account where ${where}`);
  used.add(id);
  return id;
}

async function ownerOf(accountId: number): Promise<string> {
  const [row] = await sql(server, 'select g.email from account a join agent g on g.id = a.assigned_agent_id where a.id = ?', [accountId]);
  return String(row!.email);
}

async function supervisorOf(accountId: number): Promise<string> {
  const [row] = await sql(server, 'select s.email from account a join team t on t.id = a.team_id join agent s on s.id = t.supervisor_id where a.id = ?', [accountId]);
  return String(row!.email);
}

async function otherSupervisor(accountId: number): Promise<string> {
  const [row] = await sql(
    server,
    "select s.email from agent s where s.role = 'SUPERVISOR' and s.team_id <> (select team_id from account where id = ?) order by s.id limit 1",
    [accountId],
  );
  return String(row!.email);
}

async function accountRow(id: number): Promise<{ status: string; version: number }> {
  const [row] = await sql(server, 'select status, version from account where id = ?', [id]);
  return { status: String(row!.status), version: Number(row!.version) };
}

const json = (value: unknown): any => (typeof value === 'string' ? JSON.parse(value) : value);
const instant = (value: unknown): string => new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number | Date)).toISOString();

async function auditOf(entityType: string, entityId: number): Promise<Array<{ action: string; actorAgentId: number | null; actorRole: string; before: any; after: any; requestId: string | null; at: string }>> {
  const rows = await sql(
    server,
    'select action, actor_agent_id, actor_role, before, after, request_id, at from audit_event where entity_type = ? and entity_id = ? order by id',
    [entityType, entityId],
  );
  return rows.map((r) => ({
    action: String(r.action),
    actorAgentId: r.actor_agent_id == null ? null : Number(r.actor_agent_id),
    actorRole: String(r.actor_role),
    before: json(r.before),
    after: json(r.after),
    requestId: r.request_id == null ? null : String(r.request_id),
    at: instant(r.at),
  }));
}

async function route(token: string, accountId: number, to: string, reason = 'Customer asks for a retention offer', v?: number): Promise<GraphQLResponse> {
  return gql(server.url, ROUTE, { accountId: globalId('Account', accountId), to, reason, v }, token);
}

/** Routes an account as its own agent and returns the new referral's id. */
async function routed(accountId: number, to = 'RETENTION'): Promise<string> {
  return ok(await route(await as(await ownerOf(accountId)), accountId, to)).routeAccount.id;
}

async function refusedWithNothingWritten(request: () => Promise<GraphQLResponse>, code: string, argument?: string): Promise<GraphQLResponse> {
  const r = await expectNothingWritten(server, request);
  expect(errorCode(r), JSON.stringify(r.errors)).toBe(code);
  expect(r.errors![0]!.message.length).toBeGreaterThan(10);
  if (argument) expect(r.errors![0]!.extensions?.argument).toBe(argument);
  return r;
}

describe('routing an account (DOMAIN.md §5)', () => {
  it('an agent routes their own account: an OPEN referral, the account ROUTED, both audited', async () => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const email = await ownerOf(id);
    const before = await accountRow(id);
    server.clock.set(new Date('2026-11-18T16:05:00.000Z'));
    const r = ok(await route(await as(email), id, 'CUSTOMER_SERVICE', '  Wants to change the billing address  ', before.version)).routeAccount;

    expect(r).toMatchObject({
      queue: 'CUSTOMER_SERVICE',
      reason: 'Wants to change the billing address',
      status: 'OPEN',
      createdAt: '2026-11-18T16:05:00.000Z',
      acceptedAt: null,
      closedAt: null,
      resolution: null,
      createdBy: { email },
      handledBy: null,
      account: { id: globalId('Account', id), status: 'ROUTED', version: before.version + 1 },
    });
    const referralId = localId(r.id);
    const [row] = await sql(server, 'select account_id, queue, status, reason, created_by_id, call_id from referral where id = ?', [referralId]);
    expect(row).toMatchObject({ queue: 'CUSTOMER_SERVICE', status: 'OPEN', reason: 'Wants to change the billing address', call_id: null });
    expect(Number(row!.account_id)).toBe(id);
    expect(Number(row!.created_by_id)).toBe(await agentId(server, email));
    expect(await accountRow(id)).toEqual({ status: 'ROUTED', version: before.version + 1 });

    const me = await agentId(server, email);
    const [referralEvent] = await auditOf('Referral', referralId);
    expect(referralEvent).toMatchObject({ action: 'routeAccount', actorAgentId: me, actorRole: 'AGENT', before: null, at: '2026-11-18T16:05:00.000Z' });
    expect(referralEvent!.after).toMatchObject({ account: id, queue: 'CUSTOMER_SERVICE', status: 'OPEN', createdBy: me });
    expect(referralEvent!.requestId).toBeTruthy();
    const accountEvents = (await auditOf('Account', id)).filter((e) => e.action === 'routeAccount');
    expect(accountEvents).toHaveLength(1);
    expect(accountEvents[0]).toMatchObject({ before: { status: 'ACTIVE' }, after: { status: 'ROUTED', version: before.version + 1 } });
  });

  it('the referral shows on the account and in the account’s audit trail', async () => {
    const id = await pick(FREE + ' and a.assigned_agent_id is not null');
    const referral = await routed(id, 'REMEDIAL');
    const token = await as(await ownerOf(id));
    const r = ok(
      await gql(server.url, 'query($id: ID!) { account(id: $id) { status referrals(first: 5) { nodes { id queue status } } auditTrail(first: 5) { nodes { action after } } } }', { id: globalId('Account', id) }, token),
    ).account;
    expect(r.status).toBe('ROUTED');
    expect(r.referrals.nodes[0]).toEqual({ id: referral, queue: 'REMEDIAL', status: 'OPEN' });
    expect(r.auditTrail.nodes[0]).toMatchObject({ action: 'routeAccount', after: { status: 'ROUTED' } });
  });

  it('a supervisor routes an account of their team; a manager and an admin any account', async () => {
    for (const role of ['supervisor', 'manager@demo.test', 'admin@demo.test']) {
      const id = await pick(FREE);
      const email = role === 'supervisor' ? await supervisorOf(id) : role;
      const r = ok(await route(await as(email), id, 'SUPERVISOR')).routeAccount;
      expect(r).toMatchObject({ status: 'OPEN', createdBy: { email }, account: { status: 'ROUTED' } });
    }
  });

  it('an IN_ARRANGEMENT account is routed too; a DISPUTED one is referred but stays DISPUTED while its dispute is open', async () => {
    for (const [status, after] of [['IN_ARRANGEMENT', 'ROUTED'], ['DISPUTED', 'DISPUTED']] as const) {
      const id = await pick(`a.status = '${status}' and a.assigned_agent_id is not null and not exists (select 1 from referral r where r.account_id = a.id and r.status in ('OPEN', 'ACCEPTED'))`);
      const r = ok(await route(await as(await ownerOf(id)), id, 'LEGAL')).routeAccount;
      expect(r.status).toBe('OPEN');
      expect(r.account.status).toBe(after);
    }
  });

  describe('an account with a pending promise is not sent to an outside agency', () => {
    it('PENDING: BAD_USER_INPUT on the queue, nothing written', async () => {
      const id = await pick(`a.status = 'ACTIVE' and a.assigned_agent_id is not null
        and exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status = 'PENDING')
        and not exists (select 1 from referral r where r.account_id = a.id and r.status in ('OPEN', 'ACCEPTED'))`);
      const token = await as(await ownerOf(id));
      const r = await refusedWithNothingWritten(() => route(token, id, 'OUTSIDE_AGENCY'), 'BAD_USER_INPUT', 'to');
      expect(r.errors![0]!.message).toMatch(/pending promise/);
    });

    it('PENDING_APPROVAL: BAD_USER_INPUT too; any other queue is fine', async () => {
      const id = await pick(`${FREE} and a.assigned_agent_id is not null and exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status = 'BROKEN')`);
      const promise = await scalar(server, "select min(id) from promise_to_pay where account_id = ? and status = 'BROKEN'", [id]);
      await sql(server, "update promise_to_pay set status = 'PENDING_APPROVAL' where id = ?", [promise]);
      const token = await as(await ownerOf(id));
      await refusedWithNothingWritten(() => route(token, id, 'OUTSIDE_AGENCY'), 'BAD_USER_INPUT', 'to');
      expect(ok(await route(token, id, 'LEGAL')).routeAccount.queue).toBe('LEGAL');
    });

    it('promises that are no longer pending (KEPT, BROKEN, ...) do not stand in the way', async () => {
      const id = await pick(`${FREE} and a.assigned_agent_id is not null and exists (select 1 from promise_to_pay p where p.account_id = a.id)`);
      expect(await scalar(server, "select count(*) from promise_to_pay where account_id = ? and status in ('PENDING', 'PENDING_APPROVAL')", [id])).toBe(0);
      const r = ok(await route(await as(await ownerOf(id)), id, 'OUTSIDE_AGENCY')).routeAccount;
      expect(r).toMatchObject({ queue: 'OUTSIDE_AGENCY', status: 'OPEN' });
    });
  });

  it('an account already with another area (OPEN or ACCEPTED referral) is CONFLICT, nothing written', async () => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const referral = await routed(id);
    const token = await as(await ownerOf(id));
    const r = await refusedWithNothingWritten(() => route(token, id, 'LEGAL'), 'CONFLICT');
    expect(r.errors![0]!.extensions?.referralId).toBe(referral);
    ok(await gql(server.url, ACCEPT, { id: referral }, await as(await supervisorOf(id))));
    await refusedWithNothingWritten(() => route(token, id, 'LEGAL'), 'CONFLICT');
  });

  it.each(['PAID_OFF', 'WRITTEN_OFF'])('a %s account is out of collection: CONFLICT, nothing written', async (status) => {
    const id = await pick(`a.status = '${status}'`);
    const token = await as('manager@demo.test');
    await refusedWithNothingWritten(() => route(token, id, 'RETENTION'), 'CONFLICT');
  });

  it('a stale expectedVersion is CONFLICT, nothing written', async () => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const { version } = await accountRow(id);
    const token = await as(await ownerOf(id));
    const r = await refusedWithNothingWritten(() => route(token, id, 'RETENTION', 'x', version - 1), 'CONFLICT');
    expect(r.errors![0]!.extensions?.currentVersion).toBe(version);
  });

  it.each([
    ['an empty reason', { reason: '   ' }, 'reason'],
    ['a reason over 255 characters', { reason: 'x'.repeat(256) }, 'reason'],
    ['a malformed account id', { accountId: 'nope' }, 'accountId'],
    ['an id of another type', { accountId: globalId('Customer', 1) }, 'accountId'],
  ])('%s is BAD_USER_INPUT, nothing written', async (_name, change, argument) => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const token = await as(await ownerOf(id));
    const variables = { accountId: globalId('Account', id), to: 'RETENTION', reason: 'Wants a retention offer', ...change };
    await refusedWithNothingWritten(() => gql(server.url, ROUTE, variables, token), 'BAD_USER_INPUT', argument);
  });

  it('a reason of exactly 255 characters is taken', async () => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const r = ok(await route(await as(await ownerOf(id)), id, 'RETENTION', 'r'.repeat(255))).routeAccount;
    expect(r.reason).toHaveLength(255);
  });

  it('an unknown queue is refused by the schema', async () => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const token = await as(await ownerOf(id));
    await refusedWithNothingWritten(() => route(token, id, 'MARKETING'), 'BAD_USER_INPUT');
  });

  it('who may not route: another agent’s account and another team’s are NOT_FOUND; analyst FORBIDDEN; nothing written', async () => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const [other] = await sql(server, "select email from agent where role = 'AGENT' and id <> (select assigned_agent_id from account where id = ?) order by id limit 1", [id]);
    await refusedWithNothingWritten(async () => route(await as(String(other!.email)), id, 'RETENTION'), 'NOT_FOUND');
    await refusedWithNothingWritten(async () => route(await as(await otherSupervisor(id)), id, 'RETENTION'), 'NOT_FOUND');
    await refusedWithNothingWritten(async () => route(await as('analyst@demo.test'), id, 'RETENTION'), 'FORBIDDEN');
    await refusedWithNothingWritten(() => route('', id, 'RETENTION'), 'UNAUTHENTICATED');
  });
});

describe('the receiving side: accept, resolve, return', () => {
  it('OPEN → ACCEPTED → RESOLVED by the supervisor of the account’s team; the account goes back to ACTIVE', async () => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const referral = await routed(id);
    const supervisor = await supervisorOf(id);
    const token = await as(supervisor);

    server.clock.set(new Date('2026-11-18T17:00:00.000Z'));
    const accepted = ok(await gql(server.url, ACCEPT, { id: referral }, token)).acceptReferral;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptedAt: '2026-11-18T17:00:00.000Z', closedAt: null, handledBy: { email: supervisor }, account: { status: 'ROUTED' } });

    server.clock.set(new Date('2026-11-18T18:30:00.000Z'));
    const resolved = ok(await gql(server.url, RESOLVE, { id: referral, text: 'Retention offer accepted' }, token)).resolveReferral;
    expect(resolved).toMatchObject({
      status: 'RESOLVED',
      acceptedAt: '2026-11-18T17:00:00.000Z',
      closedAt: '2026-11-18T18:30:00.000Z',
      resolution: 'Retention offer accepted',
      handledBy: { email: supervisor },
      account: { status: 'ACTIVE' },
    });
    expect((await accountRow(id)).status).toBe('ACTIVE');

    const events = await auditOf('Referral', localId(referral));
    expect(events.map((e) => e.action)).toEqual(['routeAccount', 'acceptReferral', 'resolveReferral']);
    expect(events[1]).toMatchObject({ actorAgentId: await agentId(server, supervisor), actorRole: 'SUPERVISOR', before: { status: 'OPEN' }, after: { status: 'ACCEPTED' } });
    expect(events[2]).toMatchObject({ before: { status: 'ACCEPTED' }, after: { status: 'RESOLVED', resolution: 'Retention offer accepted' }, at: '2026-11-18T18:30:00.000Z' });
    const accountEvents = (await auditOf('Account', id)).filter((e) => e.action === 'resolveReferral');
    expect(accountEvents).toHaveLength(1);
    expect(accountEvents[0]).toMatchObject({ before: { status: 'ROUTED' }, after: { status: 'ACTIVE' } });
  });

  it('OPEN → RETURNED by a manager; ACCEPTED → RETURNED by an admin', async () => {
    const first = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const open = await routed(first);
    const r1 = ok(await gql(server.url, RETURN, { id: open, text: 'Not for customer service' }, await as('manager@demo.test'))).returnReferral;
    expect(r1).toMatchObject({ status: 'RETURNED', resolution: 'Not for customer service', acceptedAt: null, handledBy: { email: 'manager@demo.test' }, account: { status: 'ACTIVE' } });
    expect((await auditOf('Referral', localId(open))).map((e) => e.action)).toEqual(['routeAccount', 'returnReferral']);

    const second = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const accepted = await routed(second);
    ok(await gql(server.url, ACCEPT, { id: accepted }, await as('admin@demo.test')));
    const r2 = ok(await gql(server.url, RETURN, { id: accepted, text: 'Back to collections' }, await as('admin@demo.test'))).returnReferral;
    expect(r2).toMatchObject({ status: 'RETURNED', account: { status: 'ACTIVE' } });
  });

  it('the account goes back to IN_ARRANGEMENT when it has an active plan', async () => {
    const id = await pick(`a.status = 'IN_ARRANGEMENT' and a.assigned_agent_id is not null
      and exists (select 1 from payment_plan p where p.account_id = a.id and p.status = 'ACTIVE')
      and not exists (select 1 from referral r where r.account_id = a.id and r.status in ('OPEN', 'ACCEPTED'))
      and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')`);
    const referral = await routed(id);
    const token = await as(await supervisorOf(id));
    ok(await gql(server.url, ACCEPT, { id: referral }, token));
    const r = ok(await gql(server.url, RESOLVE, { id: referral, text: 'Handled' }, token)).resolveReferral;
    expect(r.account.status).toBe('IN_ARRANGEMENT');
    expect((await accountRow(id)).status).toBe('IN_ARRANGEMENT');
  });

  it('the account goes back to DISPUTED while a dispute is open', async () => {
    const id = await pick(`a.status = 'DISPUTED' and a.assigned_agent_id is not null
      and not exists (select 1 from referral r where r.account_id = a.id and r.status in ('OPEN', 'ACCEPTED'))`);
    const referral = await routed(id);
    expect((await accountRow(id)).status).toBe('DISPUTED');
    const r = ok(await gql(server.url, RETURN, { id: referral, text: 'Dispute first' }, await as(await supervisorOf(id)))).returnReferral;
    expect(r.account.status).toBe('DISPUTED');
  });

  describe('transitions outside OPEN → ACCEPTED → RESOLVED/RETURNED and OPEN → RETURNED are CONFLICT, nothing written', () => {
    let open: string;
    let accepted: string;
    let resolved: string;
    let returned: string;
    let token: string;
    beforeAll(async () => {
      token = await as('manager@demo.test');
      open = await routed(await pick(`${FREE} and a.assigned_agent_id is not null`));
      accepted = await routed(await pick(`${FREE} and a.assigned_agent_id is not null`));
      ok(await gql(server.url, ACCEPT, { id: accepted }, token));
      resolved = await routed(await pick(`${FREE} and a.assigned_agent_id is not null`));
      ok(await gql(server.url, ACCEPT, { id: resolved }, token));
      ok(await gql(server.url, RESOLVE, { id: resolved, text: 'Done' }, token));
      returned = await routed(await pick(`${FREE} and a.assigned_agent_id is not null`));
      ok(await gql(server.url, RETURN, { id: returned, text: 'Back' }, token));
    });

    it.each([
      ['resolve an OPEN referral', 'open', RESOLVE],
      ['accept an ACCEPTED referral', 'accepted', ACCEPT],
      ['accept a RESOLVED referral', 'resolved', ACCEPT],
      ['resolve a RESOLVED referral', 'resolved', RESOLVE],
      ['return a RESOLVED referral', 'resolved', RETURN],
      ['accept a RETURNED referral', 'returned', ACCEPT],
      ['resolve a RETURNED referral', 'returned', RESOLVE],
      ['return a RETURNED referral', 'returned', RETURN],
    ])('%s', async (_name, which, mutation) => {
      const id = { open, accepted, resolved, returned }[which]!;
      await refusedWithNothingWritten(() => gql(server.url, mutation, { id, text: 'again' }, token), 'CONFLICT');
    });
  });

  it('a referral of the seed (no call of ours) is handled the same way', async () => {
    const seeded = await scalar(server, "select min(r.id) from referral r where r.status = 'OPEN'");
    const account = await scalar(server, 'select account_id from referral where id = ?', [seeded]);
    used.add(account);
    const r = ok(await gql(server.url, RETURN, { id: globalId('Referral', seeded), text: 'Back' }, await as('manager@demo.test'))).returnReferral;
    expect(r.status).toBe('RETURNED');
    expect(['ACTIVE', 'IN_ARRANGEMENT', 'DISPUTED']).toContain(r.account.status);
  });

  it('who may not: agents (even on their own accounts) and analysts are FORBIDDEN; another team’s supervisor NOT_FOUND; nothing written', async () => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const referral = await routed(id);
    const owner = await as(await ownerOf(id));
    const stranger = await as(await otherSupervisor(id));
    const analyst = await as('analyst@demo.test');
    for (const [mutation, text] of [[ACCEPT, undefined], [RETURN, 'back'], [RESOLVE, 'done']] as const) {
      await refusedWithNothingWritten(() => gql(server.url, mutation, { id: referral, text }, owner), 'FORBIDDEN');
      await refusedWithNothingWritten(() => gql(server.url, mutation, { id: referral, text }, analyst), 'FORBIDDEN');
      await refusedWithNothingWritten(() => gql(server.url, mutation, { id: referral, text }, stranger), 'NOT_FOUND');
    }
  });

  it('bad input on the receiving side is BAD_USER_INPUT or NOT_FOUND, nothing written', async () => {
    const id = await pick(`${FREE} and a.assigned_agent_id is not null`);
    const referral = await routed(id);
    const token = await as('manager@demo.test');
    ok(await gql(server.url, ACCEPT, { id: referral }, token));
    await refusedWithNothingWritten(() => gql(server.url, RESOLVE, { id: referral, text: ' ' }, token), 'BAD_USER_INPUT', 'resolution');
    await refusedWithNothingWritten(() => gql(server.url, RETURN, { id: referral, text: 'y'.repeat(256) }, token), 'BAD_USER_INPUT', 'reason');
    await refusedWithNothingWritten(() => gql(server.url, ACCEPT, { id: globalId('Account', id) }, token), 'BAD_USER_INPUT', 'id');
    await refusedWithNothingWritten(() => gql(server.url, ACCEPT, { id: globalId('Referral', 99_999_999) }, token), 'NOT_FOUND');
  });
});

describe('referrals query', () => {
  const QUERY = `query($filter: ReferralFilter, $after: String) {
    referrals(first: 100, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } nodes { id queue status createdAt account { id } } } }`;

  async function all(token: string, filter: object): Promise<{ ids: number[]; totalCount: number; nodes: any[] }> {
    const nodes: any[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const page: any = ok(await gql(server.url, QUERY, { filter, after }, token)).referrals;
      totalCount = page.totalCount;
      nodes.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return { ids: nodes.map((n) => localId(n.id)).sort((a, b) => a - b), totalCount, nodes };
      after = page.pageInfo.endCursor;
    }
  }

  async function expected(where: string, params: unknown[] = []): Promise<number[]> {
    return (await sql(server, `select r.id from referral r join account a on a.id = r.account_id where ${where} order by r.id`, params)).map((r) => Number(r.id));
  }

  it('a manager filters by queue and status, newest first', async () => {
    const wanted = await expected("r.queue = 'RETENTION' and r.status = 'OPEN'");
    expect(wanted.length).toBeGreaterThan(0);
    const r = await all(await as('manager@demo.test'), { queue: 'RETENTION', status: 'OPEN' });
    expect(r.ids).toEqual(wanted);
    expect(r.totalCount).toBe(wanted.length);
    const times = r.nodes.map((n) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('by account', async () => {
    const account = await scalar(server, 'select account_id from referral group by account_id order by count(*) desc, account_id limit 1');
    const r = await all(await as('admin@demo.test'), { accountId: globalId('Account', account) });
    expect(r.ids).toEqual(await expected('r.account_id = ?', [account]));
    expect(new Set(r.nodes.map((n) => n.account.id))).toEqual(new Set([globalId('Account', account)]));
  });

  it('an agent sees the referrals of their accounts, a supervisor their team’s', async () => {
    const agentEmail = await ownerOf(await scalar(server, 'select min(r.account_id) from referral r join account a on a.id = r.account_id where a.assigned_agent_id is not null'));
    const me = await agentId(server, agentEmail);
    const mine = await expected('a.assigned_agent_id = ?', [me]);
    expect(mine.length).toBeGreaterThan(0);
    expect((await all(await as(agentEmail), {})).ids).toEqual(mine);

    const team = await scalar(server, 'select team_id from agent where id = ?', [me]);
    const supervisor = String((await sql(server, 'select s.email from team t join agent s on s.id = t.supervisor_id where t.id = ?', [team]))[0]!.email);
    expect((await all(await as(supervisor), {})).ids).toEqual(await expected('a.team_id = ?', [team]));
    expect((await all(await as('analyst@demo.test'), {})).totalCount).toBe(await scalar(server, 'select count(*) from referral'));
  });

  it('a bad account id in the filter is BAD_USER_INPUT', async () => {
    const r = await gql(server.url, QUERY, { filter: { accountId: 'nope' } }, await as('manager@demo.test'));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});
