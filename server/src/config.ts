import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parsePace } from './simulator/options.js';
import type { Pace } from './simulator/pacing.js';

export type DatabaseKind = 'sqlite' | 'postgresql';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/openfloor.sqlite')
    .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), {
      message: 'must start with sqlite: (a file path) or postgres:// (a PostgreSQL URL)',
    }),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(12 * 3600),
  FLOOR_TIMEZONE: z.string().default('America/Mexico_City').refine(isTimeZone, { message: 'is not an IANA time zone' }),
  REDIS_URL: z.string().url().optional(),
  /** Prepended to every Redis channel, so deployments (or test runs) sharing one Redis never hear each other. */
  REDIS_CHANNEL_PREFIX: z.string().min(1).max(100).default('openfloor:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_ON_EMPTY: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  SEED_ACCOUNTS: z.coerce.number().int().positive().default(24_000),
  /** Fixes the business clock (ISO instant) for demos and tests; the real time otherwise. */
  CLOCK_NOW: z.iso.datetime({ offset: true }).optional(),
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(10),
  MAX_QUERY_COST: z.coerce.number().int().positive().default(10_000),
  /** Reports the SQL statements a request ran in `extensions.sqlStatements` (tests, benchmarks). */
  EXPOSE_SQL_COUNT: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  CLIENT_DIST: z.string().optional(),
  /** on: subscribers with the same operation and reach share one execution per event; off: each runs its own (benchmarks compare). */
  SHARED_SUBSCRIPTIONS: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  /** Serves GET /metrics/subscriptions: live subscriptions, shared streams, executions (tests, benchmarks). */
  EXPOSE_LIVE_METRICS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** live: alert rules run as events arrive; manual: only on the sweep and evaluateAlerts. */
  ALERT_EVALUATION: z.enum(['live', 'manual']).default('live'),
  /** Seconds between sweeps of every alert rule (time alone makes a pause too long); 0 for none. */
  ALERT_SWEEP_SECONDS: z.coerce.number().int().min(0).default(30),
  /** Least milliseconds between two evaluations set off by KPI changes (they gather in between); 0 for back to back. */
  /** Rows the day rollover loads at a time (promises, instalments, breaking plans): bounds its memory on any floor. */
  ROLLOVER_CHUNK: z.coerce.number().int().min(1).default(2000),
  ALERT_EVALUATION_GAP_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** The floor simulator inside `pnpm start`: on by default, it runs only when the database is the demo floor. */
  SIMULATOR: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  SIMULATOR_AGENTS: z.coerce.number({ message: 'must be a whole number of agents, 1-1000' }).int('must be a whole number of agents, 1-1000').min(1).max(1000).default(40),
  SIMULATOR_PACE: z
    .string()
    .default('real')
    .transform((v, ctx) => {
      try {
        return parsePace(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  SIMULATOR_SEED: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').default(1),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  database: { kind: DatabaseKind; url: string; sqlitePath?: string };
  port: number;
  host: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  floorTimeZone: string;
  redisUrl?: string;
  redisChannelPrefix: string;
  logLevel: string;
  seedOnEmpty: boolean;
  seedAccounts: number;
  clockNow?: Date;
  maxQueryDepth: number;
  maxQueryCost: number;
  exposeSqlCount: boolean;
  clientDist?: string;
  live: { shared: boolean; exposeMetrics: boolean };
  /** Rows the day rollover loads at a time. */
  rolloverChunk: number;
  alerts: { live: boolean; sweepSeconds: number; gapMs: number };
  simulator: { enabled: boolean; agents: number; pace: Pace; seed: number };
}

export class ConfigError extends Error {}

/** Reads and validates the configuration; every problem is named in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const kind: DatabaseKind = e.DATABASE_URL.startsWith('sqlite:') ? 'sqlite' : 'postgresql';
  const sqlitePath = kind === 'sqlite' ? resolve(e.DATABASE_URL.slice('sqlite:'.length)) : undefined;
  return {
    env: e.NODE_ENV,
    database: { kind, url: e.DATABASE_URL, sqlitePath },
    port: e.PORT,
    host: e.HOST,
    jwtSecret: e.JWT_SECRET ?? developmentSecret(e.NODE_ENV, sqlitePath),
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    floorTimeZone: e.FLOOR_TIMEZONE,
    redisUrl: e.REDIS_URL,
    redisChannelPrefix: e.REDIS_CHANNEL_PREFIX,
    logLevel: e.LOG_LEVEL,
    seedOnEmpty: e.SEED_ON_EMPTY,
    seedAccounts: e.SEED_ACCOUNTS,
    clockNow: e.CLOCK_NOW ? new Date(e.CLOCK_NOW) : undefined,
    maxQueryDepth: e.MAX_QUERY_DEPTH,
    maxQueryCost: e.MAX_QUERY_COST,
    exposeSqlCount: e.EXPOSE_SQL_COUNT,
    clientDist: e.CLIENT_DIST,
    live: { shared: e.SHARED_SUBSCRIPTIONS === 'on', exposeMetrics: e.EXPOSE_LIVE_METRICS },
    rolloverChunk: e.ROLLOVER_CHUNK,
    alerts: { live: e.ALERT_EVALUATION === 'live', sweepSeconds: e.ALERT_SWEEP_SECONDS, gapMs: e.ALERT_EVALUATION_GAP_MS },
    simulator: { enabled: e.SIMULATOR === 'on', agents: e.SIMULATOR_AGENTS, pace: e.SIMULATOR_PACE, seed: e.SIMULATOR_SEED },
  };
}

/**
 * Outside production a missing JWT_SECRET is generated once and kept beside the SQLite file (or under
 * ./data for PostgreSQL), so tokens survive restarts without anyone having to invent a secret.
 */
function developmentSecret(env: Config['env'], sqlitePath?: string): string {
  if (env === 'production') throw new ConfigError('Invalid configuration:\n  JWT_SECRET: is required in production');
  const file = resolve(sqlitePath ? dirname(sqlitePath) : './data', 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
