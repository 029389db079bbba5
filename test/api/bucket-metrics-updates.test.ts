import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { globalId, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { Subscriber } from '../utils/subscriber.js';

/**
 * bucketMetricsUpdated (issue 5): the running month's bucket metrics, pushed after each committed change
 * that moves them, to the readers whose reach it touches; refused for agents; silent for a rollback.
 */

let server: TestServer;
const { tokenOf } = tokenCache(() => server.url);
const open: Subscriber[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
afterAll(async () => {
  await server?.stop();
});

const UPDATED = `subscription { bucketMetricsUpdated { month teamId buckets { bucket collected { amount currencyCode } } } }`;
const METRICS = `query($month: String!) { bucketMetrics(month: $month) { month teamId buckets { bucket collected { amount currencyCode } } } }`;
const RECORD = 'mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }';
const SET_GOAL = `mutation($value: String!) { setBucketGoal(month: "2026-11", bucket: B2, metric: CURE_RATE, value: $value) { value } }`;
const ROLL = 'mutation($date: String) { runDayRollover(date: $date) { date ran } }';

const STARTED = '2026-11-18T15:40:00.000Z';
const ANSWERED = '2026-11-18T15:40:05.000Z';
const ENDED = '2026-11-18T15:41:05.000Z';

async function follow(who: string): Promise<Subscriber> {
  const subscriber = new Subscriber(server.wsUrl, await tokenOf(who), UPDATED);
  open.push(subscriber);
  return subscriber;
}

const used = new Set<number>();
/** An MXN account of the agent, in this month's opening snapshot, with room for a payment; each used once. */
async function accountOf(email: string): Promise<{ gid: string; bucket: string }> {
  const rows = await sql(
    server,
    `select a.id, s.bucket from account a join agent g on g.id = a.assigned_agent_id join bucket_snapshot s on s.account_id = a.id and s.taken_on = '2026-11-01'
     where g.email = ? and a.status = 'ACTIVE' and a.currency = 'MXN' and a.balance_minor >= 10000 order by a.id`,
    [email],
  );
  const row = rows.find((r) => !used.has(Number(r.id)))!;
  used.add(Number(row.id));
  return { gid: globalId('Account', Number(row.id)), bucket: String(row.bucket) };
}

/** An inbound call (always allowed) taking a payment of `amount` pesos. */
async function pay(email: string, amount: string, account?: { gid: string }) {
  const target = account ?? (await accountOf(email));
  const input = {
    accountId: target.gid,
    direction: 'INBOUND',
    startedAt: STARTED,
    answeredAt: ANSWERED,
    endedAt: ENDED,
    talkSeconds: 60,
    wrapSeconds: 10,
    disposition: 'PAYMENT_TAKEN',
    payment: { amount: { amount, currencyCode: 'MXN' }, method: 'CASH', idempotencyKey: randomUUID() },
  };
  return gql(server.url, RECORD, { input }, await tokenOf(email));
}

const collectedIn = (metrics: { buckets: Array<{ bucket: string; collected: { amount: string } }> }, bucket: string): number =>
  Math.round(Number(metrics.buckets.find((b) => b.bucket === bucket)!.collected.amount) * 100);

describe('bucketMetricsUpdated', () => {
  it('sends a supervisor their team’s new figures after a payment, and nothing to another team', async () => {
    const mine = await follow('supervisor1@demo.test');
    const other = await follow('supervisor2@demo.test');
    await mine.live(async () => ok(await pay('agent1@demo.test', '1.00')), 1_200);
    const before = ok(await gql(server.url, METRICS, { month: '2026-11' }, await tokenOf('supervisor1@demo.test'))).bucketMetrics;
    other.received.length = 0;

    const account = await accountOf('agent2@demo.test');
    const sent = performance.now();
    ok(await pay('agent2@demo.test', '12.34', account));
    await mine.until(1);
    expect(mine.received).toHaveLength(1);
    expect(mine.received[0]!.at - sent).toBeLessThan(1_500);
    const update = mine.received[0]!.result.data!.bucketMetricsUpdated;
    expect(update.month).toBe('2026-11');
    expect(update.teamId).toBe(before.teamId);
    expect(collectedIn(update, account.bucket)).toBe(collectedIn(before, account.bucket) + 1234);

    await other.until(1, 1_500);
    expect(other.received).toEqual([]);
  });

  it('sends a manager the floor after any team’s payment', async () => {
    const manager = await follow('manager@demo.test');
    await manager.live(async () => ok(await pay('agent15@demo.test', '1.00')), 1_200);
    ok(await pay('agent25@demo.test', '2.00'));
    await manager.until(1);
    expect(manager.received[0]!.result.data!.bucketMetricsUpdated).toMatchObject({ month: '2026-11', teamId: null });
  });

  it('sends nothing for a payment rolled back', async () => {
    const mine = await follow('supervisor3@demo.test');
    await mine.live(async () => ok(await pay('agent21@demo.test', '1.00')), 1_200);
    const refused = await pay('agent22@demo.test', '999999999.00');
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    await mine.until(1, 1_500);
    expect(mine.received).toEqual([]);
  });

  it('sends every reader the floor after a goal changes and after the day rollover re-dates it', async () => {
    // Just past floor midnight of the 19th, with tokens issued then (the clock moves the tokens' age too).
    server.clock.set(new Date('2026-11-19T06:00:30.000Z'));
    try {
      const subscriber = new Subscriber(server.wsUrl, await login(server.url, 'supervisor4@demo.test'), UPDATED);
      open.push(subscriber);
      const manager = await login(server.url, 'manager@demo.test');
      let goal = 0.3;
      const setGoal = async () => ok(await gql(server.url, SET_GOAL, { value: (goal += 0.01).toFixed(2) }, manager));
      await subscriber.live(setGoal, 1_200);
      await setGoal();
      await subscriber.until(1);
      expect(subscriber.received).toHaveLength(1);

      subscriber.received.length = 0;
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(ok(await gql(server.url, ROLL, { date: '2026-11-19' }, await login(server.url, 'admin@demo.test'))).runDayRollover.ran).toBe(true);
      await subscriber.until(1);
      expect(subscriber.received).toHaveLength(1);
      expect(subscriber.received[0]!.result.errors).toBeUndefined();
      expect(subscriber.received[0]!.result.data!.bucketMetricsUpdated.month).toBe('2026-11');
    } finally {
      server.clock.set(new Date('2026-11-18T16:00:00.000Z'));
    }
  });

  it('refuses an agent at subscribe time, as bucketMetrics does', async () => {
    const agent = await follow('agent1@demo.test');
    await agent.until(1);
    expect(errorCode(agent.received[0]!.result as never)).toBe('FORBIDDEN');
  });
});
