#!/usr/bin/env node
/**
 * Builds a benchmark floor into a named database for the other scenarios, and measures the build:
 * one JSON line with time, rows per second, database size and peak RSS, and the ratio against a bare
 * multi-row insert of call-shaped rows through the same driver, measured in the same run.
 *   pnpm bench:floor -- --db sqlite|postgresql [--accounts 1000000] [--agents 500] [--calls 10000000] [--days 180]
 *                       [--name floor] [--now 2026-11-18T16:00:00Z] [--keep]
 * SQLite: the file is bench/data/<name>.sqlite (gitignored) unless --file. PostgreSQL: database
 * openfloor_<name> on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * An existing file or database of that name is replaced. Progress goes to stderr.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate, openOrm, progressPrinter, seedDemoFloor } from '@openfloor/server';

const { values } = parseArgs({
  // `pnpm bench:floor -- --db ...` hands the separator on.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    db: { type: 'string', default: 'sqlite' },
    accounts: { type: 'string', default: '1000000' },
    agents: { type: 'string', default: '500' },
    calls: { type: 'string', default: '10000000' },
    days: { type: 'string', default: '180' },
    name: { type: 'string', default: 'floor' },
    file: { type: 'string' },
    now: { type: 'string', default: '2026-11-18T16:00:00Z' },
    'floor-time-zone': { type: 'string', default: 'America/Mexico_City' },
  },
});
const whole = (name) => {
  const v = Number(values[name]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a whole number >= 1, got ${values[name]}`);
  return v;
};
const sizes = { accounts: whole('accounts'), agents: whole('agents'), calls: whole('calls'), days: whole('days') };
const now = new Date(values.now);
const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${cpus()[0]?.model ?? 'cpu'}`;
const here = dirname(fileURLToPath(import.meta.url));

async function target() {
  if (values.db === 'sqlite') {
    const file = resolve(values.file ?? join(here, 'data', `${values.name}.sqlite`));
    mkdirSync(dirname(file), { recursive: true });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    return {
      database: { kind: 'sqlite', url: `sqlite:${file}`, sqlitePath: file },
      where: file,
      sizeOf: async (orm) => {
        await orm.em.getConnection().execute('pragma wal_checkpoint(TRUNCATE)');
        return statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
      },
    };
  }
  if (values.db !== 'postgresql') throw new Error(`--db must be sqlite or postgresql, got ${values.db}`);
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `openfloor_${values.name}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgresql', url: url.toString() },
    where: url.toString(),
    sizeOf: async (orm) => Number((await orm.em.getConnection().execute('select pg_database_size(current_database()) as bytes'))[0].bytes),
  };
}

/** The driver's ceiling: call-shaped rows in 500-row INSERTs into a scratch table, no indexes. */
async function bareInsertRate(orm, rows = 200_000) {
  const knex = orm.em.getKnex();
  const sqlite = values.db === 'sqlite';
  await knex.raw('drop table if exists bench_bare_call');
  await knex.raw(`create table bench_bare_call (id integer primary key, account_id integer, agent_id integer, team_id integer, direction varchar(16),
    phone_number varchar(32), started_at ${sqlite ? 'integer' : 'timestamptz'}, talk_seconds integer, wrap_seconds integer, disposition varchar(40))`);
  const per = 500;
  const sql = `insert into bench_bare_call values ${new Array(per).fill('(?,?,?,?,?,?,?,?,?,?)').join(',')}`;
  const t0 = Date.UTC(2026, 10, 1);
  const started = performance.now();
  for (let chunk = 0; chunk < rows; chunk += 20_000) {
    await knex.transaction(async (trx) => {
      for (let s = chunk; s < chunk + 20_000; s += per) {
        const b = [];
        for (let i = s; i < s + per; i++) {
          const at = t0 + i * 1000;
          b.push(i + 1, (i * 7919) % 1_000_000, i % 500, i % 50, 'OUTBOUND', '+15555550100', sqlite ? at : new Date(at).toISOString(), i % 300, 30, 'NO_ANSWER');
        }
        await trx.raw(sql, b);
      }
    });
  }
  const seconds = (performance.now() - started) / 1000;
  await knex.raw('drop table bench_bare_call');
  return rows / seconds;
}

const t = await target();
console.error(`[floor] ${values.db}: ${JSON.stringify(sizes)} into ${t.where}`);
const orm = await openOrm(t.database);
await migrate(orm);
const started = performance.now();
const summary = await seedDemoFloor(orm, {
  ...sizes,
  bulkLoad: true,
  now,
  floorTimeZone: values['floor-time-zone'],
  onProgress: progressPrinter((line) => console.error(line), { prefix: '[floor]' }),
});
const seconds = (performance.now() - started) / 1000;
const counts = Object.fromEntries(
  await Promise.all(
    ['customer', 'contact_point', 'account', 'call', 'promise_to_pay', 'payment', 'payment_plan', 'instalment', 'bucket_snapshot', 'account_due', 'agent_day_counter'].map(
      async (table) => [table, Number((await orm.em.getConnection().execute(`select count(*) as n from "${table}"`))[0].n)],
    ),
  ),
);
const rows = Object.values(counts).reduce((s, n) => s + n, 0);
const bytes = await t.sizeOf(orm);
const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
const baseline = await bareInsertRate(orm);
await orm.close(true);
const rowsPerSecond = Math.round(rows / seconds);
console.log(
  JSON.stringify({
    scenario: 'build-floor',
    database: values.db,
    ...sizes,
    teams: summary.teams,
    rows,
    ...counts,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond,
    baselineRowsPerSecond: Math.round(baseline),
    ratio: Number((rowsPerSecond / baseline).toFixed(2)),
    databaseMB: Math.round(bytes / 2 ** 20),
    peakRssMB,
    where: t.where,
    machine,
  }),
);
