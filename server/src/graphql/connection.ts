import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
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
  if (page.cursor) {
    const [raw, id] = decodeCursor(page.cursor, page.backwards ? 'before' : 'after', 2);
    if (typeof id !== 'number') throw badInput('The cursor is not of this connection.');
    const value = options.dateField && typeof raw === 'string' ? new Date(raw) : raw;
    const op = asc ? '$gt' : '$lt';
    conditions.push({
      $or: [{ [sort.field]: { [op]: value } }, { [sort.field]: value, id: { [op]: id } }],
    } as FilterQuery<T>);
  }
  const dir = asc ? 'asc' : 'desc';
  const rows = await em.find(entity, { $and: conditions } as FilterQuery<T>, {
    orderBy: [{ [sort.field]: dir }, { id: dir }] as never,
    limit: page.size + 1,
    populate: (options.populate ?? []) as never,
  });
  const hasMore = rows.length > page.size;
  const slice = rows.slice(0, page.size);
  if (page.backwards) slice.reverse();
  const edges = slice.map((node) => ({
    cursor: encodeCursor([sortValue(node[sort.field]), node.id]),
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
      return em.count(entity, where);
    },
  };
}
