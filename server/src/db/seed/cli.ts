/**
 * Seeds the demo floor into the configured database.
 *   node dist/db/seed/cli.js [--accounts N] [--seed N] [--reset]
 * Refuses a database that already has agents unless --reset, which drops every table and migrates afresh.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config.js';
import { localDateIn } from '../../shared/dates.js';
import { migrate, openOrm } from '../orm.js';
import { isDatabaseEmpty, seedDemoFloor } from './seed.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { accounts: { type: 'string' }, seed: { type: 'string' }, reset: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.error('usage: node dist/db/seed/cli.js [--accounts N] [--seed N] [--reset]');
    return 0;
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
    const summary = await seedDemoFloor(orm, { accounts, now, floorTimeZone: config.floorTimeZone, seed, onProgress: progressPrinter() });
    const { ms, ...counts } = summary;
    console.log(`Seeded ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')} in ${(ms / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await orm.close(true);
  }
}

/** One line per phase, plus one per 10% step of the phases long enough to have steps. */
function progressPrinter(): (p: { phase: string; done: number; total: number }) => void {
  const started = Date.now();
  let phase = '';
  let lastStep = -1;
  return ({ phase: name, done, total }) => {
    if (name !== phase) {
      phase = name;
      lastStep = -1;
    }
    const step = Math.floor((done / total) * 10);
    if (step === lastStep || (total < 10 && done < total)) return;
    lastStep = step;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.error(`[seed] ${name.padEnd(10)} ${String(Math.floor((done / total) * 100)).padStart(3)}%  (${done}/${total})  ${seconds} s`);
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
