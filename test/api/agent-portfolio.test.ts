import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, login, ok } from '../utils/graphql.js';
import { agentId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { NOW } from '../utils/template.js';

/**
 * An agent's accounts page (DOMAIN.md §1: their assigned accounts and the accounts leased to them),
 * paged through in every order, filtered, and counted, against the same question asked of the
 * database directly. agent3 holds leases on accounts of others that fall before, tied with and after
 * their assigned ones, on one that is not ACTIVE, on a team-pool account, and on one of their own
 * accounts (listed once).
 */
let server: TestServer;
let token: string;
let me: number;
const leased: Record<'top' | 'tied' | 'own' | 'disputed' | 'pool', number> = { top: 0, tied: 0, own: 0, disputed: 0, pool: 0 };

const isSqlite = () => server.config.database.kind === 'sqlite';
const instant = (date: Date): number | string => (isSqlite() ? date.getTime() : date.toISOString());

beforeAll(async () => {
  server = await startTestServer();
  token = await login(server.url, 'agent3@demo.test');
  me = await agentId(server, 'agent3@demo.test');
  const others = "assigned_agent_id is not null and assigned_agent_id <> ?";
  const first = async (query: string, params: unknown[]): Promise<number> => {
    const [row] = await sql(server, `${query} limit 1`, params);
    expect(row).toBeDefined();
    return Number(row!.id);
  };
  const mine = await sql(server, "select max(balance_minor) as top, min(balance_minor) as bottom from account where assigned_agent_id = ? and status = 'ACTIVE'", [me]);
  // Above every balance of agent3's: the first row of the page by balance comes from the leases.
  leased.top = await first(`select id from account where ${others} and status = 'ACTIVE' and balance_minor > ? order by id`, [me, mine[0]!.top]);
  // Below every balance of agent3's, and assigned to nobody: a team-pool account, the last row by balance.
  leased.pool = await first(`select id from account where ${others} and status = 'ACTIVE' and balance_minor < ? order by balance_minor, id`, [me, mine[0]!.bottom]);
  await sql(server, 'update account set assigned_agent_id = null where id = ?', [leased.pool]);
  // The days past due of one of agent3's accounts: in the default order the tie is broken by id across the two kinds of reach.
  leased.tied = await first(
    `select a.id from account a where a.${others} and a.status = 'ACTIVE' and a.id not in (?, ?)
       and a.dpd in (select dpd from account where assigned_agent_id = ? and status = 'ACTIVE') order by a.id`,
    [me, leased.top, leased.pool, me],
  );
  leased.disputed = await first(`select id from account where ${others} and status <> 'ACTIVE' order by id`, [me]);
  leased.own = await first("select id from account where assigned_agent_id = ? and status = 'ACTIVE' order by id", [me]);
  for (const account of Object.values(leased)) {
    await sql(server, 'insert into account_lease (account_id, agent_id, leased_at, expires_at) values (?, ?, ?, ?)', [
      account,
      me,
      instant(NOW),
      instant(new Date(NOW.getTime() + 5 * 60_000)),
    ]);
  }
});
afterAll(async () => {
  await server?.stop();
});

const FORWARD = `query($first: Int!, $after: String, $filter: AccountFilter, $order: AccountOrder) {
  accounts(first: $first, after: $after, filter: $filter, orderBy: $order) {
    totalCount edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor }
  } }`;
const BACKWARD = `query($last: Int!, $before: String, $filter: AccountFilter, $order: AccountOrder) {
  accounts(last: $last, before: $before, filter: $filter, orderBy: $order) {
    totalCount edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor }
  } }`;

interface Walk {
  ids: number[];
  totalCounts: number[];
}

async function walkForward(size: number, filter?: object, order?: object): Promise<Walk> {
  const walk: Walk = { ids: [], totalCounts: [] };
  let after: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const page: any = ok(await gql(server.url, FORWARD, { first: size, after, filter, order }, token)).accounts;
    walk.ids.push(...page.edges.map((e: any) => localId(e.node.id)));
    walk.totalCounts.push(page.totalCount);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!page.pageInfo.hasNextPage) return walk;
    after = page.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

async function walkBackward(size: number, filter?: object, order?: object): Promise<Walk> {
  const walk: Walk = { ids: [], totalCounts: [] };
  let before: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const page: any = ok(await gql(server.url, BACKWARD, { last: size, before, filter, order }, token)).accounts;
    walk.ids.unshift(...page.edges.map((e: any) => localId(e.node.id)));
    walk.totalCounts.push(page.totalCount);
    expect(page.pageInfo.hasNextPage).toBe(before !== null);
    if (!page.pageInfo.hasPreviousPage) return walk;
    before = page.pageInfo.startCursor;
  }
  throw new Error('pagination did not end');
}

/** The agent's reach, asked of the database directly. */
const REACH = '(a.assigned_agent_id = ? or a.id in (select l.account_id from account_lease l where l.agent_id = ?))';

async function expected(condition: string, params: unknown[], sqlOrder: string): Promise<number[]> {
  return (await sql(server, `select a.id from account a where ${REACH}${condition} order by ${sqlOrder}`, [me, me, ...params])).map((r) => Number(r.id));
}

describe('an agent’s accounts: assigned and leased (DOMAIN.md §1)', () => {
  it.each([
    ['ACTIVE by balance, largest first (the desk’s portfolio)', { statuses: ['ACTIVE'] }, { field: 'BALANCE', direction: 'DESC' }, " and a.status = 'ACTIVE'", [], 'balance_minor desc, id desc'],
    ['every status by balance, smallest first', undefined, { field: 'BALANCE', direction: 'ASC' }, '', [], 'balance_minor asc, id asc'],
    ['by days past due (the default)', undefined, undefined, '', [], 'dpd desc, id desc'],
    ['by id', undefined, { field: 'ID', direction: 'ASC' }, '', [], 'id asc'],
    ['by last change', undefined, { field: 'UPDATED_AT', direction: 'DESC' }, '', [], 'updated_at desc, id desc'],
    ['past due by external reference', { dpd: { min: 1 } }, { field: 'EXTERNAL_REF', direction: 'ASC' }, ' and a.dpd >= ?', [1], 'external_ref asc, id asc'],
  ])('%s: every account once, in order, forwards and backwards, across page boundaries', async (_name, filter, order, condition, params, sqlOrder) => {
    const want = await expected(condition, params, sqlOrder);
    // The leases are in the answer, not beside it.
    const leases = Object.values(leased).filter((id) => want.includes(id));
    expect(leases.length).toBeGreaterThanOrEqual(2);
    for (const size of [1, 2, 5]) {
      const forward = await walkForward(size, filter, order);
      expect(forward.ids).toEqual(want);
      expect(new Set(forward.totalCounts)).toEqual(new Set([want.length]));
      const backward = await walkBackward(size + 1, filter, order);
      expect(backward.ids).toEqual(want);
      expect(new Set(backward.totalCounts)).toEqual(new Set([want.length]));
    }
  });

  it('lists and counts an account both assigned and leased to the agent once', async () => {
    const walk = await walkForward(100);
    expect(walk.ids.filter((id) => id === leased.own)).toHaveLength(1);
    const reach = await scalar(server, `select count(*) from account a where ${REACH}`, [me, me]);
    const assigned = await scalar(server, 'select count(*) from account where assigned_agent_id = ?', [me]);
    expect(reach).toBe(assigned + Object.keys(leased).length - 1);
    expect(walk.ids).toHaveLength(reach);
    expect(new Set(walk.totalCounts)).toEqual(new Set([reach]));
  });

  it('puts a leased account first when it leads the order, last when it trails, and breaks a tie with an assigned account by id', async () => {
    const byBalance = (await walkForward(3, { statuses: ['ACTIVE'] }, { field: 'BALANCE', direction: 'DESC' })).ids;
    expect(byBalance[0]).toBe(leased.top);
    expect(byBalance[byBalance.length - 1]).toBe(leased.pool);
    const [tied] = await sql(server, 'select dpd from account where id = ?', [leased.tied]);
    const twins = (await sql(server, 'select id from account where assigned_agent_id = ? and dpd = ?', [me, tied!.dpd])).map((r) => Number(r.id));
    expect(twins.length).toBeGreaterThanOrEqual(1);
    const byDpd = (await walkForward(2)).ids;
    expect(byDpd.filter((id) => id === leased.tied || twins.includes(id))).toEqual([leased.tied, ...twins].sort((a, b) => b - a));
  });

  it('loses a leased account when the lease ends, and never sees another agent’s accounts', async () => {
    const other = await agentId(server, 'agent4@demo.test');
    const before = (await walkForward(100)).ids;
    await sql(server, 'delete from account_lease where account_id = ?', [leased.pool]);
    const after = (await walkForward(100)).ids;
    expect(after).toEqual(before.filter((id) => id !== leased.pool));
    const foreign = await sql(server, `select id from account where assigned_agent_id = ? and id not in (select account_id from account_lease where agent_id = ?)`, [other, me]);
    expect(foreign.length).toBeGreaterThan(0);
    for (const row of foreign) expect(after).not.toContain(Number(row.id));
    await sql(server, 'insert into account_lease (account_id, agent_id, leased_at, expires_at) values (?, ?, ?, ?)', [
      leased.pool,
      me,
      instant(NOW),
      instant(new Date(NOW.getTime() + 5 * 60_000)),
    ]);
  });
});
