import { Entity, Enum, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BucketEnum } from '../accounts/account.entity.js';
import { BUCKETS, type Bucket } from '../accounts/buckets.js';
import { Agent } from '../agents/agent.entity.js';
import { InstantType } from '../db/instant.type.js';
import { NodeEntity } from '../db/node.entity.js';

/**
 * How a bucket is worked (what may be offered without a supervisor, and how urgently), set by a
 * manager. The worklist orders by its priority; plan approval reads its ceilings.
 */
@ObjectType({ implements: NodeEntity })
@Entity()
export class TreatmentStrategy extends NodeEntity {
  @Field(() => BucketEnum)
  @Enum({ items: [...BUCKETS], unique: true })
  bucket!: Bucket;

  @Field(() => Int, { description: 'Lower is worked first.' })
  @Property({ type: 'integer' })
  priority!: number;

  @Field(() => Float, { description: 'Largest settlement discount an agent may agree alone (0-1).' })
  @Property({ type: 'double' })
  maxDiscount!: number;

  @Field(() => Int, { description: 'Most instalments an agent may agree alone.' })
  @Property({ type: 'integer' })
  maxInstalments!: number;

  @ManyToOne(() => Agent, { nullable: true })
  updatedBy?: Agent | null;

  @Field(() => Date)
  @Property({ type: InstantType })
  updatedAt: Date & Opt = new Date();
}
