import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The bare driver of a baseline: the same one the product's ORM uses (better-sqlite3 on the file, or a
 * pg pool of the same size), with `?` placeholders on both, and a transaction helper.
 */
export function openDriver(url) {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const statements = new Map();
    const prepared = (sql) => {
      let s = statements.get(sql);
      if (!s) statements.set(sql, (s = db.prepare(sql)));
      return s;
    };
    const api = {
      kind: 'sqlite',
      all: async (sql, params = []) => prepared(sql).all(...params),
      run: async (sql, params = []) => prepared(sql).run(...params),
      // better-sqlite3 is synchronous, so one transaction at a time by construction.
      transaction: async (work) => {
        db.exec('begin immediate');
        try {
          const out = await work(api);
          db.exec('commit');
          return out;
        } catch (error) {
          db.exec('rollback');
          throw error;
        }
      },
      close: async () => db.close(),
    };
    return api;
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const numbered = (sql) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const on = (client) => ({
    kind: 'postgresql',
    all: async (sql, params = []) => (await client.query(numbered(sql), params)).rows,
    run: async (sql, params = []) => client.query(numbered(sql), params),
  });
  return {
    ...on(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await work(on(client));
        await client.query('commit');
        return out;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
