import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createApp, FixedClock, loadConfig, type App, type Config, type Orm } from '@openfloor/server';
import { postgresUrlFor, withAdminClient } from './databases.js';
import { gql, login, ok } from './graphql.js';
import { FLOOR_TIME_ZONE, NOW } from './template.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestServer {
  url: string;
  wsUrl: string;
  origin: string;
  clock: FixedClock;
  app: App;
  orm: Orm;
  config: Config;
  /**
   * Stops the server, first recounting the KPI counters of every floor day the file could have touched
   * from the raw records (kpiRecount), and the bucket figures behind bucketMetrics and rollRateMatrix from
   * the snapshots, accounts and payments (bucketFlowRecount), failing on any difference: every scenario of
   * the suite proves the counters and figures it moved still agree with what was recorded. Only a file
   * that corrupts counters on purpose passes `checkCounters: false` (which also skips the bucket figures
   * unless `checkBucketFlows` says otherwise); one that writes accounts or payments behind the API's back
   * passes `checkBucketFlows: false`.
   */
  stop(options?: { checkCounters?: boolean; checkBucketFlows?: boolean }): Promise<void>;
}

/** A FixedClock that remembers the latest moment it was set to, so the counter check covers those days. */
class WatchedClock extends FixedClock {
  latest: Date;
  constructor(start: Date) {
    super(start);
    this.latest = start;
  }
  override set(to: Date): void {
    super.set(to);
    if (to > this.latest) this.latest = new Date(to.getTime());
  }
  override advance(ms: number): void {
    super.advance(ms);
    const now = this.now();
    if (now > this.latest) this.latest = now;
  }
}

const DAY_MS = 86_400_000;
const floorDay = (at: Date): string => new Date(at.getTime() - 6 * 3_600_000).toISOString().slice(0, 10);

/** Every day from a week before NOW to the day after the latest the clock reached: what suites record on. */
function daysToRecount(latest: Date): string[] {
  const days: string[] = [];
  for (let t = NOW.getTime() - 7 * DAY_MS; floorDay(new Date(t)) <= floorDay(new Date(latest.getTime() + DAY_MS)); t += DAY_MS) days.push(floorDay(new Date(t)));
  return days;
}

async function expectCountersToAgree(url: string, clock: WatchedClock): Promise<void> {
  const days = daysToRecount(clock.latest);
  const query = `{ ${days.map((d, i) => `d${i}: kpiRecount(date: "${d}") { agentId day field counter recount }`).join(' ')} }`;
  const data = ok(await gql(url, query, {}, await login(url, 'admin@demo.test')));
  const differences = Object.values(data).flat();
  if (differences.length > 0) throw new Error(`kpiRecount found counters that disagree with the records: ${JSON.stringify(differences.slice(0, 20))}`);
}

async function expectBucketFlowsToAgree(url: string): Promise<void> {
  const query = '{ bucketFlowRecount { kind openedOn closedOn teamId fromBucket toBucket currencyCode field stored recount } }';
  const differences = ok(await gql(url, query, {}, await login(url, 'admin@demo.test'))).bucketFlowRecount as unknown[];
  if (differences.length > 0) throw new Error(`bucketFlowRecount found bucket figures that disagree with the records: ${JSON.stringify(differences.slice(0, 20))}`);
}

/** A real server (HTTP + WebSocket on a free port) over this file's own copy of the seeded floor. */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  const template = inject('template');
  let databaseUrl: string;
  if (template.db === 'sqlite') {
    const path = join(template.dir, `${randomBytes(4).toString('hex')}.sqlite`);
    copyFileSync(template.sqlitePath!, path);
    databaseUrl = `sqlite:${path}`;
  } else {
    const name = `${template.pgPrefix}_${randomBytes(4).toString('hex')}`;
    await withAdminClient((c) => c.query(`create database "${name}" template "${template.pgTemplate}"`));
    databaseUrl = postgresUrlFor(name);
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    FLOOR_TIMEZONE: FLOOR_TIME_ZONE,
    LOG_LEVEL: 'silent',
    SEED_ON_EMPTY: 'false',
    EXPOSE_SQL_COUNT: 'true',
    // Alert rules run only when a suite asks (alerts.test.ts): evaluated in the background, they would
    // write alerts while other suites compare table digests around a refused request.
    ALERT_EVALUATION: 'manual',
    ALERT_SWEEP_SECONDS: '0',
    ...overrides,
  });
  const clock = new WatchedClock(NOW);
  const app = await createApp(config, { clock });
  const { url, port } = await app.listen();
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    origin: `http://127.0.0.1:${port}`,
    clock,
    app,
    orm: app.services.orm,
    config,
    stop: async ({ checkCounters = true, checkBucketFlows = checkCounters } = {}) => {
      try {
        if (checkCounters) await expectCountersToAgree(url, clock);
        if (checkBucketFlows) await expectBucketFlowsToAgree(url);
      } finally {
        await app.stop();
      }
    },
  };
}
