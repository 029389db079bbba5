import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPool, money } from '../utils/accounts.js';
import { errorCode, gql, ok, tokenCache } from '../utils/graphql.js';
import { globalId, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';

/**
 * The approval queues: write-offs REQUESTED, promises and plans PENDING_APPROVAL, each listed for
 * whoever may decide them (a supervisor: their team's accounts; managers and admins: the floor),
 * oldest first, a page at a time. Agents and analysts decide nothing and are refused.
 */

const QUEUES = {
  writeOffsAwaitingDecision: { table: 'write_off', status: 'REQUESTED', at: 'requested_at', type: 'WriteOff' },
  promisesAwaitingApproval: { table: 'promise_to_pay', status: 'PENDING_APPROVAL', at: 'created_at', type: 'PromiseToPay' },
  plansAwaitingApproval: { table: 'payment_plan', status: 'PENDING_APPROVAL', at: 'created_at', type: 'PaymentPlan' },
} as const;
type Queue = keyof typeof QUEUES;

const queueQuery = (queue: Queue) => `query($first: Int, $after: String) { ${queue}(first: $first, after: $after) {
  totalCount nodes { id status account { id } } pageInfo { hasNextPage endCursor } } }`;

let server: TestServer;
let team1: AccountPool;
let team2: AccountPool;
const { tokenOf } = tokenCache(() => server.url);
const made: Record<Queue, { team1: string[]; team2: string[] }> = {
  writeOffsAwaitingDecision: { team1: [], team2: [] },
  promisesAwaitingApproval: { team1: [], team2: [] },
  plansAwaitingApproval: { team1: [], team2: [] },
};

const monthly = (count: number, total: number, currency: string) => {
  const each = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date('2026-11-25T00:00:00Z');
    d.setUTCMonth(d.getUTCMonth() + i);
    return { dueDate: d.toISOString().slice(0, 10), amount: money(i === count - 1 ? total - each * (count - 1) : each, currency) };
  });
};

/** One request of each kind on an account of the pool's team, a minute apart so their order is known. */
async function requestEach(pool: AccountPool, into: 'team1' | 'team2'): Promise<void> {
  const forWriteOff = await pool.take();
  const w = ok(await gql(server.url, 'mutation($a: ID!) { requestWriteOff(accountId: $a, reason: "Customer deceased") { id status } }', { a: forWriteOff.gid }, await tokenOf(forWriteOff.agentEmail)));
  expect(w.requestWriteOff.status).toBe('REQUESTED');
  made.writeOffsAwaitingDecision[into].push(w.requestWriteOff.id);
  server.clock.advance(60_000);

  const forPromise = await pool.take({ minBalance: 20_000 });
  const amount = money(Math.max(1, Math.floor(forPromise.amountDue * 0.05)), forPromise.currency);
  const p = ok(await gql(server.url, 'mutation($i: CreatePromiseInput!) { createPromise(input: $i) { id status } }', { i: { accountId: forPromise.gid, amount, dueDate: '2026-11-25' } }, await tokenOf(forPromise.agentEmail)));
  expect(p.createPromise.status).toBe('PENDING_APPROVAL');
  made.promisesAwaitingApproval[into].push(p.createPromise.id);
  server.clock.advance(60_000);

  const forPlan = await pool.take();
  const [ceiling] = await sql(server, 'select s.max_instalments from treatment_strategy s join account a on a.bucket = s.bucket where a.id = ?', [forPlan.id]);
  const instalments = monthly(Number(ceiling!.max_instalments) + 1, forPlan.balance, forPlan.currency);
  const plan = ok(
    await gql(server.url, 'mutation($i: ProposePlanInput!) { proposePaymentPlan(input: $i) { id status } }', { i: { accountId: forPlan.gid, total: money(forPlan.balance, forPlan.currency), instalments } }, await tokenOf(forPlan.agentEmail)),
  );
  expect(plan.proposePaymentPlan.status).toBe('PENDING_APPROVAL');
  made.plansAwaitingApproval[into].push(plan.proposePaymentPlan.id);
  server.clock.advance(60_000);
}

/** The independent answer: the rows waiting, oldest first, optionally of one team's accounts. */
async function waiting(queue: Queue, team?: string): Promise<string[]> {
  const q = QUEUES[queue];
  const rows = await sql(
    server,
    `select r.id from ${q.table} r join account a on a.id = r.account_id join team t on t.id = a.team_id
     where r.status = ? ${team ? 'and t.name = ?' : ''} order by r.${q.at}, r.id`,
    team ? [q.status, team] : [q.status],
  );
  return rows.map((r) => globalId(q.type, Number(r.id)));
}

/** Every page of a queue, `size` at a time. */
async function readAll(queue: Queue, token: string, size: number): Promise<{ ids: string[]; totalCount: number; statuses: Set<string> }> {
  const ids: string[] = [];
  const statuses = new Set<string>();
  let after: string | null = null;
  let totalCount = 0;
  for (let pages = 0; pages < 100; pages += 1) {
    const page: any = ok(await gql(server.url, queueQuery(queue), { first: size, after }, token))[queue];
    totalCount = page.totalCount;
    for (const n of page.nodes) {
      ids.push(n.id);
      statuses.add(n.status);
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { ids, totalCount, statuses };
}

beforeAll(async () => {
  server = await startTestServer();
  team1 = new AccountPool(server, 'Team 1');
  team2 = new AccountPool(server, 'Team 2');
  await requestEach(team1, 'team1');
  await requestEach(team2, 'team2');
  await requestEach(team1, 'team1');
});
afterAll(async () => {
  await server?.stop();
});

describe.each(Object.keys(QUEUES) as Queue[])('%s', (queue) => {
  it('gives a supervisor their team’s requests only, oldest first', async () => {
    const { ids, totalCount, statuses } = await readAll(queue, await tokenOf('supervisor1@demo.test'), 100);
    expect(ids).toEqual(await waiting(queue, 'Team 1'));
    expect(totalCount).toBe(ids.length);
    expect(statuses).toEqual(new Set([QUEUES[queue].status]));
    for (const id of made[queue].team1) expect(ids).toContain(id);
    for (const id of made[queue].team2) expect(ids).not.toContain(id);
    // The two made in Team 1, in the order they were made.
    expect(ids.indexOf(made[queue].team1[0]!)).toBeLessThan(ids.indexOf(made[queue].team1[1]!));
  });

  it('gives managers and admins the whole floor, a page at a time with no gap or repeat', async () => {
    const expected = await waiting(queue);
    for (const email of ['manager@demo.test', 'admin@demo.test']) {
      const { ids, totalCount } = await readAll(queue, await tokenOf(email), 2);
      expect(ids, email).toEqual(expected);
      expect(totalCount, email).toBe(expected.length);
    }
    expect(expected).toEqual(expect.arrayContaining([...made[queue].team1, ...made[queue].team2]));
  });

  it('refuses agents and analysts with FORBIDDEN', async () => {
    for (const email of ['agent1@demo.test', 'analyst@demo.test']) {
      expect(errorCode(await gql(server.url, queueQuery(queue), { first: 10 }, await tokenOf(email))), email).toBe('FORBIDDEN');
    }
  });

  it('leaves the queue once decided', async () => {
    const before = await readAll(queue, await tokenOf('manager@demo.test'), 100);
    const decide = {
      writeOffsAwaitingDecision: 'mutation($id: ID!) { rejectWriteOff(id: $id, note: "Estate found") { id } }',
      promisesAwaitingApproval: 'mutation($id: ID!) { approvePromise(id: $id) { id } }',
      plansAwaitingApproval: 'mutation($id: ID!) { rejectPaymentPlan(id: $id, reason: "Too long for this bucket") { id } }',
    }[queue];
    const id = made[queue].team2[0]!;
    ok(await gql(server.url, decide, { id }, await tokenOf('manager@demo.test')));
    const after = await readAll(queue, await tokenOf('manager@demo.test'), 100);
    expect(after.ids).toEqual(before.ids.filter((x) => x !== id));
  });
});

it('refuses a request without a token with UNAUTHENTICATED', async () => {
  expect(errorCode(await gql(server.url, queueQuery('promisesAwaitingApproval'), { first: 1 }))).toBe('UNAUTHENTICATED');
});
