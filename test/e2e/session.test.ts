import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gql, login, ok } from '../utils/graphql.js';
import { globalId, localId, scalar } from '../utils/oracle.js';
import { axeViolations, launchBrowser, openPage, pageErrors, screenshot, screenshotName, signIn } from './utils/browser.js';
import { startDashboardServer, type DashboardServer } from './utils/server.js';

/**
 * The app shell in Chromium: each role's home, a session that survives a reload and ends on sign-out
 * or when its token expires, English and Spanish; the wallboard rotating through the teams; a manager
 * setting a target.
 */

describe('session, language, wallboard and manager', () => {
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDashboardServer();
    browser = await launchBrowser();
  });
  afterEach(async (context) => {
    if (page && !page.isClosed()) await screenshot(page, screenshotName('session', context.task.name));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function freshPage(): Promise<Page> {
    await page?.context().close();
    page = await openPage(browser);
    return page;
  }

  it.each([
    ['agent1@demo.test', '/desk', 'desk-page'],
    ['supervisor1@demo.test', '/floor', 'floor-page'],
    ['manager@demo.test', '/manager', 'manager-page'],
  ])('%s lands on %s', async (email, path, testId) => {
    await freshPage();
    await signIn(page, server.origin, email);
    await page.waitForURL(new RegExp(`${path}$`));
    await page.getByTestId(testId).waitFor();
  });

  it('the session survives a reload and ends on sign-out', async () => {
    await freshPage();
    await signIn(page, server.origin, 'supervisor1@demo.test');
    await page.waitForURL(/\/floor$/);
    await page.reload();
    await page.getByTestId('floor-page').waitFor();
    expect(await page.getByTestId('me-name').textContent()).toBe(await scalarName('supervisor1@demo.test'));

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    await page.reload();
    await page.getByTestId('sign-in-form').waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem('openfloor.token'))).toBeNull();
  });

  it('the session ends when its token expires, and the sign-in page says why', async () => {
    await freshPage();
    await signIn(page, server.origin, 'agent1@demo.test');
    await page.getByTestId('desk-page').waitFor();
    // Tokens last 12 hours on the server's clock; the browser's clock started at the same moment.
    await page.clock.fastForward('12:00:01');
    await page.getByTestId('sign-in-notice').waitFor();
    expect(await page.getByTestId('sign-in-notice').textContent()).toBe('Your session has expired. Sign in again.');
    await screenshot(page, 'session-expired');
  });

  it('switches to Spanish (es-MX) with money and dates formatted for it, and keeps it across a reload', async () => {
    await freshPage();
    await signIn(page, server.origin, 'supervisor1@demo.test');
    await page.getByTestId('kpi-month-collectedAmount').waitFor();
    expect(await page.getByTestId('kpi-month-collectedAmount-value').textContent()).toMatch(/^MX\$[\d,]+$/);

    await page.getByTestId('locale-switcher').selectOption('es-MX');
    await page.getByRole('heading', { name: 'Piso · Team 1' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Este mes', exact: true }).count()).toBe(1);
    expect(await page.getByTestId('kpi-month-collectedAmount-value').textContent()).toMatch(/^\$[\d,]+$/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es-MX');
    await page.reload();
    await page.getByRole('heading', { name: 'Piso · Team 1' }).waitFor();
    await screenshot(page, 'floor-es-MX');
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.getByTestId('locale-switcher').selectOption('en');
    await page.getByRole('heading', { name: 'Floor · Team 1' }).waitFor();
  });

  it('the wallboard fills the screen in large type and rotates through the teams', async () => {
    await freshPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signIn(page, server.origin, 'manager@demo.test');
    await page.goto(`${server.origin}/wallboard?rotate=20`);
    const wall = page.getByTestId('wallboard');
    await page.getByTestId('wall-kpi-collectedAmount').waitFor();
    const first = await wall.getAttribute('data-team-id');
    const fontSize = await page.getByTestId('wall-kpi-collectedAmount-value').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(60);
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status')).toBe('connected');
    await screenshot(page, 'wallboard');
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    await page.clock.runFor(20_000);
    await expect.poll(() => wall.getAttribute('data-team-id')).not.toBe(first);
    await page.keyboard.press('n');
    const teams = new Set([first]);
    teams.add(await wall.getAttribute('data-team-id'));
    await page.clock.runFor(20_000);
    teams.add(await wall.getAttribute('data-team-id'));
    expect(teams.size).toBeGreaterThanOrEqual(3);
  });

  it("a manager sets a team's daily target and the floor reads it", async () => {
    await freshPage();
    await signIn(page, server.origin, 'manager@demo.test');
    await page.getByTestId('team-overview-row').first().waitFor();
    const team2 = globalId('Team', await scalar(server, 'select id from team where name = ?', ['Team 2']));
    await page.getByTestId('target-scope').selectOption(team2);
    await page.getByTestId('target-kpi').selectOption('ATTEMPTS');
    await page.getByTestId('target-value').fill('321');
    await page.getByTestId('target-save').click();
    await page.getByTestId('target-saved').waitFor();
    const token = await login(server.url, 'manager@demo.test');
    const kpis = ok(await gql(server.url, `query($t: ID!) { kpis(scope: TEAM, scopeId: $t, period: DAY, date: "2026-11-18") { attempts { target } } }`, { t: team2 }, token)).kpis;
    expect(kpis.attempts.target).toBe(321);
    await screenshot(page, 'manager');
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    await page.getByTestId('nav-floor').click();
    await page.getByTestId('team-picker').selectOption(team2);
    await expect.poll(() => page.getByTestId('floor-page').getAttribute('data-team-id')).toBe(team2);
    // The card may first show the figures cached before the target changed; the fresh read follows.
    await expect.poll(() => page.getByTestId('kpi-day-attempts').textContent(), { timeout: 5_000 }).toContain('Target 321');
    expect(pageErrors(page)).toEqual([]);
  });

  it('a manager approves a write-off from the floor-wide queue', async () => {
    const [row] = await server
      .orm.em.fork()
      .getConnection()
      .execute(
        `select a.id from account a join agent g on g.id = a.assigned_agent_id where g.email = 'agent5@demo.test' and a.status = 'ACTIVE' order by a.id limit 1`,
      );
    const accountId = globalId('Account', Number(row.id));
    const agent = await login(server.url, 'agent5@demo.test');
    const request = ok(await gql(server.url, 'mutation($a: ID!) { requestWriteOff(accountId: $a, reason: "Customer deceased, no estate") { id status } }', { a: accountId }, agent));
    expect(request.requestWriteOff.status).toBe('REQUESTED');

    await freshPage();
    await signIn(page, server.origin, 'manager@demo.test');
    const queue = page.getByTestId('approvals-writeOffs');
    const item = queue.locator(`[data-testid="approval-item"][data-id="${request.requestWriteOff.id}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('Customer deceased, no estate');
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await item.getByRole('button', { name: /^Approve the write-off of/ }).click();
    await item.waitFor({ state: 'detached' });
    const [status] = await server.orm.em.fork().getConnection().execute('select status from account where id = ?', [Number(row.id)]);
    expect(status.status).toBe('WRITTEN_OFF');
  });

  it("a supervisor rejects a team promise below the minimum from their approvals screen, giving a reason", async () => {
    const [row] = await server
      .orm.em.fork()
      .getConnection()
      .execute(
        `select a.id, a.currency, a.amount_due_minor, g.email from account a join agent g on g.id = a.assigned_agent_id join team t on t.id = a.team_id
         where t.name = 'Team 1' and a.status = 'ACTIVE' and a.amount_due_minor >= 2000000 order by a.id desc limit 1`,
      );
    const agent = await login(server.url, String(row.email));
    const amount = { amount: (Math.floor(Number(row.amount_due_minor) * 0.05) / 100).toFixed(2), currencyCode: row.currency };
    const promise = ok(
      await gql(server.url, 'mutation($i: CreatePromiseInput!) { createPromise(input: $i) { id status } }', { i: { accountId: globalId('Account', Number(row.id)), amount, dueDate: '2026-11-25' } }, agent),
    ).createPromise;
    expect(promise.status).toBe('PENDING_APPROVAL');

    await freshPage();
    await signIn(page, server.origin, 'supervisor1@demo.test');
    await page.getByTestId('nav-approvals').click();
    const item = page.getByTestId('approvals-promises').locator(`[data-testid="approval-item"][data-id="${promise.id}"]`);
    await item.waitFor();
    await item.getByTestId('approval-reject').click();
    await item.getByTestId('approval-reject-confirm').click();
    await item.getByTestId('approval-reason-problem').waitFor();
    await item.getByTestId('approval-reason').fill('Too little for this balance');
    await item.getByTestId('approval-reason').press('Enter');
    await item.waitFor({ state: 'detached' });
    const [stored] = await server.orm.em.fork().getConnection().execute('select status, status_reason from promise_to_pay where id = ?', [localId(promise.id)]);
    expect(stored).toMatchObject({ status: 'CANCELLED', status_reason: 'Too little for this balance' });
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await screenshot(page, 'supervisor-approvals');
  });

  it('a manager changes an alert rule’s limit and it is stored; a stale form is told to reload', async () => {
    await freshPage();
    await signIn(page, server.origin, 'manager@demo.test');
    const rule = page.locator('[data-testid="alert-rule"][data-kind="AGENT_IN_WRAP_UP_TOO_LONG"]');
    await rule.waitFor();
    const version = Number(await rule.getAttribute('data-version'));
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-limitSeconds').fill('0');
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-save').click();
    // The server's range, shown beside the field it names.
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-limitSeconds-problem').waitFor();
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-limitSeconds').fill('420');
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-save').click();
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-saved').waitFor();
    const [stored] = await server.orm.em.fork().getConnection().execute("select limit_seconds, version from alert_rule where kind = 'AGENT_IN_WRAP_UP_TOO_LONG'");
    expect([Number(stored.limit_seconds), Number(stored.version)]).toEqual([420, version + 1]);
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // Someone else changes it meanwhile: saving the form read before is refused, and Reload shows theirs.
    const token = await login(server.url, 'admin@demo.test');
    ok(await gql(server.url, 'mutation { updateAlertRule(input: { kind: AGENT_IN_WRAP_UP_TOO_LONG, limitSeconds: 480 }) { version } }', {}, token));
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-limitSeconds').fill('360');
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-save').click();
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-conflict').waitFor();
    await page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-reload').click();
    await expect.poll(() => page.getByTestId('rule-AGENT_IN_WRAP_UP_TOO_LONG-limitSeconds').inputValue()).toBe('480');
    await screenshot(page, 'manager-alert-rules');
  });

  async function scalarName(email: string): Promise<string> {
    const rows = await server.orm.em.fork().getConnection().execute('select name from agent where email = ?', [email]);
    return String(rows[0].name);
  }
});
