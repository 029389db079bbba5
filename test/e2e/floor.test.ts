import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { AccountPool, money } from '../utils/accounts.js';
import { gql, login, ok } from '../utils/graphql.js';
import { globalId, localId, scalar, sql } from '../utils/oracle.js';
import { axeViolations, launchBrowser, openPage, pageErrors, screenshot, screenshotName, signIn } from './utils/browser.js';
import { startDashboardServer, type DashboardServer } from './utils/server.js';

/**
 * The supervisor floor in Chromium: the team's figures as the API states them, a call recorded
 * through the API reaching the feed and the KPI cards within 2 seconds, and the screen catching up
 * after the server restarts.
 */

const STARTED = '2026-11-18T15:40:00.000Z';
const ANSWERED = '2026-11-18T15:40:15.000Z';
const ENDED = '2026-11-18T15:45:15.000Z';
const LIVE_BOUND_MS = 2_000;

const KPIS = `query($teamId: ID!, $period: KpiPeriod!) { kpis(scope: TEAM, scopeId: $teamId, period: $period, date: "2026-11-18") {
  attempts { value } promises { value } rightPartyContacts { value } collectedAmount { value { amount } }
} }`;
const RECORD = `mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }`;

describe('supervisor floor', () => {
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;
  let pool: AccountPool;
  let team1: string;
  let supervisorToken: string;
  let holdSockets = false;
  const held: WebSocketRoute[] = [];


  async function recordPromise(): Promise<string> {
    const account = await pool.take({ minBalance: 20_000 });
    const token = await login(server.url, account.agentEmail);
    const r = ok(
      await gql(
        server.url,
        RECORD,
        {
          input: {
            accountId: account.gid,
            direction: 'INBOUND',
            phoneNumber: '+525511112222',
            startedAt: STARTED,
            answeredAt: ANSWERED,
            endedAt: ENDED,
            talkSeconds: 300,
            wrapSeconds: 30,
            disposition: 'PROMISE_TO_PAY',
            promise: { amount: money(10_000, account.currency), dueDate: '2026-11-25' },
          },
        },
        token,
      ),
    );
    return r.recordCall.id as string;
  }

  const scalarName = async (email: string): Promise<string> =>
    ((await sql(server, 'select name from agent where email = ?', [email]))[0] as { name: string }).name;
  const cardValue = (testId: string) => page.getByTestId(testId).getAttribute('data-value');

  beforeAll(async () => {
    server = await startDashboardServer();
    // The pool outlives the restart below: it reads the database of whichever server runs now.
    pool = new AccountPool({ get orm() { return server.orm; } }, 'Team 1');
    team1 = globalId('Team', await scalar(server, 'select id from team where name = ?', ['Team 1']));
    supervisorToken = await login(server.url, 'supervisor1@demo.test');
    browser = await launchBrowser();
    page = await openPage(browser);
    // Routed from the start (routing patches the page's WebSocket at load); passed through unless held.
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      if (holdSockets) held.push(ws);
      else ws.connectToServer();
    });
  });
  afterEach(async (context) => {
    if (page && !page.isClosed()) await screenshot(page, screenshotName('floor', context.task.name));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a supervisor signs in, lands on the floor and sees the team's figures as the API gives them", async () => {
    await signIn(page, server.origin, 'supervisor1@demo.test');
    await page.waitForURL(/\/floor$/);
    await page.getByTestId('kpi-month-attempts').waitFor();
    await page.getByTestId('kpi-day-attempts').waitFor();

    const month = ok(await gql(server.url, KPIS, { teamId: team1, period: 'MONTH' }, supervisorToken)).kpis;
    const day = ok(await gql(server.url, KPIS, { teamId: team1, period: 'DAY' }, supervisorToken)).kpis;
    expect(await cardValue('kpi-month-attempts')).toBe(String(month.attempts.value));
    expect(await cardValue('kpi-month-promises')).toBe(String(month.promises.value));
    expect(await cardValue('kpi-month-collectedAmount')).toBe(month.collectedAmount.value.amount);
    expect(await cardValue('kpi-day-rightPartyContacts')).toBe(String(day.rightPartyContacts.value));
    expect(await page.getByTestId('floor-page').getAttribute('data-team-id')).toBe(team1);
    expect(await page.getByTestId('agent-tile').count()).toBe(10);
    await page.getByTestId('bucket-row').first().waitFor();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status')).toBe('connected');

    await screenshot(page, 'floor');
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('a bucket goal set through the API reaches the bucket metrics panel as bucketMetricsUpdated pushes it', async () => {
    const row = page.locator('[data-testid="bucket-row"][data-bucket="B2"]');
    expect(await row.textContent()).not.toContain('goal 37%');
    const manager = await login(server.url, 'manager@demo.test');
    ok(await gql(server.url, 'mutation { setBucketGoal(month: "2026-11", bucket: B2, metric: CURE_RATE, value: "0.37") { value } }', {}, manager));
    // No reload and no re-read: only the push can bring it (at most one a second).
    await expect.poll(() => row.textContent(), { timeout: LIVE_BOUND_MS + 1_000 }).toContain('goal 37%');
  });

  it('a call recorded through the API by an agent appears in the feed and moves the KPI card within 2 seconds', async () => {
    const before = Number(await cardValue('kpi-day-promises'));
    const started = Date.now();
    const callId = await recordPromise();
    await page.locator(`[data-testid="feed-item"][data-call-id="${callId}"]`).waitFor({ timeout: LIVE_BOUND_MS });
    await expect.poll(async () => Number(await cardValue('kpi-day-promises')), { timeout: LIVE_BOUND_MS - (Date.now() - started), interval: 50 }).toBe(before + 1);
    expect(Date.now() - started).toBeLessThan(LIVE_BOUND_MS);
    expect(await page.locator(`[data-testid="feed-item"][data-call-id="${callId}"]`).getAttribute('data-disposition')).toBe('PROMISE_TO_PAY');
    await screenshot(page, 'floor-live-call');
  });

  it("an agent's status change reaches the grid within 2 seconds, coloured for its state", async () => {
    const token = await login(server.url, 'agent2@demo.test');
    const me = ok(await gql(server.url, '{ me { id } }', {}, token)).me;
    const tile = page.locator(`[data-testid="agent-tile"][data-agent-id="${me.id}"]`);
    ok(await gql(server.url, 'mutation { setAgentStatus(status: PAUSED, pauseReason: COACHING) { presence } }', {}, token));
    await expect.poll(() => tile.getAttribute('data-presence'), { timeout: LIVE_BOUND_MS, interval: 50 }).toBe('PAUSED');
    expect(await tile.getAttribute('data-colour')).toBe('khaki');
    expect(await tile.textContent()).toContain('Coaching');
    // VICIdial's thresholds: yellow from a minute, olive from five.
    await page.clock.runFor(61_000);
    await expect.poll(() => tile.getAttribute('data-colour')).toBe('yellow');
    await page.clock.runFor(240_000);
    await expect.poll(() => tile.getAttribute('data-colour')).toBe('olive');
    ok(await gql(server.url, 'mutation { setAgentStatus(status: AVAILABLE) { presence } }', {}, token));
    await expect.poll(() => tile.getAttribute('data-presence'), { timeout: LIVE_BOUND_MS }).toBe('AVAILABLE');
  });

  it('an alert raised on the server shows in the panel within 2 seconds and the supervisor acknowledges it', async () => {
    // agent3 paused past the rule's limit (1,200 s by default) on the server clock, then the sweep a manager can run.
    const agent = await login(server.url, 'agent3@demo.test');
    ok(await gql(server.url, 'mutation { setAgentStatus(status: PAUSED, pauseReason: BREAK) { presence } }', {}, agent));
    // A second pause, left open: the reload below must list it.
    ok(await gql(server.url, 'mutation { setAgentStatus(status: PAUSED, pauseReason: LUNCH) { presence } }', {}, await login(server.url, 'agent4@demo.test')));
    // The live evaluations these changes set off run now, before the clock moves: one running after it
    // would raise the alert itself and leave the sweep below nothing new to return.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.app.alertWatch.idle();
    server.clock.advance(1_200_000);
    const manager = await login(server.url, 'manager@demo.test');
    const started = Date.now();
    const raised = ok(await gql(server.url, 'mutation { evaluateAlerts { id kind agent { email } } }', {}, manager)).evaluateAlerts as any[];
    const paused = raised.find((a) => a.kind === 'AGENT_PAUSED_TOO_LONG' && a.agent?.email === 'agent3@demo.test');
    expect(paused, JSON.stringify(raised)).toBeDefined();

    const item = page.locator(`[data-testid="alert-item"][data-alert-id="${paused.id}"]`);
    await item.waitFor({ timeout: LIVE_BOUND_MS });
    expect(Date.now() - started).toBeLessThan(LIVE_BOUND_MS + 1_000);
    expect(await item.textContent()).toContain('Paused too long');
    expect(await item.getAttribute('data-acknowledged')).toBe('false');

    // From the keyboard: the labelled button takes focus and Enter acknowledges.
    const button = item.getByRole('button', { name: /Acknowledge the alert “Paused too long”/ });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => item.getAttribute('data-acknowledged')).toBe('true');
    expect(await item.getByTestId('alert-acknowledged').textContent()).toContain(await scalarName('supervisor1@demo.test'));
    const [row] = await sql(server, 'select acknowledged_at, acknowledged_by_id from alert where id = ?', [localId(paused.id)]);
    expect(row!.acknowledged_at).not.toBeNull();
    expect(row!.acknowledged_by_id).toBe(await scalar(server, "select id from agent where email = 'supervisor1@demo.test'"));
    await screenshot(page, 'floor-alert-acknowledged');
    ok(await gql(server.url, 'mutation { setAgentStatus(status: AVAILABLE) { presence } }', {}, agent));
  });

  it('after a server restart the floor shows it is reconnecting, then catches up with no gap', async () => {
    const { port, databaseUrl, clock } = server;
    const newestBefore = await page.getByTestId('feed-item').first().getAttribute('data-call-id');
    await server.stop();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('reconnecting');
    await screenshot(page, 'floor-reconnecting');

    // Hold the browser's reconnection until a call has been recorded behind its back: that call can
    // only reach the screen through the cursor the feed resubscribes with.
    holdSockets = true;
    server = await startDashboardServer({ databaseUrl, port, now: clock.now() });
    const missed = await recordPromise();
    expect(await page.getByTestId('live-status').getAttribute('data-status')).toBe('reconnecting');
    expect(await page.locator(`[data-testid="feed-item"][data-call-id="${missed}"]`).count()).toBe(0);
    holdSockets = false;
    for (const ws of held.splice(0)) await ws.close({ code: 1012, reason: 'the test lets it reconnect' });
    await page.locator(`[data-testid="feed-item"][data-call-id="${missed}"]`).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status')).toBe('connected');
    const live = await recordPromise();
    await page.locator(`[data-testid="feed-item"][data-call-id="${live}"]`).waitFor({ timeout: LIVE_BOUND_MS });

    const ids = await page.getByTestId('feed-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-call-id')));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 3)).toEqual([live, missed, newestBefore]);
    await screenshot(page, 'floor-after-restart');
  });

  it('a reload lists the alerts still open and no longer the acknowledged one', async () => {
    await page.reload();
    const open = ok(await gql(server.url, 'query($t: ID) { alerts(teamId: $t, acknowledged: false, first: 30) { nodes { id agent { email } } } }', { t: team1 }, supervisorToken)).alerts.nodes;
    expect(open.map((a: any) => a.agent?.email)).toContain('agent4@demo.test');
    await page.getByTestId('alert-item').first().waitFor();
    await expect.poll(async () => page.getByTestId('alert-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-alert-id')))).toEqual(open.map((a: any) => a.id));
    expect(await page.locator('[data-testid="alert-item"][data-acknowledged="true"]').count()).toBe(0);
  });
});
