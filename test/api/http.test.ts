import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema, schemaSdl } from '@openfloor/server';
import { sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('operations endpoints', () => {
  it('answers /healthz', async () => {
    const r = await fetch(`${server.origin}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with the database it checked and the transport of its live events', async () => {
    const r = await fetch(`${server.origin}/readyz`);
    expect(r.status).toBe(200);
    // Started without REDIS_URL: events stay in this process.
    expect(await r.json()).toEqual({ status: 'ready', database: server.config.database.kind, events: 'in-process' });
  });

  it('keeps the live metrics closed unless EXPOSE_LIVE_METRICS is set', async () => {
    expect((await fetch(`${server.origin}/metrics/subscriptions`)).status).toBe(404);
  });

  it('echoes a request id, or makes one', async () => {
    const given = await fetch(`${server.origin}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await fetch(`${server.origin}/healthz`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('schema/schema.graphql', () => {
  it('is what the server emits (run `pnpm schema` after changing the API)', async () => {
    const checkedIn = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(schemaSdl(await createSchema(server.app.services.events.pubSub))).toBe(checkedIn);
  });
});

describe('migrations (generate one with migration-cli when these fail)', () => {
  it('create every table and column the entities map, and no other', async () => {
    const expected = new Map<string, string[]>();
    for (const meta of Object.values(server.orm.getMetadata().getAll()) as any[]) {
      if (meta.abstract || meta.embeddable) continue;
      const columns = Object.values(meta.properties as Record<string, any>)
        .filter((p) => p.persist !== false && (p.kind === 'scalar' || p.kind === 'm:1' || (p.kind === '1:1' && p.owner)) && p.fieldNames)
        .flatMap((p) => p.fieldNames as string[]);
      expected.set(meta.tableName, columns.sort());
    }
    const actual = new Map<string, string[]>();
    for (const table of expected.keys()) {
      const rows =
        server.config.database.kind === 'sqlite'
          ? await sql(server, `select name from pragma_table_info('${table}')`)
          : await sql(server, "select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ?", [table]);
      actual.set(table, rows.map((r) => String(r.name)).sort());
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  // SQLite's differ reports table rebuilds for equivalent defaults, so the exact diff runs on PostgreSQL.
  if (process.env.TEST_DB === 'postgresql') {
    it('leave nothing for the schema differ to change', async () => {
      const pending = await server.orm.schema.getUpdateSchemaSQL({ wrap: false });
      expect(pending.trim()).toBe('');
    });
  }
});
