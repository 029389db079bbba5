import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { localId, sql } from '../utils/oracle.js';
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

const FORWARD = `query($first: Int!, $after: String, $order: AccountOrder) {
  accounts(first: $first, after: $after, orderBy: $order) {
    edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }`;
const BACKWARD = `query($last: Int!, $before: String, $order: AccountOrder) {
  accounts(last: $last, before: $before, orderBy: $order) {
    edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }`;

async function walkForward(size: number, order?: object): Promise<number[]> {
  const ids: number[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: any = ok(await gql(server.url, FORWARD, { first: size, after, order }, token)).accounts;
    ids.push(...page.edges.map((e: any) => localId(e.node.id)));
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

async function walkBackward(size: number, order?: object): Promise<number[]> {
  const ids: number[] = [];
  let before: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: any = ok(await gql(server.url, BACKWARD, { last: size, before, order }, token)).accounts;
    ids.unshift(...page.edges.map((e: any) => localId(e.node.id)));
    if (!page.pageInfo.hasPreviousPage) return ids;
    before = page.pageInfo.startCursor;
  }
  throw new Error('pagination did not end');
}

describe('Relay pagination of accounts', () => {
  it.each([
    ['by id', { field: 'ID', direction: 'ASC' }, 'id asc'],
    ['by balance, largest first', { field: 'BALANCE', direction: 'DESC' }, 'balance_minor desc, id desc'],
    ['by days past due (the default)', undefined, 'dpd desc, id desc'],
    ['by last change, oldest first', { field: 'UPDATED_AT', direction: 'ASC' }, 'updated_at asc, id asc'],
    ['by external reference, last first', { field: 'EXTERNAL_REF', direction: 'DESC' }, 'external_ref desc, id desc'],
  ])('walks every account once forwards and backwards %s', async (_name, order, sqlOrder) => {
    const expected = (await sql(server, `select id from account order by ${sqlOrder}`)).map((r) => Number(r.id));
    const forward = await walkForward(97, order);
    expect(forward).toEqual(expected);
    const backward = await walkBackward(89, order);
    expect(backward).toEqual(expected);
  });

  it('keeps cursors stable when accounts are added ahead of the cursor', async () => {
    const first: any = ok(await gql(server.url, FORWARD, { first: 5, order: { field: 'ID', direction: 'DESC' } }, token)).accounts;
    const cursor = first.pageInfo.endCursor;
    const next1: any = ok(await gql(server.url, FORWARD, { first: 5, after: cursor, order: { field: 'ID', direction: 'DESC' } }, token)).accounts;
    // A new account lands at the head of this order, before the cursor.
    const [template] = await sql(server, 'select * from account order by id desc limit 1');
    const { id: _id, ...row } = template!;
    await server.orm.em.fork().getConnection().execute(
      `insert into account (${Object.keys(row).join(', ')}) values (${Object.keys(row).map(() => '?').join(', ')})`,
      Object.entries(row).map(([k, v]) => (k === 'external_ref' ? `${v}-NEW` : v)),
    );
    const next2: any = ok(await gql(server.url, FORWARD, { first: 5, after: cursor, order: { field: 'ID', direction: 'DESC' } }, token)).accounts;
    expect(next2.edges.map((e: any) => e.node.id)).toEqual(next1.edges.map((e: any) => e.node.id));
  });

  it('gives each edge a cursor that resumes right after it', async () => {
    const page: any = ok(await gql(server.url, FORWARD, { first: 10 }, token)).accounts;
    const resumed: any = ok(await gql(server.url, FORWARD, { first: 3, after: page.edges[4].cursor }, token)).accounts;
    expect(resumed.edges.map((e: any) => e.node.id)).toEqual(page.edges.slice(5, 8).map((e: any) => e.node.id));
  });
});

describe('bad page arguments', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['first: 0', '{ accounts(first: 0) { totalCount } }', {}],
    ['first: 101', '{ accounts(first: 101) { totalCount } }', {}],
    ['last: 101', '{ accounts(last: 101) { totalCount } }', {}],
    ['first: -1', '{ accounts(first: -1) { totalCount } }', {}],
    ['neither first nor last', '{ accounts { totalCount } }', {}],
    ['both first and last', '{ accounts(first: 1, last: 1) { totalCount } }', {}],
    ['a malformed cursor', '{ accounts(first: 1, after: "not-a-cursor") { totalCount } }', {}],
    ['a cursor of the wrong shape', `{ accounts(first: 1, after: "${Buffer.from('[1,2,3]').toString('base64url')}") { totalCount } }`, {}],
    ['a nested connection with first: 0', '{ accounts(first: 1) { nodes { calls(first: 0) { totalCount } } } }', {}],
    ['customers with first: 101', '{ customers(first: 101) { totalCount } }', {}],
    ['calls with last: 0', '{ calls(last: 0) { totalCount } }', {}],
  ];
  it.each(cases)('%s is BAD_USER_INPUT', async (_name, query, variables) => {
    const r = await gql(server.url, query, variables, token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});
