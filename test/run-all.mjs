#!/usr/bin/env node
/**
 * `pnpm test`: the whole suite. Builds the server, runs the unit tests, then the API suite on SQLite
 * and - when TEST_DATABASE_URL points at PostgreSQL - the same suite again on PostgreSQL; then builds
 * the client, runs its component tests, and the dashboard suite in Chromium against the real server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'openfloor-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

function run(name, command, args, env = {}) {
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) failedSteps.push(name);
  return result.status === 0;
}

function vitest(name, filter, reportName, env = {}, extraArgs = []) {
  const report = join(reports, `${reportName}.json`);
  run(name, 'pnpm', ['--filter', filter, 'exec', 'vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env);
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  } catch {
    // The step failed before vitest wrote a report; it is already counted as failed.
  }
}

if (run('build server', 'pnpm', ['--filter', '@openfloor/server', 'build'])) {
  run('type-check tests', 'pnpm', ['--filter', '@openfloor/test', 'exec', 'tsc', '-p', 'tsconfig.json']);
  vitest('unit tests', '@openfloor/server', 'unit');
  vitest('API suite on SQLite', '@openfloor/test', 'api-sqlite', { TEST_DB: 'sqlite' });
  if (process.env.TEST_DATABASE_URL) {
    vitest('API suite on PostgreSQL', '@openfloor/test', 'api-postgresql', { TEST_DB: 'postgresql' });
  } else {
    console.log('\n(TEST_DATABASE_URL is not set: the PostgreSQL leg is not run; .ci/run sets it.)');
  }
  vitest('client component tests', '@openfloor/client', 'client');
  if (run('build client', 'pnpm', ['--filter', '@openfloor/client', 'build'])) {
    vitest('dashboard in Chromium', '@openfloor/test', 'e2e', { TEST_DB: 'sqlite' }, ['--config', 'vitest.e2e.config.ts']);
  }
}
rmSync(reports, { recursive: true, force: true });

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
