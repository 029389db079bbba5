import { Type, type EntityProperty, type Platform } from '@mikro-orm/core';

const isSqlite = (platform: Platform): boolean => platform.constructor.name.toLowerCase().includes('sqlite');

/**
 * A point in time. SQLite keeps it as epoch milliseconds, PostgreSQL as timestamptz. MikroORM's own
 * datetime type snapshots a loaded SQLite date differently from the same date about to be written, so
 * every flush saw every loaded entity as changed (rewriting it and bumping its version); here both
 * sides of that comparison are the same primitive.
 */
export class InstantType extends Type<Date | null | undefined, number | string | null | undefined> {
  override convertToDatabaseValue(value: Date | null | undefined, platform: Platform): number | string | null | undefined {
    if (value == null) return value;
    const date = value instanceof Date ? value : new Date(value as unknown as string);
    return isSqlite(platform) ? date.getTime() : date.toISOString();
  }

  override convertToJSValue(value: number | string | Date | null | undefined): Date | null | undefined {
    if (value == null) return value;
    if (value instanceof Date) return value;
    return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  }

  override compareAsType(): string {
    return 'string';
  }

  override get runtimeType(): string {
    return 'Date';
  }

  override getColumnType(prop: EntityProperty, platform: Platform): string {
    return platform.getDateTimeTypeDeclarationSQL({ length: prop.length ?? platform.getDefaultDateTimeLength() });
  }

  override getDefaultLength(platform: Platform): number {
    return platform.getDefaultDateTimeLength();
  }
}
