import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'openfloor-config-'));
const base = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` };

describe('loadConfig', () => {
  it('has working defaults for a first start', () => {
    const config = loadConfig({ DATABASE_URL: base.DATABASE_URL });
    expect(config).toMatchObject({ port: 4000, floorTimeZone: 'America/Mexico_City', env: 'development', database: { kind: 'sqlite' } });
    expect(config.redisUrl).toBeUndefined();
  });

  it('selects PostgreSQL from a postgres:// URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/floor', JWT_SECRET: 'x'.repeat(32) }).database.kind).toBe('postgresql');
  });

  it('generates a development JWT secret once and keeps it beside the SQLite file', () => {
    const first = loadConfig(base).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(loadConfig(base).jwtSecret).toBe(first);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'mysql://localhost/x', /DATABASE_URL: must start with sqlite: .* or postgres:\/\//],
    ['FLOOR_TIMEZONE', 'Mars/Olympus_Mons', /FLOOR_TIMEZONE: is not an IANA time zone/],
    ['REDIS_URL', 'not a url', /REDIS_URL/],
    ['JWT_SECRET', 'short', /JWT_SECRET: must be at least 32 characters/],
    ['CLOCK_NOW', 'yesterday', /CLOCK_NOW/],
    ['SIMULATOR', 'maybe', /SIMULATOR: must be on or off/],
    ['SIMULATOR_AGENTS', '0', /SIMULATOR_AGENTS/],
    ['SIMULATOR_AGENTS', 'many', /SIMULATOR_AGENTS: must be a whole number of agents/],
    ['SIMULATOR_PACE', 'fast', /SIMULATOR_PACE: pace must be "real" or calls per agent per minute/],
    ['SIMULATOR_PACE', '0', /SIMULATOR_PACE: pace must be/],
    ['SIMULATOR_SEED', '1.5', /SIMULATOR_SEED: must be a whole number/],
    ['SHARED_SUBSCRIPTIONS', 'maybe', /SHARED_SUBSCRIPTIONS: must be on or off/],
    ['ALERT_EVALUATION_GAP_MS', '-1', /ALERT_EVALUATION_GAP_MS/],
    ['ALERT_EVALUATION_GAP_MS', 'soon', /ALERT_EVALUATION_GAP_MS/],
    ['ROLLOVER_CHUNK', '0', /ROLLOVER_CHUNK/],
    ['ROLLOVER_CHUNK', '2.5', /ROLLOVER_CHUNK/],
  ])('names a bad %s (%s) in a clear message', (key, value, message) => {
    expect(() => loadConfig({ ...base, [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, [key]: value })).toThrow(message);
  });

  it('runs the floor simulator by default at a real pace, and SIMULATOR=off turns it off', () => {
    expect(loadConfig(base).simulator).toEqual({ enabled: true, agents: 40, pace: 'real', seed: 1 });
    expect(loadConfig({ ...base, SIMULATOR: 'off' }).simulator.enabled).toBe(false);
    expect(loadConfig({ ...base, SIMULATOR_PACE: '6', SIMULATOR_AGENTS: '8', SIMULATOR_SEED: '7' }).simulator).toEqual({ enabled: true, agents: 8, pace: 6, seed: 7 });
  });

  it('evaluates alert rules set off by KPI changes at most once a second by default', () => {
    expect(loadConfig(base).alerts.gapMs).toBe(1000);
    expect(loadConfig({ ...base, ALERT_EVALUATION_GAP_MS: '0' }).alerts.gapMs).toBe(0);
  });

  it('rolls the day over 2000 rows at a time by default', () => {
    expect(loadConfig(base).rolloverChunk).toBe(2000);
    expect(loadConfig({ ...base, ROLLOVER_CHUNK: '1' }).rolloverChunk).toBe(1);
  });

  it('shares live executions by default and keeps the live metrics endpoint closed unless asked', () => {
    expect(loadConfig(base).live).toEqual({ shared: true, exposeMetrics: false });
    expect(loadConfig({ ...base, SHARED_SUBSCRIPTIONS: 'off', EXPOSE_LIVE_METRICS: 'true' }).live).toEqual({ shared: false, exposeMetrics: true });
  });

  it('lists every bad value at once', () => {
    try {
      loadConfig({ ...base, PORT: 'x', FLOOR_TIMEZONE: 'Nowhere' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT[\s\S]*FLOOR_TIMEZONE/);
    }
  });
});
