import type { EntityManager, Transaction } from '@mikro-orm/core';
import { mergeCollectedDeltas, mergeFlowDeltas, type CollectedDelta, type FlowDelta } from './flow-deltas.js';

/**
 * Bucket-figure deltas waiting for their transaction's commit. The rows they move are few and hot (every
 * payment of a team moves its collected row), so they are written once per transaction, right before it
 * commits: each transaction then locks them for the shortest time, and always in one order (flows, then
 * collected, each by key), so two transactions never wait on each other's figure rows crosswise - which
 * one write per flush could do (one transaction's first flush and another's second touching the same
 * two rows in opposite orders).
 */
export interface FigureDeltas {
  flows: FlowDelta[];
  collected: CollectedDelta[];
}

const held = new WeakMap<object, FigureDeltas>();

/** Rows per statement: far below either database's limit on bound values. */
const CHUNK = 500;

/** Keeps deltas computed in a transaction for its commit. */
export function holdFigures(transaction: Transaction, deltas: FigureDeltas): void {
  const waiting = held.get(transaction as object);
  if (waiting) {
    waiting.flows.push(...deltas.flows);
    waiting.collected.push(...deltas.collected);
  } else {
    held.set(transaction as object, { flows: [...deltas.flows], collected: [...deltas.collected] });
  }
}

/**
 * Writes what a transaction holds: at its commit, or earlier when set-wise SQL is about to recompute the
 * figures (the deltas must land first, or the recomputed rows would count them twice).
 */
export async function writeHeldFigures(em: EntityManager, transaction: Transaction | undefined = em.getTransactionContext()): Promise<void> {
  if (!transaction) return;
  const waiting = held.get(transaction as object);
  if (!waiting) return;
  held.delete(transaction as object);
  await writeFigures(em, transaction, waiting);
}

// Additive on both databases: concurrent transactions each add their part; nothing is read first.
export async function writeFigures(em: EntityManager, transaction: Transaction | undefined, deltas: FigureDeltas): Promise<void> {
  const run = (sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'run', transaction);
  const flows = mergeFlowDeltas(deltas.flows);
  for (let start = 0; start < flows.length; start += CHUNK) {
    const chunk = flows.slice(start, start + CHUNK);
    await run(
      `insert into bucket_flow (opened_on, closed_on, team_id, from_bucket, to_bucket, currency, accounts, from_balance_minor, to_balance_minor)
       values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       on conflict (closed_on, opened_on, team_id, from_bucket, to_bucket, currency) do update set
         accounts = bucket_flow.accounts + excluded.accounts,
         from_balance_minor = bucket_flow.from_balance_minor + excluded.from_balance_minor,
         to_balance_minor = bucket_flow.to_balance_minor + excluded.to_balance_minor`,
      chunk.flatMap((d) => [d.openedOn, d.closedOn, d.teamId, d.from, d.to, d.currency, d.accounts, d.fromBalanceMinor, d.toBalanceMinor]),
    );
  }
  const collected = mergeCollectedDeltas(deltas.collected);
  for (let start = 0; start < collected.length; start += CHUNK) {
    const chunk = collected.slice(start, start + CHUNK);
    await run(
      `insert into bucket_collected (opened_on, team_id, bucket, currency, amount_minor)
       values ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       on conflict (opened_on, team_id, bucket, currency) do update set amount_minor = bucket_collected.amount_minor + excluded.amount_minor`,
      chunk.flatMap((d) => [d.openedOn, d.teamId, d.bucket, d.currency, d.amountMinor]),
    );
  }
}
