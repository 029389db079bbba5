import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createApp, FixedClock, loadConfig, type App, type Config, type Orm } from '@openfloor/server';
import { postgresUrlFor, withAdminClient } from './databases.js';
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
  stop(): Promise<void>;
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
  const clock = new FixedClock(NOW);
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
    stop: () => app.stop(),
  };
}
