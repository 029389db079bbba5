#!/usr/bin/env node
/**
 * Scenario 4: reads that must not grow with history. The floor's month `kpis` and `bucketMetrics`
 * (as a manager) on the large floor (10M calls) against the same floor shape with 10k calls of history,
 * each through the product's server as its own process; sequential requests after a warm-up, p50/p95/p99.
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

async function measure(dbUrl) {
  const server = await startOpenFloor({ databaseUrl: dbUrl, now: values.now });
  try {
    const token = await login(server.url, 'manager@demo.test');
    const [{ calls }] = [(await request(server.url, `{ kpis(date: "${today}", period: MONTH, scope: FLOOR) { calls } }`, {}, token)).data.kpis];
    const out = {};
    for (const [name, query] of READS) {
      for (let i = 0; i < 20; i++) await request(server.url, query, {}, token);
      const histogram = latencyHistogram();
      let statements;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        statements = (await request(server.url, query, {}, token)).extensions?.sqlStatements;
        histogram.record(performance.now() - started);
      }
      out[name] = { ...histogram.summary(), sqlStatements: statements };
    }
    return { out, monthCalls: calls };
  } finally {
    await server.stop();
  }
}

progress('large floor');
const large = await measure(values['db-url']);
progress('small floor');
const small = await measure(values['small-db-url']);
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
