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
  ])('names a bad %s (%s) in a clear message', (key, value, message) => {
    expect(() => loadConfig({ ...base, [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, [key]: value })).toThrow(message);
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
