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

const REASSIGN = `mutation($ids: [ID!]!, $agent: ID!) { reassignAccounts(accountIds: $ids, agentId: $agent) {
  id version assignedAgent { email } team { name } } }`;

const used = new Set<number>();
/** Accounts of a team no other test of this file moved, assigned to someone other than `notAgent`. */
async function accountsOf(team: string, count: number, notAgent: string): Promise<number[]> {
  const rows = await sql(
    server,
    `select a.id from account a join team t on t.id = a.team_id where t.name = ?
     and (a.assigned_agent_id is null or a.assigned_agent_id <> (select id from agent where email = ?)) order by a.id`,
    [team, notAgent],
  );
  const ids = rows.map((r) => Number(r.id)).filter((id) => !used.has(id)).slice(0, count);
  if (ids.length < count) throw new Error(`the seed has fewer than ${count} unused accounts in ${team}`);
  ids.forEach((id) => used.add(id));
  return ids;
}

async function placement(id: number): Promise<{ agent: string | null; team: string | null; version: number }> {
  const [row] = await sql(
    server,
    'select g.email, t.name, a.version from account a left join agent g on g.id = a.assigned_agent_id left join team t on t.id = a.team_id where a.id = ?',
    [id],
  );
  return { agent: row!.email == null ? null : String(row!.email), team: row!.name == null ? null : String(row!.name), version: Number(row!.version) };
}

const teamId = (name: string): Promise<number> => scalar(server, 'select id from team where name = ?', [name]);
const json = (value: unknown): any => (typeof value === 'string' ? JSON.parse(value) : value);

async function auditOf(accountId: number): Promise<Array<{ actorAgentId: number; actorRole: string; before: any; after: any }>> {
  const rows = await sql(server, "select actor_agent_id, actor_role, before, after from audit_event where entity_type = 'Account' and entity_id = ? and action = 'reassignAccounts' order by id", [accountId]);
  return rows.map((r) => ({ actorAgentId: Number(r.actor_agent_id), actorRole: String(r.actor_role), before: json(r.before), after: json(r.after) }));
}

async function reassign(email: string, ids: Array<number | string>, agentEmail: string | number): Promise<GraphQLResponse> {
  const agent = typeof agentEmail === 'number' ? agentEmail : await agentId(server, agentEmail);
  return gql(server.url, REASSIGN, { ids: ids.map((id) => (typeof id === 'number' ? globalId('Account', id) : id)), agent: globalId('Agent', agent) }, await as(email));
}

async function refusedWithNothingWritten(request: () => Promise<GraphQLResponse>, code: string, argument?: string): Promise<GraphQLResponse> {
  const r = await expectNothingWritten(server, request);
  expect(errorCode(r), JSON.stringify(r.errors)).toBe(code);
  if (argument) expect(r.errors![0]!.extensions?.argument).toBe(argument);
  return r;
}

describe('a supervisor reassigns inside their team (DOMAIN.md §1)', () => {
  it('moves the accounts to an agent of the team, audits each one, and the agent now works them', async () => {
    const ids = await accountsOf('Team 1', 3, 'agent3@demo.test');
    const before = await Promise.all(ids.map(placement));
    const r = ok(await reassign('supervisor1@demo.test', ids, 'agent3@demo.test')).reassignAccounts;

    expect(r.map((a: any) => localId(a.id))).toEqual(ids);
    for (const [i, account] of r.entries()) {
      expect(account).toMatchObject({ assignedAgent: { email: 'agent3@demo.test' }, team: { name: 'Team 1' } });
      expect(account.version).toBeGreaterThan(before[i]!.version);
      expect(await placement(ids[i]!)).toEqual({ agent: 'agent3@demo.test', team: 'Team 1', version: account.version });
    }

    const supervisor = await agentId(server, 'supervisor1@demo.test');
    const agent3 = await agentId(server, 'agent3@demo.test');
    const team1 = await teamId('Team 1');
    for (const [i, id] of ids.entries()) {
      const events = await auditOf(id);
      expect(events).toHaveLength(1);
      const previous = before[i]!.agent ? await agentId(server, before[i]!.agent!) : null;
      expect(events[0]).toMatchObject({
        actorAgentId: supervisor,
        actorRole: 'SUPERVISOR',
        before: { assignedAgent: previous, team: team1 },
        after: { assignedAgent: agent3, team: team1 },
      });
    }

    const agentView = ok(await gql(server.url, '{ accounts(first: 100) { nodes { id } } }', {}, await as('agent3@demo.test'))).accounts.nodes.map((n: any) => localId(n.id));
    expect(agentView).toEqual(expect.arrayContaining(ids));
  });

  it('an account already with the agent is returned and not changed again', async () => {
    const [id] = await accountsOf('Team 1', 1, 'agent4@demo.test');
    ok(await reassign('supervisor1@demo.test', [id!], 'agent4@demo.test'));
    const r = ok(await reassign('supervisor1@demo.test', [id!], 'agent4@demo.test')).reassignAccounts;
    expect(r[0].assignedAgent.email).toBe('agent4@demo.test');
    expect(await auditOf(id!)).toHaveLength(1);
  });

  it('an unassigned account of the team is assigned', async () => {
    const id = await scalar(server, "select min(a.id) from account a join team t on t.id = a.team_id where t.name = 'Team 1' and a.assigned_agent_id is null");
    used.add(id);
    const r = ok(await reassign('supervisor1@demo.test', [id], 'agent5@demo.test')).reassignAccounts;
    expect(r[0]).toMatchObject({ assignedAgent: { email: 'agent5@demo.test' }, team: { name: 'Team 1' } });
    expect((await auditOf(id))[0]!.before.assignedAgent).toBeNull();
  });

  it('all or nothing: one account of another team among the ids is NOT_FOUND and none moves', async () => {
    const mine = await accountsOf('Team 1', 2, 'agent6@demo.test');
    const [theirs] = await accountsOf('Team 2', 1, 'agent6@demo.test');
    const r = await refusedWithNothingWritten(() => reassign('supervisor1@demo.test', [...mine, theirs!], 'agent6@demo.test'), 'NOT_FOUND');
    expect(r.errors![0]!.message).toContain(globalId('Account', theirs!));
  });

  it('an agent of another team is NOT_FOUND for a supervisor, nothing written', async () => {
    const ids = await accountsOf('Team 1', 1, 'agent11@demo.test');
    await refusedWithNothingWritten(() => reassign('supervisor1@demo.test', ids, 'agent11@demo.test'), 'NOT_FOUND');
  });

  it('the target must be an active AGENT: a supervisor or an inactive agent is BAD_USER_INPUT, nothing written', async () => {
    const ids = await accountsOf('Team 1', 1, 'agent7@demo.test');
    await refusedWithNothingWritten(() => reassign('supervisor1@demo.test', ids, 'supervisor1@demo.test'), 'BAD_USER_INPUT', 'agentId');
    await refusedWithNothingWritten(() => reassign('manager@demo.test', ids, 'manager@demo.test'), 'BAD_USER_INPUT', 'agentId');
    await refusedWithNothingWritten(() => reassign('manager@demo.test', ids, 'analyst@demo.test'), 'BAD_USER_INPUT', 'agentId');
    await sql(server, "update agent set active = false where email = 'agent7@demo.test'");
    try {
      await refusedWithNothingWritten(() => reassign('supervisor1@demo.test', ids, 'agent7@demo.test'), 'BAD_USER_INPUT', 'agentId');
    } finally {
      await sql(server, "update agent set active = true where email = 'agent7@demo.test'");
    }
  });
});

describe('a manager or an admin moves accounts across teams', () => {
  it('the accounts take the new agent’s team', async () => {
    const team1 = await accountsOf('Team 1', 1, 'agent11@demo.test');
    const team3 = await accountsOf('Team 3', 1, 'agent11@demo.test');
    const r = ok(await reassign('manager@demo.test', [...team3, ...team1], 'agent11@demo.test')).reassignAccounts;
    expect(r.map((a: any) => [localId(a.id), a.assignedAgent.email, a.team.name])).toEqual([
      [team3[0], 'agent11@demo.test', 'Team 2'],
      [team1[0], 'agent11@demo.test', 'Team 2'],
    ]);
    expect((await auditOf(team3[0]!))[0]).toMatchObject({ actorRole: 'MANAGER', before: { team: await teamId('Team 3') }, after: { team: await teamId('Team 2'), assignedAgent: await agentId(server, 'agent11@demo.test') } });
    expect(await placement(team1[0]!)).toMatchObject({ agent: 'agent11@demo.test', team: 'Team 2' });

    // Team 1's supervisor no longer reaches the account; Team 2's does.
    const query = 'query($id: ID!) { account(id: $id) { id } }';
    expect(errorCode(await gql(server.url, query, { id: globalId('Account', team1[0]!) }, await as('supervisor1@demo.test')))).toBe('NOT_FOUND');
    ok(await gql(server.url, query, { id: globalId('Account', team1[0]!) }, await as('supervisor2@demo.test')));
  });

  it('an admin does the same', async () => {
    const ids = await accountsOf('Team 4', 2, 'agent21@demo.test');
    const r = ok(await reassign('admin@demo.test', ids, 'agent21@demo.test')).reassignAccounts;
    expect(r.map((a: any) => a.team.name)).toEqual(['Team 3', 'Team 3']);
    expect((await auditOf(ids[0]!))[0]!.actorRole).toBe('ADMIN');
  });
});

describe('refused requests write nothing', () => {
  it('agents and analysts are FORBIDDEN', async () => {
    const [id] = await sql(server, "select a.id, g.email from account a join agent g on g.id = a.assigned_agent_id where g.email = 'agent8@demo.test' order by a.id limit 1");
    await refusedWithNothingWritten(() => reassign('agent8@demo.test', [Number(id!.id)], 'agent9@demo.test'), 'FORBIDDEN');
    await refusedWithNothingWritten(() => reassign('analyst@demo.test', [Number(id!.id)], 'agent9@demo.test'), 'FORBIDDEN');
  });

  it.each([
    ['no ids', () => [], 'accountIds'],
    ['501 ids', () => Array.from({ length: 501 }, (_, i) => i + 1), 'accountIds'],
    ['an id given twice', () => [1, 2, 1], 'accountIds[2]'],
    ['a malformed id', () => [1, 'nope'], 'accountIds[1]'],
    ['an id of another type', () => [globalId('Customer', 1)], 'accountIds[0]'],
  ])('%s is BAD_USER_INPUT', async (_name, ids, argument) => {
    await refusedWithNothingWritten(() => reassign('manager@demo.test', ids() as Array<number | string>, 'agent9@demo.test'), 'BAD_USER_INPUT', argument);
  });

  it('an unknown account or agent is NOT_FOUND', async () => {
    await refusedWithNothingWritten(() => reassign('manager@demo.test', [1, 99_999_999], 'agent9@demo.test'), 'NOT_FOUND');
    await refusedWithNothingWritten(() => reassign('manager@demo.test', [1], 99_999_999), 'NOT_FOUND');
    await refusedWithNothingWritten(
      async () => gql(server.url, REASSIGN, { ids: [globalId('Account', 1)], agent: globalId('Team', 1) }, await as('manager@demo.test')),
      'BAD_USER_INPUT',
      'agentId',
    );
  });
});

describe('the upper edge', () => {
  it('500 accounts move in one request', async () => {
    const ids = (await sql(server, "select a.id from account a where a.assigned_agent_id is null or a.assigned_agent_id <> (select id from agent where email = 'agent31@demo.test') order by a.id"))
      .map((r) => Number(r.id))
      .slice(0, 500);
    expect(ids).toHaveLength(500);
    const r = ok(await reassign('admin@demo.test', ids, 'agent31@demo.test')).reassignAccounts;
    expect(r).toHaveLength(500);
    const team4 = await teamId('Team 4');
    expect(await scalar(server, `select count(*) from account where assigned_agent_id = ? and team_id = ? and id in (${ids.join(',')})`, [await agentId(server, 'agent31@demo.test'), team4])).toBe(500);
    expect(await scalar(server, `select count(*) from audit_event where action = 'reassignAccounts' and actor_role = 'ADMIN' and entity_id in (${ids.join(',')})`)).toBeGreaterThanOrEqual(500);
  });
});
