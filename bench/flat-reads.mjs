#!/usr/bin/env node
/**
 * Scenario 4: reads that must not grow with history. The floor's month `kpis` and `bucketMetrics`
 * (as a manager) on the large floor (10M calls) against the same floor shape with 10k calls of history,
 * each through the product's server as its own process, both running; sequential requests after a
 * warm-up, alternating between the floors, p50/p95/p99.
 *   node bench/flat-reads.mjs --db-url <large floor> --small-db-url <small floor> [--runs 200]
 */
import { parseArgs } from 'node:util';
import { login, request } from './lib/gql.mjs';
import { argv, emit, progress } from './lib/machine.mjs';
import { startOpenFloor } from './lib/process.mjs';
import { latencyHistogram, ratio } from './lib/stats.mjs';

const { values } = parseArgs({
  args: argv(),
  options: {
    'db-url': { type: 'string', default: process.env.DATABASE_URL },
    'small-db-url': { type: 'string' },
    now: { type: 'string', default: '2026-11-18T16:00:00Z' },
    runs: { type: 'string', default: '200' },
  },
});
if (!values['db-url'] || !values['small-db-url']) throw new Error('--db-url (10M calls) and --small-db-url (10k calls) must name built floors');
const runs = Number(values.runs);
const today = values.now.slice(0, 10);
const READS = [
  ['kpis floor month', `{ kpis(date: "${today}", period: MONTH, scope: FLOOR) { calls attempts { value } contacts { value } collectedAmount { value { amount } } } }`],
  ['bucketMetrics floor', `{ bucketMetrics(month: "${today.slice(0, 7)}") { buckets { bucket openingAccounts cured rolledForward cureRate rollRate collected { amount } } } }`],
];

/** A floor's server, started, signed in and asked for the month's call count. */
async function open(dbUrl) {
  const server = await startOpenFloor({ databaseUrl: dbUrl, now: values.now });
  const token = await login(server.url, 'manager@demo.test');
  const { calls } = (await request(server.url, `{ kpis(date: "${today}", period: MONTH, scope: FLOOR) { calls } }`, {}, token)).data.kpis;
  return { server, token, monthCalls: calls, out: {} };
}

async function timed(floor, query, histogram) {
  const started = performance.now();
  const statements = (await request(floor.server.url, query, {}, floor.token)).extensions?.sqlStatements;
  histogram.record(performance.now() - started);
  return statements;
}

// Both floors' servers run side by side and take turns, request by request: whatever else the machine
// does during the run (a server's start-up work, the other core's load) falls on both alike.
progress('large and small floors');
const large = await open(values['db-url']);
const small = await open(values['small-db-url']);
try {
  for (const [name, query] of READS) {
    for (let i = 0; i < 20; i++) for (const floor of [large, small]) await request(floor.server.url, query, {}, floor.token);
    const histograms = [latencyHistogram(), latencyHistogram()];
    const statements = [];
    for (let i = 0; i < runs; i++) {
      for (const [k, floor] of [large, small].entries()) statements[k] = await timed(floor, query, histograms[k]);
    }
    large.out[name] = { ...histograms[0].summary(), sqlStatements: statements[0] };
    small.out[name] = { ...histograms[1].summary(), sqlStatements: statements[1] };
  }
} finally {
  await Promise.all([large.server.stop(), small.server.stop()]);
}
const database = values['db-url'].startsWith('sqlite:') ? 'sqlite' : 'postgresql';
for (const [name] of READS) {
  emit({
    scenario: 'flatReads',
    read: name,
    database,
    runs,
    monthCallsLarge: large.monthCalls,
    monthCallsSmall: small.monthCalls,
    ...large.out[name],
    smallP50Ms: small.out[name].p50Ms,
    ratioToSmall: ratio(large.out[name].p50Ms, small.out[name].p50Ms),
  });
}
