import { Entity, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { InstantType } from '../db/instant.type.js';
import { NodeEntity } from '../db/node.entity.js';

/** The contact rules of one jurisdiction (DOMAIN.md §6), editable by an admin; portfolios choose one. */
@ObjectType({ implements: NodeEntity })
@Entity()
export class ContactProfile extends NodeEntity {
  @Field({ description: 'e.g. US_FDCPA, MX.' })
  @Property({ type: 'string', unique: true })
  code!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Int, { description: 'Calling window start, minutes after local midnight.' })
  @Property({ type: 'integer' })
  windowStartMinute!: number;

  @Field(() => Int, { description: 'Calling window end (exclusive), minutes after local midnight.' })
  @Property({ type: 'integer' })
  windowEndMinute!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  maxAttempts!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  attemptWindowSeconds!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quietAfterConversationSeconds!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  callbackEarlyMinutes!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  callbackLateMinutes!: number;

  @Field(() => Date)
  @Property({ type: InstantType })
  updatedAt: Date & Opt = new Date();
}
