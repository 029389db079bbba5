import { ReferenceKind, Utils, type EntityManager, type EntityMetadata, type EntityName, type EntityProperty, type Type } from '@mikro-orm/core';
import { readRows, type Sql } from './sql.js';

/**
 * Read-only entities, built from plain rows, for the API's hottest reads. A portfolio page is some 150
 * entities, and hydrating them into the identity map (a helper, change-tracking accessors and a snapshot
 * for each, a reference entity for each relation) cost more CPU than everything else the page does.
 *
 * Each one is an instance of its entity class, so its getters and its GraphQL type work as usual. Columns
 * go through MikroORM's result mapper and each property's own type, as em.find converts them; a relation
 * is an unloaded reference holding only its key, as em.find leaves it. Lazy properties are not read, as
 * em.find does not read them. They are not managed: nothing may change or persist one; what writes loads
 * its entities through the EntityManager.
 */
export interface ReadOnlyReader<T> {
  /** The columns to select, qualified by `alias`; with `prefix`, each selected as `<prefix><column>` (one entity among others in a join). */
  columns(alias: string, prefix?: string): string;
  /** Rows holding those columns (unqualified, or named with the same `prefix`) as read-only entities. */
  read(rows: Record<string, unknown>[], prefix?: string): T[];
}

interface Plan {
  meta: EntityMetadata;
  columns: string[];
  converted: Array<{ name: string; type: Type<unknown, unknown> }>;
  references: Array<{ name: string; prototype: object; key: string }>;
}

const plans = new WeakMap<EntityMetadata, Plan>();

function planOf(meta: EntityMetadata): Plan {
  let plan = plans.get(meta);
  if (plan) return plan;
  if (meta.props.some((p) => p.kind === ReferenceKind.ONE_TO_MANY || p.kind === ReferenceKind.MANY_TO_MANY)) {
    throw new Error(`${meta.className} has collections: read it through the EntityManager.`);
  }
  const stored = (p: EntityProperty) => p.fieldNames?.length === 1 && !p.lazy && p.persist !== false;
  const scalars = meta.props.filter((p) => stored(p) && p.kind === ReferenceKind.SCALAR);
  const relations = meta.props.filter((p) => stored(p) && (p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)));
  plan = {
    meta,
    columns: [...scalars, ...relations].map((p) => p.fieldNames[0]!),
    converted: scalars.filter((p) => p.customType).map((p) => ({ name: p.name, type: p.customType! as Type<unknown, unknown> })),
    references: relations.map((p) => ({ name: p.name, prototype: p.targetMeta!.prototype, key: p.targetMeta!.primaryKeys[0]! })),
  };
  plans.set(meta, plan);
  return plan;
}

export function readOnly<T extends object>(em: EntityManager, entity: EntityName<T>): ReadOnlyReader<T> {
  const plan = planOf(em.getMetadata().get(Utils.className(entity)));
  const platform = em.getPlatform();
  const driver = em.getDriver();
  return {
    columns: (alias, prefix) =>
      plan.columns.map((c) => `${alias}.${platform.quoteIdentifier(c)}${prefix ? ` as ${platform.quoteIdentifier(prefix + c)}` : ''}`).join(', '),
    read: (rows, prefix) =>
      rows.map((row) => {
        const data = driver.mapResult(prefix ? unprefixed(row, plan.columns, prefix) : row, plan.meta) as Record<string, unknown>;
        for (const { name, type } of plan.converted) data[name] = type.convertToJSValue(data[name], platform);
        for (const { name, prototype, key } of plan.references) {
          const id = data[name];
          if (id != null) data[name] = Object.setPrototypeOf({ [key]: id }, prototype);
        }
        // Own data properties on a plain object, the class only as prototype: assigning them to an instance
        // would run MikroORM's tracking setters on its prototype.
        return Object.setPrototypeOf(data, plan.meta.prototype) as T;
      }),
  };
}

function unprefixed(row: Record<string, unknown>, columns: readonly string[], prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c] = row[prefix + c];
  return out;
}

/** `select <columns> from <table> where <condition>` as read-only entities. */
export async function readOnlyWhere<T extends object>(em: EntityManager, entity: EntityName<T>, where: Sql, orderBy = ''): Promise<T[]> {
  const reader = readOnly(em, entity);
  const table = em.getPlatform().quoteIdentifier(em.getMetadata().get(Utils.className(entity)).tableName);
  const rows = await readRows(em, { sql: `select ${reader.columns('t')} from ${table} t where ${where.sql}${orderBy ? ` order by ${orderBy}` : ''}`, params: where.params });
  return reader.read(rows);
}
