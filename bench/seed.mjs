#!/usr/bin/env node
/**
 * Seeding the demo floor: time, size and memory, one JSON line per database.
 *   pnpm --filter @openfloor/server build && pnpm --filter @openfloor/bench seed [-- --accounts 24000]
 * PostgreSQL is measured too when BENCH_DATABASE_URL points at a server (a database is created and dropped).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openOrm, seedDemoFloor } from '@openfloor/server';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const accounts = Number(arg('accounts', '24000'));
const now = new Date(arg('now', '2026-11-18T16:00:00Z'));
const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${cpus()[0]?.model ?? 'cpu'}`;

async function measure(database, sizeOf) {
  const orm = await openOrm(database);
  await migrate(orm);
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const started = performance.now();
  const summary = await seedDemoFloor(orm, { accounts, now, floorTimeZone: 'America/Mexico_City' });
  const ms = performance.now() - started;
  clearInterval(timer);
  const bytes = await sizeOf(orm);
  await orm.close(true);
  console.log(
    JSON.stringify({
      scenario: 'seed-demo-floor',
      database: database.kind,
      accounts: summary.accounts,
      customers: summary.customers,
      calls: summary.calls,
      seconds: Number((ms / 1000).toFixed(1)),
      rowsPerSecond: Math.round((summary.accounts + summary.customers + summary.calls) / (ms / 1000)),
      databaseMB: Number((bytes / 2 ** 20).toFixed(1)),
      peakRssMB: Math.round(peakRss / 2 ** 20),
      machine,
    }),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'openfloor-bench-'));
try {
  const file = join(dir, 'floor.sqlite');
  await measure({ kind: 'sqlite', url: `sqlite:${file}`, sqlitePath: file }, async (orm) => {
    await orm.em.getConnection().execute('pragma wal_checkpoint(TRUNCATE)');
    return statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  });
  if (process.env.BENCH_DATABASE_URL) {
    const name = `openfloor_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const url = new URL(process.env.BENCH_DATABASE_URL);
    url.pathname = `/${name}`;
    try {
      await measure({ kind: 'postgresql', url: url.toString() }, async (orm) => {
        const [row] = await orm.em.getConnection().execute('select pg_database_size(current_database()) as bytes');
        return Number(row.bytes);
      });
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
