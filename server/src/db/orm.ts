import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DefaultLogger, MikroORM, type LogContext, type LoggerOptions, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type Database from 'better-sqlite3';
import type { Config } from '../config.js';
import { currentRequestScope } from '../shared/request-scope.js';
import { buildBucketFlowsIfMissing } from '../reports/bucket-flows.js';
import { entities } from './entities.js';
import { cacheStatements } from './sqlite-statements.js';
import { FloorEntityManager } from './entity-manager.js';
import { postgresqlMigrations } from './migrations/postgresql/index.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';

export type Orm = MikroORM;

/** Counts each SQL statement against the request that ran it (tests and benchmarks read the count). */
class CountingLogger extends DefaultLogger {
  override logQuery(context: { query: string } & LogContext): void {
    const scope = currentRequestScope();
    if (scope) scope.sqlStatements += 1;
    super.logQuery(context);
  }
}

/**
 * How migrations run at start. No schema snapshot after them: it is only an aid for generating the next
 * migration (db/migration-cli.ts diffs against a migrated database instead), and reading the schema back
 * fails on a floor whose statistics tables (sqlite_stat4, from ANALYZE after a bulk load) have untyped columns.
 */
const MIGRATIONS = { transactional: true, allOrNothing: true, emit: 'ts', silent: true, snapshot: false } as const;

export function ormOptions(config: Config['database'], extra: Partial<Options> = {}): Options {
  const common: Partial<Options> = {
    entities,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    loggerFactory: (options: LoggerOptions) => new CountingLogger(options),
    // A missing row is a NOT_FOUND for the API to shape, not an ORM exception.
    findOneOrFailHandler: (entityName: string) => new Error(`${entityName} not found`),
    forceUtcTimezone: true,
    entityManager: FloorEntityManager,
    allowGlobalContext: false,
    ...extra,
  };
  if (config.kind === 'sqlite') {
    mkdirSync(dirname(config.sqlitePath!), { recursive: true });
    return {
      ...common,
      driver: BetterSqliteDriver,
      dbName: config.sqlitePath,
      migrations: { migrationsList: sqliteMigrations, ...MIGRATIONS, ...extra.migrations },
    } as Options;
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: config.url,
    pool: { min: 1, max: 10 },
    migrations: { migrationsList: postgresqlMigrations, ...MIGRATIONS, ...extra.migrations },
  } as Options;
}

export async function openOrm(config: Config['database'], extra: Partial<Options> = {}): Promise<Orm> {
  const orm = await MikroORM.init(ormOptions(config, extra));
  if (config.kind === 'sqlite') {
    // WAL lets readers go on while a call is being written; foreign keys are off by default in SQLite.
    const conn = orm.em.getConnection();
    await conn.execute('pragma journal_mode = WAL');
    await conn.execute('pragma synchronous = NORMAL');
    await conn.execute('pragma foreign_keys = ON');
    await conn.execute('pragma busy_timeout = 5000');
    await reuseCompiledStatements(orm);
  }
  return orm;
}

/** Compiled statements kept per SQLite connection, the open one and any the pool opens later. */
async function reuseCompiledStatements(orm: Orm): Promise<void> {
  const client = (orm.em as unknown as { getKnex(): { client: KnexSqliteClient } }).getKnex().client;
  const acquire = client.acquireRawConnection.bind(client);
  client.acquireRawConnection = async () => cacheStatements(await acquire());
  const open = await client.acquireConnection();
  cacheStatements(open);
  client.releaseConnection(open);
}

interface KnexSqliteClient {
  acquireRawConnection(): Promise<Database.Database>;
  acquireConnection(): Promise<Database.Database>;
  releaseConnection(connection: Database.Database): void;
}

/**
 * Brings the schema up to date. With the floor's time zone, also builds the bucket figures of a floor whose
 * snapshots predate them (reports/bucket-flows.ts): the months payments count in need the zone.
 */
export async function migrate(orm: Orm, options: { floorTimeZone?: string } = {}): Promise<void> {
  await orm.getMigrator().up();
  if (options.floorTimeZone) await buildBucketFlowsIfMissing(orm, options.floorTimeZone);
}
