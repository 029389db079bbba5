#!/usr/bin/env node
/**
 * Scenario 3 from a built floor: starts the product's server as its own process and runs
 * bench/fanout.mjs against it (1,000 subscribers over 50 teams, calls recorded at 100/s), which
 * reports delivery latency, lost and duplicated events, and the server's CPU and peak RSS.
 *   node bench/fanout-run.mjs --db-url sqlite:bench/data/floor.sqlite [--seconds 30] [--subscribers 1000] [--rate 100]
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { argv } from './lib/machine.mjs';
import { startOpenFloor } from './lib/process.mjs';

const { values } = parseArgs({
  args: argv(),
  options: {
    'db-url': { type: 'string', default: process.env.DATABASE_URL },
    now: { type: 'string', default: '2026-11-18T18:00:00Z' },
    seconds: { type: 'string', default: '30' },
    subscribers: { type: 'string', default: '1000' },
    teams: { type: 'string', default: '50' },
    rate: { type: 'string', default: '100' },
  },
});
if (!values['db-url']) throw new Error('--db-url (or DATABASE_URL) must name a built floor');
const server = await startOpenFloor({ databaseUrl: values['db-url'], now: values.now });
try {
  const args = ['--url', server.url, '--server-pid', String(server.pid), '--subscribers', values.subscribers, '--teams', values.teams, '--rate', values.rate, '--seconds', values.seconds];
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL('./fanout.mjs', import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    // fanout.mjs knows only the server's URL: its lines are given the database here.
    const database = values['db-url'].startsWith('sqlite:') ? 'sqlite' : 'postgresql';
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) process.stdout.write(`${line.startsWith('{') ? JSON.stringify({ ...JSON.parse(line), database }) : line}\n`);
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fanout.mjs exited with ${code}`))));
  });
} catch (error) {
  // What the server said last tells a failed run from a server that stopped under it.
  process.stderr.write(`[fanout] the server's last output:\n${server.output().slice(-4000)}\n`);
  throw error;
} finally {
  await server.stop();
}
