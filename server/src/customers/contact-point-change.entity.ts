import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { PersonalData } from '../privacy/personal-data.js';
import { ContactPoint } from './contact-point.entity.js';
import { Customer } from './customer.entity.js';

export enum ContactPointChangeKind {
  ADDED = 'ADDED',
  VERIFIED = 'VERIFIED',
  INVALIDATED = 'INVALIDATED',
  UPDATED = 'UPDATED',
}
registerEnumType(ContactPointChangeKind, { name: 'ContactPointChangeKind' });

/** One change of a contact point: the old and new value, who, when, from which source and why (§5). */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['customer', 'at'] })
export class ContactPointChange extends NodeEntity {
  @ManyToOne(() => Customer)
  customer!: Customer;

  @ManyToOne(() => ContactPoint)
  contactPoint!: ContactPoint;

  @Field(() => ContactPointChangeKind)
  @Enum({ items: () => ContactPointChangeKind })
  change!: ContactPointChangeKind;

  @Field(() => String, { nullable: true })
  @PersonalData('FREE_TEXT')
  @Property({ type: 'string', nullable: true })
  oldValue?: string | null;

  @Field(() => String, { nullable: true })
  @PersonalData('FREE_TEXT')
  @Property({ type: 'string', nullable: true })
  newValue?: string | null;

  @ManyToOne(() => Agent, { nullable: true })
  changedBy?: Agent | null;

  @Field()
  @Property({ type: 'string' })
  source!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  reason?: string | null;

  @Field(() => Date)
  @Property({ type: InstantType })
  at: Date & Opt = new Date();
}
