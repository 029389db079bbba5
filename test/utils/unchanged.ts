import { createHash } from 'node:crypto';
import type { TestServer } from './server.js';

/**
 * A digest of every table, to prove a refused request wrote nothing: take one before, one after,
 * and compare (the differing table names show what changed).
 */
export async function dbDigest(server: TestServer): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const [table, rows] of await tableRows(server)) digest[table] = `${rows.length}:${createHash('sha1').update(JSON.stringify(rows)).digest('hex')}`;
  return digest;
}

/** Every table's rows in id order, tables by name: what a digest or a comparison of two databases reads. */
export async function tableRows(server: TestServer): Promise<Map<string, Array<Record<string, unknown>>>> {
  const conn = server.orm.em.fork().getConnection();
  const tables = (Object.values(server.orm.getMetadata().getAll()) as Array<{ abstract?: boolean; tableName: string }>)
    .filter((m) => !m.abstract)
    .map((m) => m.tableName)
    .sort();
  const out = new Map<string, Array<Record<string, unknown>>>();
  for (const table of tables) {
    const quoted = server.config.database.kind === 'sqlite' ? `\`${table}\`` : `"${table}"`;
    out.set(table, (await conn.execute(`select * from ${quoted} order by id`)) as Array<Record<string, unknown>>);
  }
  return out;
}

/** Runs `request` and asserts that no table changed. Returns what the request returned. */
export async function expectNothingWritten<T>(server: TestServer, request: () => Promise<T>): Promise<T> {
  const before = await dbDigest(server);
  const result = await request();
  const after = await dbDigest(server);
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  if (changed.length) throw new Error(`expected nothing written, but these tables changed: ${changed.join(', ')}`);
  return result;
}
