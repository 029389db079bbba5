import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gql, login, ok } from '../utils/graphql.js';
import { globalId, sql } from '../utils/oracle.js';
import { NOW } from '../utils/template.js';
import { axeViolations, launchBrowser, openPage, pageErrors, screenshot, screenshotName, signIn } from './utils/browser.js';
import { startDashboardServer, type DashboardServer } from './utils/server.js';

/**
 * The agent desk in Chromium: an agent works an account from the worklist and records a
 * PROMISE_TO_PAY with the keyboard alone; a call the contact policy blocks shows why, and when it
 * becomes allowed, before the agent dials.
 */

const AGENT = 'agent1@demo.test';
const RECORD = `mutation($input: RecordCallInput!) { recordCall(input: $input) { id } }`;

describe('agent desk', () => {
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDashboardServer();
    browser = await launchBrowser();
    page = await openPage(browser);
  });
  afterEach(async (context) => {
    if (page && !page.isClosed()) await screenshot(page, screenshotName('desk', context.task.name));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an agent works the first worklist account and records a PROMISE_TO_PAY with the keyboard alone', async () => {
    await signIn(page, server.origin, AGENT);
    await page.waitForURL(/\/desk$/);
    const first = page.locator('[data-testid="worklist-item"][data-own="true"]').first();
    await first.waitFor();
    const accountId = (await first.getAttribute('data-account-id'))!;
    // The browser's clock runs on from NOW; the server's stands still unless moved: move it past the call.
    server.clock.set(new Date(NOW.getTime() + 30 * 60_000));

    // Keyboard only from here: Tab to the first worklist entry, open it, pick the outcome by its key.
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('capture-form').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('capture-form');
    await expect.poll(() => page.getByTestId('contact-status').getAttribute('data-allowed')).toBe('true');
    const presence = async () => (await sql(server, 'select presence from agent where email = ?', [AGENT]))[0]!.presence;
    // I dials: the agent is ON_CALL from then.
    await page.keyboard.press('i');
    await expect.poll(presence, { timeout: 5_000 }).toBe('ON_CALL');
    await page.keyboard.press('p');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('amount');
    await page.keyboard.type('150.00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('11252026');
    await screenshot(page, 'desk-capture');
    const nextBefore = await page.getByTestId('account-view').count();
    expect(nextBefore).toBe(1);
    await page.keyboard.press('Enter');

    // Recorded, the agent in wrap-up, and the same account still on screen until they move on.
    await expect
      .poll(async () => (await sql(server, `select count(*) as n from promise_to_pay where account_id = ? and amount_minor = 15000 and due_date = '2026-11-25'`, [localOf(accountId)]))[0]!.n, { timeout: 5_000 })
      .toBe(1);
    const call = await sql(server, `select disposition, direction, g.email from call c join agent g on g.id = c.agent_id where c.account_id = ? order by c.id desc limit 1`, [localOf(accountId)]);
    expect(call[0]).toMatchObject({ disposition: 'PROMISE_TO_PAY', direction: 'OUTBOUND', email: AGENT });
    await expect.poll(presence, { timeout: 5_000 }).toBe('WRAP_UP');
    expect(await page.getByTestId('account-view').getAttribute('data-account-id')).toBe(accountId);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('capture-next');

    // Enter again: AVAILABLE, and the next account.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('account-view').getAttribute('data-account-id')).not.toBe(accountId);
    await expect.poll(presence, { timeout: 5_000 }).toBe('AVAILABLE');
    await screenshot(page, 'desk');
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('a blocked call shows the rules that block it and the next allowed time before the agent dials', async () => {
    // A right-party conversation today blocks further calls for 7 x 24 hours (DOMAIN.md §6).
    const [row] = await sql(
      server,
      `select a.id from account a join agent g on g.id = a.assigned_agent_id where g.email = ? and a.status = 'ACTIVE'
         and exists (select 1 from contact_point p where p.customer_id = a.customer_id and p.kind = 'PHONE' and p.status <> 'INVALID' and p.do_not_call = 0)
         order by a.id desc limit 1`,
      [AGENT],
    );
    const accountGid = globalId('Account', Number(row!.id));
    const token = await login(server.url, AGENT);
    ok(
      await gql(
        server.url,
        RECORD,
        {
          input: {
            accountId: accountGid,
            direction: 'INBOUND',
            phoneNumber: '+525511112222',
            startedAt: '2026-11-18T15:40:00.000Z',
            answeredAt: '2026-11-18T15:40:10.000Z',
            endedAt: '2026-11-18T15:45:10.000Z',
            talkSeconds: 300,
            wrapSeconds: 0,
            disposition: 'REFUSED_TO_PAY',
          },
        },
        token,
      ),
    );

    await page.goto(`${server.origin}/desk?account=${encodeURIComponent(accountGid)}`);
    const status = page.getByTestId('contact-status');
    await expect.poll(() => status.getAttribute('data-allowed'), { timeout: 5_000 }).toBe('false');
    const rules = await page.getByTestId('contact-rule').evaluateAll((items) => items.map((i) => i.getAttribute('data-rule')));
    expect(rules).toContain('AFTER_CONVERSATION');
    const next = await page.getByTestId('contact-next').getAttribute('data-next');
    expect(new Date(next!).getTime()).toBeGreaterThanOrEqual(new Date('2026-11-25T15:40:00.000Z').getTime());
    expect(await status.textContent()).toContain('Allowed from');
    // No dialling a blocked phone: the Dial button stays disabled.
    expect(await page.getByTestId('capture-dial').isDisabled()).toBe(true);
    await screenshot(page, 'desk-blocked');
  });
});

function localOf(gid: string): number {
  return Number(Buffer.from(gid, 'base64').toString().split(':')[1]);
}
