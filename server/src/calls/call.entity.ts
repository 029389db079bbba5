import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { ContactPoint } from '../customers/contact-point.entity.js';
import { PersonalData } from '../privacy/personal-data.js';
import { Disposition } from './dispositions.js';

export enum CallDirection {
  OUTBOUND = 'OUTBOUND',
  INBOUND = 'INBOUND',
}
registerEnumType(CallDirection, { name: 'CallDirection' });
registerEnumType(Disposition, { name: 'Disposition', description: 'DOMAIN.md §3' });

/** One call with its outcome (DOMAIN.md §3). */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['account', 'startedAt'] })
@Index({ properties: ['agent', 'startedAt'] })
@Index({ properties: ['startedAt'] })
@Index({ properties: ['teamId', 'startedAt'] })
// callLogged reads a team's calls by id (its cursor, the latest one): a seek, not a sort of the team's history.
@Index({ properties: ['teamId', 'id'] })
@Index({ properties: ['disposition', 'startedAt'] })
export class Call extends NodeEntity {
  @ManyToOne(() => Account)
  account!: Account;

  @ManyToOne(() => Agent)
  agent!: Agent;

  /** Denormalised from the agent at the time of the call so team reports need no join through history. */
  @Property({ type: 'integer', nullable: true })
  teamId?: number | null;

  @Field(() => CallDirection)
  @Enum({ items: () => CallDirection })
  direction!: CallDirection;

  @ManyToOne(() => ContactPoint, { nullable: true })
  phone?: ContactPoint | null;

  @Field()
  @PersonalData('PHONE')
  @Property({ type: 'string' })
  phoneNumber!: string;

  @Field()
  @Property({ type: InstantType })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  answeredAt?: Date | null;

  @Field()
  @Property({ type: InstantType })
  endedAt!: Date;

  @Field(() => Int)
  @Property({ type: 'integer' })
  talkSeconds!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  wrapSeconds!: number;

  @Field(() => Disposition)
  @Enum({ items: () => Disposition })
  disposition!: Disposition;

  @Field(() => String, { nullable: true, description: 'The excuse given when the right party was reached.' })
  @Property({ type: 'string', nullable: true })
  reasonCode?: string | null;

  @Field(() => String, { nullable: true })
  @PersonalData('FREE_TEXT')
  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Field(() => String, { nullable: true, description: 'Call model (script) version used.' })
  @Property({ type: 'string', nullable: true })
  scriptVersion?: string | null;

  @Field(() => Date, { nullable: true, description: 'The callback time the customer chose.' })
  @Property({ type: InstantType, nullable: true })
  callbackAt?: Date | null;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();
}
