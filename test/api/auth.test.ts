import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../utils/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const ME = '{ me { id email role name team { name } } }';

describe('login', () => {
  it('returns a token and the agent for a demo login', async () => {
    const r = await gql(server.url, 'mutation { login(email: "agent1@demo.test", password: "demo") { token expiresAt agent { email role } } }');
    const { login: payload } = ok(r);
    expect(payload.agent).toEqual({ email: 'agent1@demo.test', role: 'AGENT' });
    expect(payload.token.split('.')).toHaveLength(3);
    expect(new Date(payload.expiresAt).getTime()).toBeGreaterThan(server.clock.now().getTime());
    const me = ok(await gql(server.url, ME, {}, payload.token));
    expect(me.me).toMatchObject({ email: 'agent1@demo.test', role: 'AGENT', team: { name: 'Team 1' } });
  });

  it('ignores case and spaces around the email', async () => {
    const token = await login(server.url, '  Supervisor2@Demo.Test ');
    expect(ok(await gql(server.url, ME, {}, token)).me.role).toBe('SUPERVISOR');
  });

  it.each([
    ['a wrong password', 'agent1@demo.test', 'nope'],
    ['an unknown email', 'nobody@demo.test', 'demo'],
  ])('refuses %s with UNAUTHENTICATED and the same message', async (_case, email, password) => {
    const r = await gql(server.url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0]!.message).toBe('Email or password is wrong.');
    expect(r.data).toBeNull();
  });
});

describe('tokens', () => {
  it('refuses an anonymous query with UNAUTHENTICATED', async () => {
    const r = await gql(server.url, '{ accounts(first: 1) { totalCount } }');
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const token = await login(server.url, 'agent2@demo.test');
    expect(ok(await gql(server.url, ME, {}, token)).me.email).toBe('agent2@demo.test');
    const before = server.clock.now();
    server.clock.advance((server.config.jwtTtlSeconds + 1) * 1000);
    try {
      const r = await gql(server.url, ME, {}, token);
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
      expect(r.errors![0]!.extensions!.reason).toBe('TOKEN_EXPIRED');
    } finally {
      server.clock.set(before);
    }
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('openfloor')
      .setAudience('openfloor-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    const r = await gql(server.url, ME, {}, forged);
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
  });

  it('refuses a token whose signature was tampered with', async () => {
    const token = await login(server.url, 'agent3@demo.test');
    const [h, p] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url')}.${token.split('.')[2]}`;
    expect(errorCode(await gql(server.url, ME, {}, tampered))).toBe('UNAUTHENTICATED');
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const r = await gql(server.url, ME, {}, undefined, { authorization: 'Basic YWdlbnQxOmRlbW8=' });
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
  });

  it.each(['Bearer ', ''])('accepts the token over graphql-ws in connectionParams.authorization (%j prefix)', async (prefix) => {
    const token = await login(server.url, 'manager@demo.test');
    const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `${prefix}${token}` }, retryAttempts: 0 });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        let value: unknown;
        client.subscribe({ query: ME }, { next: (v) => (value = v), error: reject, complete: () => resolve(value) });
      });
      expect(result.data.me.role).toBe('MANAGER');
    } finally {
      await client.dispose();
    }
  });

  it('closes a graphql-ws connection with a forged token', async () => {
    const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer not-a-token' }, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
    const closed = await new Promise<{ code: number }>((resolve) => {
      client.on('closed', (event) => resolve(event as { code: number }));
    });
    expect(closed.code).toBe(4403);
    await client.dispose();
  });
});

describe('API keys for BI tools', () => {
  const CREATE = 'mutation($n: String!) { createApiKey(name: $n) { key apiKey { name prefix role } } }';

  it('lets an admin create a key that reads as ANALYST', async () => {
    const admin = await login(server.url, 'admin@demo.test');
    const created = ok(await gql(server.url, CREATE, { n: 'Warehouse loader' }, admin)).createApiKey;
    expect(created.apiKey).toMatchObject({ name: 'Warehouse loader', role: 'ANALYST' });
    expect(created.key.startsWith(created.apiKey.prefix)).toBe(true);
    const r = ok(await gql(server.url, '{ accounts(first: 1) { totalCount nodes { customer { firstName } } } }', {}, created.key));
    expect(r.accounts.totalCount).toBeGreaterThan(0);
    expect(r.accounts.nodes[0].customer.firstName).toMatch(/^[A-ZÁÉÍÓÚÑ]\.$/);
    const audit = await server.orm.em.fork().getConnection().execute(`select action, actor_role from audit_event where action = 'createApiKey'`);
    expect(audit).toEqual([{ action: 'createApiKey', actor_role: 'ADMIN' }]);
  });

  it('refuses a key that does not exist', async () => {
    expect(errorCode(await gql(server.url, ME, {}, 'ofk_doesnotexist'))).toBe('UNAUTHENTICATED');
  });

  it.each(['supervisor1@demo.test', 'manager@demo.test', 'agent1@demo.test', 'analyst@demo.test'])(
    'refuses key creation to %s with FORBIDDEN and writes nothing',
    async (email) => {
      const conn = server.orm.em.fork().getConnection();
      const [{ n: before }] = await conn.execute('select count(*) as n from api_key');
      const token = await login(server.url, email);
      expect(errorCode(await gql(server.url, CREATE, { n: 'x' }, token))).toBe('FORBIDDEN');
      const [{ n: after }] = await conn.execute('select count(*) as n from api_key');
      expect(Number(after)).toBe(Number(before));
    },
  );

  it('refuses an empty key name with BAD_USER_INPUT', async () => {
    const admin = await login(server.url, 'admin@demo.test');
    expect(errorCode(await gql(server.url, CREATE, { n: '   ' }, admin))).toBe('BAD_USER_INPUT');
  });
});
