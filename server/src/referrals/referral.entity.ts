import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Call } from '../calls/call.entity.js';

export enum ReferralQueue {
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  RETENTION = 'RETENTION',
  PHONE_BANKING = 'PHONE_BANKING',
  REMEDIAL = 'REMEDIAL',
  SUPERVISOR = 'SUPERVISOR',
  LEGAL = 'LEGAL',
  OUTSIDE_AGENCY = 'OUTSIDE_AGENCY',
}
export enum ReferralStatus {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  RESOLVED = 'RESOLVED',
  RETURNED = 'RETURNED',
}
registerEnumType(ReferralQueue, { name: 'ReferralQueue' });
registerEnumType(ReferralStatus, { name: 'ReferralStatus' });

/** An account (or a call) routed to another area (DOMAIN.md §5). */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['account', 'status'] })
@Index({ properties: ['queue', 'status'] })
export class Referral extends NodeEntity {
  @ManyToOne(() => Account)
  account!: Account;

  @ManyToOne(() => Call, { nullable: true })
  call?: Call | null;

  @Field(() => ReferralQueue)
  @Enum({ items: () => ReferralQueue })
  queue!: ReferralQueue;

  @Field()
  @Property({ type: 'string' })
  reason!: string;

  @Field(() => ReferralStatus)
  @Enum({ items: () => ReferralStatus })
  status: ReferralStatus & Opt = ReferralStatus.OPEN;

  @ManyToOne(() => Agent)
  createdBy!: Agent;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();

  @ManyToOne(() => Agent, { nullable: true })
  handledBy?: Agent | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  acceptedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  closedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  resolution?: string | null;
}
