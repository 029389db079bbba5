#!/usr/bin/env node
/**
 * Scenario 1: recording call outcomes (`recordCall` with its counters, audit and publish) on a built
 * floor, through the product's server and the bare baseline, each its own process, load from
 * autocannon processes over loopback. Every call is OUTBOUND on a different account, by the agent it
 * is assigned to, on a phone the contact policy allows (no call in the last 7 days, no stop flag), with
 * a dialer's mix of outcomes; refusals would show as errors.
 *   - throughput: as fast as `--connections` go for `--seconds`; ratio product / baseline;
 *   - latency at `--rate` (500) calls/s offered.
 *   node bench/record-call.mjs --db-url sqlite:bench/data/floor.sqlite [--seconds 15] [--rate 500] [--connections 32] [--alerts live|manual]
 * `--alerts manual` runs the product without live alert evaluation (ALERT_EVALUATION), to tell the
 * recording's own cost from that of the alert rules it sets off.
 * The floor keeps the calls (a few tens of thousands against its millions); the next run picks other accounts.
 */
import { parseArgs } from 'node:util';
import { toGlobalId } from 'graphql-relay';
import { openDriver } from './baseline/driver.mjs';
import { RECORD_CALL } from './lib/documents.mjs';
import { login, tokenFor } from './lib/gql.mjs';
import { runLoad } from './lib/load.mjs';
import { argv, emit, progress } from './lib/machine.mjs';
import { JWT_SECRET, startOpenFloor, startProcess } from './lib/process.mjs';
import { ratio } from './lib/stats.mjs';

const { values } = parseArgs({
  args: argv(),
  options: {
    'db-url': { type: 'string', default: process.env.DATABASE_URL },
    // Late enough in the day that every customer zone of the floor is inside its calling window.
    now: { type: 'string', default: '2026-11-18T18:00:00Z' },
    seconds: { type: 'string', default: '15' },
    rate: { type: 'string', default: '500' },
    connections: { type: 'string', default: '32' },
    agents: { type: 'string', default: '500' },
    alerts: { type: 'string', default: 'live' },
  },
});
const dbUrl = values['db-url'];
if (!dbUrl) throw new Error('--db-url (or DATABASE_URL) must name a built floor');
if (!['live', 'manual'].includes(values.alerts)) throw new Error('--alerts must be live or manual');
const database = dbUrl.startsWith('sqlite:') ? 'sqlite' : 'postgresql';
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const connections = Number(values.connections);
const now = new Date(values.now);

/** A dialer's outcomes: most attempts reach nobody. */
const MIX = [
  ['NO_ANSWER', 50, false],
  ['BUSY', 10, false],
  ['ANSWERING_MACHINE_MESSAGE', 20, false],
  ['REFUSED_TO_PAY', 10, true],
  ['THIRD_PARTY_MESSAGE', 10, true],
];
const outcome = (i) => {
  let at = i % 100;
  for (const [disposition, share, answered] of MIX) {
    if (at < share) return { disposition, answered };
    at -= share;
  }
  throw new Error('mix must add up to 100');
};

/** Accounts with a dialable phone that nobody called in the last 7 days, with their assigned agents. */
async function callableAccounts(limit, agents) {
  const db = openDriver(dbUrl);
  try {
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
    const rows = await db.all(
      `select a.id as account_id, a.assigned_agent_id as agent_id, min(p.id) as phone_id
       from account a
       join customer c on c.id = a.customer_id
       join contact_point p on p.customer_id = c.id and p.kind = 'PHONE' and p.status <> 'INVALID' and p.do_not_call = ?
         and (p.phone_type is null or p.phone_type <> 'MOBILE' or p.dialer_consent = ?)
       left join call l on l.id = a.last_call_id
       where a.status = 'ACTIVE' and a.assigned_agent_id <= ?
         and c.cease_communication = ? and c.attorney_represented = ? and c.bankrupt = ? and c.deceased = ?
         and (l.id is null or l.started_at < ?)
         and not exists (select 1 from call x where x.account_id = a.id and x.started_at >= ?)
       group by a.id, a.assigned_agent_id
       limit ?`,
      database === 'sqlite'
        ? [0, 1, agents, 0, 0, 0, 0, weekAgo.getTime(), weekAgo.getTime(), limit]
        : [false, true, agents, false, false, false, false, weekAgo, weekAgo, limit],
    );
    return rows.map((r) => ({ accountId: Number(r.account_id), agentId: Number(r.agent_id), phoneId: Number(r.phone_id) }));
  } finally {
    await db.close();
  }
}

function callBodies(accounts, tokens) {
  return accounts.map((a, i) => {
    const { disposition, answered } = outcome(i);
    const started = new Date(now.getTime() - 120_000);
    const talk = answered ? 45 : 0;
    const input = {
      accountId: toGlobalId('Account', String(a.accountId)),
      phoneId: toGlobalId('ContactPoint', String(a.phoneId)),
      direction: 'OUTBOUND',
      disposition,
      startedAt: started.toISOString(),
      answeredAt: answered ? new Date(started.getTime() + 15_000).toISOString() : null,
      endedAt: new Date(started.getTime() + 15_000 + talk * 1000).toISOString(),
      talkSeconds: talk,
      wrapSeconds: 20,
    };
    return { token: tokens.get(a.agentId), body: JSON.stringify({ query: RECORD_CALL, variables: { input } }) };
  });
}

const perPhase = Math.ceil(seconds * 1500); // generous: throughput phases stop at `seconds`, whatever they reach
progress('choosing callable accounts');
const accounts = await callableAccounts(perPhase * 4 + 2000, Number(values.agents));
if (accounts.length === 0) throw new Error('no callable account on this floor');
if (accounts.length < perPhase * 4) progress(`only ${accounts.length} callable accounts: some are called twice`);
const product = await startOpenFloor({ databaseUrl: dbUrl, now: values.now, env: { ALERT_EVALUATION: values.alerts } });
const baseline = await startProcess({ script: new URL('./baseline/server.mjs', import.meta.url).pathname, name: 'baseline', env: { DATABASE_URL: dbUrl, JWT_SECRET, CLOCK_NOW: values.now } });
try {
  progress(`signing in ${values.agents} agents`);
  const tokens = new Map();
  const ids = [...new Set(accounts.map((a) => a.agentId))];
  await login(product.url, `agent${ids[0]}@demo.test`); // one real sign-in, to know the credentials hold
  for (const id of ids) tokens.set(id, await tokenFor(id, JWT_SECRET, values.now));
  // Four phases of distinct accounts; a floor short of callable accounts shares them out evenly (a phase
  // that runs through its share calls accounts again, which the contact policy refuses and the figures count).
  const share = Math.min(perPhase, Math.floor(accounts.length / 4)) || accounts.length;
  const slices = [0, 1, 2, 3].map((k) => callBodies(accounts.length >= 4 ? accounts.slice(k * share, (k + 1) * share) : accounts, tokens));
  const figures = {};
  const phases = [
    ['openfloor', product, slices[0], slices[1]],
    ['baseline', baseline, slices[2], slices[3]],
  ];
  for (const [server, started, fast, paced] of phases) {
    // The server's own CPU per call: unlike throughput, it barely moves when other work shares the machine.
    const cpuBefore = started.usage().cpuSeconds;
    progress(`${server}: throughput for ${seconds} s`);
    const max = await runLoad({ url: started.url, requests: fast, seconds, connections, processes: 2 });
    progress(`${server}: ${rate}/s offered for ${seconds} s`);
    const offered = await runLoad({ url: started.url, requests: paced, seconds, connections: Math.max(connections, 64), processes: 2, rate });
    const calls = max.requests + offered.requests;
    figures[server] = { max, offered, cpuMsPerCall: calls ? Math.round(((started.usage().cpuSeconds - cpuBefore) * 1000 * 100) / calls) / 100 : null };
  }
  const usage = product.usage();
  for (const [server, { max, offered, cpuMsPerCall }] of Object.entries(figures)) {
    emit({
      scenario: 'recordCall',
      server,
      database,
      throughputPerSecond: max.perSecond,
      ratioToBaseline: ratio(max.perSecond, figures.baseline.max.perSecond),
      throughputP99Ms: max.p99Ms,
      offeredPerSecond: rate,
      achievedPerSecond: offered.perSecond,
      p50Ms: offered.p50Ms,
      p95Ms: offered.p95Ms,
      p99Ms: offered.p99Ms,
      maxMs: offered.maxMs,
      calls: max.requests + offered.requests,
      serverCpuMsPerCall: cpuMsPerCall,
      errors: { ...max.errors, ...offered.errors },
      errorExamples: [...max.errorExamples, ...offered.errorExamples].slice(0, 2),
      ...(server === 'openfloor' ? { alerts: values.alerts, serverPeakRssMb: usage.peakRssMb } : {}),
    });
  }
} finally {
  await product.stop();
  await baseline.stop();
}
