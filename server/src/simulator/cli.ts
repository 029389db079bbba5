/**
 * `pnpm simulate`: the demo agents work a running server through its GraphQL API.
 *   node dist/simulator/cli.js [--url URL] [--agents N] [--pace real|CALLS_PER_AGENT_MINUTE] [--duration 10m] [--calls N] [--seed N]
 * Ctrl-C stops it cleanly: each agent finishes its request and signs off (OFFLINE).
 */
import { parseArgs } from 'node:util';
import { parseDuration, parsePace } from './options.js';
import { remoteTime } from './sim-time.js';
import { startSimulator, type SimulatorOptions } from './simulator.js';

const USAGE = `usage: pnpm simulate -- [options]
  --url URL          GraphQL endpoint (default http://localhost:4000/graphql)
  --agents N         demo agents agent1..agentN@demo.test (default 40)
  --pace P           real (a believable human pace, the default) or calls per agent per minute, e.g. 6
  --duration D       stop after D (90s, 10m, 2h; default: until Ctrl-C)
  --calls N          stop after N recorded calls
  --seed N           seed of the agents' draws (default 1)
  --floor-timezone Z the server's FLOOR_TIMEZONE (default: $FLOOR_TIMEZONE or America/Mexico_City)
  --verbose          log every refusal and error as JSON on stderr`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

// `pnpm simulate -- --agents 5` hands the script the `--` too.
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();
let parsed: ReturnType<typeof parseOptions>;
try {
  parsed = parseOptions(args);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { values } = parsed;

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    options: {
      url: { type: 'string', default: 'http://localhost:4000/graphql' },
      agents: { type: 'string', default: '40' },
      pace: { type: 'string', default: 'real' },
      duration: { type: 'string' },
      calls: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'floor-timezone': { type: 'string', default: process.env.FLOOR_TIMEZONE ?? 'America/Mexico_City' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const whole = (name: string, value: string | undefined, min: number): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number >= ${min}, got ${value}`);
  return n;
};
let pace: SimulatorOptions['pace'];
let durationMs: number | undefined;
try {
  pace = parsePace(values.pace);
  durationMs = values.duration === undefined ? undefined : parseDuration(values.duration);
  new Intl.DateTimeFormat('en-US', { timeZone: values['floor-timezone'] });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const verbose = values.verbose;
const print = (level: string) => (fields: object, message: string) => console.error(JSON.stringify({ level, message, ...fields }));
const simulator = startSimulator({
  url: values.url,
  agents: whole('agents', values.agents, 1)!,
  pace,
  seed: whole('seed', values.seed, 0)!,
  maxCalls: whole('calls', values.calls, 1),
  durationMs,
  floorTimeZone: values['floor-timezone'],
  time: remoteTime(),
  log: { debug: verbose ? print('debug') : () => {}, info: print('info'), warn: print('warn') },
  progressEveryMs: 5_000,
  onProgress: (line) => console.log(`[simulate] ${line}`),
});
console.log(`[simulate] ${values.agents} agents on ${values.url}, pace ${values.pace}${values.duration ? `, for ${values.duration}` : ''}; Ctrl-C stops`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('[simulate] stopping: agents sign off');
  void simulator.stop();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

await simulator.done;
console.log(`[simulate] done: ${simulator.progress()}`);
const errors = simulator.stats.errors;
for (const [code, e] of errors) console.log(`[simulate]   ${code} x${e.count} (last on ${e.operation}: ${e.lastMessage})`);
process.exit(simulator.stats.calls === 0 && errors.size > 0 ? 1 : 0);
