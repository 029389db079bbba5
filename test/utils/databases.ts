import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Which database this run of the suite uses (TEST_DB), and how to make throwaway copies of it. */
export type TestDb = 'sqlite' | 'postgresql';

export function testDb(): TestDb {
  const db = process.env.TEST_DB ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgresql') throw new Error(`TEST_DB must be sqlite or postgresql, got ${db}`);
  if (db === 'postgresql' && !process.env.TEST_DATABASE_URL) throw new Error('TEST_DB=postgresql needs TEST_DATABASE_URL');
  return db;
}

/** Every database a run creates carries the run's prefix, so teardown drops exactly its own. */
export const newDatabaseName = (prefix: string): string => `${prefix}_${randomBytes(4).toString('hex')}`;

export function postgresUrlFor(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
