#!/usr/bin/env node
/**
 * Scenario 2: an agent's portfolio page (50 ACTIVE accounts by balance, with customer, last call and
 * open promise) on a built floor, through the product's server and the bare baseline (and, on
 * PostgreSQL, PostGraphile 4 serving the same tables), each its own process, load from autocannon
 * processes over loopback:
 *   - SQL statements per request at page sizes 10, 50 and 100 (the product's extensions.sqlStatements);
 *   - throughput, as fast as 16 connections go, for each server: the ratio is product / baseline;
 *   - latency at 200 requests/s offered (p50/p95/p99).
 *   node bench/portfolio.mjs --db-url sqlite:bench/data/floor.sqlite [--now ...] [--seconds 15] [--rate 200] [--agents 100]
 * One JSON line per server.
 */
import { parseArgs } from 'node:util';
import { PORTFOLIO, portfolioVariables } from './lib/documents.mjs';
import { login, request, tokenFor } from './lib/gql.mjs';
import { runLoad } from './lib/load.mjs';
import { argv, emit, progress } from './lib/machine.mjs';
import { JWT_SECRET, startOpenFloor, startProcess } from './lib/process.mjs';
import { ratio } from './lib/stats.mjs';
import { startPostGraphile, POSTGRAPHILE_PORTFOLIO, postGraphileVariables } from './peers/postgraphile.mjs';

const { values } = parseArgs({
  args: argv(),
  options: {
    'db-url': { type: 'string', default: process.env.DATABASE_URL },
    now: { type: 'string', default: '2026-11-18T16:00:00Z' },
    seconds: { type: 'string', default: '15' },
    rate: { type: 'string', default: '200' },
    agents: { type: 'string', default: '100' },
    connections: { type: 'string', default: '16' },
  },
});
const dbUrl = values['db-url'];
if (!dbUrl) throw new Error('--db-url (or DATABASE_URL) must name a built floor');
const database = dbUrl.startsWith('sqlite:') ? 'sqlite' : 'postgresql';
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const connections = Number(values.connections);

const product = await startOpenFloor({ databaseUrl: dbUrl, now: values.now });
const baseline = await startProcess({ script: new URL('./baseline/server.mjs', import.meta.url).pathname, name: 'baseline', env: { DATABASE_URL: dbUrl, JWT_SECRET, CLOCK_NOW: values.now } });
const peer = database === 'postgresql' ? await startPostGraphile(dbUrl) : null;
try {
  progress(`signing in ${values.agents} agents`);
  const tokens = [];
  await login(product.url, 'agent1@demo.test'); // one real sign-in, to know the credentials hold
  for (let id = 1; id <= Number(values.agents); id++) tokens.push(await tokenFor(id, JWT_SECRET, values.now));

  // Statements per request must not grow with the page.
  const statements = {};
  await request(product.url, PORTFOLIO, portfolioVariables(50), tokens[0]); // the viewer's first lookup is cached after this
  for (const first of [10, 50, 100]) {
    const answer = await request(product.url, PORTFOLIO, portfolioVariables(first), tokens[0]);
    statements[first] = answer.extensions?.sqlStatements;
  }
  const check = await request(baseline.url, PORTFOLIO, portfolioVariables(50), tokens[0]);
  const mine = await request(product.url, PORTFOLIO, portfolioVariables(50), tokens[0]);
  // Same accounts, same fields, same order (cursors differ: each server encodes its own).
  const nodes = (answer) => JSON.stringify(answer.data.accounts.edges.map((e) => e.node));
  if (nodes(check) !== nodes(mine)) throw new Error(`the baseline answers differently:\n${nodes(check).slice(0, 400)}\n${nodes(mine).slice(0, 400)}`);

  const body = (query, variables) => JSON.stringify({ query, variables });
  const plans = {
    openfloor: { url: product.url, requests: tokens.map((token) => ({ token, body: body(PORTFOLIO, portfolioVariables(50)) })) },
    baseline: { url: baseline.url, requests: tokens.map((token) => ({ token, body: body(PORTFOLIO, portfolioVariables(50)) })) },
  };
  if (peer) {
    plans.postgraphile = { url: peer.url, requests: tokens.map((_t, i) => ({ body: body(POSTGRAPHILE_PORTFOLIO, postGraphileVariables(i + 1, 50)) })) };
  }
  const figures = {};
  for (const [server, plan] of Object.entries(plans)) {
    await runLoad({ ...plan, seconds: 3, connections }); // warm caches and JIT
    progress(`${server}: throughput for ${seconds} s`);
    const max = await runLoad({ ...plan, seconds, connections });
    progress(`${server}: ${rate}/s offered for ${seconds} s`);
    const paced = await runLoad({ ...plan, seconds, connections: Math.max(connections, 32), rate });
    figures[server] = { max, paced };
  }
  const usage = product.usage();
  for (const [server, { max, paced }] of Object.entries(figures)) {
    emit({
      scenario: 'portfolio',
      server,
      database,
      pageSize: 50,
      throughputPerSecond: max.perSecond,
      ratioToBaseline: ratio(max.perSecond, figures.baseline.max.perSecond),
      offeredPerSecond: rate,
      achievedPerSecond: paced.perSecond,
      p50Ms: paced.p50Ms,
      p95Ms: paced.p95Ms,
      p99Ms: paced.p99Ms,
      maxMs: paced.maxMs,
      errors: { ...max.errors, ...paced.errors },
      ...(server === 'openfloor' ? { sqlStatementsByPageSize: statements, serverPeakRssMb: usage.peakRssMb } : {}),
    });
  }
} finally {
  await product.stop();
  await baseline.stop();
  await peer?.stop();
}
