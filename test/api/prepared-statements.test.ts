import { idsIn, readRows } from '@openfloor/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, login, ok } from '../utils/graphql.js';
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

const postgres = () => server.config.database.kind === 'postgresql';

describe('hand-written statements', () => {
  it('read rows by a list of ids of any length, missing ids left out', async () => {
    const em = server.orm.em.fork();
    const ids = [...(await sql(server, 'select id from account order by id desc limit 120')).map((r) => Number(r.id)), 999_999_999];
    for (const list of [ids.slice(0, 1), ids.slice(0, 33), ids]) {
      const where = idsIn(em, 'a.id', list);
      const rows = await readRows<{ id: unknown }>(em, { sql: `select a.id from account a where ${where.sql} order by a.id`, params: where.params });
      expect(rows.map((r) => Number(r.id))).toEqual(list.filter((id) => id !== 999_999_999).sort((x, y) => x - y));
    }
    // On PostgreSQL the list is one array parameter: the same text, so the same prepared statement, at any length.
    expect(idsIn(em, 'a.id', ids.slice(0, 2)).sql === idsIn(em, 'a.id', ids).sql).toBe(postgres());
    expect(() => idsIn(em, 'a.id', [1.5])).toThrow(/not a row id/);
  });

  it('run prepared on their connection under one name per text on PostgreSQL, and answer the same', async () => {
    const text = 'select count(*) as n from account a where a.status = ? and a.balance_minor >= ?';
    const expected = Number((await sql(server, text, ['ACTIVE', 0]))[0]!.n);
    await server.orm.em.fork().transactional(async (em) => {
      // One transaction holds one connection, so its prepared statements are the ones it shows.
      for (let i = 0; i < 3; i++) expect(Number((await readRows<{ n: unknown }>(em, { sql: text, params: ['ACTIVE', 0] }))[0]!.n)).toBe(expected);
      if (!postgres()) return;
      const prepared = await readRows<{ name: string; statement: string }>(em, { sql: 'select name, statement from pg_prepared_statements', params: [] });
      const mine = prepared.filter((p) => p.statement.includes('a.balance_minor >= $2'));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.name).toMatch(/^of_[0-9a-f]{24}$/);
    });
  });

  it('serve a page of 100 accounts with their customers, last calls and open promises as the tables hold them', async () => {
    const page: any = ok(
      await gql(
        server.url,
        `{ accounts(first: 100, orderBy: { field: BALANCE, direction: DESC }) { edges { node { id customer { id } lastCall { id } openPromise { id } } } } }`,
        {},
        token,
      ),
    ).accounts;
    expect(page.edges).toHaveLength(100);
    for (const { node } of page.edges) {
      const id = localId(node.id);
      const [account] = await sql(server, 'select customer_id, last_call_id from account where id = ?', [id]);
      const promises = await sql(server, "select id from promise_to_pay where account_id = ? and status in ('PENDING', 'PENDING_APPROVAL') order by due_date, id", [id]);
      expect(localId(node.customer.id)).toBe(Number(account!.customer_id));
      expect(node.lastCall ? localId(node.lastCall.id) : null).toBe(account!.last_call_id == null ? null : Number(account!.last_call_id));
      expect(node.openPromise ? localId(node.openPromise.id) : null).toBe(promises[0] ? Number(promises[0].id) : null);
    }
    expect(page.edges.filter((e: any) => e.node.openPromise).length).toBeGreaterThan(0);
    expect(page.edges.filter((e: any) => e.node.lastCall).length).toBeGreaterThan(0);
  });
});
