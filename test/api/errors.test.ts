import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login } from '../utils/graphql.js';
import { globalId } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';

describe('error codes', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = await login(server.url, 'manager@demo.test');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ['an unknown account id', 'query($id: ID!) { account(id: $id) { id } }', { id: globalId('Account', 99_999_999) }, 'NOT_FOUND'],
    ['an unknown node id', 'query($id: ID!) { node(id: $id) { id } }', { id: globalId('Call', 99_999_999) }, 'NOT_FOUND'],
    ['a node id of an unknown type', 'query($id: ID!) { node(id: $id) { id } }', { id: globalId('Spaceship', 1) }, 'NOT_FOUND'],
    ['a malformed id', 'query($id: ID!) { account(id: $id) { id } }', { id: 'definitely not an id' }, 'BAD_USER_INPUT'],
    ['an id of the wrong type', 'query($id: ID!) { account(id: $id) { id } }', { id: globalId('Customer', 1) }, 'BAD_USER_INPUT'],
    ['a variable of the wrong type', 'query($n: Int!) { accounts(first: $n) { totalCount } }', { n: 'ten' }, 'BAD_USER_INPUT'],
    ['an unknown field', '{ accounts(first: 1) { nodes { favouriteColour } } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
    ['a syntax error', '{ accounts(first: 1) { nodes { id }', {}, 'GRAPHQL_PARSE_FAILED'],
  ])('%s gives %s', async (_name, query, variables, code) => {
    const r = await gql(server.url, query, variables, token);
    expect(errorCode(r), JSON.stringify(r.errors)).toBe(code);
  });
});

describe('production mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('never sends a stack trace to clients', async () => {
    const token = await login(server.url, 'manager@demo.test');
    const r = await gql(server.url, 'query($id: ID!) { account(id: $id) { id } }', { id: 'garbage' }, token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(r.errors)).not.toContain('stacktrace');
    expect(JSON.stringify(r.errors)).not.toMatch(/\.js:\d+/);
  });
});
