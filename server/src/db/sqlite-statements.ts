/**
 * better-sqlite3 compiles a statement on every `prepare`, and knex prepares each query afresh: on a
 * schema of this size that compilation costs about as much as running the query (a quarter of
 * recordCall's SQLite time at a million accounts). Compiled statements are reusable, so each
 * connection keeps the most recently used ones by their SQL text. A statement runs to completion
 * before the next one starts (the driver is synchronous), so sharing one is safe; a schema change
 * makes SQLite recompile it on its next run.
 */
export const STATEMENT_CACHE_SIZE = 500;

interface Preparer<S> {
  prepare(sql: string): S;
}

export function cacheStatements<S, D extends Preparer<S>>(db: D, size = STATEMENT_CACHE_SIZE): D {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, S>();
  db.prepare = (sql: string): S => {
    let statement = cache.get(sql);
    if (statement !== undefined) {
      // Most recently used last, so the first key is the one to evict.
      cache.delete(sql);
    } else {
      statement = prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return statement;
  };
  return db;
}
