/**
 * Seeds the demo floor into the configured database.
 *   node dist/db/seed/cli.js [--accounts N] [--agents N] [--calls N] [--days N] [--bulk] [--seed N] [--reset]
 * --agents, --calls and --days size a benchmark floor; --bulk loads it with the indexes built afterwards.
 * Refuses a database that already has agents unless --reset, which drops every table and migrates afresh.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config.js';
import { localDateIn } from '../../shared/dates.js';
import { migrate, openOrm } from '../orm.js';
import { progressPrinter } from './progress.js';
import { isDatabaseEmpty, seedDemoFloor } from './seed.js';

async function main(): Promise<number> {
  // `pnpm seed -- --accounts N` hands the script the `--` itself; it separates nothing here.
  const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
  const { values } = parseArgs({
    args,
    options: {
      accounts: { type: 'string' },
      agents: { type: 'string' },
      calls: { type: 'string' },
      days: { type: 'string' },
      bulk: { type: 'boolean', default: false },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.error('usage: node dist/db/seed/cli.js [--accounts N] [--agents N] [--calls N] [--days N] [--bulk] [--seed N] [--reset]');
    return 0;
  }
  const sizes: { agents?: number; calls?: number; days?: number } = {};
  for (const name of ['agents', 'calls', 'days'] as const) {
    if (values[name] === undefined) continue;
    const v = Number(values[name]);
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`--${name} must be a whole number >= 1, got ${values[name]}`);
    sizes[name] = v;
  }
  const config = loadConfig();
  const accounts = values.accounts === undefined ? config.seedAccounts : Number(values.accounts);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!Number.isInteger(accounts) || accounts < 1) throw new ConfigError(`--accounts must be a whole number >= 1, got ${values.accounts}`);
  if (seed !== undefined && !Number.isInteger(seed)) throw new ConfigError(`--seed must be a whole number, got ${values.seed}`);

  const orm = await openOrm(config.database);
  try {
    if (values.reset) {
      console.error(`[seed] dropping every table of the ${config.database.kind} database`);
      await orm.schema.dropSchema({ dropMigrationsTable: true });
    }
    await migrate(orm);
    if (!(await isDatabaseEmpty(orm))) {
      console.error('[seed] the database already has agents; run with --reset to drop everything and seed again');
      return 1;
    }
    const now = config.clockNow ?? new Date();
    console.error(`[seed] ${accounts} accounts, business date ${localDateIn(now, config.floorTimeZone)} (${config.floorTimeZone})`);
    const summary = await seedDemoFloor(orm, {
      accounts, ...sizes, bulkLoad: values.bulk, now, floorTimeZone: config.floorTimeZone, seed, onProgress: progressPrinter((line) => console.error(line)),
    });
    const { ms, ...counts } = summary;
    console.log(`Seeded ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')} in ${(ms / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await orm.close(true);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
