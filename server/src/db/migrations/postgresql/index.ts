import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122071406 } from './Migration20261122071406.js';

/** Every postgresql migration in order; db/migration-cli.ts appends new ones here. */
export const postgresqlMigrations: MigrationObject[] = [
  { name: 'Migration20261122071406', class: Migration20261122071406 },
];
