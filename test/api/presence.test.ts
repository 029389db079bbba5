import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok } from '../utils/graphql.js';
import { agentId, globalId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';

/**
 * setAgentStatus (DOMAIN.md §3, agent presence): every change is stored with the clock's time, so
 * connected and paused time can be computed for any interval.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const SET = `mutation($status: Presence!, $pauseReason: PauseReason) {
  setAgentStatus(status: $status, pauseReason: $pauseReason) { id email presence pauseReason }
}`;

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : typeof v === 'string' && !/^\d+$/.test(v) ? Date.parse(v) : Number(v));

async function changesOf(agent: number) {
  const rows = await sql(server, 'select status, pause_reason, at from agent_status_change where agent_id = ? order by at, id', [agent]);
  return rows.map((r) => ({ status: String(r.status), pauseReason: (r.pause_reason ?? null) as string | null, at: ms(r.at) }));
}

async function presenceOf(agent: number) {
  const [row] = await sql(server, 'select presence, pause_reason from agent where id = ?', [agent]);
  return { presence: String(row!.presence), pauseReason: (row!.pause_reason ?? null) as string | null };
}

/** Moves the floor clock on by `seconds`, so each change gets its own time. */
function tick(seconds: number): Date {
  server.clock.advance(seconds * 1000);
  return server.clock.now();
}

describe('setAgentStatus stores every change with its time', () => {
  it('each status, in turn, is stored on the agent and as a change row at the clock’s time', async () => {
    const email = 'agent7@demo.test';
    const token = await login(server.url, email);
    const me = await agentId(server, email);
    const start = await presenceOf(me);
    const before = await changesOf(me);
    // A tour of every status (PAUSED with every reason), never repeating the status the agent is in.
    const tour: Array<[string, string | null]> = [
      ['AVAILABLE', null],
      ['ON_CALL', null],
      ['WRAP_UP', null],
      ['PAUSED', 'BREAK'],
      ['PAUSED', 'LUNCH'],
      ['PAUSED', 'COACHING'],
      ['PAUSED', 'MEETING'],
      ['PAUSED', 'TRAINING'],
      ['AVAILABLE', null],
      ['OFFLINE', null],
    ];
    if (start.presence === 'AVAILABLE') tour.unshift(['OFFLINE', null]);
    const expected: Array<{ status: string; pauseReason: string | null; at: number }> = [];
    for (const [status, pauseReason] of tour) {
      const at = tick(37);
      const r = ok(await gql(server.url, SET, { status, pauseReason }, token)).setAgentStatus;
      expect(r).toEqual({ id: globalId('Agent', me), email, presence: status, pauseReason });
      expect(await presenceOf(me)).toEqual({ presence: status, pauseReason });
      expected.push({ status, pauseReason, at: at.getTime() });
    }
    expect(await changesOf(me)).toEqual([...before, ...expected]);
    const audits = await scalar(server, "select count(*) from audit_event where action = 'setAgentStatus' and entity_type = 'Agent' and entity_id = ?", [me]);
    expect(audits).toBe(tour.length);
  });

  it('the same status twice writes one row; the first keeps its time', async () => {
    const email = 'agent8@demo.test';
    const token = await login(server.url, email);
    const me = await agentId(server, email);
    const first = ok(await gql(server.url, SET, { status: (await presenceOf(me)).presence === 'ON_CALL' ? 'WRAP_UP' : 'ON_CALL' }, token)).setAgentStatus;
    const firstAt = server.clock.now().getTime();
    const rows = await changesOf(me);
    tick(60);
    const again = await expectNothingWritten(server, () => gql(server.url, SET, { status: first.presence }, token));
    expect(ok(again).setAgentStatus).toEqual(first);
    expect(await changesOf(me)).toEqual(rows);
    expect(rows.at(-1)).toEqual({ status: first.presence, pauseReason: null, at: firstAt });
  });

  it('PAUSED for the same reason twice is one row; another reason is a change', async () => {
    const email = 'agent9@demo.test';
    const token = await login(server.url, email);
    const me = await agentId(server, email);
    const before = (await changesOf(me)).length;
    tick(10);
    ok(await gql(server.url, SET, { status: 'PAUSED', pauseReason: 'BREAK' }, token));
    tick(10);
    await expectNothingWritten(server, () => gql(server.url, SET, { status: 'PAUSED', pauseReason: 'BREAK' }, token));
    tick(10);
    ok(await gql(server.url, SET, { status: 'PAUSED', pauseReason: 'LUNCH' }, token));
    const rows = await changesOf(me);
    expect(rows).toHaveLength(before + 2);
    expect(rows.slice(-2).map((r) => [r.status, r.pauseReason])).toEqual([
      ['PAUSED', 'BREAK'],
      ['PAUSED', 'LUNCH'],
    ]);
  });

  it('supervisors have a presence too', async () => {
    const token = await login(server.url, 'supervisor2@demo.test');
    const me = await agentId(server, 'supervisor2@demo.test');
    const status = (await presenceOf(me)).presence === 'AVAILABLE' ? 'ON_CALL' : 'AVAILABLE';
    const at = tick(5).getTime();
    ok(await gql(server.url, SET, { status }, token));
    expect((await changesOf(me)).at(-1)).toEqual({ status, pauseReason: null, at });
  });

  it('paused time can be computed from the rows: a 15-minute break between two AVAILABLE spells', async () => {
    const token = await login(server.url, 'agent10@demo.test');
    const me = await agentId(server, 'agent10@demo.test');
    if ((await presenceOf(me)).presence === 'AVAILABLE') ok(await gql(server.url, SET, { status: 'OFFLINE' }, token));
    tick(60);
    ok(await gql(server.url, SET, { status: 'AVAILABLE' }, token));
    tick(600);
    ok(await gql(server.url, SET, { status: 'PAUSED', pauseReason: 'BREAK' }, token));
    tick(900);
    ok(await gql(server.url, SET, { status: 'AVAILABLE' }, token));
    const rows = (await changesOf(me)).slice(-3);
    expect(rows.map((r) => r.status)).toEqual(['AVAILABLE', 'PAUSED', 'AVAILABLE']);
    expect((rows[2]!.at - rows[1]!.at) / 1000).toBe(900);
    expect((rows[1]!.at - rows[0]!.at) / 1000).toBe(600);
  });
});

describe('setAgentStatus refuses, with the exact code, and writes nothing', () => {
  it('PAUSED without a reason (BAD_USER_INPUT)', async () => {
    const token = await login(server.url, 'agent11@demo.test');
    const r = await expectNothingWritten(server, () => gql(server.url, SET, { status: 'PAUSED' }, token));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.argument).toBe('pauseReason');
  });

  it.each(['AVAILABLE', 'ON_CALL', 'WRAP_UP', 'OFFLINE'])('a pause reason with %s (BAD_USER_INPUT)', async (status) => {
    const token = await login(server.url, 'agent11@demo.test');
    const r = await expectNothingWritten(server, () => gql(server.url, SET, { status, pauseReason: 'LUNCH' }, token));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.argument).toBe('pauseReason');
  });

  it('an unknown status or reason is refused by the schema', async () => {
    const token = await login(server.url, 'agent11@demo.test');
    const r = await expectNothingWritten(server, () => gql(server.url, SET, { status: 'SLEEPING' }, token));
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.data ?? null).toBeNull();
    const reason = await expectNothingWritten(server, () => gql(server.url, SET, { status: 'PAUSED', pauseReason: 'NAP' }, token));
    expect(errorCode(reason)).toBe('BAD_USER_INPUT');
  });

  it('an analyst signed in (FORBIDDEN)', async () => {
    const token = await login(server.url, 'analyst@demo.test');
    const r = await expectNothingWritten(server, () => gql(server.url, SET, { status: 'AVAILABLE' }, token));
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it('an analyst API key (FORBIDDEN)', async () => {
    const admin = await login(server.url, 'admin@demo.test');
    const key = ok(await gql(server.url, 'mutation { createApiKey(name: "presence BI") { key } }', {}, admin)).createApiKey.key;
    const r = await expectNothingWritten(server, () => gql(server.url, SET, { status: 'AVAILABLE' }, key));
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it('anonymous (UNAUTHENTICATED)', async () => {
    const r = await expectNothingWritten(server, () => gql(server.url, SET, { status: 'AVAILABLE' }));
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
  });
});

describe('Agent.presenceSince: when the present state began', () => {
  const AGENTS = `query($first: Int!) { agents(first: $first) { nodes { id email presence presenceSince } } }`;

  it('is the time of each agent’s latest status change, or null for one that never changed', async () => {
    const token = await login(server.url, 'manager@demo.test');
    const nodes = ok(await gql(server.url, AGENTS, { first: 100 }, token)).agents.nodes as Array<{ id: string; email: string; presenceSince: string | null }>;
    const latest = await sql(server, 'select g.email, max(c.at) as since from agent g left join agent_status_change c on c.agent_id = g.id group by g.email');
    const expected = new Map(latest.map((r) => [String(r.email), r.since == null ? null : new Date(ms(r.since)).toISOString()]));
    expect(nodes.length).toBeGreaterThan(10);
    for (const n of nodes) expect(n.presenceSince, n.email).toBe(expected.get(n.email));
    expect(nodes.some((n) => n.presenceSince !== null)).toBe(true);
  });

  it('moves to the clock’s time on a change, and not on a read', async () => {
    const email = 'agent8@demo.test';
    const token = await login(server.url, email);
    const read = async () => ok(await gql(server.url, '{ me { presence presenceSince } }', {}, token)).me;
    const target = (await read()).presence === 'PAUSED' ? 'AVAILABLE' : 'PAUSED';
    const at = tick(42);
    ok(await gql(server.url, SET, { status: target, pauseReason: target === 'PAUSED' ? 'BREAK' : null }, token));
    tick(600);
    expect(await read()).toEqual({ presence: target, presenceSince: at.toISOString() });
  });

  it('costs the same statements for a page of 5 agents and of 100', async () => {
    const token = await login(server.url, 'manager@demo.test');
    ok(await gql(server.url, '{ me { id } }', {}, token));
    const statements = async (first: number) => {
      const r = await gql(server.url, AGENTS, { first }, token);
      return { agents: ok(r).agents.nodes.length as number, statements: r.extensions!.sqlStatements as number };
    };
    const small = await statements(5);
    const large = await statements(100);
    expect(small.agents).toBe(5);
    expect(large.agents).toBeGreaterThan(30);
    expect(large.statements).toBe(small.statements);
  });
});
