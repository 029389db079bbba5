import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, login, ok } from '../utils/graphql.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { tableRows } from '../utils/unchanged.js';

/**
 * The day rollover loads promises, instalments and breaking plans a chunk at a time (ROLLOVER_CHUNK),
 * clearing the EntityManager between chunks, all in one transaction. Two copies of the same floor, one
 * rolled in chunks of one row and one in a single chunk, must end in exactly the same state day after
 * day: every table, KPI counters and bucket flows included (checked again when each server stops).
 */

let chunked: TestServer;
let whole: TestServer;

beforeAll(async () => {
  chunked = await startTestServer({ ROLLOVER_CHUNK: '1' });
  whole = await startTestServer({ ROLLOVER_CHUNK: '1000000' });
});
afterAll(async () => {
  await chunked?.stop();
  await whole?.stop();
});

const ROLL = `mutation($date: String) { runDayRollover(date: $date) {
  date ran accountsRedated promisesBroken promisesPartiallyKept promisesLapsed instalmentsMissed plansBroken snapshotRows
} }`;

/** 00:05 on the floor (America/Mexico_City, UTC-6 in November and December) on `date`. */
const floorMidnight = (date: string): Date => new Date(`${date}T06:05:00.000Z`);

/**
 * Every table, row by row, but the times the database stamps from the wall clock (updated_at) and the
 * audit log's own ids (its summary is compared through the answers): what the rollover decided.
 */
async function digest(server: TestServer): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, rows] of await tableRows(server)) {
    out[table] = table === 'audit_event' ? String(rows.length) : JSON.stringify(rows.map(({ updated_at: _u, ...row }) => row));
  }
  return out;
}

const firstDiffering = (a: string, b: string): unknown => {
  const [ra, rb] = [JSON.parse(a) as unknown[], JSON.parse(b) as unknown[]];
  if (!Array.isArray(ra)) return a;
  return ra.find((row, i) => JSON.stringify(row) !== JSON.stringify(rb[i])) ?? `${ra.length} rows`;
};

async function roll(server: TestServer, date: string) {
  server.clock.set(floorMidnight(date));
  const token = await login(server.url, 'admin@demo.test');
  return ok(await gql(server.url, ROLL, { date }, token)).runDayRollover;
}

describe('rollover in chunks', () => {
  it('rolls the floor exactly as one chunk does, through a month opening', async () => {
    let settledSomething = false;
    for (const date of ['2026-11-18', '2026-11-19', '2026-11-25', '2026-12-01', '2026-12-20']) {
      const a = await roll(chunked, date);
      const b = await roll(whole, date);
      expect(a).toEqual(b);
      expect(a.ran).toBe(true);
      if (a.promisesBroken + a.promisesPartiallyKept + a.promisesLapsed > 1 && a.instalmentsMissed + a.plansBroken > 1) settledSomething = true;
      const [x, y] = [await digest(chunked), await digest(whole)];
      // The tables that differ, each with its first differing row: a readable failure.
      const differ = Object.keys(y).filter((t) => x[t] !== y[t]).map((t) => ({ table: t, chunked: firstDiffering(x[t], y[t]), whole: firstDiffering(y[t], x[t]) }));
      expect(differ, date).toEqual([]);
    }
    // Promises, and instalments or plans, were settled a row at a time: several chunks of each ran.
    expect(settledSomething).toBe(true);
  });
});
