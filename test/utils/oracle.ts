import type { TestServer } from './server.js';

/** Whatever holds the server's database: an API test server, or the dashboard suite's. */
export type Database = Pick<TestServer, 'orm'>;

/** Straight SQL against the server's database: the independent answer a test compares the API with. */
export async function sql<T = Record<string, any>>(server: Database, query: string, params: unknown[] = []): Promise<T[]> {
  return server.orm.em.fork().getConnection().execute(query, params) as Promise<T[]>;
}

export async function scalar(server: Database, query: string, params: unknown[] = []): Promise<number> {
  const rows = await sql(server, query, params);
  return Number(Object.values(rows[0]!)[0]);
}

export async function agentId(server: Database, email: string): Promise<number> {
  return scalar(server, 'select id from agent where email = ?', [email]);
}

export const globalId = (type: string, id: number): string => Buffer.from(`${type}:${id}`).toString('base64');
export const localId = (global: string): number => Number(Buffer.from(global, 'base64').toString().split(':')[1]);
