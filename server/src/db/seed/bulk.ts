import type { MikroORM } from '@mikro-orm/core';
import type { Knex, SqlEntityManager } from '@mikro-orm/knex';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

export type Value = string | number | boolean | Date | null;
export type Row = Record<string, Value>;
export type Dialect = 'sqlite' | 'postgresql';

/**
 * Multi-row INSERTs through knex with ids the seeder assigns itself, so nothing is ever read back.
 * Values are written the way MikroORM writes them: on SQLite a datetime is epoch milliseconds and a
 * boolean 0/1 (BaseSqlitePlatform.processDateProperty); on PostgreSQL an ISO instant and a boolean.
 */
export class BulkWriter {
  readonly dialect: Dialect;
  /** Rows written per table, for the summary and the PostgreSQL sequences. */
  readonly written = new Map<string, number>();
  private readonly knex: Knex;
  private readonly statements = new Map<string, string>();

  constructor(orm: MikroORM) {
    this.knex = (orm.em as unknown as SqlEntityManager).getKnex();
    this.dialect = orm.config.get('driver') === PostgreSqlDriver ? 'postgresql' : 'sqlite';
  }

  /** Set by `beginBulkLoad`: PostgreSQL skips the foreign-key triggers of the rows the seeder writes. */
  private skipTriggers = false;
  private deferredIndexes: string[] = [];

  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    if (!this.skipTriggers) return this.knex.transaction(work);
    return this.knex.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      return work(trx);
    });
  }

  rowsWritten(): number {
    let n = 0;
    for (const count of this.written.values()) n += count;
    return n;
  }

  /**
   * For a large floor: the secondary indexes of `tables` are dropped (and remembered) so rows go in
   * without maintaining them, SQLite stops syncing and checking foreign keys, PostgreSQL skips the
   * foreign-key triggers when the role may. The seeder's ids and references are right by construction.
   */
  async beginBulkLoad(tables: readonly string[]): Promise<void> {
    const k = this.knex;
    if (this.dialect === 'sqlite') {
      const rows: Array<{ name: string; sql: string }> = await k.raw(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(',')})`,
        [...tables],
      );
      for (const r of rows) await k.raw(`drop index "${r.name}"`);
      this.deferredIndexes = rows.map((r) => r.sql);
      await k.raw('pragma foreign_keys = OFF');
      await k.raw('pragma synchronous = OFF');
      await k.raw('pragma cache_size = -262144');
      // better-sqlite3 keeps temporary b-trees in memory by default: sorts over millions of rows would hold gigabytes.
      await k.raw('pragma temp_store = FILE');
    } else {
      const { rows } = await k.raw(
        `select i.indexname as name, i.indexdef as sql from pg_indexes i where i.schemaname = current_schema() and i.tablename = any(?)
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
        [[...tables]],
      );
      for (const r of rows as Array<{ name: string; sql: string }>) await k.raw(`drop index "${r.name}"`);
      this.deferredIndexes = (rows as Array<{ sql: string }>).map((r) => r.sql);
      const { rows: su } = await k.raw('select rolsuper from pg_roles where rolname = current_user');
      this.skipTriggers = su[0]?.rolsuper === true;
    }
  }

  /**
   * Fresh planner statistics once the derived rows (counters, statuses) are in too. On PostgreSQL the
   * set-wise updates of the derived columns left a dead version of most rows behind: VACUUM clears
   * them and sets the visibility map, so index scans stop visiting dead rows and counts can be
   * answered from an index alone.
   */
  async analyze(): Promise<void> {
    await this.knex.raw(this.dialect === 'postgresql' ? 'vacuum (analyze)' : 'analyze');
  }

  /** Builds the indexes `beginBulkLoad` dropped and gives the planner statistics; `onIndex` reports each. */
  async endBulkLoad(onIndex?: (done: number, total: number) => void): Promise<void> {
    const k = this.knex;
    const total = this.deferredIndexes.length;
    if (this.dialect === 'postgresql') {
      // One connection so the session setting holds for every build.
      await k.transaction(async (trx) => {
        await trx.raw(`set local maintenance_work_mem = '1GB'`);
        for (const [n, sql] of this.deferredIndexes.entries()) {
          await trx.raw(sql);
          onIndex?.(n + 1, total);
        }
      });
      this.skipTriggers = false;
      await k.raw('analyze');
    } else {
      for (const [n, sql] of this.deferredIndexes.entries()) {
        await k.raw(sql);
        onIndex?.(n + 1, total);
      }
      await k.raw('analyze');
      await k.raw('pragma foreign_keys = ON');
      await k.raw('pragma synchronous = NORMAL');
    }
    this.deferredIndexes = [];
  }

  /** Every row must carry the same keys (the column names), in the same order. */
  async insert(trx: Knex.Transaction, table: string, rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    // SQLite binds at most 32766 variables per statement, PostgreSQL 65535.
    const perStatement = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
    for (let start = 0; start < rows.length; start += perStatement) {
      const end = Math.min(rows.length, start + perStatement);
      const bindings: Value[] = new Array((end - start) * columns.length);
      let b = 0;
      for (let r = start; r < end; r++) {
        const row = rows[r]!;
        for (const column of columns) bindings[b++] = this.value(row[column] ?? null);
      }
      await trx.raw(this.insertSql(table, columns, end - start, end - start === perStatement), bindings as Knex.RawBinding[]);
    }
    this.written.set(table, (this.written.get(table) ?? 0) + rows.length);
  }

  /** `update table set <assignments> where id in (...)`, chunked; the assignments carry no bindings. */
  async updateIds(trx: Knex.Transaction, table: string, assignments: string, ids: readonly number[]): Promise<void> {
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      await trx.raw(`update "${table}" set ${assignments} where "id" in (${chunk.map(() => '?').join(',')})`, chunk);
    }
  }

  async execute(trx: Knex.Transaction, sql: string): Promise<void> {
    await trx.raw(sql);
  }

  /** Explicit ids leave PostgreSQL's serial sequences behind; the next insert through the ORM would collide. */
  async resetSequences(): Promise<void> {
    if (this.dialect !== 'postgresql') return;
    for (const table of this.written.keys()) {
      await this.knex.raw(
        `select setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce(max("id"), 0) + 1, false) from "${table}"`,
      );
    }
  }

  private value(v: Value): Value {
    if (v instanceof Date) return this.dialect === 'sqlite' ? v.getTime() : v.toISOString();
    if (typeof v === 'boolean') return this.dialect === 'sqlite' ? (v ? 1 : 0) : v;
    return v;
  }

  /** Full-size statements are cached; the odd-sized tail of each batch is not worth keeping. */
  private insertSql(table: string, columns: string[], rows: number, full: boolean): string {
    const key = `${table}:${columns.join(',')}`;
    let sql = full ? this.statements.get(key) : undefined;
    if (!sql) {
      const tuple = `(${columns.map(() => '?').join(',')})`;
      sql = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${new Array(rows).fill(tuple).join(',')}`;
      if (full) this.statements.set(key, sql);
    }
    return sql;
  }
}
