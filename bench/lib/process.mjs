import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Peak and current resident memory of a process in MB, from /proc (VmHWM, VmRSS). */
export function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { peakRssMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
}

/**
 * Starts a node script as its own process (the product's server, or a baseline) on a free port and
 * waits for `readyPath` to answer 200. The process is measured from /proc: `usage()` gives its CPU
 * seconds and memory so far; `stop()` ends it with SIGTERM and returns the final figures.
 */
export async function startProcess({ script, args = [], env = {}, readyPath = '/healthz', name = 'server', nodeOptions = [] }) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeOptions, script, ...args], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) before it was ready:\n${output}`);
    try {
      const response = await fetch(`${base}${readyPath}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within 10 minutes:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid;
  return {
    pid,
    url: `${base}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    base,
    output: () => output,
    usage: () => ({ cpuSeconds: cpuSeconds(pid), ...memoryMb(pid) }),
    async stop() {
      const last = child.exitCode === null ? { cpuSeconds: cpuSeconds(pid), ...memoryMb(pid) } : undefined;
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      return last;
    },
  };
}

/**
 * The product's server as production runs it (`node server/dist/main.js`), on a built floor, its
 * clock standing at the floor's `now` so no rollover runs and every run sees the same business day.
 */
/** The node flags `pnpm start` runs the server with (package.json's start script). */
export const SERVER_NODE_OPTIONS = '--max-old-space-size=384';

export function startOpenFloor({ databaseUrl, now, env = {} }) {
  // BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome's
  // DevTools or summarise it with bench/profile-summary.mjs).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  // The server's heap is capped as `pnpm start` caps it (package.json); BENCH_SERVER_NODE_OPTIONS
  // replaces those flags (e.g. "" for node's default, "--max-old-space-size=256") to weigh memory trade-offs.
  const flags = (process.env.BENCH_SERVER_NODE_OPTIONS ?? SERVER_NODE_OPTIONS).split(/\s+/).filter(Boolean);
  return startProcess({
    script: SERVER_MAIN,
    nodeOptions: [...flags, ...profile],
    name: 'openfloor',
    readyPath: '/readyz',
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      CLOCK_NOW: now,
      JWT_SECRET,
      SEED_ON_EMPTY: 'false',
      SIMULATOR: 'off',
      LOG_LEVEL: 'warn',
      EXPOSE_SQL_COUNT: 'true',
      // /metrics/subscriptions: how many executions served how many deliveries (scenario 3).
      EXPOSE_LIVE_METRICS: 'true',
      ...env,
    },
  });
}
