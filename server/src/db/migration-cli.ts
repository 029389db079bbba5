/**
 * Generates the next migration for one dialect from the difference between the entities and a
 * database migrated to the latest checked-in migration, and registers it in that dialect's index.
 *   node dist/db/migration-cli.js sqlite|postgresql [postgres-url]
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { openOrm, migrate } from './orm.js';

const dialect = process.argv[2];
if (dialect !== 'sqlite' && dialect !== 'postgresql') {
  console.error('usage: migration-cli sqlite|postgresql [postgres-url]');
  process.exit(2);
}
const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations', dialect);
const sqlitePath = join(tmpdir(), `openfloor-migrate-${process.pid}.sqlite`);
const database =
  dialect === 'sqlite'
    ? { kind: 'sqlite' as const, url: `sqlite:${sqlitePath}`, sqlitePath }
    : { kind: 'postgresql' as const, url: process.argv[3] ?? 'postgres://postgres@127.0.0.1:5432/openfloor_migrations' };

const orm = await openOrm(database, { migrations: { path: srcDir, pathTs: srcDir, emit: 'ts', snapshot: false } as never });
try {
  await migrate(orm);
  const result = await orm.getMigrator().createMigration(srcDir, false, false);
  if (!result.fileName) {
    console.log(`No changes for ${dialect}.`);
  } else {
    const name = result.fileName.replace(/\.ts$/, '');
    const indexPath = join(srcDir, 'index.ts');
    let index = readFileSync(indexPath, 'utf8');
    const className = /export class (\w+)/.exec(result.code)![1]!;
    index = index.replace(
      "import type { MigrationObject } from '@mikro-orm/core';",
      `import type { MigrationObject } from '@mikro-orm/core';\nimport { ${className} } from './${name}.js';`,
    );
    index = index.replace(/\];\s*$/, `  { name: '${name}', class: ${className} },\n];\n`).replace('= [  {', '= [\n  {');
    writeFileSync(indexPath, index);
    console.log(`Wrote ${dialect}/${result.fileName}`);
  }
} finally {
  await orm.close(true);
  if (dialect === 'sqlite') rmSync(sqlitePath, { force: true });
}
