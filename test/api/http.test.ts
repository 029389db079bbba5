import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema, schemaSdl } from '@openfloor/server';
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

  it('answers /readyz with the database it checked', async () => {
    const r = await fetch(`${server.origin}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ready', database: server.config.database.kind });
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
    expect(schemaSdl(await createSchema())).toBe(checkedIn);
  });
});
