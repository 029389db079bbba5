#!/usr/bin/env node
/**
 * Scenario 3 (issue 7): live fan-out. Many WebSocket subscribers (supervisors' and wallboards'
 * `callLogged` and `kpiUpdated` over the floor's teams) while calls are recorded at a steady rate:
 * latency from commit to delivery, events lost or duplicated (counted per subscriber against the calls
 * actually recorded), and the server's CPU and peak RSS when its pid is given.
 *
 *   node bench/fanout.mjs --url http://127.0.0.1:4900/graphql [--subscribers 1000] [--teams 50] [--rate 100]
 *                         [--seconds 30] [--processes 4] [--server-pid PID] [--agents-per-team 2]
 *                         [--manager-share 0.1] [--floor-time-zone America/Mexico_City] [--drain 3] [--max-in-flight 64]
 *                         [--jwt-secret S]
 *
 * The server runs already (the caller starts it; with EXPOSE_LIVE_METRICS=true its execution counter
 * is reported too). Subscribers count as live once each has received something: until then a call is
 * recorded in every team still unheard of (not counted in the figures). Subscribers are spread over --processes child processes, one WebSocket each; a
 * recorder child records INBOUND calls (always allowed by the contact policy) through `recordCall`,
 * round-robin over the teams and --agents-per-team of each team's agents, on accounts they work.
 * Every process stamps times with performance.timeOrigin + performance.now(), comparable on one
 * machine. Latency is delivery minus the moment the mutation was sent: the commit happens after it,
 * so this bounds commit-to-delivery from above (the same from the response is reported too).
 * Prints one JSON line on stdout; progress goes to stderr.
 *
 * The line: callsRecorded (confirmed by a response) and callsFailed; rateAchieved and recordP50/P99Ms
 * (the mutation's own latency: when it grows, p50..maxMs grow with it); deliveries of callLogged
 * against expectedDeliveries (each subscriber: every call of its team), lost, duplicated, foreign
 * (calls not confirmed to the recorder, e.g. a response that timed out); p50Ms..maxMs from the
 * request, p99FromResponseMs, and p50/p99FromRecordedAtMs from the server's own recordedAt stamp
 * (taken in the transaction just before commit; only on a server whose clock runs, not CLOCK_NOW);
 * kpiUpdates received, kpiStale (subscribers whose last update lacks calls of their team), kpiMissed
 * and kpiP50/P99Ms (to the first update that includes the call; coalesced to 4/s by design);
 * executions and serverDeliveries (the server's counters over the recording, EXPOSE_LIVE_METRICS),
 * sharedStreams; serverCpuCores (CPU seconds / wall seconds over the recording) and serverPeakRssMb
 * (VmHWM) with --server-pid. --subscribers 0 measures recording alone, the fan-out's baseline.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { tokenFor } from './lib/gql.mjs';
import { argv, machine } from './lib/machine.mjs';
import { cpuSeconds, JWT_SECRET, memoryMb } from './lib/process.mjs';

const { values: opts } = parseArgs({
  args: argv(),
  options: {
    url: { type: 'string' },
    subscribers: { type: 'string', default: '1000' },
    teams: { type: 'string', default: '50' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    processes: { type: 'string', default: '4' },
    'server-pid': { type: 'string' },
    'agents-per-team': { type: 'string', default: '2' },
    'manager-share': { type: 'string', default: '0.1' },
    'floor-time-zone': { type: 'string', default: 'America/Mexico_City' },
    password: { type: 'string', default: 'demo' },
    drain: { type: 'string', default: '3' },
    'max-in-flight': { type: 'string', default: '64' },
    'jwt-secret': { type: 'string', default: JWT_SECRET },
    role: { type: 'string', default: 'main' },
  },
});

const wallNow = () => performance.timeOrigin + performance.now();
const log = (...args) => console.error('[fanout]', ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const CALL_LOGGED = 'subscription($teamId: ID!) { callLogged(teamId: $teamId) { callId disposition recordedAt agent { email } account { id } } }';
const KPI_UPDATED = 'subscription($teamId: ID) { kpiUpdated(scope: TEAM, scopeId: $teamId, period: DAY) { scopeId from calls contacts { value } } }';
const RECORD = 'mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }';

async function gql(url, query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}...: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const login = async (url, email, password) =>
  (await gql(url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password })).login.token;

const whole = (name, min = 1) => {
  const v = Number(opts[name]);
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number >= ${min}, got ${opts[name]}`);
  return v;
};

/** Children: waits for its orders from the parent, reports back, exits when told. */
function child(handler) {
  process.on('message', async (message) => {
    try {
      await handler(message, (reply) => process.send(reply));
    } catch (error) {
      process.send({ type: 'failed', error: String(error?.stack ?? error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------------
// A subscriber process: one graphql-ws client (one socket) per subscriber it was given.
// ---------------------------------------------------------------------------------------------------
function subscriberProcess() {
  const subscribers = [];
  child(async (message, reply) => {
    if (message.type === 'subscribe') {
      const wsUrl = message.url.replace(/^http/, 'ws');
      for (const spec of message.subscribers) {
        const s = { ...spec, events: [], errors: [], completed: false };
        s.client = createClient({
          url: wsUrl,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${spec.token}` },
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: (error) => s.errors.push(String(error?.code ?? error?.message ?? error)),
        });
        s.client.subscribe(
          { query: spec.kind === 'callLogged' ? CALL_LOGGED : KPI_UPDATED, variables: { teamId: spec.teamId } },
          {
            next: (result) => {
              const at = wallNow();
              if (result.errors) s.errors.push(JSON.stringify(result.errors).slice(0, 300));
              else if (spec.kind === 'callLogged') s.events.push([result.data.callLogged.callId, at, result.data.callLogged.recordedAt]);
              else s.events.push([result.data.kpiUpdated.calls, at]);
            },
            error: (error) => s.errors.push(Array.isArray(error) ? JSON.stringify(error).slice(0, 300) : String(error?.code ?? error?.message ?? error)),
            complete: () => (s.completed = true),
          },
        );
        subscribers.push(s);
      }
      reply({ type: 'subscribed', count: subscribers.length });
    } else if (message.type === 'status') {
      // Teams some subscriber has not heard from yet, and subscribers that were refused or broke.
      const silent = new Set(subscribers.filter((s) => s.events.length === 0).map((s) => s.team));
      reply({ type: 'status', silentTeams: [...silent], failed: subscribers.filter((s) => s.errors.length > 0 || s.completed).map((s) => s.errors[0] ?? 'completed') });
    } else if (message.type === 'reset') {
      for (const s of subscribers) s.events.length = 0;
      reply({ type: 'reset' });
    } else if (message.type === 'report') {
      reply({
        type: 'report',
        subscribers: subscribers.map((s) => ({ id: s.id, kind: s.kind, team: s.team, events: s.events, errors: s.errors, completed: s.completed })),
      });
    } else if (message.type === 'exit') {
      await Promise.allSettled(subscribers.map((s) => s.client.dispose()));
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// The recorder process: recordCall at a steady rate, round-robin over teams and their agents.
// ---------------------------------------------------------------------------------------------------
function recorderProcess() {
  child(async (message, reply) => {
    if (message.type !== 'record') return;
    const { url, rate, seconds, agents, times, maxInFlight: inFlightCap } = message;
    const byTeam = new Map();
    for (const agent of agents) {
      if (!byTeam.has(agent.team)) byTeam.set(agent.team, []);
      byTeam.get(agent.team).push({ ...agent, turn: 0 });
    }
    const teams = [...byTeam.keys()].sort((a, b) => a - b);
    const teamTurn = new Map(teams.map((t) => [t, 0]));
    const total = Math.round(rate * seconds);
    const calls = [];
    const failures = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const slotFreed = [];
    const start = wallNow() + 50;
    const pending = [];
    for (let k = 0; k < total; k += 1) {
      const team = teams[k % teams.length];
      const members = byTeam.get(team);
      const agent = members[teamTurn.get(team) % members.length];
      teamTurn.set(team, teamTurn.get(team) + 1);
      const accountId = agent.accounts[agent.turn % agent.accounts.length];
      agent.turn += 1;
      const due = start + (k * 1000) / rate;
      const wait = due - wallNow();
      if (wait > 1) await sleep(wait);
      // A server that falls behind is not buried under ever more requests: the schedule slips instead,
      // and rateAchieved shows it.
      while (inFlight >= inFlightCap) await new Promise((resolve) => slotFreed.push(resolve));
      const input = { accountId, direction: 'INBOUND', phoneNumber: '+525511112222', disposition: 'REFUSED_TO_PAY', ...times };
      const sentAt = wallNow();
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      pending.push(
        gql(url, RECORD, { input }, agent.token)
          .then((data) => calls.push({ id: data.recordCall.id, team, sentAt, respondedAt: wallNow() }))
          .catch((error) => failures.push(String(error.message ?? error).slice(0, 300)))
          .finally(() => {
            inFlight -= 1;
            slotFreed.shift()?.();
          }),
      );
    }
    const offeredUntil = wallNow();
    await Promise.all(pending);
    reply({ type: 'recorded', calls, failures, startedAt: start, offeredUntil, finishedAt: wallNow(), maxInFlight });
  });
}

// ---------------------------------------------------------------------------------------------------
// The main process: set-up, orchestration, counting, one JSON line.
// ---------------------------------------------------------------------------------------------------
function spawn(role) {
  const proc = fork(fileURLToPath(import.meta.url), ['--role', role], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = [];
  proc.on('message', (message) => {
    if (message.type === 'failed') {
      log(`${role} failed: ${message.error}`);
      process.exit(1);
    }
    const i = waiters.findIndex((w) => w.type === message.type);
    if (i >= 0) waiters.splice(i, 1)[0].resolve(message);
  });
  return {
    proc,
    ask: (message, replyType) =>
      new Promise((resolve) => {
        waiters.push({ type: replyType, resolve });
        proc.send(message);
      }),
  };
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
const round1 = (v) => (v == null ? null : Math.round(v * 10) / 10);

async function liveMetrics(url) {
  try {
    const response = await fetch(new URL('/metrics/subscriptions', url));
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/**
 * Session tokens for the floor's users. Signed as the server signs them when it runs with the
 * benchmark's secret (bench/lib/process.mjs, or --jwt-secret), issued at the server's clock: signing
 * in a hundred users through `login` would spend seconds of the server's CPU in bcrypt. A server with
 * another secret refuses the probe, and every user signs in with the password instead.
 */
async function tokenSource(url, managerToken, serverNow) {
  const numeric = (globalId) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);
  const { me } = await gql(url, '{ me { id email } }', {}, managerToken);
  let signs = false;
  try {
    const probe = await tokenFor(numeric(me.id), opts['jwt-secret'], serverNow.toISOString());
    signs = (await gql(url, '{ me { email } }', {}, probe)).me.email === me.email;
  } catch {
    signs = false;
  }
  log(signs ? 'tokens signed with the benchmark secret' : 'the server has another secret: signing in with passwords');
  return (agent) => (signs ? tokenFor(numeric(agent.id), opts['jwt-secret'], serverNow.toISOString()) : login(url, agent.email, opts.password));
}

/** The floor's business date of an instant, in the floor's time zone. */
const floorDate = (instant, timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

async function main() {
  if (!opts.url) throw new Error('--url of a running server is required, e.g. --url http://127.0.0.1:4900/graphql');
  const url = opts.url;
  // 0 subscribers measures what recording alone costs the server, the baseline of the fan-out.
  const subscriberCount = whole('subscribers', 0);
  const teamCount = whole('teams');
  const rate = Number(opts.rate);
  const seconds = Number(opts.seconds);
  const processes = whole('processes');
  const agentsPerTeam = whole('agents-per-team');
  const managerShare = Number(opts['manager-share']);
  const serverPid = opts['server-pid'] ? Number(opts['server-pid']) : undefined;
  if (!(rate > 0) || !(seconds > 0)) throw new Error('--rate and --seconds must be > 0');

  log('signing in and reading the floor');
  const manager = await login(url, 'manager@demo.test', opts.password);
  const { teams: teamPage } = await gql(url, '{ teams(first: 100) { nodes { id name supervisor { id email } } } }', {}, manager);
  const teams = teamPage.nodes
    .map((t) => ({ ...t, index: Number(/(\d+)$/.exec(t.name)?.[1] ?? 0) }))
    .sort((a, b) => a.index - b.index)
    .slice(0, teamCount);
  if (teams.length < teamCount) throw new Error(`the floor has ${teams.length} teams, --teams asks for ${teamCount}`);

  // The server's clock (it may be frozen, CLOCK_NOW): calls end a minute before it, on its business day.
  const { kpis: probe } = await gql(url, '{ kpis(scope: FLOOR, period: DAY, date: "2000-01-01") { asOf } }', {}, manager);
  const serverNow = new Date(probe.asOf);
  const businessDate = floorDate(serverNow, opts['floor-time-zone']);
  const ended = new Date(serverNow.getTime() - 60_000);
  const times = {
    startedAt: new Date(ended.getTime() - 75_000).toISOString(),
    answeredAt: new Date(ended.getTime() - 60_000).toISOString(),
    endedAt: ended.toISOString(),
    talkSeconds: 60,
    wrapSeconds: 10,
  };

  const tokenOf = await tokenSource(url, manager, serverNow);
  const supervisorTokens = new Map();
  for (const team of teams) {
    if (!team.supervisor) throw new Error(`${team.name} has no supervisor`);
    supervisorTokens.set(team.index, await tokenOf(team.supervisor));
  }

  // The recorder's agents, each with accounts they work.
  const recorderAgents = [];
  for (const team of teams) {
    const { agents } = await gql(url, 'query($t: ID) { agents(filter: { teamId: $t, roles: [AGENT] }, first: 100) { nodes { id email } } }', { t: team.id }, manager);
    for (const agent of agents.nodes.slice(0, agentsPerTeam)) {
      const { accounts } = await gql(
        url,
        'query($a: ID) { accounts(filter: { agentId: $a, statuses: [ACTIVE] }, first: 20) { nodes { id } } }',
        { a: agent.id },
        manager,
      );
      if (accounts.nodes.length === 0) continue;
      recorderAgents.push({ team: team.index, email: agent.email, token: await tokenOf(agent), accounts: accounts.nodes.map((a) => a.id) });
    }
  }
  if (recorderAgents.length === 0) throw new Error('no agent with an ACTIVE account to record calls for');

  // Subscribers: half callLogged, half kpiUpdated, round-robin over the teams; a share of them the manager's wallboards.
  const specs = [];
  for (let i = 0; i < subscriberCount; i += 1) {
    const team = teams[Math.floor(i / 2) % teams.length];
    // Every round of 2 x teams subscribers covers each team once per kind; every (1/share)-th round is the manager's.
    const every = managerShare > 0 ? Math.max(1, Math.round(1 / managerShare)) : 0;
    const asManager = every > 0 && Math.floor(i / (2 * teams.length)) % every === every - 1;
    specs.push({
      id: i,
      kind: i % 2 === 0 ? 'callLogged' : 'kpiUpdated',
      team: team.index,
      teamId: team.id,
      token: asManager ? manager : supervisorTokens.get(team.index),
    });
  }

  log(`opening ${subscriberCount} subscribers over ${processes} processes`);
  const children = Array.from({ length: processes }, () => spawn('subscribers'));
  await Promise.all(
    children.map((c, p) => c.ask({ type: 'subscribe', url, subscribers: specs.filter((s) => s.id % processes === p) }, 'subscribed')),
  );
  // A subscription is live once the server has started it, which a client cannot see: a call in each
  // team still unheard of, until every subscriber has had something. Those calls are not counted.
  const liveBy = wallNow() + 120_000;
  let warmups = 0;
  for (;;) {
    const status = await Promise.all(children.map((c) => c.ask({ type: 'status' }, 'status')));
    const failed = status.flatMap((s) => s.failed);
    if (failed.length) throw new Error(`${failed.length} subscribers were refused or ended: ${failed.slice(0, 3).join(' | ')}`);
    const silent = new Set(status.flatMap((s) => s.silentTeams));
    if (silent.size === 0) break;
    if (wallNow() > liveBy) throw new Error(`subscribers of ${silent.size} teams heard nothing within 2 minutes`);
    await Promise.all(
      [...silent].map((team) => {
        const agent = recorderAgents.find((a) => a.team === team);
        warmups += 1;
        return gql(url, RECORD, { input: { accountId: agent.accounts[0], direction: 'INBOUND', phoneNumber: '+525511112222', disposition: 'REFUSED_TO_PAY', ...times } }, agent.token);
      }),
    );
    await sleep(1_000);
  }
  // Coalesced KPI updates of the last warm-up calls are out by now.
  await sleep(1_000);
  log(`all subscribers live (${warmups} warm-up calls)`);

  // The teams' figures before: the oracle for what each kpiUpdated subscriber should end with.
  const callsBefore = new Map();
  for (const team of teams) {
    const { kpis } = await gql(url, 'query($t: ID, $d: LocalDate!) { kpis(scope: TEAM, scopeId: $t, period: DAY, date: $d) { calls } }', { t: team.id, d: businessDate }, manager);
    callsBefore.set(team.index, kpis.calls);
  }
  await Promise.all(children.map((c) => c.ask({ type: 'reset' }, 'reset')));

  log(`recording ${rate} calls/s for ${seconds} s`);
  const recorder = spawn('recorder');
  const before = { metrics: await liveMetrics(url), cpu: serverPid ? cpuSeconds(serverPid) : null, at: wallNow() };
  const recorded = await recorder.ask({ type: 'record', url, rate, seconds, agents: recorderAgents, times, maxInFlight: whole('max-in-flight') }, 'recorded');
  const cpuWindowEnd = { cpu: serverPid ? cpuSeconds(serverPid) : null, at: wallNow() };
  await sleep(Number(opts.drain) * 1000);
  const after = await liveMetrics(url);
  const reports = (await Promise.all(children.map((c) => c.ask({ type: 'report' }, 'report')))).flatMap((r) => r.subscribers);
  await Promise.all(children.map((c) => new Promise((resolve) => (c.proc.once('exit', resolve), c.proc.send({ type: 'exit' })))));
  recorder.proc.disconnect();

  // callLogged: every subscriber expects exactly the calls recorded in its team.
  const callsByTeam = new Map();
  const callById = new Map();
  for (const call of recorded.calls) {
    callById.set(call.id, call);
    if (!callsByTeam.has(call.team)) callsByTeam.set(call.team, []);
    callsByTeam.get(call.team).push(call);
  }
  let deliveries = 0;
  let lost = 0;
  let duplicated = 0;
  let foreign = 0;
  const fromSent = [];
  const fromResponse = [];
  const fromRecorded = [];
  const errors = [];
  for (const s of reports.filter((r) => r.kind === 'callLogged')) {
    const seen = new Set();
    for (const [callId, at, recordedAt] of s.events) {
      const call = callById.get(callId);
      if (!call || call.team !== s.team) {
        foreign += 1;
        continue;
      }
      if (seen.has(callId)) {
        duplicated += 1;
        continue;
      }
      seen.add(callId);
      deliveries += 1;
      fromSent.push(at - call.sentAt);
      fromResponse.push(Math.max(0, at - call.respondedAt));
      // The server stamps recordedAt inside the transaction, just before commit: on a running clock (not
      // CLOCK_NOW) and one machine, the closest measure of commit-to-delivery.
      const stamped = Date.parse(recordedAt);
      if (Math.abs(stamped - call.sentAt) < 60_000) fromRecorded.push(at - stamped);
    }
    lost += (callsByTeam.get(s.team) ?? []).filter((c) => !seen.has(c.id)).length;
    errors.push(...s.errors);
  }

  // kpiUpdated: coalesced, so counted by figures: each call of a team is delivered once an update shows
  // the team's count with it included (a team's calls commit in id order); stale = the last update misses some.
  const kpiLatency = [];
  let kpiUpdates = 0;
  let kpiStale = 0;
  let kpiMissed = 0;
  for (const s of reports.filter((r) => r.kind === 'kpiUpdated')) {
    kpiUpdates += s.events.length;
    errors.push(...s.errors);
    const base = callsBefore.get(s.team);
    const teamCalls = [...(callsByTeam.get(s.team) ?? [])].sort((a, b) => idOrder(a.id) - idOrder(b.id));
    const last = s.events.at(-1)?.[0] ?? base;
    if (last !== base + teamCalls.length) kpiStale += 1;
    teamCalls.forEach((call, k) => {
      const update = s.events.find(([calls]) => calls >= base + k + 1);
      if (update) kpiLatency.push(update[1] - call.sentAt);
      else kpiMissed += 1;
    });
  }

  const sorted = fromSent.sort((a, b) => a - b);
  const sortedResponse = fromResponse.sort((a, b) => a - b);
  const sortedKpi = kpiLatency.sort((a, b) => a - b);
  const sortedRecorded = fromRecorded.sort((a, b) => a - b);
  const recordingSeconds = (Math.max(...recorded.calls.map((c) => c.respondedAt)) - recorded.startedAt) / 1000;
  const recordLatency = recorded.calls.map((c) => c.respondedAt - c.sentAt).sort((a, b) => a - b);
  const cpuWall = (cpuWindowEnd.at - before.at) / 1000;
  const line = {
    scenario: 'fanout',
    subscribers: subscriberCount,
    teams: teamCount,
    processes,
    rateOffered: rate,
    seconds,
    callsRecorded: recorded.calls.length,
    callsFailed: recorded.failures.length,
    rateAchieved: round1(recorded.calls.length / recordingSeconds),
    recordP50Ms: round1(percentile(recordLatency, 50)),
    recordP99Ms: round1(percentile(recordLatency, 99)),
    recorderMaxInFlight: recorded.maxInFlight,
    deliveries,
    expectedDeliveries: deliveries + lost,
    lost,
    duplicated,
    foreign,
    p50Ms: round1(percentile(sorted, 50)),
    p95Ms: round1(percentile(sorted, 95)),
    p99Ms: round1(percentile(sorted, 99)),
    maxMs: round1(sorted.at(-1)),
    p99FromResponseMs: round1(percentile(sortedResponse, 99)),
    p50FromRecordedAtMs: round1(percentile(sortedRecorded, 50)),
    p99FromRecordedAtMs: round1(percentile(sortedRecorded, 99)),
    kpiUpdates,
    kpiStale,
    kpiMissed,
    kpiP50Ms: round1(percentile(sortedKpi, 50)),
    kpiP99Ms: round1(percentile(sortedKpi, 99)),
    executions: before.metrics && after ? after.executions - before.metrics.executions : null,
    serverDeliveries: before.metrics && after ? after.deliveries - before.metrics.deliveries : null,
    sharedStreams: before.metrics?.sharedStreams ?? null,
    serverCpuCores: serverPid ? Math.round(((cpuWindowEnd.cpu - before.cpu) / cpuWall) * 100) / 100 : null,
    serverPeakRssMb: serverPid ? memoryMb(serverPid).peakRssMb : null,
    subscriberErrors: errors.length,
    machine,
  };
  if (errors.length) log(`subscriber errors (first 5): ${errors.slice(0, 5).join(' | ')}`);
  if (recorded.failures.length) log(`recordCall failures (first 5): ${recorded.failures.slice(0, 5).join(' | ')}`);
  console.log(JSON.stringify(line));
  process.exit(0);
}

/** A Call's global id is base64 of "Call:<id>": its number orders a team's calls as they committed. */
const idOrder = (globalId) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

if (opts.role === 'subscribers') subscriberProcess();
else if (opts.role === 'recorder') recorderProcess();
else
  main().catch((error) => {
    log(error?.stack ?? String(error));
    process.exit(1);
  });
