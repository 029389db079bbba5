import { InstantType } from '../db/instant.type.js';
import { Entity, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import type { Agent } from './agent.entity.js';

@ObjectType({ implements: NodeEntity })
@Entity()
export class Team extends NodeEntity {
  @Field()
  @Property({ type: 'string', unique: true })
  name!: string;

  @ManyToOne('Agent', { nullable: true })
  supervisor?: Agent | null;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();
}
