import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { agentId, globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const PAGE = `query($after: String) { accounts(first: 100, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id assignedAgent { email } team { name } }
} }`;

async function allAccounts(token: string): Promise<Array<{ id: string; assignedAgent: { email: string } | null; team: { name: string } | null }>> {
  const out = [];
  let after: string | null = null;
  for (;;) {
    const page: any = ok(await gql(server.url, PAGE, { after }, token)).accounts;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

describe('who sees which accounts (DOMAIN.md §1)', () => {
  it('an agent sees exactly the accounts assigned to them', async () => {
    const token = await login(server.url, 'agent1@demo.test');
    const mine = await allAccounts(token);
    const expected = await scalar(server, 'select count(*) from account where assigned_agent_id = ?', [await agentId(server, 'agent1@demo.test')]);
    expect(expected).toBeGreaterThan(0);
    expect(mine).toHaveLength(expected);
    expect(new Set(mine.map((a) => a.assignedAgent?.email))).toEqual(new Set(['agent1@demo.test']));
  });

  it('an agent gets NOT_FOUND for an account of another agent, through account() and node()', async () => {
    const token = await login(server.url, 'agent1@demo.test');
    const otherId = await scalar(server, 'select min(id) from account where assigned_agent_id = ?', [await agentId(server, 'agent2@demo.test')]);
    const id = globalId('Account', otherId);
    expect(errorCode(await gql(server.url, 'query($id: ID!) { account(id: $id) { id } }', { id }, token))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server.url, 'query($id: ID!) { node(id: $id) { id } }', { id }, token))).toBe('NOT_FOUND');
  });

  it('a supervisor sees exactly their team’s accounts', async () => {
    const token = await login(server.url, 'supervisor2@demo.test');
    const seen = await allAccounts(token);
    const expected = await scalar(server, "select count(*) from account a join team t on t.id = a.team_id where t.name = 'Team 2'");
    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map((a) => a.team?.name))).toEqual(new Set(['Team 2']));
  });

  it('a supervisor gets NOT_FOUND for another team’s account', async () => {
    const token = await login(server.url, 'supervisor2@demo.test');
    const other = await scalar(server, "select min(a.id) from account a join team t on t.id = a.team_id where t.name = 'Team 1'");
    expect(errorCode(await gql(server.url, 'query($id: ID!) { account(id: $id) { id } }', { id: globalId('Account', other) }, token))).toBe('NOT_FOUND');
  });

  it.each(['manager@demo.test', 'admin@demo.test', 'analyst@demo.test'])('%s sees every account', async (email) => {
    const token = await login(server.url, email);
    const r = ok(await gql(server.url, '{ accounts(first: 1) { totalCount } }', {}, token));
    expect(r.accounts.totalCount).toBe(await scalar(server, 'select count(*) from account'));
  });

  it('an agent sees their own team’s agents only', async () => {
    const token = await login(server.url, 'agent11@demo.test');
    const r = ok(await gql(server.url, '{ agents(first: 100) { nodes { email team { name } } } }', {}, token));
    expect(new Set(r.agents.nodes.map((a: any) => a.team?.name))).toEqual(new Set(['Team 2']));
    expect(r.agents.nodes.map((a: any) => a.email)).toContain('supervisor2@demo.test');
  });

  it('an agent sees only their own calls and the calls on their accounts', async () => {
    const token = await login(server.url, 'agent5@demo.test');
    const me = await agentId(server, 'agent5@demo.test');
    const r = ok(await gql(server.url, '{ calls(first: 1) { totalCount } }', {}, token));
    const expected = await scalar(
      server,
      'select count(*) from call c join account a on a.id = c.account_id where c.agent_id = ? or a.assigned_agent_id = ?',
      [me, me],
    );
    expect(r.calls.totalCount).toBe(expected);
  });

  it('a customer of another agent is NOT_FOUND for an agent', async () => {
    const token = await login(server.url, 'agent1@demo.test');
    const me = await agentId(server, 'agent1@demo.test');
    const [other] = await sql(server, 'select min(customer_id) as id from account where customer_id not in (select customer_id from account where assigned_agent_id = ?)', [me]);
    const r = await gql(server.url, 'query($id: ID!) { customer(id: $id) { id } }', { id: globalId('Customer', Number(other!.id)) }, token);
    expect(errorCode(r)).toBe('NOT_FOUND');
    const mine = ok(await gql(server.url, '{ customers(first: 100) { totalCount } }', {}, token));
    expect(mine.customers.totalCount).toBe(await scalar(server, 'select count(distinct customer_id) from account where assigned_agent_id = ?', [me]));
  });
});

describe('personal data for ANALYST (DOMAIN.md §8)', () => {
  const DETAIL = `query($id: ID!) { account(id: $id) {
    customer { firstName lastName nationalId contactPoints { kind value city postalCode } }
    calls(first: 5) { nodes { phoneNumber notes } }
  } }`;

  it('masks every personal field the analyst reaches, and shows them in full to a manager', async () => {
    const [row] = await sql(
      server,
      "select a.id from account a join customer c on c.id = a.customer_id where c.national_id is not null and exists (select 1 from call k where k.account_id = a.id and k.notes is not null) order by a.id limit 1",
    );
    const id = globalId('Account', Number(row!.id));
    const analyst = ok(await gql(server.url, DETAIL, { id }, await login(server.url, 'analyst@demo.test'))).account;
    const manager = ok(await gql(server.url, DETAIL, { id }, await login(server.url, 'manager@demo.test'))).account;

    expect(manager.customer.firstName.length).toBeGreaterThan(2);
    expect(analyst.customer.firstName).toBe(`${manager.customer.firstName[0].toUpperCase()}.`);
    expect(analyst.customer.lastName).toBe(`${manager.customer.lastName.trim()[0].toUpperCase()}.`);
    expect(analyst.customer.nationalId).toBe(`****${manager.customer.nationalId.replace(/[^0-9A-Za-z]/g, '').slice(-4)}`);
    for (const [i, point] of analyst.customer.contactPoints.entries()) {
      const full = manager.customer.contactPoints[i];
      if (point.kind === 'PHONE') expect(point.value).toBe(`****${full.value.replace(/\D/g, '').slice(-4)}`);
      if (point.kind === 'EMAIL') expect(point.value).toBe(`***${full.value.slice(full.value.indexOf('@'))}`);
      if (point.kind === 'ADDRESS') {
        expect(point.value).toBe('***');
        expect(point.city).toBe(full.city);
        if (full.postalCode) expect(point.postalCode).toBe('***');
      }
    }
    for (const [i, call] of analyst.calls.nodes.entries()) {
      expect(call.phoneNumber).toMatch(/^\*{4}\d{4}$/);
      expect(call.phoneNumber.slice(-4)).toBe(manager.calls.nodes[i].phoneNumber.slice(-4));
      if (manager.calls.nodes[i].notes) expect(call.notes).toBe('***');
    }
  });

  it('masks through node() and customers too', async () => {
    const token = await login(server.url, 'analyst@demo.test');
    const r = ok(await gql(server.url, '{ customers(first: 3) { nodes { id firstName lastName } } }', {}, token));
    for (const c of r.customers.nodes) {
      expect(c.firstName).toMatch(/^.\.$/);
      const viaNode = ok(await gql(server.url, 'query($id: ID!) { node(id: $id) { ... on Customer { firstName lastName } } }', { id: c.id }, token));
      expect(viaNode.node).toEqual({ firstName: c.firstName, lastName: c.lastName });
    }
    expect(localId(r.customers.nodes[0].id)).toBeGreaterThan(0);
  });

  it('does not let an analyst search customers by name', async () => {
    const token = await login(server.url, 'analyst@demo.test');
    const r = await gql(server.url, '{ customers(first: 3, filter: { search: "ma" }) { totalCount } }', {}, token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});
