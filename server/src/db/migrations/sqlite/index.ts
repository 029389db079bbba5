import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261130214412 } from './Migration20261130214412.js';
import { Migration20261130214501 } from './Migration20261130214501.js';
import { Migration20261130204609 } from './Migration20261130204609.js';
import { Migration20261130185201 } from './Migration20261130185201.js';
import { Migration20261130163025 } from './Migration20261130163025.js';
import { Migration20261130153202 } from './Migration20261130153202.js';
import { Migration20261130132204 } from './Migration20261130132204.js';
import { Migration20261122083858 } from './Migration20261122083858.js';
import { Migration20261122082612 } from './Migration20261122082612.js';

/** Every sqlite migration in order; db/migration-cli.ts appends new ones here. */
export const sqliteMigrations: MigrationObject[] = [
  { name: 'Migration20261122082612', class: Migration20261122082612 },
  { name: 'Migration20261122083858', class: Migration20261122083858 },
  { name: 'Migration20261130132204', class: Migration20261130132204 },
  { name: 'Migration20261130153202', class: Migration20261130153202 },
  { name: 'Migration20261130163025', class: Migration20261130163025 },
  { name: 'Migration20261130185201', class: Migration20261130185201 },
  { name: 'Migration20261130204609', class: Migration20261130204609 },
  { name: 'Migration20261130214412', class: Migration20261130214412 },
  { name: 'Migration20261130214501', class: Migration20261130214501 },
];
