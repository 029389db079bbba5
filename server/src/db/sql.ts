import type { EntityManager } from '@mikro-orm/core';

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
