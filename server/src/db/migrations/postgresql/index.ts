import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261130214422 } from './Migration20261130214422.js';
import { Migration20261130214616 } from './Migration20261130214616.js';
import { Migration20261130204613 } from './Migration20261130204613.js';
import { Migration20261130185205 } from './Migration20261130185205.js';
import { Migration20261130163027 } from './Migration20261130163027.js';
import { Migration20261130153203 } from './Migration20261130153203.js';
import { Migration20261130132235 } from './Migration20261130132235.js';
import { Migration20261122083911 } from './Migration20261122083911.js';
import { Migration20261122082613 } from './Migration20261122082613.js';

/** Every postgresql migration in order; db/migration-cli.ts appends new ones here. */
export const postgresqlMigrations: MigrationObject[] = [
  { name: 'Migration20261122082613', class: Migration20261122082613 },
  { name: 'Migration20261122083911', class: Migration20261122083911 },
  { name: 'Migration20261130132235', class: Migration20261130132235 },
  { name: 'Migration20261130153203', class: Migration20261130153203 },
  { name: 'Migration20261130163027', class: Migration20261130163027 },
  { name: 'Migration20261130185205', class: Migration20261130185205 },
  { name: 'Migration20261130204613', class: Migration20261130204613 },
  { name: 'Migration20261130214422', class: Migration20261130214422 },
  { name: 'Migration20261130214616', class: Migration20261130214616 },
];
