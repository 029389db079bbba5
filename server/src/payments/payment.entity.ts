import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Call } from '../calls/call.entity.js';
import { Money } from '../shared/money.type.js';

export enum PaymentMethod {
  CARD_TERMINAL = 'CARD_TERMINAL',
  ONLINE = 'ONLINE',
  BANK_TRANSFER = 'BANK_TRANSFER',
  CASH = 'CASH',
  CHECK = 'CHECK',
}
export enum PaymentStatus {
  POSTED = 'POSTED',
  REVERSED = 'REVERSED',
}
registerEnumType(PaymentMethod, { name: 'PaymentMethod' });
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });

/** A payment (DOMAIN.md §4). Reversed, never deleted; the idempotency key makes a retry return the first. */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['account', 'receivedAt'] })
@Index({ properties: ['receivedAt'] })
@Index({ properties: ['externalReference'] })
export class Payment extends NodeEntity {
  @ManyToOne(() => Account)
  account!: Account;

  @ManyToOne(() => Agent, { nullable: true })
  agent?: Agent | null;

  @ManyToOne(() => Call, { nullable: true })
  call?: Call | null;

  /** The account's assigned agent when the payment posted: whose collectedAmount it counts in (DOMAIN.md §7). */
  @ManyToOne(() => Agent, { nullable: true })
  creditedTo?: Agent | null;

  @Property({ type: moneyColumn() })
  amountMinor!: number;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Field(() => PaymentMethod)
  @Enum({ items: () => PaymentMethod })
  method!: PaymentMethod;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  externalReference?: string | null;

  @Property({ type: 'string', unique: true })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'Last four digits of the card; never more is stored.' })
  @Property({ type: 'string', length: 4, nullable: true })
  cardLast4?: string | null;

  @Field(() => PaymentStatus)
  @Enum({ items: () => PaymentStatus })
  status: PaymentStatus & Opt = PaymentStatus.POSTED;

  @Field()
  @Property({ type: InstantType })
  receivedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  reversedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  reversalReason?: string | null;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();

  @Field(() => Money)
  get amount(): Opt<Money> {
    return Money.of(this.amountMinor, this.currency);
  }
}
