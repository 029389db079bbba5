import type { ChangeSet, EntityManager, EventSubscriber, FlushEventArgs, Transaction, TransactionEventArgs } from '@mikro-orm/core';
import type { Bucket } from '../accounts/buckets.js';
import { instant } from '../kpis/kpi-counters.js';
import { addMonths, type LocalDate } from '../shared/dates.js';
import { flowTable, type BucketFlows } from './bucket-flows.js';
import { holdFigures, writeFigures, writeHeldFigures, type FigureDeltas } from './held-figures.js';
import {
  bucketFlowDeltas,
  collectedKey,
  paymentCounts,
  RUNNING,
  teamMoves,
  type AccountChange,
  type AccountPosition,
  type FlowFacts,
  type Opening,
  type PaymentCount,
  type PaymentPosition,
} from './flow-deltas.js';

/** Fields whose change moves an account between flow cells or changes a cell's balance. */
const ACCOUNT_FIELDS = ['bucket', 'balanceMinor', 'team', 'currency'] as const;
/** Fields that decide whether, where and how much a payment counts as collected. */
const PAYMENT_FIELDS = ['status', 'amountMinor', 'currency', 'receivedAt', 'account'] as const;

/** Accounts per look-up statement: far below either database's limit on bound values. */
const CHUNK = 500;

type Row = Record<string, unknown>;
type Data = Record<string, unknown>;

/**
 * Keeps the running month's bucket figures (bucket-flow.entity.ts) in step with every account and payment
 * the ORM writes, in the transaction that writes them: watching flushes covers every path at once
 * (payments, reversals, disputes, write-offs, reassignments, plans breaking at the rollover).
 *
 * After each flush the deltas are computed from what the flush wrote and what the database holds in the
 * same transaction. Inside a caller's transaction (em.transactional) they are held and written right
 * before it commits (held-figures.ts), so they commit or roll back with the change; inside a savepoint
 * they are written at once and roll back with it. A flush outside any transaction runs in a transaction
 * of its own that has committed by afterFlush: there they are written on beforeTransactionCommit, which
 * MikroORM raises for a flush's own transaction with its unit of work.
 *
 * The opening bucket and balance of each changed account are read from its snapshot row (one indexed
 * probe per account and month on the unique (taken_on, account_id) key) rather than copied onto the
 * account: the snapshot stays the one record of the opening, and a month opening writes no account rows.
 */
export class BucketFlowKeeper implements EventSubscriber {
  constructor(private readonly flows: BucketFlows) {}

  async afterFlush({ em, uow }: FlushEventArgs): Promise<void> {
    if (!em.isInTransaction()) return;
    const transaction = em.getTransactionContext<Transaction>()!;
    const deltas = await this.deltas(em, uow.getChangeSets(), transaction);
    if (!deltas) return;
    // A savepoint commits nothing by itself: its writes are undone with it if it rolls back.
    if ('savepointName' in (transaction as object)) await writeFigures(em, transaction, deltas);
    else holdFigures(transaction, deltas);
  }

  async beforeTransactionCommit({ em, uow, transaction }: TransactionEventArgs): Promise<void> {
    if (uow) {
      // A flush's own transaction: its deltas are computed and written now.
      const deltas = await this.deltas(em, uow.getChangeSets(), transaction);
      if (deltas) await writeFigures(em, transaction, deltas);
      return;
    }
    await writeHeldFigures(em, transaction);
  }

  /** What a flush's change sets do to the figures; null when nothing that counts changed. */
  private async deltas(em: EntityManager, changeSets: ReadonlyArray<ChangeSet<object>>, ctx: Transaction | undefined): Promise<FigureDeltas | null> {
    const accounts: AccountChange[] = [];
    const payments: PaymentCount[] = [];
    for (const cs of changeSets) {
      if (cs.name === 'Account') {
        const change = accountChange(cs);
        if (change) accounts.push(change);
      } else if (cs.name === 'Payment') {
        const change = paymentChange(cs);
        if (change) payments.push(...paymentCounts(change.before, change.after, this.flows.floorTimeZone));
      }
    }
    if (!accounts.length && !payments.length) return null;

    const run = <T = Row>(sql: string, params: unknown[], method: 'all' | 'run' = 'all') =>
      em.getConnection().execute(sql, params, method, ctx) as Promise<T[]>;
    // The running months, one index probe each (usually one): a DISTINCT would walk every running row, and
    // PostgreSQL, seeing a small table, scans all of it - closed pairs included, which grow every month.
    const runningMonths = new Set(
      (
        await run(
          `with recursive m(opened_on) as (
             select min(opened_on) from ${flowTable(em)} where closed_on = ?
             union all
             select (select min(f.opened_on) from ${flowTable(em, 'f')} where f.closed_on = ? and f.opened_on > m.opened_on) from m where m.opened_on is not null
           ) select opened_on from m where opened_on is not null`,
          [RUNNING, RUNNING],
        )
      ).map((r) => String(r.opened_on)),
    );
    // The months a payment counts in, and the next ones: a closed month's team is the one at the next opening.
    const dates = new Set<LocalDate>(accounts.length ? runningMonths : []);
    for (const p of payments) dates.add(p.openedOn).add(addMonths(p.openedOn, 1));
    if (!dates.size) return null;

    const ids = [...new Set([...accounts.map((a) => a.accountId), ...payments.map((p) => p.accountId)])];
    const openings = new Map<number, Map<LocalDate, Opening>>();
    const teams = new Map<number, number | null>();
    const dateList = [...dates];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      const rows = await run(
        `select a.id as account_id, a.team_id as team_id, s.taken_on as taken_on, s.bucket as bucket, s.balance_minor as balance_minor, s.team_id as snapshot_team_id
         from account a left join bucket_snapshot s on s.taken_on in (${marks(dateList)}) and s.account_id = a.id
         where a.id in (${marks(chunk)})`,
        [...dateList, ...chunk],
      );
      for (const r of rows) {
        const id = Number(r.account_id);
        teams.set(id, r.team_id == null ? null : Number(r.team_id));
        if (r.taken_on == null) continue;
        let byDate = openings.get(id);
        if (!byDate) openings.set(id, (byDate = new Map()));
        byDate.set(String(r.taken_on), { bucket: r.bucket as Bucket, balanceMinor: Number(r.balance_minor), teamId: r.snapshot_team_id == null ? null : Number(r.snapshot_team_id) });
      }
    }

    const collectedNow = new Map<string, number>();
    const moves = teamMoves(accounts, { runningMonths, openings });
    const platform = em.getPlatform();
    for (const month of new Set(moves.map((m) => m.openedOn))) {
      const moved = moves.filter((m) => m.openedOn === month).map((m) => m.accountId);
      const from = platform.processDateProperty(new Date(this.flows.zone.midnight(month)));
      const until = platform.processDateProperty(new Date(this.flows.zone.midnight(addMonths(month, 1))));
      for (let start = 0; start < moved.length; start += CHUNK) {
        const chunk = moved.slice(start, start + CHUNK);
        const rows = await run(
          `select account_id, currency, sum(amount_minor) as amount from payment
           where account_id in (${marks(chunk)}) and status = 'POSTED' and received_at >= ? and received_at < ?
           group by account_id, currency`,
          [...chunk, from, until],
        );
        for (const r of rows) collectedNow.set(collectedKey(Number(r.account_id), month, String(r.currency)), Number(r.amount));
      }
    }

    const facts: FlowFacts = { runningMonths, openings, teams, collectedNow };
    return bucketFlowDeltas(accounts, payments, facts);
  }
}

const marks = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/**
 * A field's value before the flush: from the original data when the flush changed it, otherwise the value
 * now (the original data may not hold fields that were never loaded, and an unchanged field is the same).
 */
function before(cs: ChangeSet<object>, field: string, now: unknown): unknown {
  return cs.payload && field in cs.payload && cs.originalEntity ? (cs.originalEntity as Data)[field] : now;
}

const idOf = (value: unknown): number | null => {
  if (value == null) return null;
  if (typeof value === 'object') return Number((value as { id?: unknown }).id);
  return Number(value);
};

function accountChange(cs: ChangeSet<object>): AccountChange | null {
  const type = String(cs.type);
  if (type.startsWith('update') && !ACCOUNT_FIELDS.some((f) => cs.payload && f in cs.payload)) return null;
  const entity = cs.entity as Data;
  const now: AccountPosition = { teamId: idOf(entity.team), bucket: entity.bucket as Bucket, balanceMinor: Number(entity.balanceMinor), currency: String(entity.currency) };
  const accountId = Number(entity.id ?? cs.originalEntity?.['id' as never]);
  if (type === 'create') return { accountId, before: null, after: now };
  if (type.startsWith('delete')) return { accountId, before: now, after: null };
  return {
    accountId,
    before: {
      teamId: idOf(before(cs, 'team', entity.team)),
      bucket: before(cs, 'bucket', now.bucket) as Bucket,
      balanceMinor: Number(before(cs, 'balanceMinor', now.balanceMinor)),
      currency: String(before(cs, 'currency', now.currency)),
    },
    after: now,
  };
}

function paymentChange(cs: ChangeSet<object>): { before: PaymentPosition | null; after: PaymentPosition | null } | null {
  const type = String(cs.type);
  if (type.startsWith('update') && !PAYMENT_FIELDS.some((f) => cs.payload && f in cs.payload)) return null;
  const entity = cs.entity as Data;
  const now: PaymentPosition = {
    accountId: idOf(entity.account)!,
    status: String(entity.status),
    amountMinor: Number(entity.amountMinor),
    currency: String(entity.currency),
    receivedAt: instant(entity.receivedAt),
  };
  if (type === 'create') return { before: null, after: now };
  if (type.startsWith('delete')) return { before: now, after: null };
  return {
    before: {
      accountId: idOf(before(cs, 'account', entity.account))!,
      status: String(before(cs, 'status', now.status)),
      amountMinor: Number(before(cs, 'amountMinor', now.amountMinor)),
      currency: String(before(cs, 'currency', now.currency)),
      receivedAt: instant(before(cs, 'receivedAt', now.receivedAt)),
    },
    after: now,
  };
}
