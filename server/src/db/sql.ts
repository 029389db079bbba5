import { Utils, type EntityDictionary, type EntityManager, type EntityName } from '@mikro-orm/core';

/** A piece of hand-written SQL with its `?` parameters, in order. */
export interface Sql {
  sql: string;
  params: unknown[];
}

/** `?, ?, ?` for an `in (...)` list of n values. */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * Plain rows through the request's connection (and its transaction, if any), counted and logged like
 * every ORM statement. For reads too hot for the query builder: building a statement costs more CPU than
 * SQLite takes to run it.
 */
export function readRows<T = Record<string, unknown>>(em: EntityManager, { sql, params }: Sql): Promise<T[]> {
  return em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T[]>;
}

/**
 * Rows of `entity`'s table (every column, as read) as managed entities. One already in the identity map
 * takes the values read, as em.find gives them (it may have been loaded with some fields only); requests
 * change entities only inside transactions of their own (db/entity-manager.ts), so nothing unflushed is lost.
 */
export function toEntities<T extends object>(em: EntityManager, entity: EntityName<T>, rows: Record<string, unknown>[]): T[] {
  const meta = em.getMetadata().get<T>(Utils.className(entity));
  const driver = em.getDriver();
  return rows.map((row) =>
    em.merge(entity, driver.mapResult(row as EntityDictionary<T>, meta)!, { convertCustomTypes: true, refresh: true, validate: false, cascade: false }),
  );
}

/** readRows, then toEntities. */
export async function readEntities<T extends object>(em: EntityManager, entity: EntityName<T>, query: Sql): Promise<T[]> {
  return toEntities(em, entity, await readRows(em, query));
}
