import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlEntityManager } from '@mikro-orm/knex';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delinquency } from '../../accounts/buckets.js';
import { localDateIn } from '../../shared/dates.js';
import { migrate, openOrm, type Orm } from '../orm.js';
import { BucketFlows } from '../../reports/bucket-flows.js';
import { RolloverService, SYSTEM } from '../../rollover/rollover.service.js';
import { FixedClock } from '../../shared/clock.js';
import { DEFAULT_POLICY } from '../../shared/policy.js';
import { isDatabaseEmpty, seedDemoFloor, type SeedSummary } from './seed.js';

const NOW = new Date('2026-03-18T16:30:00Z'); // a Wednesday, 10:30 on the floor
const FLOOR_TZ = 'America/Mexico_City';
const TODAY = localDateIn(NOW, FLOOR_TZ);
const ACCOUNTS = 300;
const SEEDED_TABLES = [
  'team', 'agent', 'agent_status_change', 'customer', 'contact_point', 'contact_point_change', 'account', 'write_off',
  'call', 'promise_to_pay', 'payment', 'payment_plan', 'instalment', 'dispute', 'referral', 'bucket_snapshot', 'target', 'bucket_goal',
  'account_due', 'bucket_flow', 'bucket_collected',
];

type R = Record<string, any>;
const dir = mkdtempSync(join(tmpdir(), 'openfloor-seed-'));
let orm: Orm;
let summary: SeedSummary;
let emptyBefore: boolean;

async function open(name: string): Promise<Orm> {
  const sqlitePath = join(dir, `${name}.sqlite`);
  const db = await openOrm({ kind: 'sqlite', url: `sqlite:${sqlitePath}`, sqlitePath }, { migrations: { silent: true } } as never);
  await migrate(db);
  return db;
}
const seed = (db: Orm) => seedDemoFloor(db, { accounts: ACCOUNTS, now: NOW, floorTimeZone: FLOOR_TZ });
const rows = async (sql: string, db: Orm = orm): Promise<R[]> => (db.em as unknown as SqlEntityManager).getKnex().raw(sql);

beforeAll(async () => {
  orm = await open('first');
  emptyBefore = await isDatabaseEmpty(orm);
  summary = await seed(orm);
}, 60_000);

afterAll(async () => {
  await orm?.close(true);
  rmSync(dir, { recursive: true, force: true });
});

describe('seedDemoFloor', () => {
  it('fills an empty database at the requested scale', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(orm)).toBe(false);
    expect(summary).toMatchObject({ teams: 4, agents: 47, customers: 250, accounts: ACCOUNTS });
    expect(summary.calls).toBeGreaterThan(ACCOUNTS);
    expect(summary.promises).toBeGreaterThan(0);
    expect(summary.payments).toBeGreaterThan(0);
  });

  it('creates the 47 demo logins with their roles and teams, all with password "demo"', async () => {
    const agents = await rows('select a.*, t.supervisor_id from agent a left join team t on t.id = a.team_id order by a.id');
    const byEmail = new Map(agents.map((a) => [a.email, a]));
    expect(agents).toHaveLength(47);
    for (let n = 1; n <= 40; n++) expect(byEmail.get(`agent${n}@demo.test`)).toMatchObject({ role: 'AGENT', team_id: Math.ceil(n / 10) });
    for (let t = 1; t <= 4; t++) {
      const supervisor = byEmail.get(`supervisor${t}@demo.test`)!;
      expect(supervisor).toMatchObject({ role: 'SUPERVISOR', team_id: t, supervisor_id: supervisor.id });
    }
    expect(byEmail.get('manager@demo.test')).toMatchObject({ role: 'MANAGER', team_id: null });
    expect(byEmail.get('analyst@demo.test')).toMatchObject({ role: 'ANALYST', team_id: null });
    expect(byEmail.get('admin@demo.test')).toMatchObject({ role: 'ADMIN', team_id: null });
    expect(bcrypt.compareSync('demo', agents[0]!.password_hash)).toBe(true);
  });

  it('stores every account in the bucket its oldest unpaid due date gives on the business date', async () => {
    const accounts = await rows('select * from account');
    expect(new Set(accounts.map((a) => a.bucket)).size).toBe(8);
    for (const a of accounts) {
      const expected = delinquency({ oldestUnpaidDueDate: a.oldest_unpaid_due_date, writtenOff: a.status === 'WRITTEN_OFF' }, TODAY);
      expect({ id: a.id, dpd: a.dpd, bucket: a.bucket }).toEqual({ id: a.id, ...expected });
    }
  });

  it('keeps balances whole, non-negative and at least the amount due; paid-off accounts owe nothing', async () => {
    for (const a of await rows('select * from account')) {
      expect(Number.isInteger(a.balance_minor) && Number.isInteger(a.amount_due_minor)).toBe(true);
      expect(a.balance_minor).toBeGreaterThanOrEqual(0);
      expect(a.amount_due_minor).toBeLessThanOrEqual(a.balance_minor);
      if (a.status === 'PAID_OFF') expect(a).toMatchObject({ balance_minor: 0, amount_due_minor: 0, dpd: 0, bucket: 'CURRENT' });
    }
  });

  it('backs every amount due with unpaid instalments that add up to it, the oldest dating the delinquency', async () => {
    const accounts = await rows(`select a.id, a.amount_due_minor, a.oldest_unpaid_due_date,
      (select coalesce(sum(d.amount_minor - d.paid_minor), 0) from account_due d where d.account_id = a.id) as outstanding,
      (select min(d.due_date) from account_due d where d.account_id = a.id and d.paid_minor < d.amount_minor) as oldest
      from account a`);
    for (const a of accounts) {
      expect(Number(a.outstanding)).toBe(Number(a.amount_due_minor));
      expect(a.oldest ?? null).toBe(a.oldest_unpaid_due_date ?? null);
    }
    expect(accounts.filter((a) => Number(a.outstanding) > 0).length).toBeGreaterThan(ACCOUNTS / 2);
  });

  it('opens every balance at what it is now plus the payments posted since', async () => {
    const accounts = await rows(`select a.balance_minor, a.opening_balance_minor,
      (select coalesce(sum(p.amount_minor), 0) from payment p where p.account_id = a.id and p.status = 'POSTED') as paid from account a`);
    for (const a of accounts) expect(Number(a.opening_balance_minor)).toBe(Number(a.balance_minor) + Number(a.paid));
    expect(accounts.some((a) => Number(a.paid) > 0)).toBe(true);
  });

  it('points every account at its latest call', async () => {
    const latest = await rows(`select a.id, a.last_call_id, (select c.id from call c where c.account_id = a.id order by c.started_at desc, c.id desc limit 1) as latest from account a`);
    for (const a of latest) expect(a.last_call_id).toBe(a.latest);
    expect(latest.filter((a) => a.latest !== null).length).toBeGreaterThan(ACCOUNTS / 2);
  });

  it('derives account statuses from open plans, referrals and disputes', async () => {
    const accounts = await rows(`select a.status,
      exists(select 1 from payment_plan p where p.account_id = a.id and p.status = 'ACTIVE') as plan,
      exists(select 1 from referral r where r.account_id = a.id and r.status = 'OPEN') as referral,
      exists(select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN') as dispute
      from account a where a.status not in ('WRITTEN_OFF', 'PAID_OFF')`);
    for (const a of accounts) {
      const expected = a.dispute ? 'DISPUTED' : a.referral ? 'ROUTED' : a.plan ? 'IN_ARRANGEMENT' : 'ACTIVE';
      expect(a.status).toBe(expected);
    }
  });

  it('splits every plan into 2-12 instalments that add up exactly to its total', async () => {
    const plans = await rows('select p.id, p.total_minor, count(i.id) as n, sum(i.amount_minor) as sum from payment_plan p join instalment i on i.plan_id = p.id group by p.id');
    expect(plans.length).toBe(summary.plans);
    for (const p of plans) {
      expect(p.sum).toBe(p.total_minor);
      expect(p.n).toBeGreaterThanOrEqual(2);
      expect(p.n).toBeLessThanOrEqual(12);
    }
  });

  it('settles promises by the payments posted between their creation and the end of grace (§4)', async () => {
    const promises = await rows(`select * from promise_to_pay where status in ('KEPT', 'PARTIALLY_KEPT', 'BROKEN')`);
    const payments = await rows(`select account_id, amount_minor, received_at from payment where status = 'POSTED'`);
    const byAccount = new Map<number, R[]>();
    for (const p of payments) byAccount.set(p.account_id, [...(byAccount.get(p.account_id) ?? []), p]);
    const statuses = new Set<string>();
    for (const p of promises) {
      const paid = (byAccount.get(p.account_id) ?? [])
        .filter((x) => x.received_at >= p.created_at && localDateIn(new Date(x.received_at), FLOOR_TZ) <= p.grace_ends_on)
        .reduce((sum, x) => sum + x.amount_minor, 0);
      const expected = paid >= p.amount_minor ? 'KEPT' : paid > 0 ? 'PARTIALLY_KEPT' : 'BROKEN';
      expect({ id: p.id, status: p.status, paid: p.paid_minor }).toEqual({ id: p.id, status: expected, paid: Math.min(paid, p.amount_minor) });
      expect(p.grace_ends_on < TODAY).toBe(true);
      statuses.add(p.status);
    }
    expect(statuses).toEqual(new Set(['KEPT', 'PARTIALLY_KEPT', 'BROKEN']));
    for (const p of await rows(`select * from promise_to_pay where status in ('PENDING', 'PENDING_APPROVAL')`)) expect(p.grace_ends_on >= TODAY).toBe(true);
  });

  it('makes outbound calls only inside the customer’s calling window, in every zone of the call (§6)', async () => {
    const calls = await rows(`select c.started_at, p.time_zone as phone_zone, cu.time_zone as home_zone, ad.country
      from call c join contact_point p on p.id = c.phone_id join account a on a.id = c.account_id join customer cu on cu.id = a.customer_id
      join contact_point ad on ad.customer_id = cu.id and ad.kind = 'ADDRESS' where c.direction = 'OUTBOUND'`);
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) {
      const [from, to] = c.country === 'US' ? [8 * 60, 21 * 60] : [7 * 60, 22 * 60];
      for (const zone of [c.phone_zone, c.home_zone]) {
        const minutes = localMinutes(c.started_at, zone);
        expect(minutes >= from && minutes < to, `${new Date(c.started_at).toISOString()} in ${zone}`).toBe(true);
      }
    }
  });

  it('gives the same database for the same options', async () => {
    const again = await open('second');
    try {
      await seed(again);
      for (const table of SEEDED_TABLES) {
        expect(await rows(`select * from "${table}" order by id`, again), table).toEqual(await rows(`select * from "${table}" order by id`));
      }
    } finally {
      await again.close(true);
    }
  }, 60_000);

  it('leaves the day rollover nothing to change on its business date', async () => {
    const fresh = await open('rollover');
    try {
      await seed(fresh);
      const rollover = new RolloverService(new FixedClock(NOW), () => TODAY, DEFAULT_POLICY, new BucketFlows(FLOOR_TZ));
      const summary = await rollover.run(fresh.em.fork(), SYSTEM);
      expect(summary).toMatchObject({ ran: true, accountsRedated: 0, promisesBroken: 0, promisesPartiallyKept: 0, promisesLapsed: 0, instalmentsMissed: 0, plansBroken: 0 });
    } finally {
      await fresh.close(true);
    }
  }, 60_000);
});

function localMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return get('hour') * 60 + get('minute');
}
