import { Entity, Enum, Property, Unique, type Opt } from '@mikro-orm/core';
import { BUCKETS, type Bucket } from '../accounts/buckets.js';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';

/**
 * The rows' keys, named so that SQLite can be told to read by them (INDEXED BY): its planner keeps the
 * statistics of the day ANALYZE ran, and a table that grows by a month's pairs every month would
 * otherwise be scanned whole once those statistics say the key is not selective.
 */
export const BUCKET_FLOW_KEY = 'bucket_flow_key';
export const BUCKET_COLLECTED_KEY = 'bucket_collected_key';

/**
 * How many accounts (and how much balance) went from one bucket at a month-opening snapshot to one bucket
 * at a later moment, per team and currency (DOMAIN.md §2, §7): the pre-aggregated form of the bucket
 * reports, so bucketMetrics and rollRateMatrix read a few hundred rows whatever the size of the floor.
 * - closed_on a later snapshot date: a closed pair, written once when that snapshot is taken; the team is
 *   the one holding the account then (bucket_snapshot.team_id).
 * - closed_on RUNNING: the accounts now, kept by every change of an account's bucket, balance or team in
 *   the transaction that makes it (bucket-flow-keeper.ts), and recomputed set-wise by the day rollover.
 * Money is minor units of `currency`; the reports convert to the floor currency.
 */
@Entity()
@Unique({ name: BUCKET_FLOW_KEY, properties: ['closedOn', 'openedOn', 'teamId', 'fromBucket', 'toBucket', 'currency'] })
export class BucketFlow extends NodeEntity {
  /** The month-opening snapshot the accounts are counted from. */
  @Property({ type: 'string', length: 10 })
  openedOn!: string;

  /** A later snapshot date, or RUNNING ('', flow-deltas.ts). */
  @Property({ type: 'string', length: 10 })
  closedOn!: string;

  /** The team at closedOn (the account's team now when RUNNING), or NO_TEAM (0). */
  @Property({ type: 'integer' })
  teamId!: number;

  @Enum({ items: [...BUCKETS] })
  fromBucket!: Bucket;

  @Enum({ items: [...BUCKETS] })
  toBucket!: Bucket;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'integer' })
  accounts: number & Opt = 0;

  /** Balance at openedOn. */
  @Property({ type: moneyColumn() })
  fromBalanceMinor: number & Opt = 0;

  /** Balance at closedOn (now when RUNNING). */
  @Property({ type: moneyColumn() })
  toBalanceMinor: number & Opt = 0;
}

/**
 * Posted, unreversed payments received in a month on the accounts of its opening snapshot, per bucket
 * there, team and currency (DOMAIN.md §7, collected). The team is the account's team now while the month
 * runs, and the team at the next month's opening once that snapshot is taken (the two are the same at
 * that moment, so the rows carry over without a rewrite). Kept with the payments' posting and reversal.
 */
@Entity()
@Unique({ name: BUCKET_COLLECTED_KEY, properties: ['openedOn', 'teamId', 'bucket', 'currency'] })
export class BucketCollected extends NodeEntity {
  /** The month's opening snapshot date (its first day). */
  @Property({ type: 'string', length: 10 })
  openedOn!: string;

  @Property({ type: 'integer' })
  teamId!: number;

  /** The account's bucket at openedOn. */
  @Enum({ items: [...BUCKETS] })
  bucket!: Bucket;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: moneyColumn() })
  amountMinor: number & Opt = 0;
}
