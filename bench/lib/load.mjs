import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latencyHistogram } from './stats.mjs';

const WORKER = fileURLToPath(new URL('./load-worker.mjs', import.meta.url));

/**
 * HTTP load from separate processes (autocannon in each), over loopback.
 *   requests: [{ body, token }], cycled in order across the run (split evenly between the processes);
 *   rate: requests per second offered in all (omit for as fast as `connections` allow);
 *   seconds, connections (in all), processes.
 * Returns throughput, latency percentiles from the merged histograms, and errors by code.
 */
export async function runLoad({ url, requests, rate, seconds, connections = 32, processes = 1, amount }) {
  const dir = mkdtempSync(join(tmpdir(), 'openfloor-load-'));
  try {
    const shares = Array.from({ length: processes }, (_, p) => requests.filter((_r, i) => i % processes === p));
    const started = performance.now();
    const results = await Promise.all(
      shares.map((share, p) => {
        const file = join(dir, `plan-${p}.json`);
        writeFileSync(
          file,
          JSON.stringify({
            url,
            requests: share,
            seconds,
            connections: Math.max(1, Math.round(connections / processes)),
            rate: rate ? rate / processes : undefined,
            amount: amount ? Math.ceil(amount / processes) : undefined,
          }),
        );
        return new Promise((resolve, reject) => {
          const child = fork(WORKER, [file], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
          let out = '';
          child.stdout.on('data', (c) => (out += c));
          child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load worker exited ${code}`))));
        });
      }),
    );
    const wall = (performance.now() - started) / 1000;
    const histogram = latencyHistogram();
    const errors = {};
    const sqlStatements = {};
    let answered = 0;
    for (const r of results) {
      histogram.add(r.histogram);
      answered += r.requests;
      for (const [code, n] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + n;
      for (const [k, n] of Object.entries(r.sqlStatements)) sqlStatements[k] = (sqlStatements[k] ?? 0) + n;
    }
    const seconds_ = Math.max(...results.map((r) => r.seconds)) || wall;
    return {
      requests: answered,
      perSecond: Math.round(answered / seconds_),
      ...histogram.summary(),
      errors,
      errorExamples: results.flatMap((r) => r.examples).slice(0, 3),
      sqlStatements,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
