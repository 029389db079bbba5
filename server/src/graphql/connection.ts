import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InstantType } from '../db/instant.type.js';
import { readRows, type Sql } from '../db/sql.js';
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the start, 1-${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size from the end, 1-${MAX_PAGE_SIZE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true })
  before?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;
  @Field()
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true })
  startCursor!: string | null;
  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when asked for: a getter, so graphql-js resolves it lazily. */
  readonly totalCount: Promise<number>;
}

/** One Relay connection type per node type: `XConnection { edges, nodes, pageInfo, totalCount }`. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name = nodeType.name) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;
    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: EdgeType[];
    @Field(() => [nodeType])
    nodes!: T[];
    @Field(() => PageInfo)
    pageInfo!: PageInfo;
    @Field(() => Int, { description: 'All items matching the filter, across pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** The key a page is ordered by; `id` always breaks ties so cursors are stable. */
export interface SortKey<T> {
  /** Entity property holding the value. */
  field: keyof T & string;
  direction: 'ASC' | 'DESC';
}

type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, argument: string, length: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(`${argument} is not a cursor of this connection.`, { argument });
}

export interface PageRequest {
  size: number;
  backwards: boolean;
  cursor?: string;
}

/** Validates first/last/after/before: exactly one size, within 1-100 (DOMAIN-independent API rule). */
export function pageRequest(args: PageArgs): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw badInput('Give either first or last, not both.', { argument: 'first' });
  if (first == null && last == null) throw badInput(`Give first or last (1-${MAX_PAGE_SIZE}).`, { argument: 'first' });
  const size = (first ?? last)!;
  const argument = first != null ? 'first' : 'last';
  if (size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`${argument} must be between 1 and ${MAX_PAGE_SIZE}, got ${size}.`, { argument });
  }
  if (first != null && before != null) throw badInput('before goes with last, not first.', { argument: 'before' });
  if (last != null && after != null) throw badInput('after goes with first, not last.', { argument: 'after' });
  return { size, backwards: last != null, cursor: (first != null ? after : before) ?? undefined };
}

const sortValue = (value: unknown): CursorValue =>
  value instanceof Date ? value.toISOString() : (value as CursorValue) ?? null;

/** Where a page starts: after (or before) the cursor's sort value and id. */
function keysetAfter(page: PageRequest, dateField: boolean | undefined): { value: CursorValue | Date; id: number } | null {
  if (!page.cursor) return null;
  const [raw, id] = decodeCursor(page.cursor, page.backwards ? 'before' : 'after', 2);
  if (typeof id !== 'number') throw badInput('The cursor is not of this connection.');
  return { value: dateField && typeof raw === 'string' ? new Date(raw) : raw, id };
}

/** A page of rows read in sort order (one more than the page size, to know whether more follow) as a connection. */
function toConnection<T extends { id: number }>(
  rows: T[],
  page: PageRequest,
  field: keyof T & string,
  totalCount: () => Promise<number>,
): Connection<T> {
  const hasMore = rows.length > page.size;
  const slice = rows.slice(0, page.size);
  if (page.backwards) slice.reverse();
  const edges = slice.map((node) => ({
    cursor: encodeCursor([sortValue(node[field]), node.id]),
    node,
  }));
  return {
    edges,
    nodes: slice,
    pageInfo: {
      hasNextPage: page.backwards ? page.cursor !== undefined : hasMore,
      hasPreviousPage: page.backwards ? hasMore : page.cursor !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return totalCount();
    },
  };
}

/**
 * Keyset pagination over any entity: pages stay stable while rows are added, and no page costs more
 * than one indexed range scan, however deep.
 */
export async function paginate<T extends { id: number }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  sort: SortKey<T>,
  args: PageArgs,
  options: { populate?: string[]; dateField?: boolean } = {},
): Promise<Connection<T>> {
  const page = pageRequest(args);
  const asc = (sort.direction === 'ASC') !== page.backwards;
  const conditions: FilterQuery<T>[] = [where];
  const after = keysetAfter(page, options.dateField);
  if (after) {
    const op = asc ? '$gt' : '$lt';
    conditions.push({
      $or: [{ [sort.field]: { [op]: after.value } }, { [sort.field]: after.value, id: { [op]: after.id } }],
    } as FilterQuery<T>);
  }
  const dir = asc ? 'asc' : 'desc';
  const rows = await em.find(entity, { $and: conditions } as FilterQuery<T>, {
    orderBy: [{ [sort.field]: dir }, { id: dir }] as never,
    limit: page.size + 1,
    populate: (options.populate ?? []) as never,
  });
  return toConnection(rows, page, sort.field, () => em.count(entity, where));
}

const instant = new InstantType();

/** What paginateSql reads: `select <columns> from <from> where <where...>`, rows turned into nodes by `read`. */
export interface SqlPageSource<T> {
  columns: string;
  from: string;
  where: Sql[];
  /**
   * The rows to page through as conditions no row meets twice, the rows being those that meet one (with
   * `where`). With two or more, each is read as a branch of its own, in the page's order and cut at the
   * page's end, before the branches are merged: a branch whose index holds that order stops early
   * instead of sorting all its rows. The sort and id columns must then be among `columns` under their
   * own names.
   */
  branches?: Sql[];
  /** Rows for the count, as `branches` says them, each counted apart (the page's branches when absent). */
  countBranches?: Sql[];
  /** The sort key's column (qualified), beside its entity property; `id` of the same table breaks ties. */
  sort: SortKey<T> & { column: string; idColumn: string; dateField?: boolean };
  read: (rows: Record<string, unknown>[]) => T[];
}

const filter = (conditions: Sql[]): Sql => ({
  sql: conditions.length ? ` where ${conditions.map((c) => c.sql).join(' and ')}` : '',
  params: conditions.flatMap((c) => c.params),
});

/** A qualified column as its subquery's result names it. */
const resultColumn = (column: string): string => column.slice(column.lastIndexOf('.') + 1);

/**
 * paginate() for a read written in SQL: the same pages, cursors and counts, without building the
 * statement through the ORM on every request. The caller's conditions must match what the ORM filter
 * would have said.
 */
export async function paginateSql<T extends { id: number }>(em: EntityManager, source: SqlPageSource<T>, args: PageArgs): Promise<Connection<T>> {
  const page = pageRequest(args);
  const { sort } = source;
  const asc = (sort.direction === 'ASC') !== page.backwards;
  const where = [...source.where];
  const after = keysetAfter(page, sort.dateField);
  if (after) {
    const op = asc ? '>' : '<';
    // Every point in time of this schema is an InstantType column: the cursor's date binds as the column holds it.
    const value = after.value instanceof Date ? instant.convertToDatabaseValue(after.value, em.getPlatform()) : after.value;
    where.push({ sql: `(${sort.column} ${op} ? or (${sort.column} = ? and ${sort.idColumn} ${op} ?))`, params: [value, value, after.id] });
  }
  const dir = asc ? 'asc' : 'desc';
  const limit = page.size + 1;
  const branches = source.branches ?? [];
  const read = (conditions: Sql[]): Sql => {
    const selected = filter(conditions);
    return {
      sql: `select ${source.columns} from ${source.from}${selected.sql} order by ${sort.column} ${dir}, ${sort.idColumn} ${dir} limit ?`,
      params: [...selected.params, limit],
    };
  };
  let statement: Sql;
  if (branches.length < 2) {
    statement = read([...branches, ...where]);
  } else {
    // Each branch in a subquery of its own: SQLite takes no ORDER BY or LIMIT on a member of a compound select.
    const parts = branches.map((branch) => read([branch, ...where]));
    const [column, id] = [resultColumn(sort.column), resultColumn(sort.idColumn)];
    statement = {
      sql: `select * from (${parts.map((part, i) => `select * from (${part.sql}) b${i}`).join(' union all ')}) p order by p.${column} ${dir}, p.${id} ${dir} limit ?`,
      params: [...parts.flatMap((part) => part.params), limit],
    };
  }
  const rows = await readRows(em, statement);
  return toConnection(source.read(rows), page, sort.field, async () => {
    const counted = source.countBranches ?? branches;
    const counts = (counted.length < 2 ? [[...counted, ...source.where]] : counted.map((branch) => [branch, ...source.where])).map(filter);
    const [row] = await readRows<{ n: number | string }>(em, {
      sql: `select ${counts.map((c) => `(select count(*) from ${source.from}${c.sql})`).join(' + ')} as n`,
      params: counts.flatMap((c) => c.params),
    });
    return Number(row!.n);
  });
}
