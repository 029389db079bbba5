import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate, openOrm, seedDemoFloor } from '@openfloor/server';
import { newDatabaseName, postgresUrlFor, testDb, withAdminClient } from './databases.js';
import { FLOOR_TIME_ZONE, NOW, SEED_ACCOUNTS, type Template } from './template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    template: Template;
  }
}

/**
 * Seeds one small demo floor per run; every test file then works on its own copy (a file copy on
 * SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL), so files never share data.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const db = testDb();
  const dir = mkdtempSync(join(tmpdir(), 'openfloor-test-'));
  let template: Template;
  if (db === 'sqlite') {
    const path = join(dir, 'template.sqlite');
    template = { db, dir, sqlitePath: path };
    await seedInto({ kind: 'sqlite', url: `sqlite:${path}`, sqlitePath: path });
    const orm = await openOrm({ kind: 'sqlite', url: `sqlite:${path}`, sqlitePath: path });
    // Fold the WAL into the main file so a plain file copy is a complete database.
    await orm.em.getConnection().execute('pragma wal_checkpoint(TRUNCATE)');
    await orm.close(true);
  } else {
    const prefix = newDatabaseName('openfloor_test');
    const name = `${prefix}_template`;
    await withAdminClient((c) => c.query(`create database "${name}"`));
    template = { db, dir, pgPrefix: prefix, pgTemplate: name };
    await seedInto({ kind: 'postgresql', url: postgresUrlFor(name) });
  }
  project.provide('template', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (template.pgPrefix) {
      await withAdminClient(async (c) => {
        const { rows } = await c.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${template.pgPrefix}%`]);
        for (const { datname } of rows) await c.query(`drop database if exists "${datname}" with (force)`);
      });
    }
  };
}

async function seedInto(database: { kind: 'sqlite' | 'postgresql'; url: string; sqlitePath?: string }): Promise<void> {
  const orm = await openOrm(database);
  try {
    await migrate(orm);
    await seedDemoFloor(orm, { accounts: SEED_ACCOUNTS, now: NOW, floorTimeZone: FLOOR_TIME_ZONE });
  } finally {
    await orm.close(true);
  }
}
