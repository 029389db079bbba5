#!/usr/bin/env node
/**
 * Scenario 5: `agingReport` and `rollRateMatrix` over a built floor, through the real server (GraphQL
 * over loopback HTTP, as a MANAGER) against a bare baseline measured in the same run: the same
 * aggregate written by hand and run straight on the driver (better-sqlite3's prepared statement, or
 * a pg client), with the name lookup the report needs. One JSON line per report: p50/p95/p99 of both.
 *   DATABASE_URL=sqlite:bench/data/floor.sqlite node bench/report-latency.mjs [--runs 30] [--now 2026-11-18T16:00:00Z]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/openfloor_floor node bench/report-latency.mjs
 * The clock is frozen at --now (the floor's business date), so the month's snapshot is the built one.
 */
import { parseArgs } from 'node:util';
import { openDriver } from './baseline/driver.mjs';
import { login, request } from './lib/gql.mjs';
import { startInProcess } from './lib/in-process.mjs';
import { machine } from './lib/machine.mjs';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { runs: { type: 'string', default: '30' }, now: { type: 'string', default: '2026-11-18T16:00:00Z' }, 'db-url': { type: 'string' } },
});
const runs = Number(values.runs);
const now = new Date(values.now);
if (values['db-url']) process.env.DATABASE_URL = values['db-url'];

const month = now.toISOString().slice(0, 10).slice(0, 8) + '01';
const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
const aging = (column, names) => async (db) => {
  const rows = await db.all(`select ${column} as grp, bucket, currency, count(*) as accounts, sum(balance_minor) as balance from account group by ${column}, bucket, currency`, []);
  if (names) {
    const ids = [...new Set(rows.map((r) => r.grp).filter((g) => g !== null))];
    await db.all(`select id, name from ${names} where id in (${ids.map(() => '?').join(',')})`, ids);
  }
  return rows.length;
};
const scenarios = [
  ['agingReport PRODUCT', '{ agingReport(groupBy: PRODUCT) { groups { key buckets { bucket accounts balance { amount } } } } }', aging('product')],
  ['agingReport TEAM', '{ agingReport(groupBy: TEAM) { groups { key name buckets { bucket accounts balance { amount } } } } }', aging('team_id', 'team')],
  ['agingReport AGENT', '{ agingReport(groupBy: AGENT) { groups { key name buckets { bucket accounts balance { amount } } } } }', aging('assigned_agent_id', 'agent')],
  [
    'rollRateMatrix',
    `{ rollRateMatrix(fromMonth: "${previous.slice(0, 7)}", toMonth: "${month.slice(0, 7)}") { accounts rows { from cells { to accounts fromBalance { amount } } } } }`,
    // The report reads the pre-aggregated flows (bucket_flow); the baseline sums the same rows by hand.
    async (db) =>
      (
        await db.all(
          `select from_bucket, to_bucket, currency, sum(accounts) as accounts, sum(from_balance_minor) as from_balance, sum(to_balance_minor) as to_balance
           from bucket_flow where opened_on = ? and closed_on = ? group by from_bucket, to_bucket, currency`,
          [previous, month],
        )
      ).length,
  ],
];

async function measure(work) {
  await work(); // warm statement and page caches
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => Number(ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)].toFixed(1));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const { config, app, url } = await startInProcess({ now });
// The bare driver: the baseline server's (better-sqlite3 on the file, or a pg pool).
const db = openDriver(process.env.DATABASE_URL);
const gql = (query, token) => request(url, query, {}, token);
try {
  const token = await login(url, 'manager@demo.test');
  const accounts = Number((await db.all('select count(*) as n from account', []))[0].n);
  for (const [scenario, query, bare] of scenarios) {
    const baseline = await measure(() => bare(db));
    let statements;
    const api = await measure(async () => (statements = (await gql(query, token)).extensions?.sqlStatements));
    console.log(
      JSON.stringify({
        scenario,
        database: config.database.kind,
        accounts,
        runs,
        p50Ms: api.p50,
        p95Ms: api.p95,
        p99Ms: api.p99,
        sqlStatements: statements,
        baselineP50Ms: baseline.p50,
        baselineP95Ms: baseline.p95,
        baselineP99Ms: baseline.p99,
        ratio: Number((api.p50 / baseline.p50).toFixed(2)),
        machine,
      }),
    );
  }
} finally {
  await db.close();
  await app.stop();
}
