import { InstantType } from '../db/instant.type.js';
import { Entity, Index, Property, type Opt } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';

/** Who changed what, before and after, when, from which request (DOMAIN.md §8). Append-only. */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['entityType', 'entityId', 'at'] })
@Index({ properties: ['at'] })
export class AuditEvent extends NodeEntity {
  @Field(() => Int, { nullable: true, description: 'Internal id of the acting agent.' })
  @Property({ type: 'integer', nullable: true })
  actorAgentId?: number | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  actorApiKeyId?: number | null;

  @Field()
  @Property({ type: 'string' })
  actorRole!: string;

  @Field({ description: 'The operation, e.g. recordPayment.' })
  @Property({ type: 'string' })
  action!: string;

  @Field()
  @Property({ type: 'string' })
  entityType!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  entityId!: number;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  requestId?: string | null;

  @Field(() => Date)
  @Property({ type: InstantType })
  at: Date & Opt = new Date();
}
