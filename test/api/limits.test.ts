import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { startTestServer, type TestServer } from '../utils/server.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await login(server.url, 'manager@demo.test');
});
afterAll(async () => {
  await server?.stop();
});

const PORTFOLIO = `query($first: Int!) { accounts(first: $first) { nodes {
  id externalRef balance { amount currencyCode } amountDue { amount } dpd bucket status
  customer { firstName lastName }
  assignedAgent { name }
  lastCall { startedAt disposition }
  openPromise { amount { amount } dueDate status }
} } }`;

describe('no N+1: the statements of a portfolio page do not grow with its size', () => {
  it('runs the same small number of SQL statements for 10 and for 100 accounts', async () => {
    ok(await gql(server.url, '{ me { id } }', {}, token)); // who the token belongs to is cached after the first request
    const small = await gql(server.url, PORTFOLIO, { first: 10 }, token);
    const large = await gql(server.url, PORTFOLIO, { first: 100 }, token);
    ok(small);
    const page = ok(large).accounts.nodes;
    expect(page).toHaveLength(100);
    expect(page.some((a: any) => a.lastCall)).toBe(true);
    expect(page.some((a: any) => a.openPromise)).toBe(true);
    // accounts, customers, agents, last calls, open promises
    expect(large.extensions!.sqlStatements).toBeLessThanOrEqual(5);
    expect(large.extensions!.sqlStatements).toBe(small.extensions!.sqlStatements);
  });
});

describe('depth and cost limits', () => {
  it('rejects an over-deep query before it runs, with QUERY_TOO_DEEP', async () => {
    const deep = '{ accounts(first: 1) { nodes { team { supervisor { team { supervisor { team { supervisor { team { supervisor { team { name } } } } } } } } } } } }';
    const r = await gql(server.url, deep, {}, token);
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('QUERY_TOO_DEEP');
    expect(r.errors![0]!.extensions!.maxDepth).toBe(server.config.maxQueryDepth);
    expect(r.extensions?.sqlStatements ?? 0).toBe(0);
  });

  it('rejects an over-complex query with QUERY_TOO_COMPLEX and its computed cost', async () => {
    const wide = '{ accounts(first: 100) { nodes { calls(first: 100) { nodes { id disposition startedAt } } } } }';
    const r = await gql(server.url, wide, {}, token);
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('QUERY_TOO_COMPLEX');
    const { cost, maxCost } = r.errors![0]!.extensions as { cost: number; maxCost: number };
    expect(cost).toBeGreaterThan(maxCost);
    // accounts: 1 + 100 x (nodes: 1 + calls: (1 + 100 x (nodes: 1 + 3 fields)))
    expect(cost).toBe(1 + 100 * (1 + (1 + 100 * (1 + 3))));
  });

  it('reports the cost of an accepted query in extensions', async () => {
    const r = await gql(server.url, '{ accounts(first: 10) { totalCount nodes { id dpd } } }', {}, token);
    ok(r);
    // accounts: 1 + 10 x (totalCount: 1 + nodes: (1 + 2 fields))
    expect(r.extensions!.cost).toBe(1 + 10 * (1 + (1 + 2)));
  });
});
