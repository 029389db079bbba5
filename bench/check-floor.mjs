#!/usr/bin/env node
/**
 * Checks a built floor through the running server: `kpiRecount` (ADMIN) for every day of the history
 * must find no counter that disagrees with the raw records. Prints one JSON line; exits 1 on a difference.
 *   DATABASE_URL=sqlite:bench/data/floor.sqlite node bench/check-floor.mjs [--days 180] [--now 2026-11-18T16:00:00Z]
 */
import { parseArgs } from 'node:util';
import { gql, login } from './lib/gql.mjs';
import { startInProcess } from './lib/in-process.mjs';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { days: { type: 'string', default: '180' }, now: { type: 'string', default: '2026-11-18T16:00:00Z' } },
});
const now = new Date(values.now);
const { config, app, url } = await startInProcess({ now, env: { EXPOSE_SQL_COUNT: 'false' } });

try {
  const token = await login(url, 'admin@demo.test');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: config.floorTimeZone }).format(now);
  const started = performance.now();
  let differences = 0;
  const examples = [];
  const days = Number(values.days);
  for (let back = 0; back <= days; back++) {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - back);
    const date = d.toISOString().slice(0, 10);
    const found = (await gql(url, 'query($d: LocalDate!) { kpiRecount(date: $d) { agentId day field counter recount } }', { d: date }, token)).kpiRecount;
    differences += found.length;
    examples.push(...found.slice(0, 3 - Math.min(3, examples.length)));
  }
  console.log(JSON.stringify({ scenario: 'check-floor', database: config.database.kind, days: days + 1, differences, examples, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }));
  process.exitCode = differences === 0 ? 0 : 1;
} finally {
  await app.stop();
}
