import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Account } from './account.entity.js';
import { BUCKETS, type Bucket } from './buckets.js';

/** An account's bucket and balance at a month opening (or a day); month-to-date metrics compare against it. */
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
}
