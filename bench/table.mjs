#!/usr/bin/env node
/**
 * The README's benchmark table from a results file (bench/results/latest.jsonl by default): one row
 * per scenario, server and database, with its target, its baseline and ratio, and the machine.
 *   node bench/table.mjs [bench/results/latest.jsonl]
 */
import { readFileSync } from 'node:fs';
import { argv } from './lib/machine.mjs';

const file = argv()[0] ?? new URL('./results/latest.jsonl', import.meta.url).pathname;
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const rows = [];
const cell = (v) => (v === undefined || v === null ? '' : String(v));
const meets = (ok) => (ok ? 'yes' : '**no**');
for (const r of lines) {
  switch (r.scenario) {
    case 'recordCall':
      if (r.server !== 'openfloor') break;
      rows.push([
        '1 recordCall',
        r.database,
        `${r.throughputPerSecond}/s max; at ${r.offeredPerSecond}/s offered: ${r.achievedPerSecond}/s, p50 ${r.p50Ms} / p99 ${r.p99Ms} ms`,
        '≥1,000/s; p99 < 50 ms at 500/s; ≥ 0.7 of baseline',
        `${lines.find((b) => b.scenario === 'recordCall' && b.server === 'baseline' && b.database === r.database)?.throughputPerSecond ?? ''}/s`,
        cell(r.ratioToBaseline),
        meets(r.throughputPerSecond >= 1000 && r.p99Ms < 50 && r.ratioToBaseline >= 0.7),
      ]);
      break;
    case 'portfolio': {
      if (r.server === 'baseline') break;
      const base = lines.find((b) => b.scenario === 'portfolio' && b.server === 'baseline' && b.database === r.database);
      const peer = lines.find((b) => b.scenario === 'portfolio' && b.server === 'postgraphile' && b.database === r.database);
      rows.push([
        `2 portfolio page (${r.server})`,
        r.database,
        `at ${r.offeredPerSecond}/s offered: ${r.achievedPerSecond}/s, p50 ${r.p50Ms} / p99 ${r.p99Ms} ms; ${r.throughputPerSecond}/s max${r.sqlStatementsByPageSize ? `; SQL ${Object.values(r.sqlStatementsByPageSize).join('/')} at 10/50/100` : ''}`,
        r.server === 'openfloor' ? 'p50 < 5 ms, p99 < 20 ms at 200/s; ≤ 5 SQL; ≥ 0.6 of baseline; ahead of PostGraphile' : 'peer',
        `${base?.throughputPerSecond ?? ''}/s`,
        cell(r.ratioToBaseline),
        r.server === 'openfloor'
          ? meets(r.p50Ms < 5 && r.p99Ms < 20 && Math.max(...Object.values(r.sqlStatementsByPageSize ?? { x: 99 })) <= 5 && r.ratioToBaseline >= 0.6 && (!peer || r.throughputPerSecond > peer.throughputPerSecond))
          : '',
      ]);
      break;
    }
    case 'fanout':
      rows.push([
        '3 live fan-out',
        r.database ?? '',
        `${r.subscribers} subscribers, ${r.rateOffered}/s offered, ${r.rateAchieved}/s recorded: delivery p50 ${r.p50Ms} / p99 ${r.p99Ms} ms from the request (p99 ${r.p99FromResponseMs} ms from the response); ${r.executions} executions for ${r.serverDeliveries} deliveries; lost ${r.lost}, duplicated ${r.duplicated}; server ${r.serverCpuCores} cores`,
        'p99 < 250 ms; < 1 core; none lost or duplicated',
        '',
        '',
        meets(r.p99Ms < 250 && r.serverCpuCores < 1 && r.lost === 0 && r.duplicated === 0),
      ]);
      break;
    case 'flatReads':
      rows.push([`4 ${r.read}`, r.database, `p50 ${r.p50Ms} ms at ${r.monthCallsLarge} month calls; ${r.smallP50Ms} ms at ${r.monthCallsSmall}`, '< 10 ms; ≤ 1.2 × small floor', `${r.smallP50Ms} ms`, cell(r.ratioToSmall), meets(r.p50Ms < 10 && r.ratioToSmall <= 1.2)]);
      break;
    default:
      if (/^(agingReport|rollRateMatrix)/.test(r.scenario)) {
        rows.push([`5 ${r.scenario}`, r.database, `p50 ${r.p50Ms} / p95 ${r.p95Ms} ms (${r.accounts} accounts)`, '< 500 ms', `${r.baselineP50Ms} ms`, cell(r.ratio), meets(r.p50Ms < 500)]);
      }
  }
}
rows.sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }) || b[1].localeCompare(a[1]));
const peaks = lines.filter((r) => ['recordCall', 'portfolio', 'fanout'].includes(r.scenario) && r.serverPeakRssMb).map((r) => `${r.database} ${r.scenario} ${r.serverPeakRssMb} MB`);
if (peaks.length) {
  const worst = Math.max(...lines.filter((r) => r.serverPeakRssMb).map((r) => r.serverPeakRssMb));
  rows.push(['6 server peak RSS', '', peaks.join('; '), '< 400 MB', '', '', meets(worst < 400)]);
}
console.log('| Scenario | Database | Measured | Target | Baseline | Ratio | Met |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`\nMachine: ${lines[0]?.machine ?? ''}.`);
