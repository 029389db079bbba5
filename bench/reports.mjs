#!/usr/bin/env node
/**
 * The bucket reports over an already seeded floor: latency of each report through the real server
 * (HTTP + GraphQL), one JSON line per scenario, with the ratio against a full-floor account count
 * (`accounts(first: 1) { totalCount }`) measured in the same run.
 *   pnpm --filter @openfloor/server build
 *   DATABASE_URL=sqlite:/tmp/rep.sqlite node bench/reports.mjs [--runs 20] [--now 2026-11-18T16:00:00Z]
 * The clock is frozen at --now (the seeder's business date), so the month's snapshot is the seeded one.
 */
import { login, request } from './lib/gql.mjs';
import { startInProcess } from './lib/in-process.mjs';
import { machine } from './lib/machine.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', '20'));
const now = new Date(arg('now', '2026-11-18T16:00:00Z'));

const { config, app, url } = await startInProcess({ now });
const gql = (query, variables, token) => request(url, query, variables, token);

const month = now.toISOString().slice(0, 7);
const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const scenarios = [
  ['bucketMetrics', `{ bucketMetrics(month: "${month}") { buckets { bucket openingAccounts cured rolledForward collected { amount } rollRateGoal { attainment } } } }`],
  ['bucketMetrics (closed month)', `{ bucketMetrics(month: "${previous}") { final buckets { bucket openingAccounts cured rolledForward collected { amount } } } }`],
  ['rollRateMatrix', `{ rollRateMatrix(fromMonth: "${previous}", toMonth: "${month}") { accounts rows { from cells { to accounts fromBalance { amount } } } } }`],
  ['agingReport PRODUCT', '{ agingReport(groupBy: PRODUCT) { groups { key buckets { accounts balance { amount } } } } }'],
  ['agingReport TEAM', '{ agingReport(groupBy: TEAM) { groups { key buckets { accounts balance { amount } } } } }'],
  ['agingReport AGENT', '{ agingReport(groupBy: AGENT) { groups { key buckets { accounts balance { amount } } } } }'],
];
const BASELINE = '{ accounts(first: 1) { totalCount } }';

async function time(query, token) {
  await gql(query, {}, token); // warm the statement and page caches
  const ms = [];
  let statements;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const body = await gql(query, {}, token);
    ms.push(performance.now() - started);
    statements = body.extensions?.sqlStatements;
  }
  ms.sort((a, b) => a - b);
  const at = (q) => Number(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1));
  return { p50: at(0.5), p95: at(0.95), max: Number(ms[ms.length - 1].toFixed(1)), statements };
}

try {
  const accounts = Number((await app.services.orm.em.fork().getConnection().execute('select count(*) as n from account'))[0].n);
  for (const [role, email] of [['MANAGER', 'manager@demo.test'], ['SUPERVISOR', 'supervisor1@demo.test']]) {
    const token = await login(url, email);
    const baseline = await time(BASELINE, token);
    for (const [scenario, query] of scenarios) {
      const t = await time(query, token);
      console.log(
        JSON.stringify({
          scenario,
          role,
          database: config.database.kind,
          accounts,
          runs,
          p50Ms: t.p50,
          p95Ms: t.p95,
          maxMs: t.max,
          sqlStatements: t.statements,
          baselineP50Ms: baseline.p50,
          ratioToBaseline: Number((t.p50 / baseline.p50).toFixed(2)),
          machine,
        }),
      );
    }
  }
} finally {
  await app.stop();
}
