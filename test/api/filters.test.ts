import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await login(server.url, 'manager@demo.test');
});
afterAll(async () => {
  await server?.stop();
});

const QUERY = `query($filter: AccountFilter, $after: String) {
  accounts(first: 100, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
}`;

async function idsFor(filter: object): Promise<{ ids: number[]; totalCount: number }> {
  const ids: number[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const page: any = ok(await gql(server.url, QUERY, { filter, after }, token)).accounts;
    totalCount = page.totalCount;
    ids.push(...page.nodes.map((n: any) => localId(n.id)));
    if (!page.pageInfo.hasNextPage) return { ids: ids.sort((a, b) => a - b), totalCount };
    after = page.pageInfo.endCursor;
  }
}

async function expectSame(filter: object, where: string, params: unknown[] = []): Promise<void> {
  const expected = (await sql(server, `select a.id from account a join customer c on c.id = a.customer_id where ${where} order by a.id`, params)).map((r) => Number(r.id));
  expect(expected.length, `the seed has rows for ${where}`).toBeGreaterThan(0);
  const { ids, totalCount } = await idsFor(filter);
  expect(ids).toEqual(expected);
  expect(totalCount).toBe(expected.length);
}

describe('account filters, each checked against SQL', () => {
  it('by buckets', () => expectSame({ buckets: ['B2', 'B5'] }, "a.bucket in ('B2', 'B5')"));
  it('by statuses', () => expectSame({ statuses: ['DISPUTED', 'WRITTEN_OFF'] }, "a.status in ('DISPUTED', 'WRITTEN_OFF')"));
  it('by products', () => expectSame({ products: ['AUTO_LOAN'] }, "a.product = 'AUTO_LOAN'"));
  it('by currency', () => expectSame({ currency: 'MXN' }, "a.currency = 'MXN'"));
  it('by team', async () => {
    const team = await scalar(server, "select id from team where name = 'Team 3'");
    await expectSame({ teamId: globalId('Team', team) }, 'a.team_id = ?', [team]);
  });
  it('by agent', async () => {
    const agent = await scalar(server, "select id from agent where email = 'agent7@demo.test'");
    await expectSame({ agentId: globalId('Agent', agent) }, 'a.assigned_agent_id = ?', [agent]);
  });
  it('unassigned', () => expectSame({ unassigned: true }, 'a.assigned_agent_id is null'));
  it('by DPD range', () => expectSame({ dpd: { min: 30, max: 89 } }, 'a.dpd between 30 and 89'));
  it('by open-ended DPD range', () => expectSame({ dpd: { min: 150 } }, 'a.dpd >= 150'));
  it('by balance range', () => expectSame({ balance: { min: '1000', max: '5000.50' } }, 'a.balance_minor between 100000 and 500050'));
  it('by external reference prefix', async () => {
    const [row] = await sql(server, 'select external_ref from account order by id limit 1');
    const prefix = String(row!.external_ref).slice(0, -1);
    await expectSame({ search: prefix.toLowerCase() }, 'a.external_ref like ?', [`${prefix}%`]);
  });
  it('by part of the customer name', async () => {
    const [row] = await sql(server, 'select search_name from customer order by id limit 1');
    const part = String(row!.search_name).split(' ')[1]!.slice(0, 4);
    await expectSame({ search: part.toUpperCase() }, "(c.search_name like ? or a.external_ref like ?)", [`%${part}%`, `${part.toUpperCase()}%`]);
  });
  it('combining conditions', () =>
    expectSame({ buckets: ['B1', 'B2', 'B3'], products: ['CREDIT_CARD'], balance: { min: '500' } }, "a.bucket in ('B1','B2','B3') and a.product = 'CREDIT_CARD' and a.balance_minor >= 50000"));
});

describe('bad filters', () => {
  it.each([
    ['an inverted DPD range', { dpd: { min: 90, max: 30 } }],
    ['a negative DPD', { dpd: { min: -1 } }],
    ['a balance that is not an amount', { balance: { min: 'lots' } }],
    ['a balance with too many decimals', { balance: { max: '10.001' } }],
    ['an inverted balance range', { balance: { min: '100', max: '10' } }],
    ['a one-letter search', { search: 'a' }],
    ['a currency that is not ISO 4217', { currency: 'DOLLARS' }],
    ['a team id that is an account id', { teamId: globalId('Account', 1) }],
    ['a malformed agent id', { agentId: '%%%' }],
  ])('%s is BAD_USER_INPUT', async (_name, filter) => {
    expect(errorCode(await gql(server.url, QUERY, { filter }, token))).toBe('BAD_USER_INPUT');
  });

  it('an unknown bucket is refused by the schema', async () => {
    const r = await gql(server.url, QUERY, { filter: { buckets: ['B9'] } }, token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});

describe('calls filter', () => {
  it('by agent, disposition and time range', async () => {
    const agent = await scalar(server, "select id from agent where email = 'agent2@demo.test'");
    const from = new Date(server.clock.now().getTime() - 14 * 86_400_000);
    const to = server.clock.now();
    const r = ok(
      await gql(
        server.url,
        'query($f: CallFilter) { calls(first: 1, filter: $f) { totalCount } }',
        { f: { agentId: globalId('Agent', agent), dispositions: ['NO_ANSWER', 'BUSY'], startedAt: { from: from.toISOString(), to: to.toISOString() } } },
        token,
      ),
    );
    const all = await sql(server, "select started_at from call where agent_id = ? and disposition in ('NO_ANSWER', 'BUSY')", [agent]);
    const expected = all.filter((c) => {
      const t = new Date(typeof c.started_at === 'number' ? c.started_at : c.started_at).getTime();
      return t >= from.getTime() && t < to.getTime();
    }).length;
    expect(expected).toBeGreaterThan(0);
    expect(r.calls.totalCount).toBe(expected);
  });

  it('an inverted time range is BAD_USER_INPUT', async () => {
    const r = await gql(server.url, '{ calls(first: 1, filter: { startedAt: { from: "2026-11-10T00:00:00Z", to: "2026-11-01T00:00:00Z" } }) { totalCount } }', {}, token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});
