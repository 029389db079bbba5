import { copyFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { createApp, FixedClock, loadConfig, type App, type Orm } from '@openfloor/server';
import { TEST_JWT_SECRET } from '../../utils/server.js';
import { FLOOR_TIME_ZONE, NOW } from '../../utils/template.js';

export const CLIENT_DIST = fileURLToPath(new URL('../../../client/dist', import.meta.url));

export interface DashboardServer {
  origin: string;
  url: string;
  port: number;
  databaseUrl: string;
  clock: FixedClock;
  app: App;
  /** The database, for the oracle's straight SQL. */
  orm: Orm;
  stop(): Promise<void>;
}

/** A fresh copy of the seeded floor (SQLite), for one test file. */
export function freshDatabase(): string {
  const template = inject('template');
  if (template.db !== 'sqlite') throw new Error('the dashboard suite runs on SQLite');
  const path = join(template.dir, `e2e-${randomBytes(4).toString('hex')}.sqlite`);
  copyFileSync(template.sqlitePath!, path);
  return `sqlite:${path}`;
}

/**
 * The real server serving the built client at `/`. Given a port and database it starts again where
 * a stopped one was: the same address, the same data, the clock where the last one left it.
 */
export async function startDashboardServer(options: { databaseUrl?: string; port?: number; now?: Date } = {}): Promise<DashboardServer> {
  const databaseUrl = options.databaseUrl ?? freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    FLOOR_TIMEZONE: FLOOR_TIME_ZONE,
    LOG_LEVEL: 'silent',
    SEED_ON_EMPTY: 'false',
    CLIENT_DIST,
  });
  const clock = new FixedClock(options.now ?? NOW);
  const app = await createApp(config, { clock });
  const { url, port } = await app.listen();
  return { origin: `http://127.0.0.1:${port}`, url, port, databaseUrl, clock, app, orm: app.services.orm, stop: () => app.stop() };
}
