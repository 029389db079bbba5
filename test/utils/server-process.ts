import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Config } from '@openfloor/server';

/** The built server as production runs it: `node server/dist/main.js`, configured by its environment. */
const MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));

export interface ServerProcess {
  url: string;
  wsUrl: string;
  /** What /readyz answered once the process was up. */
  ready: { status: string; database: string; events: string };
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Another server process over the same database (and Redis) as `config`, its clock standing at `now`.
 * Resolves once /readyz answers; its output is kept and shown if it never does.
 */
export async function startServerProcess(config: Config, now: Date, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: config.database.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      JWT_SECRET: config.jwtSecret,
      FLOOR_TIMEZONE: config.floorTimeZone,
      CLOCK_NOW: now.toISOString(),
      SEED_ON_EMPTY: 'false',
      SIMULATOR: 'off',
      LOG_LEVEL: 'warn',
      ALERT_EVALUATION: config.alerts.live ? 'live' : 'manual',
      ALERT_SWEEP_SECONDS: String(config.alerts.sweepSeconds),
      ALERT_EVALUATION_GAP_MS: String(config.alerts.gapMs),
      ...(config.redisUrl ? { REDIS_URL: config.redisUrl, REDIS_CHANNEL_PREFIX: config.redisChannelPrefix } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server process exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) {
        const ready = (await response.json()) as ServerProcess['ready'];
        return {
          url,
          wsUrl: url.replace(/^http/, 'ws'),
          ready,
          stop: async () => {
            if (child.exitCode === null) {
              child.kill('SIGTERM');
              await exited;
            }
          },
        };
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server process never became ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
