#!/usr/bin/env node
/**
 * Summarises a V8 CPU profile (node --cpu-prof, or BENCH_PROFILE=<dir> for the benchmarked server):
 * self time by function and by package, the top entries, as text.
 *   node bench/profile-summary.mjs <file.cpuprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { argv } from './lib/machine.mjs';

const { values, positionals } = parseArgs({ args: argv(), allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const top = Number(values.top);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMicros = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) selfMicros.set(profile.samples[i], (selfMicros.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

const packageOf = (url) => {
  if (!url) return '(native)';
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes('/server/dist/')) return 'openfloor';
  if (url.startsWith('node:')) return 'node';
  return url.split('/').slice(-2).join('/');
};
const functions = new Map();
const packages = new Map();
for (const [id, micros] of selfMicros) {
  const { callFrame } = byId.get(id);
  const name = `${callFrame.functionName || '(anonymous)'} ${callFrame.url ? `${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}` : ''}`.trim();
  functions.set(name, (functions.get(name) ?? 0) + micros);
  const pkg = packageOf(callFrame.url);
  packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
}
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`${positionals[0]}: ${(total / 1e6).toFixed(1)} s sampled`);
show('self time by package', packages);
show('self time by function', functions);
