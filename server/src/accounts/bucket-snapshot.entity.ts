import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Account } from './account.entity.js';
import { BUCKETS, type Bucket } from './buckets.js';

/**
 * An account's bucket, balance and team at a month opening; month-to-date metrics compare against it, and
 * the team says whose figures the account counted in when a later month opened (reports/bucket-flows.ts).
 */
@Entity()
@Unique({ properties: ['takenOn', 'account'] })
@Index({ properties: ['takenOn', 'bucket'] })
export class BucketSnapshot extends NodeEntity {
  @Property({ type: 'string', length: 10 })
  takenOn!: string;

  @ManyToOne(() => Account)
  account!: Account;

  @Enum({ items: [...BUCKETS] })
  bucket!: Bucket;

  @Property({ type: 'integer' })
  dpd!: number;

  @Property({ type: moneyColumn() })
  balanceMinor!: number;

  /** The team holding the account when the snapshot was taken; null for none. No foreign key: history. */
  @Property({ type: 'integer', nullable: true })
  teamId?: number | null;
}
