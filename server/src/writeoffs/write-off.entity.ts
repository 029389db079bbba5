import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Money } from '../shared/money.type.js';

export enum WriteOffStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(WriteOffStatus, { name: 'WriteOffStatus' });

/** Requested by an agent or supervisor, decided by a manager who did not request it (DOMAIN.md §4). */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['account', 'status'] })
export class WriteOff extends NodeEntity {
  @ManyToOne(() => Account)
  account!: Account;

  @Property({ type: moneyColumn() })
  amountMinor!: number;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Field()
  @Property({ type: 'string' })
  reason!: string;

  @Field(() => WriteOffStatus)
  @Enum({ items: () => WriteOffStatus })
  status: WriteOffStatus & Opt = WriteOffStatus.REQUESTED;

  @ManyToOne(() => Agent)
  requestedBy!: Agent;

  @Field(() => Date)
  @Property({ type: InstantType })
  requestedAt: Date & Opt = new Date();

  @ManyToOne(() => Agent, { nullable: true })
  decidedBy?: Agent | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  decidedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  decisionNote?: string | null;

  @Field(() => Money)
  get amount(): Opt<Money> {
    return Money.of(this.amountMinor, this.currency);
  }
}
