import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { createApp, type App } from '@openfloor/server';
import { AccountPool, money, type AccountRow } from '../utils/accounts.js';
import { errorCode, gql, login, ok, tokenCache } from '../utils/graphql.js';
import { agentId, globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';

/**
 * Stored alerts with rules a manager changes (issue 5): a team BEHIND pace after a share of the shift,
 * an agent PAUSED or in WRAP_UP longer than a limit, a broken promise from an amount, a burst of
 * CONTACT_NOT_ALLOWED refusals. Each fires at its threshold and not below, is stored once per episode,
 * is pushed on alertRaised to the team's subscribers, and is acknowledged by the team's supervisor.
 * The clock starts at Wednesday 2026-11-18 10:00 on the floor (16:00Z) and only moves forward.
 */

const REDIS_URL = 'redis://127.0.0.1:6379';
const ALERT_FIELDS = 'id kind message raisedAt acknowledgedAt team { name } agent { email } account { id } acknowledgedBy { email }';
const ALERT_RAISED = `subscription($teamId: ID!) { alertRaised(teamId: $teamId) { ${ALERT_FIELDS} } }`;
const ALERTS = `query($teamId: ID, $acknowledged: Boolean, $first: Int, $after: String) {
  alerts(teamId: $teamId, acknowledged: $acknowledged, first: $first, after: $after) { totalCount nodes { ${ALERT_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
const EVALUATE = `mutation { evaluateAlerts { ${ALERT_FIELDS} } }`;
const ACKNOWLEDGE = `mutation($id: ID!) { acknowledgeAlert(id: $id) { ${ALERT_FIELDS} } }`;
const RULES = `query { alertRules { id kind enabled shiftShare kpis limitSeconds amount { amount currencyCode } refusalCount windowSeconds version updatedAt updatedBy { email } } }`;
const UPDATE_RULE = `mutation($input: AlertRuleInput!) { updateAlertRule(input: $input) {
  kind enabled shiftShare kpis limitSeconds amount { amount currencyCode } refusalCount windowSeconds version updatedBy { email } } }`;
const SET_STATUS = `mutation($status: Presence!, $pauseReason: PauseReason) { setAgentStatus(status: $status, pauseReason: $pauseReason) { presence } }`;
const SET_TARGET = `mutation($scopeId: ID, $kpi: Kpi!, $date: LocalDate!, $value: Float) {
  setTarget(scope: TEAM, scopeId: $scopeId, kpi: $kpi, period: DAY, date: $date, value: $value) { id } }`;
const RECORD = 'mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }';
const CREATE_PROMISE = 'mutation($input: CreatePromiseInput!) { createPromise(input: $input) { id } }';
const ROLL = 'mutation($date: String) { runDayRollover(date: $date) { ran promisesBroken } }';

/** One subscription on its own graphql-ws connection, keeping what arrives. */
class Subscriber {
  readonly values: any[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;

  constructor(wsUrl: string, token: string, query: string, variables: Record<string, unknown>) {
    this.client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    this.client.subscribe(
      { query, variables },
      {
        next: (r) => {
          if (r.errors) this.errors.push(...r.errors);
          if (r.data?.alertRaised) this.values.push(r.data.alertRaised);
        },
        error: (e) => this.errors.push(e),
        complete: () => undefined,
      },
    );
  }

  async waitFor(match: (alert: any) => boolean, timeoutMs = 5_000): Promise<any> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.values.find(match);
      if (hit) return hit;
      if (performance.now() > deadline) throw new Error(`no matching alertRaised within ${timeoutMs} ms; received ${JSON.stringify(this.values)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}

const open: Subscriber[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.dispose()));
});

/**
 * Subscribes and waits until the subscription is provably live: a probe published on the team's topic
 * (never stored) comes back. Probes are then dropped from what the test looks at.
 */
async function liveSubscriber(server: TestServer, token: string, teamId: number): Promise<Subscriber> {
  const sub = new Subscriber(server.wsUrl, token, ALERT_RAISED, { teamId: globalId('Team', teamId) });
  open.push(sub);
  const probe = { kind: 'TEAM_BEHIND_PACE' as never, teamId, message: 'probe', raisedAt: server.clock.now().toISOString() };
  const deadline = performance.now() + 15_000;
  let n = 0;
  while (!sub.values.some((a) => a.message === 'probe')) {
    if (performance.now() > deadline) throw new Error(`the alertRaised subscription never went live: ${JSON.stringify(sub.errors)}`);
    server.app.services.events.alertRaised(server.orm.em.fork(), { ...probe, id: globalId('Alert', 1_000_000 + (n += 1)) });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  sub.values.splice(0);
  return sub;
}

/** Lets the alert rules finish with every event already published. */
const settled = async (server: TestServer): Promise<void> => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  await server.app.alertWatch.idle();
};

const storedAlerts = async (server: TestServer, where: string, params: unknown[] = []) =>
  sql(server, `select id, kind, team_id, agent_id, account_id, message, episode_key, acknowledged_at, acknowledged_by_id from alert where ${where} order by id`, params);

describe('alerts on one server', () => {
  let server: TestServer;
  let pool: AccountPool;
  let team1: number;
  let team2: number;
  let supervisor1: string;
  let manager: string;
  const { tokens, tokenOf } = tokenCache(() => server.url);

  beforeAll(async () => {
    server = await startTestServer({ ALERT_EVALUATION: 'live' });
    pool = new AccountPool(server, 'Team 1');
    team1 = await scalar(server, "select id from team where name = 'Team 1'");
    team2 = await scalar(server, "select id from team where name = 'Team 2'");
    supervisor1 = await tokenOf('supervisor1@demo.test');
    manager = await tokenOf('manager@demo.test');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const evaluate = async () => ok(await gql(server.url, EVALUATE, {}, manager)).evaluateAlerts as any[];
  const updateRule = async (input: Record<string, unknown>, token = manager) => gql(server.url, UPDATE_RULE, { input }, token);
  const rule = async (kind: string) => (ok(await gql(server.url, RULES, {}, manager)).alertRules as any[]).find((r) => r.kind === kind);

  describe('alertRules and updateAlertRule', () => {
    it('lists one rule per kind with the defaults the floor starts with', async () => {
      const rules = ok(await gql(server.url, RULES, {}, await tokenOf('agent1@demo.test'))).alertRules;
      expect(rules.map((r: any) => r.kind)).toEqual(['TEAM_BEHIND_PACE', 'AGENT_PAUSED_TOO_LONG', 'AGENT_IN_WRAP_UP_TOO_LONG', 'BROKEN_PROMISE', 'CONTACT_REFUSALS_BURST']);
      expect(rules.map((r: any) => [r.enabled, r.shiftShare, r.kpis, r.limitSeconds, r.amount, r.refusalCount, r.windowSeconds, r.version, r.updatedBy])).toEqual([
        [true, 0.25, ['ATTEMPTS', 'PROMISES', 'COLLECTED_AMOUNT'], null, null, null, null, 1, null],
        [true, null, null, 1200, null, null, null, 1, null],
        [true, null, null, 300, null, null, null, 1, null],
        [true, null, null, null, { amount: '5000.00', currencyCode: 'MXN' }, null, null, 1, null],
        [true, null, null, null, null, 5, 600, 1, null],
      ]);
    });

    it('is refused to a supervisor, an agent and an analyst with FORBIDDEN, writing nothing', async () => {
      for (const email of ['supervisor1@demo.test', 'agent1@demo.test', 'analyst@demo.test']) {
        const r = await expectNothingWritten(server, async () => updateRule({ kind: 'AGENT_PAUSED_TOO_LONG', limitSeconds: 60 }, await tokenOf(email)));
        expect(errorCode(r), email).toBe('FORBIDDEN');
      }
    });

    it.each([
      ['a share of the shift of 0', { kind: 'TEAM_BEHIND_PACE', shiftShare: 0 }, 'shiftShare'],
      ['a share of the shift above 1', { kind: 'TEAM_BEHIND_PACE', shiftShare: 1.2 }, 'shiftShare'],
      ['a negative share of the shift', { kind: 'TEAM_BEHIND_PACE', shiftShare: -0.1 }, 'shiftShare'],
      ['no KPI to watch', { kind: 'TEAM_BEHIND_PACE', kpis: [] }, 'kpis'],
      ['a limit of 0 seconds', { kind: 'AGENT_PAUSED_TOO_LONG', limitSeconds: 0 }, 'limitSeconds'],
      ['a negative limit', { kind: 'AGENT_IN_WRAP_UP_TOO_LONG', limitSeconds: -30 }, 'limitSeconds'],
      ['an amount of 0', { kind: 'BROKEN_PROMISE', amount: { amount: '0.00', currencyCode: 'MXN' } }, 'amount'],
      ['a negative amount', { kind: 'BROKEN_PROMISE', amount: { amount: '-10.00', currencyCode: 'MXN' } }, 'amount'],
      ['an amount in another currency than the floor’s', { kind: 'BROKEN_PROMISE', amount: { amount: '100.00', currencyCode: 'USD' } }, 'amount'],
      ['an amount that is no decimal', { kind: 'BROKEN_PROMISE', amount: { amount: 'lots', currencyCode: 'MXN' } }, 'amount'],
      ['a count of 0 refusals', { kind: 'CONTACT_REFUSALS_BURST', refusalCount: 0 }, 'refusalCount'],
      ['a window of 0 seconds', { kind: 'CONTACT_REFUSALS_BURST', windowSeconds: 0 }, 'windowSeconds'],
      ['a threshold of another kind', { kind: 'AGENT_PAUSED_TOO_LONG', shiftShare: 0.5 }, 'shiftShare'],
    ])('refuses %s with BAD_USER_INPUT naming the argument, writing nothing', async (_case, input, argument) => {
      const r = await expectNothingWritten(server, () => updateRule(input));
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.argument).toBe(argument);
      expect(r.errors![0]!.message).toMatch(new RegExp(argument));
    });

    it('changes a rule, audits it, moves its version, and refuses a stale expectedVersion with CONFLICT', async () => {
      const before = await rule('AGENT_IN_WRAP_UP_TOO_LONG');
      const updated = ok(await updateRule({ kind: 'AGENT_IN_WRAP_UP_TOO_LONG', limitSeconds: 240, expectedVersion: before.version })).updateAlertRule;
      expect(updated).toMatchObject({ kind: 'AGENT_IN_WRAP_UP_TOO_LONG', limitSeconds: 240, enabled: true, version: before.version + 1, updatedBy: { email: 'manager@demo.test' } });
      const [row] = await sql(server, "select id from alert_rule where kind = 'AGENT_IN_WRAP_UP_TOO_LONG'");
      const audits = await sql(server, "select before, after, actor_agent_id from audit_event where action = 'updateAlertRule' and entity_type = 'AlertRule' and entity_id = ?", [row!.id]);
      expect(audits).toHaveLength(1);
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      expect(parse(audits[0]!.before)).toMatchObject({ limitSeconds: 300 });
      expect(parse(audits[0]!.after)).toMatchObject({ limitSeconds: 240 });
      expect(Number(audits[0]!.actor_agent_id)).toBe(await agentId(server, 'manager@demo.test'));

      const stale = await expectNothingWritten(server, () => updateRule({ kind: 'AGENT_IN_WRAP_UP_TOO_LONG', limitSeconds: 200, expectedVersion: before.version }));
      expect(errorCode(stale)).toBe('CONFLICT');
      expect((await rule('AGENT_IN_WRAP_UP_TOO_LONG')).limitSeconds).toBe(240);
    });
  });

  describe('TEAM_BEHIND_PACE', () => {
    it('fires for a team BEHIND on a watched KPI once the share of the shift has passed, once per team, day and KPI', async () => {
      const sub = await liveSubscriber(server, supervisor1, team1);
      // A target no team meets: Team 1 is BEHIND on ATTEMPTS from the first minute.
      ok(await gql(server.url, SET_TARGET, { scopeId: globalId('Team', team1), kpi: 'ATTEMPTS', date: '2026-11-18', value: 100_000 }, manager));
      const behind = (alerts: any[]) => alerts.filter((a) => a.kind === 'TEAM_BEHIND_PACE' && a.team.name === 'Team 1' && /ATTEMPTS/.test(a.message));

      // 10:00 on the floor: 1/6 of the shift, under the rule's quarter.
      expect(behind(await evaluate())).toEqual([]);
      expect(await storedAlerts(server, "kind = 'TEAM_BEHIND_PACE'")).toEqual([]);

      // 11:00: exactly a quarter.
      server.clock.set(new Date('2026-11-18T17:00:00.000Z'));
      const raised = behind(await evaluate());
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({ kind: 'TEAM_BEHIND_PACE', team: { name: 'Team 1' }, agent: null, account: null, acknowledgedAt: null });
      expect(raised[0].message).toMatch(/^Team 1 is BEHIND pace on ATTEMPTS \(pace 0\.\d\d\) with 25% of the shift gone\.$/);
      const pushed = await sub.waitFor((a) => a.id === raised[0].id);
      expect(pushed).toEqual(raised[0]);

      // Later in the day, and on every event meanwhile, it is the same episode: nothing new.
      server.clock.set(new Date('2026-11-18T17:10:00.000Z'));
      expect(behind(await evaluate())).toEqual([]);
      const stored = await storedAlerts(server, "kind = 'TEAM_BEHIND_PACE' and team_id = ? and episode_key like ?", [team1, '%ATTEMPTS']);
      expect(stored.map((a) => a.episode_key)).toEqual([`TEAM_BEHIND_PACE:team:${team1}:2026-11-18:ATTEMPTS`]);
      expect(sub.values.filter((a) => a.id === raised[0].id)).toHaveLength(1);
    });

    it('a later share of the shift in the rule holds the alert back; the KPIs watched are the rule’s', async () => {
      // No promise has been taken today: with this target Team 2 is BEHIND on PROMISES.
      ok(await gql(server.url, SET_TARGET, { scopeId: globalId('Team', team2), kpi: 'PROMISES', date: '2026-11-18', value: 1_000 }, manager));
      const onPromises = (alerts: any[]) => alerts.filter((a) => a.kind === 'TEAM_BEHIND_PACE' && a.team.name === 'Team 2' && /PROMISES/.test(a.message));
      ok(await updateRule({ kind: 'TEAM_BEHIND_PACE', shiftShare: 0.5 }));
      // 11:10 is under half the shift.
      expect(onPromises(await evaluate())).toEqual([]);
      ok(await updateRule({ kind: 'TEAM_BEHIND_PACE', shiftShare: 0.25, kpis: ['ATTEMPTS'] }));
      expect(onPromises(await evaluate())).toEqual([]);
      ok(await updateRule({ kind: 'TEAM_BEHIND_PACE', kpis: ['ATTEMPTS', 'PROMISES', 'COLLECTED_AMOUNT'] }));
      const raised = onPromises(await evaluate());
      expect(raised).toHaveLength(1);
      expect(raised[0].message).toBe('Team 2 is BEHIND pace on PROMISES (pace 0.00) with 26% of the shift gone.');
    });
  });

  describe('AGENT_PAUSED_TOO_LONG and AGENT_IN_WRAP_UP_TOO_LONG', () => {
    it('fires when a pause passes the limit, not before, once per pause; a lowered limit takes effect', async () => {
      const sub = await liveSubscriber(server, supervisor1, team1);
      const agent = await tokenOf('agent3@demo.test');
      const me = await agentId(server, 'agent3@demo.test');
      const mine = (alerts: any[]) => alerts.filter((a) => a.kind === 'AGENT_PAUSED_TOO_LONG' && a.agent?.email === 'agent3@demo.test');
      ok(await gql(server.url, SET_STATUS, { status: 'AVAILABLE' }, agent));
      ok(await gql(server.url, SET_STATUS, { status: 'PAUSED', pauseReason: 'BREAK' }, agent));
      const pauseId = await scalar(server, 'select max(id) from agent_status_change where agent_id = ?', [me]);

      server.clock.advance(600_000);
      // Ten minutes is under the default 20.
      expect(mine(await evaluate())).toEqual([]);
      ok(await updateRule({ kind: 'AGENT_PAUSED_TOO_LONG', limitSeconds: 900 }));
      server.clock.advance(299_000);
      expect(mine(await evaluate())).toEqual([]);
      server.clock.advance(1_000);
      const raised = mine(await evaluate());
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({ team: { name: 'Team 1' }, agent: { email: 'agent3@demo.test' }, account: null });
      expect(raised[0].message).toBe('An agent has been PAUSED (BREAK) for 15 min; the limit is 15 min.');
      expect(raised[0].message).not.toMatch(/agent3|@/);
      expect(await sub.waitFor((a) => a.id === raised[0].id)).toEqual(raised[0]);

      server.clock.advance(600_000);
      expect(mine(await evaluate())).toEqual([]);
      expect((await storedAlerts(server, "kind = 'AGENT_PAUSED_TOO_LONG' and agent_id = ?", [me])).map((a) => a.episode_key)).toEqual([`AGENT_PAUSED_TOO_LONG:change:${pauseId}`]);

      // A new pause is a new episode.
      ok(await gql(server.url, SET_STATUS, { status: 'AVAILABLE' }, agent));
      ok(await gql(server.url, SET_STATUS, { status: 'PAUSED', pauseReason: 'LUNCH' }, agent));
      server.clock.advance(900_000);
      expect(mine(await evaluate())).toHaveLength(1);
      ok(await gql(server.url, SET_STATUS, { status: 'AVAILABLE' }, agent));
      expect(await storedAlerts(server, "kind = 'AGENT_PAUSED_TOO_LONG' and agent_id = ?", [me])).toHaveLength(2);
    });

    it('fires for WRAP_UP past the limit on the next event of the team, without a sweep', async () => {
      const sub = await liveSubscriber(server, supervisor1, team1);
      const agent = await tokenOf('agent4@demo.test');
      const me = await agentId(server, 'agent4@demo.test');
      const teammate = await tokenOf('agent5@demo.test');
      ok(await gql(server.url, SET_STATUS, { status: 'AVAILABLE' }, agent));
      ok(await gql(server.url, SET_STATUS, { status: 'WRAP_UP' }, agent));
      // 239 s against the 240 s limit set above: a teammate's presence change makes the rules look; nothing fires.
      server.clock.advance(239_000);
      ok(await gql(server.url, SET_STATUS, { status: 'AVAILABLE' }, teammate));
      await settled(server);
      expect(await storedAlerts(server, "kind = 'AGENT_IN_WRAP_UP_TOO_LONG' and agent_id = ?", [me])).toEqual([]);

      server.clock.advance(1_000);
      ok(await gql(server.url, SET_STATUS, { status: 'ON_CALL' }, teammate));
      const pushed = await sub.waitFor((a) => a.kind === 'AGENT_IN_WRAP_UP_TOO_LONG' && a.agent?.email === 'agent4@demo.test');
      expect(pushed).toMatchObject({ team: { name: 'Team 1' }, account: null, acknowledgedAt: null });
      expect(pushed.message).toBe('An agent has been WRAP_UP for 4 min; the limit is 4 min.');

      server.clock.advance(60_000);
      ok(await gql(server.url, SET_STATUS, { status: 'AVAILABLE' }, teammate));
      await settled(server);
      expect(await evaluate()).not.toContainEqual(expect.objectContaining({ agent: { email: 'agent4@demo.test' } }));
      expect((await storedAlerts(server, "kind = 'AGENT_IN_WRAP_UP_TOO_LONG' and agent_id = ?", [me])).map((a) => a.id)).toEqual([localId(pushed.id)]);
      expect(sub.values.filter((a) => a.kind === 'AGENT_IN_WRAP_UP_TOO_LONG' && a.agent?.email === 'agent4@demo.test')).toHaveLength(1);
      ok(await gql(server.url, SET_STATUS, { status: 'AVAILABLE' }, agent));
    });

    it('a disabled rule raises nothing', async () => {
      const agent = await tokenOf('agent6@demo.test');
      const me = await agentId(server, 'agent6@demo.test');
      ok(await updateRule({ kind: 'AGENT_PAUSED_TOO_LONG', enabled: false }));
      ok(await gql(server.url, SET_STATUS, { status: 'AVAILABLE' }, agent));
      ok(await gql(server.url, SET_STATUS, { status: 'PAUSED', pauseReason: 'MEETING' }, agent));
      // The live evaluations these changes set off run now, before the rule is enabled, not after.
      await settled(server);
      server.clock.advance(3_600_000);
      await evaluate();
      expect(await storedAlerts(server, "kind = 'AGENT_PAUSED_TOO_LONG' and agent_id = ?", [me])).toEqual([]);
      ok(await updateRule({ kind: 'AGENT_PAUSED_TOO_LONG', enabled: true }));
      expect((await evaluate()).filter((a) => a.agent?.email === 'agent6@demo.test')).toHaveLength(1);
      ok(await gql(server.url, SET_STATUS, { status: 'AVAILABLE' }, agent));
    });
  });

  describe('CONTACT_REFUSALS_BURST', () => {
    /** An account of agent7 (Team 1) whose customer asked to cease communication: every outbound call to it is refused. */
    async function ceased(skip: number): Promise<{ gid: string; phoneGid: string; token: string }> {
      const me = await agentId(server, 'agent7@demo.test');
      const rows = await sql(
        server,
        `select a.id, a.customer_id, (select min(c.id) from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE') as phone_id
         from account a where a.assigned_agent_id = ? and a.status = 'ACTIVE'
           and exists (select 1 from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE')
         order by a.id limit 1 offset ?`,
        [me, skip],
      );
      const row = rows[0]!;
      await sql(server, 'update customer set cease_communication = ? where id = ?', [server.config.database.kind === 'sqlite' ? 1 : true, row.customer_id]);
      return { gid: globalId('Account', Number(row.id)), phoneGid: globalId('ContactPoint', Number(row.phone_id)), token: await tokenOf('agent7@demo.test') };
    }

    const outbound = (account: { gid: string; phoneGid: string }) => {
      const start = server.clock.now().getTime() - 120_000;
      return {
        accountId: account.gid,
        direction: 'OUTBOUND',
        phoneId: account.phoneGid,
        startedAt: new Date(start).toISOString(),
        endedAt: new Date(start + 25_000).toISOString(),
        talkSeconds: 0,
        wrapSeconds: 10,
        disposition: 'NO_ANSWER',
      };
    };

    it('fires when an agent’s refused calls reach the count within the window, once per burst; each refusal still writes nothing', async () => {
      ok(await updateRule({ kind: 'CONTACT_REFUSALS_BURST', refusalCount: 3, windowSeconds: 60 }));
      const sub = await liveSubscriber(server, supervisor1, team1);
      const me = await agentId(server, 'agent7@demo.test');
      const account = await ceased(0);
      const refuse = async () => {
        const r = await expectNothingWritten(server, () => gql(server.url, RECORD, { input: outbound(account) }, account.token));
        expect(errorCode(r)).toBe('CONTACT_NOT_ALLOWED');
        await settled(server);
      };
      const bursts = () => storedAlerts(server, "kind = 'CONTACT_REFUSALS_BURST' and agent_id = ?", [me]);

      // Two refusals, then a third 61 s after the first: never three within 60 s.
      await refuse();
      server.clock.advance(30_000);
      await refuse();
      server.clock.advance(31_000);
      await refuse();
      expect(await bursts()).toEqual([]);

      // The second, the third and this one lie within 60 s.
      server.clock.advance(20_000);
      const firstOfBurst = new Date(server.clock.now().getTime() - 51_000).toISOString();
      await gql(server.url, RECORD, { input: outbound(account) }, account.token);
      const pushed = await sub.waitFor((a) => a.kind === 'CONTACT_REFUSALS_BURST');
      expect(pushed).toMatchObject({ team: { name: 'Team 1' }, agent: { email: 'agent7@demo.test' }, account: null, acknowledgedAt: null });
      expect(pushed.message).toBe('3 outbound calls of one agent were refused by the contact policy within 51 s (the rule: 3 within 1 min).');
      expect((await bursts()).map((a) => a.episode_key)).toEqual([`CONTACT_REFUSALS_BURST:agent:${me}:${firstOfBurst}`]);

      // The burst's refusals are used up: two more are not a new burst, a third is.
      server.clock.advance(5_000);
      await refuse();
      server.clock.advance(5_000);
      await refuse();
      expect(await bursts()).toHaveLength(1);
      server.clock.advance(5_000);
      await gql(server.url, RECORD, { input: outbound(account) }, account.token);
      await settled(server);
      const stored = await bursts();
      expect(stored).toHaveLength(2);
      // Stored before it is pushed: wait for the push, then count.
      await sub.waitFor((a) => a.id === globalId('Alert', Number(stored[1]!.id)));
      expect(sub.values.filter((a) => a.kind === 'CONTACT_REFUSALS_BURST')).toHaveLength(2);
    });
  });

  describe('acknowledgeAlert and alerts', () => {
    let alertId: string;

    beforeAll(async () => {
      const [row] = await storedAlerts(server, "kind = 'AGENT_PAUSED_TOO_LONG' and team_id = ? and acknowledged_at is null", [team1]);
      alertId = globalId('Alert', Number(row!.id));
    });

    it('lists a team’s alerts newest first, to its agents and supervisor, and every team’s to a manager', async () => {
      const stored = await storedAlerts(server, 'team_id = ?', [team1]);
      const all = ok(await gql(server.url, ALERTS, { first: 100 }, supervisor1)).alerts;
      expect(all.totalCount).toBe(stored.length);
      const raisedAt = all.nodes.map((a: any) => Date.parse(a.raisedAt));
      expect(raisedAt).toEqual([...raisedAt].sort((a, b) => b - a));
      expect(all.nodes.every((a: any) => a.team.name === 'Team 1')).toBe(true);
      const agentView = ok(await gql(server.url, ALERTS, { first: 100 }, await tokenOf('agent1@demo.test'))).alerts;
      expect(agentView.nodes.map((a: any) => a.id)).toEqual(all.nodes.map((a: any) => a.id));

      const page = ok(await gql(server.url, ALERTS, { first: 2 }, supervisor1)).alerts;
      const next = ok(await gql(server.url, ALERTS, { first: 100, after: page.pageInfo.endCursor }, supervisor1)).alerts;
      expect([...page.nodes, ...next.nodes].map((a: any) => a.id)).toEqual(all.nodes.map((a: any) => a.id));

      const floor = ok(await gql(server.url, ALERTS, { first: 100 }, manager)).alerts;
      expect(floor.totalCount).toBe(await scalar(server, 'select count(*) from alert'));
      const team2Only = ok(await gql(server.url, ALERTS, { teamId: globalId('Team', team2), first: 100 }, manager)).alerts;
      expect(team2Only.nodes.length).toBeGreaterThan(0);
      expect(team2Only.nodes.every((a: any) => a.team.name === 'Team 2')).toBe(true);

      expect(errorCode(await gql(server.url, ALERTS, { teamId: globalId('Team', team2), first: 10 }, supervisor1))).toBe('FORBIDDEN');
      expect(errorCode(await gql(server.url, ALERTS, { teamId: globalId('Team', team2), first: 10 }, await tokenOf('agent1@demo.test')))).toBe('FORBIDDEN');
    });

    it('is refused to an agent of the team with FORBIDDEN and to another team’s supervisor with NOT_FOUND, writing nothing', async () => {
      const byAgent = await expectNothingWritten(server, async () => gql(server.url, ACKNOWLEDGE, { id: alertId }, await tokenOf('agent1@demo.test')));
      expect(errorCode(byAgent)).toBe('FORBIDDEN');
      const byOtherSupervisor = await expectNothingWritten(server, async () => gql(server.url, ACKNOWLEDGE, { id: alertId }, await tokenOf('supervisor2@demo.test')));
      expect(errorCode(byOtherSupervisor)).toBe('NOT_FOUND');
      const byAnalyst = await expectNothingWritten(server, async () => gql(server.url, ACKNOWLEDGE, { id: alertId }, await tokenOf('analyst@demo.test')));
      expect(errorCode(byAnalyst)).toBe('FORBIDDEN');
      const notAnAlert = await expectNothingWritten(server, () => gql(server.url, ACKNOWLEDGE, { id: globalId('Team', team1) }, supervisor1));
      expect(errorCode(notAnAlert)).toBe('BAD_USER_INPUT');
    });

    it('is acknowledged by the team’s supervisor, audited, and a second acknowledgement is CONFLICT', async () => {
      const acknowledged = ok(await gql(server.url, ACKNOWLEDGE, { id: alertId }, supervisor1)).acknowledgeAlert;
      expect(acknowledged).toMatchObject({ id: alertId, acknowledgedAt: server.clock.now().toISOString(), acknowledgedBy: { email: 'supervisor1@demo.test' } });
      const [row] = await storedAlerts(server, 'id = ?', [localId(alertId)]);
      expect(Number(row!.acknowledged_by_id)).toBe(await agentId(server, 'supervisor1@demo.test'));
      expect(await scalar(server, "select count(*) from audit_event where action = 'acknowledgeAlert' and entity_type = 'Alert' and entity_id = ?", [localId(alertId)])).toBe(1);

      const again = await expectNothingWritten(server, () => gql(server.url, ACKNOWLEDGE, { id: alertId }, supervisor1));
      expect(errorCode(again)).toBe('CONFLICT');
      const byManager = await expectNothingWritten(server, () => gql(server.url, ACKNOWLEDGE, { id: alertId }, manager));
      expect(errorCode(byManager)).toBe('CONFLICT');

      const open = ok(await gql(server.url, ALERTS, { acknowledged: false, first: 100 }, supervisor1)).alerts.nodes;
      const done = ok(await gql(server.url, ALERTS, { acknowledged: true, first: 100 }, supervisor1)).alerts.nodes;
      expect(open.map((a: any) => a.id)).not.toContain(alertId);
      expect(done.map((a: any) => a.id)).toEqual([alertId]);
      const node = ok(await gql(server.url, 'query($id: ID!) { node(id: $id) { id ... on Alert { kind acknowledgedAt } } }', { id: alertId }, supervisor1)).node;
      expect(node).toEqual({ id: alertId, kind: 'AGENT_PAUSED_TOO_LONG', acknowledgedAt: acknowledged.acknowledgedAt });
      expect(errorCode(await gql(server.url, 'query($id: ID!) { node(id: $id) { id } }', { id: alertId }, await tokenOf('supervisor2@demo.test')))).toBe('NOT_FOUND');
    });

    it('a manager acknowledges any team’s alert', async () => {
      const [row] = await storedAlerts(server, 'team_id = ? and acknowledged_at is null', [team2]);
      const acknowledged = ok(await gql(server.url, ACKNOWLEDGE, { id: globalId('Alert', Number(row!.id)) }, manager)).acknowledgeAlert;
      expect(acknowledged.acknowledgedBy).toEqual({ email: 'manager@demo.test' });
    });

    it('evaluateAlerts is for managers and admins', async () => {
      const r = await expectNothingWritten(server, () => gql(server.url, EVALUATE, {}, supervisor1));
      expect(errorCode(r)).toBe('FORBIDDEN');
    });
  });

  // Last: the clock moves three days on.
  describe('BROKEN_PROMISE', () => {
    it('fires for a promise found BROKEN from the amount on, not below, once; a lowered amount takes effect', async () => {
      const floorMinor = (account: AccountRow, minor: number) => minor * (account.currency === 'USD' ? 17 : 1);
      const promise = async (account: AccountRow & { agentEmail: string }, amount: number): Promise<number> => {
        const r = ok(await gql(server.url, CREATE_PROMISE, { input: { accountId: account.gid, amount: money(amount, account.currency), dueDate: '2026-11-18' } }, await tokenOf(account.agentEmail)));
        return localId(r.createPromise.id);
      };
      const a = await pool.take({ minBalance: 50_000 });
      const b = await pool.take({ minBalance: 50_000 });
      const amountA = a.amountDue;
      const amountB = Math.ceil(b.amountDue / 10) + 1;
      const [big, small] =
        floorMinor(a, amountA) > floorMinor(b, amountB)
          ? [{ account: a, id: await promise(a, amountA), floor: floorMinor(a, amountA) }, { account: b, id: await promise(b, amountB), floor: floorMinor(b, amountB) }]
          : [{ account: b, id: await promise(b, amountB), floor: floorMinor(b, amountB) }, { account: a, id: await promise(a, amountA), floor: floorMinor(a, amountA) }];
      expect(small.floor).toBeLessThan(big.floor);
      ok(await updateRule({ kind: 'BROKEN_PROMISE', amount: money(big.floor, 'MXN') }));

      // Due today with two days of grace: the rollover of the 21st finds both broken. Sessions end
      // with the clock's move, so everyone signs in again.
      server.clock.set(new Date('2026-11-21T15:00:00.000Z'));
      tokens.clear();
      manager = await tokenOf('manager@demo.test');
      const sub = await liveSubscriber(server, await tokenOf('supervisor1@demo.test'), team1);
      const rolled = ok(await gql(server.url, ROLL, { date: '2026-11-21' }, await tokenOf('admin@demo.test'))).runDayRollover;
      expect(rolled.ran).toBe(true);
      expect((await sql(server, 'select status from promise_to_pay where id in (?, ?)', [big.id, small.id])).map((p) => p.status)).toEqual(['BROKEN', 'BROKEN']);

      // The rollover's KPI events make the rules look; no sweep is needed.
      const pushed = await sub.waitFor((x) => x.kind === 'BROKEN_PROMISE' && x.account?.id === big.account.gid);
      expect(pushed).toMatchObject({ team: { name: 'Team 1' }, agent: { email: big.account.agentEmail } });
      expect(pushed.message).toMatch(/^A promise of \d+\.\d\d (MXN|USD) due 2026-11-18 was broken \(the rule: from \d+\.\d\d MXN\)\.$/);
      await settled(server);
      const onAccounts = () => storedAlerts(server, "kind = 'BROKEN_PROMISE' and account_id in (?, ?)", [big.account.id, small.account.id]);
      expect((await onAccounts()).map((x) => x.episode_key)).toEqual([`BROKEN_PROMISE:promise:${big.id}`]);
      expect((await evaluate()).filter((x) => x.kind === 'BROKEN_PROMISE' && [big.account.gid, small.account.gid].includes(x.account?.id))).toEqual([]);

      ok(await updateRule({ kind: 'BROKEN_PROMISE', amount: money(small.floor, 'MXN') }));
      const raised = (await evaluate()).filter((x) => x.kind === 'BROKEN_PROMISE' && [big.account.gid, small.account.gid].includes(x.account?.id));
      expect(raised.map((x) => x.account.id)).toEqual([small.account.gid]);
      expect((await onAccounts()).map((x) => x.episode_key)).toEqual([`BROKEN_PROMISE:promise:${big.id}`, `BROKEN_PROMISE:promise:${small.id}`]);
      expect(sub.values.filter((x) => x.kind === 'BROKEN_PROMISE' && x.account?.id === big.account.gid)).toHaveLength(1);
    });
  });
});

describe('two server instances on one database and one Redis', () => {
  let a: TestServer;
  let b: App;
  let bUrl: string;

  beforeAll(async () => {
    const prefix = `openfloor-test-${randomBytes(6).toString('hex')}:`;
    a = await startTestServer({ ALERT_EVALUATION: 'live', REDIS_URL, REDIS_CHANNEL_PREFIX: prefix });
    b = await createApp({ ...a.config }, { clock: a.clock });
    bUrl = (await b.listen()).url;
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('stores and pushes an episode once when both instances evaluate it at the same moment', async () => {
    const team1 = await scalar(a, "select id from team where name = 'Team 1'");
    const sub = await liveSubscriber(a, await login(a.url, 'supervisor1@demo.test'), team1);
    const agentToken = await login(a.url, 'agent8@demo.test');
    const [onA, onB] = [await login(a.url, 'manager@demo.test'), await login(bUrl, 'manager@demo.test')];
    const me = await agentId(a, 'agent8@demo.test');
    ok(await gql(a.url, SET_STATUS, { status: 'AVAILABLE' }, agentToken));
    ok(await gql(a.url, SET_STATUS, { status: 'PAUSED', pauseReason: 'TRAINING' }, agentToken));
    a.clock.advance(1_200_000);

    const [fromA, fromB] = await Promise.all([gql(a.url, EVALUATE, {}, onA), gql(bUrl, EVALUATE, {}, onB)]);
    const mine = (r: any) => (ok(r) as any).evaluateAlerts.filter((x: any) => x.agent?.email === 'agent8@demo.test');
    expect(mine(fromA).length + mine(fromB).length).toBe(1);
    expect(await storedAlerts(a, "kind = 'AGENT_PAUSED_TOO_LONG' and agent_id = ?", [me])).toHaveLength(1);
    await sub.waitFor((x) => x.agent?.email === 'agent8@demo.test');
    // Anything a second instance might have sent has had time to cross Redis.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sub.values.filter((x) => x.agent?.email === 'agent8@demo.test')).toHaveLength(1);
  });

  it('a burst of refusals heard by both instances through Redis is stored and pushed once', async () => {
    ok(await gql(a.url, UPDATE_RULE, { input: { kind: 'CONTACT_REFUSALS_BURST', refusalCount: 2, windowSeconds: 60 } }, await login(a.url, 'manager@demo.test')));
    const team2 = await scalar(a, "select id from team where name = 'Team 2'");
    const sub = await liveSubscriber(a, await login(a.url, 'supervisor2@demo.test'), team2);
    const me = await agentId(a, 'agent12@demo.test');
    const [row] = await sql(
      a,
      `select a.id, a.customer_id, (select min(c.id) from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE') as phone_id
       from account a where a.assigned_agent_id = ? and a.status = 'ACTIVE' and exists (select 1 from contact_point c where c.customer_id = a.customer_id and c.kind = 'PHONE') order by a.id limit 1`,
      [me],
    );
    await sql(a, 'update customer set cease_communication = ? where id = ?', [a.config.database.kind === 'sqlite' ? 1 : true, row!.customer_id]);
    const token = await login(bUrl, 'agent12@demo.test');
    const start = a.clock.now().getTime() - 120_000;
    const input = {
      accountId: globalId('Account', Number(row!.id)),
      direction: 'OUTBOUND',
      phoneId: globalId('ContactPoint', Number(row!.phone_id)),
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + 25_000).toISOString(),
      talkSeconds: 0,
      wrapSeconds: 10,
      disposition: 'NO_ANSWER',
    };
    // One refusal on each instance.
    expect(errorCode(await gql(a.url, RECORD, { input }, token))).toBe('CONTACT_NOT_ALLOWED');
    a.clock.advance(10_000);
    expect(errorCode(await gql(bUrl, RECORD, { input }, token))).toBe('CONTACT_NOT_ALLOWED');
    await sub.waitFor((x) => x.kind === 'CONTACT_REFUSALS_BURST' && x.agent?.email === 'agent12@demo.test');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all([a.app.alertWatch.idle(), b.alertWatch.idle()]);
    expect(await storedAlerts(a, "kind = 'CONTACT_REFUSALS_BURST' and agent_id = ?", [me])).toHaveLength(1);
    expect(sub.values.filter((x) => x.kind === 'CONTACT_REFUSALS_BURST')).toHaveLength(1);
  });
});
