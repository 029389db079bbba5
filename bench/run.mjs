#!/usr/bin/env node
/**
 * Every benchmark scenario on every database, one after the other, from one command:
 *   pnpm bench                      # both databases, every scenario
 *   pnpm bench -- --db sqlite --only portfolio,recordCall --seconds 10
 * Floors: bench/data/floor.sqlite and floor-small.sqlite; PostgreSQL databases openfloor_floor and
 * openfloor_floor-small on BENCH_DATABASE_URL. A missing floor is built first with --build (the large
 * one alone on 2 cores: about 18 minutes on SQLite and 25 on PostgreSQL; both at once, 37 and 54),
 * otherwise its scenarios are skipped with the command that builds it. Each scenario's JSON lines go to stdout and to
 * bench/results/latest.jsonl, replacing the lines of the scenarios and databases run this time and
 * keeping the others; `node bench/table.mjs` turns that file into the README's table.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { argv, progress } from './lib/machine.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SCENARIOS = ['portfolio', 'recordCall', 'fanout', 'flatReads', 'reports'];
const { values } = parseArgs({
  args: argv(),
  options: {
    db: { type: 'string', default: 'sqlite,postgresql' },
    only: { type: 'string', default: SCENARIOS.join(',') },
    seconds: { type: 'string', default: '15' },
    build: { type: 'boolean', default: false },
    results: { type: 'string', default: join(here, 'results', 'latest.jsonl') },
  },
});
const only = values.only.split(',');
for (const s of only) if (!SCENARIOS.includes(s)) throw new Error(`--only: unknown scenario ${s}; one of ${SCENARIOS.join(', ')}`);
const pgBase = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LARGE = ['--accounts', '1000000', '--agents', '500', '--calls', '10000000', '--days', '180'];
// 10k calls over 18 days (13 working days): over 180 days the seeder would plan less than one call per agent a day.
const SMALL = ['--accounts', '1000000', '--agents', '500', '--calls', '10000', '--days', '18'];

function floorOf(db, name) {
  if (db === 'sqlite') return { url: `sqlite:${join(here, 'data', `${name}.sqlite`)}`, exists: async () => existsSync(join(here, 'data', `${name}.sqlite`)) };
  const url = new URL(pgBase);
  url.pathname = `/openfloor_${name}`; // as bench/floor.mjs names it
  return {
    url: url.toString(),
    exists: async () => {
      const client = new pg.Client({ connectionString: pgBase });
      await client.connect();
      try {
        return (await client.query('select 1 from pg_database where datname = $1', [url.pathname.slice(1)])).rowCount > 0;
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs a bench script; its JSON lines are echoed and kept, its progress passes through. */
function run(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=16384', join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        process.stdout.write(`${line}\n`);
        if (line.startsWith('{')) appendFileSync(values.results, `${line}\n`);
      }
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

/** The step a result line comes from: report-latency's lines name the report they measured. */
const stepOf = (line) => (/^(agingReport|rollRateMatrix)/.test(line.scenario) ? 'reports' : line.scenario);
const databases = values.db.split(',');
const rerun = (line) => only.includes(stepOf(line)) && databases.includes(line.database);

// The scenarios run now replace their earlier lines; the rest of the table stays as last measured.
mkdirSync(dirname(values.results), { recursive: true });
const kept = existsSync(values.results)
  ? readFileSync(values.results, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{') && !rerun(JSON.parse(line)))
  : [];
writeFileSync(values.results, kept.map((line) => `${line}\n`).join(''));
const failures = [];
for (const db of databases) {
  const large = floorOf(db, 'floor');
  const small = floorOf(db, 'floor-small');
  for (const [floor, name, sizes] of [[large, 'floor', LARGE], [small, 'floor-small', SMALL]]) {
    if (await floor.exists()) continue;
    if (name === 'floor-small' && !only.includes('flatReads')) continue;
    const command = ['bench/floor.mjs', '--db', db, '--name', name, ...sizes];
    if (!values.build) {
      progress(`${db}: no ${name}; build it with: node --max-old-space-size=16384 ${command.join(' ')} (or pass --build)`);
      continue;
    }
    progress(`${db}: building ${name}`);
    await run('floor.mjs', command.slice(1));
  }
  const seconds = ['--seconds', values.seconds];
  const steps = {
    portfolio: () => run('portfolio.mjs', ['--db-url', large.url, ...seconds]),
    recordCall: () => run('record-call.mjs', ['--db-url', large.url, ...seconds]),
    fanout: () => run('fanout-run.mjs', ['--db-url', large.url, ...seconds]),
    flatReads: () => run('flat-reads.mjs', ['--db-url', large.url, '--small-db-url', small.url]),
    reports: () => run('report-latency.mjs', ['--db-url', large.url, '--runs', '10']),
  };
  for (const scenario of only) {
    if (!(await large.exists())) break;
    if (scenario === 'flatReads' && !(await small.exists())) continue;
    progress(`${db}: ${scenario}`);
    try {
      await steps[scenario]();
    } catch (error) {
      failures.push(`${db} ${scenario}: ${error.message}`);
      progress(`${db} ${scenario} failed: ${error.message}`);
    }
  }
}
if (failures.length) {
  progress(`failed:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
}
