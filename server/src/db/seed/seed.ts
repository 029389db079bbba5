/**
 * The deterministic demo floor: teams and demo logins, customers with their contact data, accounts in
 * every bucket, 60 days of calls with what they led to, presence, snapshots, targets and goals.
 * Same options (and `now`), same database, row for row.
 */
import type { MikroORM } from '@mikro-orm/core';
import { performance } from 'node:perf_hooks';
import { Agent } from '../../agents/agent.entity.js';
import { seedAccounts } from './accounts.js';
import { BulkWriter } from './bulk.js';
import { seedCalls, type CallHistory } from './calls.js';
import { createContext, type SeedContext, type SeedProgress } from './context.js';
import { seedCustomers } from './customers.js';
import { seedDues } from './dues.js';
import { seedPolicy } from './policy.js';
import { seedPeople } from './people.js';
import { seedSnapshots } from './snapshots.js';
import { seedTargets } from './targets.js';
import { backfillAgentDayCounters } from '../../kpis/kpi-facts.js';
import { BucketFlows } from '../../reports/bucket-flows.js';
import { addDays } from '../../shared/dates.js';

export interface SeedOptions {
  accounts: number;
  now: Date;
  floorTimeZone: string;
  seed?: number;
  /** Collectors, in teams of ten with a supervisor each; by default one per ~600 accounts, at least 40. */
  agents?: number;
  /** Calls of history to aim at (the contact policy leaves a few slots empty); by default ~6.25 per account. */
  calls?: number;
  /** Days of call history, today included; 60 by default. */
  days?: number;
  /**
   * Load as a benchmark floor: secondary indexes built after the rows, no syncing or foreign-key
   * checks during the load, statistics gathered at the end. The rows are the same either way.
   */
  bulkLoad?: boolean;
  onProgress?: (p: SeedProgress) => void;
}

export interface SeedSummary {
  teams: number;
  agents: number;
  customers: number;
  accounts: number;
  calls: number;
  promises: number;
  payments: number;
  plans: number;
  ms: number;
}

export const DEFAULT_SEED = 20_240_601;
/** The tables a large floor fills; their secondary indexes wait for the rows in a bulk load. */
const BULK_TABLES = [
  'agent_status_change', 'customer', 'contact_point', 'contact_point_change', 'account', 'write_off', 'call', 'promise_to_pay',
  'payment', 'payment_plan', 'instalment', 'dispute', 'referral', 'bucket_snapshot', 'account_due',
];
const ACCOUNTS_PER_CUSTOMER = 1.2;

/** True when there is no agent row: nobody could sign in, so the floor has not been seeded. */
export async function isDatabaseEmpty(orm: MikroORM): Promise<boolean> {
  return (await orm.em.fork().count(Agent, {})) === 0;
}

export async function seedDemoFloor(orm: MikroORM, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  if (!Number.isInteger(options.accounts) || options.accounts < 1) throw new RangeError(`accounts must be a whole number >= 1, got ${options.accounts}`);
  if (Number.isNaN(options.now.getTime())) throw new RangeError('now is not a valid date');
  for (const name of ['agents', 'calls', 'days'] as const) {
    const v = options[name];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new RangeError(`${name} must be a whole number >= 1, got ${v}`);
  }
  const writer = new BulkWriter(orm);
  const ctx = createContext(writer, { ...options, seed: options.seed ?? DEFAULT_SEED });

  if (options.bulkLoad) await writer.beginBulkLoad(BULK_TABLES);
  await seedPolicy(ctx);
  const people = await seedPeople(ctx, options.accounts, options.agents);
  const customers = await seedCustomers(ctx, Math.max(1, Math.round(options.accounts / ACCOUNTS_PER_CUSTOMER)));
  const accounts = await seedAccounts(ctx, people, customers, options.accounts);
  const history = await seedCalls(ctx, people, accounts, options.calls);
  const opening = await seedSnapshots(ctx, accounts);
  await seedTargets(ctx, people, history, opening);
  await seedDues(ctx);
  if (options.bulkLoad) await writer.endBulkLoad((done, total) => ctx.progress('indexes', done, total));
  // Every row is in: what the calls decided is applied set-wise (the rows above do not depend on it).
  await applyCallHistory(ctx, history);
  await writer.resetSequences();
  // The rows above went straight to the tables, past the KPI hooks: count them once, set-wise.
  await backfillAgentDayCounters(orm, { floorTimeZone: options.floorTimeZone, from: addDays(ctx.historyStart, -1), to: addDays(ctx.today, 1) });
  ctx.progress('counters', 1, 1);
  // Likewise the bucket figures behind bucketMetrics and rollRateMatrix, from the snapshots, accounts and payments.
  await orm.em.fork().transactional((tx) => new BucketFlows(options.floorTimeZone).rebuild(tx));
  ctx.progress('flows', 1, 1);
  if (options.bulkLoad) await writer.analyze();

  const count = (table: string) => writer.written.get(table) ?? 0;
  return {
    teams: people.teams.length,
    agents: people.agentRows,
    customers: count('customer'),
    accounts: count('account'),
    calls: count('call'),
    promises: count('promise_to_pay'),
    payments: count('payment'),
    plans: count('payment_plan'),
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Accounts are written before their calls (calls reference them), so what the calls decided is applied
 * afterwards with a few set-based updates: the status follows the open plan, referral or dispute, and
 * last_call_id is the highest call id because call ids were handed out in time order.
 */
async function applyCallHistory(ctx: SeedContext, history: CallHistory): Promise<void> {
  const w = ctx.writer;
  await w.transaction(async (trx) => {
    await w.updateIds(trx, 'contact_point', `"status" = 'INVALID'`, history.invalidPhoneIds);
    await w.execute(trx, `update "customer" set "locatable" = 'UNLOCATABLE' where "locatable" = 'LOCATABLE' and not exists (
      select 1 from "contact_point" cp where cp."customer_id" = "customer"."id" and cp."kind" in ('PHONE', 'ADDRESS') and cp."status" <> 'INVALID')`);
    await w.execute(trx, `update "account" set "status" = 'IN_ARRANGEMENT' where "status" = 'ACTIVE'
      and "id" in (select "account_id" from "payment_plan" where "status" = 'ACTIVE')`);
    await w.execute(trx, `update "account" set "status" = 'ROUTED' where "status" in ('ACTIVE', 'IN_ARRANGEMENT')
      and "id" in (select "account_id" from "referral" where "status" = 'OPEN')`);
    await w.execute(trx, `update "account" set "status" = 'DISPUTED' where "status" in ('ACTIVE', 'IN_ARRANGEMENT', 'ROUTED')
      and "id" in (select "account_id" from "dispute" where "status" = 'OPEN')`);
    // Aggregated once and joined, rather than a subquery per account: the same values, in one pass at a million accounts.
    await w.execute(trx, `update "account" set "last_call_id" = m."id"
      from (select "account_id", max("id") as "id" from "call" group by "account_id") m where m."account_id" = "account"."id"`);
    // Each agent's present presence began with their latest change.
    await w.execute(trx, `update "agent" set "presence_change_id" = (select l."id" from "agent_status_change" l
      where l."agent_id" = "agent"."id" order by l."at" desc, l."id" desc limit 1)`);
    // The balance at placement: today's balance plus everything paid since.
    await w.execute(trx, `update "account" set "opening_balance_minor" = "balance_minor" + p."paid"
      from (select "account_id", sum("amount_minor") as "paid" from "payment" where "status" = 'POSTED' group by "account_id") p
      where p."account_id" = "account"."id"`);
  });
  ctx.progress('statuses', 1, 1);
}
