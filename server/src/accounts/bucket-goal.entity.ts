import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/core';
import { NodeEntity } from '../db/node.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { BUCKETS, type Bucket } from './buckets.js';

export enum BucketGoalMetric {
  CURE_RATE = 'CURE_RATE',
  ROLL_RATE = 'ROLL_RATE',
  COLLECTED_AMOUNT = 'COLLECTED_AMOUNT',
}

/** A manager's goal for one bucket and month (DOMAIN.md §7). Rates are fractions; amounts minor units. */
@Entity()
@Unique({ properties: ['month', 'bucket', 'metric'] })
export class BucketGoal extends NodeEntity {
  @Property({ type: 'string', length: 7 })
  month!: string;

  @Enum({ items: [...BUCKETS] })
  bucket!: Bucket;

  @Enum({ items: () => BucketGoalMetric })
  metric!: BucketGoalMetric;

  @Property({ type: 'double' })
  value!: number;

  @ManyToOne(() => Agent, { nullable: true })
  setBy?: Agent | null;

  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();
}
