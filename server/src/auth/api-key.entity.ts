import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Role } from './viewer.js';

/** A key for a BI tool; only its SHA-256 is stored, the key itself is shown once at creation. */
@ObjectType({ implements: NodeEntity })
@Entity()
export class ApiKey extends NodeEntity {
  @Field()
  @Property({ type: 'string' })
  name!: string;

  @Field({ description: 'The first characters of the key, to recognise it.' })
  @Property({ type: 'string' })
  prefix!: string;

  @Property({ type: 'string', unique: true, hidden: true })
  keyHash!: string;

  @Field(() => Role)
  @Enum({ items: () => Role })
  role: Role & Opt = Role.ANALYST;

  @ManyToOne(() => Agent)
  createdBy!: Agent;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  revokedAt?: Date | null;
}
