import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { InstantType } from './instant.type.js';
import { StatementNames } from './pg-statements.js';

/** A piece of hand-written SQL with its `?` parameters, in order. */
export interface Sql {
  sql: string;
  params: unknown[];
}

/** `?, ?, ?` for an `in (...)` list of n values. */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export const isPostgres = (em: EntityManager): boolean => !em.getPlatform().constructor.name.toLowerCase().includes('sqlite');

/**
 * `column in (...)` for a list of row ids. On PostgreSQL it is one array parameter (`= any(...)`), so the
 * statement's text is the same whatever the list's length and runs as one prepared statement (see run).
 */
export function idsIn(em: EntityManager, column: string, ids: readonly number[]): Sql {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`idsIn: ${String(id)} is not a row id`);
  if (!isPostgres(em)) return { sql: `${column} in (${marks(ids.length)})`, params: [...ids] };
  return { sql: `${column} = any(cast(? as bigint[]))`, params: [`{${ids.join(',')}}`] };
}

/**
 * Plain rows through the request's connection (and its transaction, if any), counted and logged like
 * every ORM statement, its values bound (see sqlRows). For reads too hot for the query builder: building
 * a statement costs more CPU than SQLite takes to run it. Dates are passed as their column holds them.
 */
export function readRows<T = Record<string, unknown>>(em: EntityManager, { sql, params }: Sql): Promise<T[]> {
  return sqlRows<T>(em, sql, params);
}

/**
 * Hand-written statements for the hot write paths, run in the transaction `em` works in (or outside any).
 *
 * The values stay bound parameters (`?` on both databases; knex numbers them for PostgreSQL) instead of
 * being inlined into the text as the ORM's raw `execute` does, so SQLite finds the statement already
 * compiled in its cache (db/sqlite-statements.ts) on every call after the first. Dates bind as each
 * driver writes an instant (epoch milliseconds on SQLite, timestamptz on PostgreSQL), booleans as 0/1 or
 * true/false. Driver errors come back as the ORM's exceptions (unique violation, deadlock...), and each
 * statement is logged and counted against the request like the ORM's own (EXPOSE_SQL_COUNT).
 */
export async function sqlRows<T = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  const result = (await run(em, sql, params)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** A statement that returns no rows (with RETURNING, use sqlRows). */
export async function sqlRun(em: EntityManager, sql: string, params: readonly unknown[]): Promise<void> {
  await run(em, sql, params);
}

const statementNames = new StatementNames();

async function run(em: EntityManager, sql: string, params: readonly unknown[]): Promise<unknown> {
  const sqlEm = em as SqlEntityManager;
  const query = sqlEm.getKnex().raw(sql, params as never);
  const name = isPostgres(em) ? statementNames.of(sql, params.length) : undefined;
  // knex's PostgreSQL client hands a query's options to pg's query config.
  if (name) query.options({ name });
  const trx = sqlEm.getTransactionContext();
  if (trx) query.transacting(trx);
  const started = Date.now();
  let level: 'info' | 'error' = 'info';
  try {
    return await query;
  } catch (error) {
    level = 'error';
    throw sqlEm.getDriver().convertException(error as Error);
  } finally {
    // Through the ORM's logger, as its own statements: it counts them per request and prints them when debugging.
    sqlEm.config.getLogger().logQuery({ query: sql, params: params as unknown[], took: Date.now() - started, level });
  }
}

const instantType = new InstantType();

/** An instant column as either driver returns it (epoch milliseconds on SQLite, a Date on PostgreSQL). */
export const instantOf = (value: unknown): Date | null => instantType.convertToJSValue(value as number | string | Date | null) ?? null;

/** A boolean column as either driver returns it (0/1 on SQLite). */
export const booleanOf = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't';
