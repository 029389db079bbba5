import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Call } from '../calls/call.entity.js';
import { Money } from '../shared/money.type.js';

export enum PromiseStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  PENDING = 'PENDING',
  KEPT = 'KEPT',
  PARTIALLY_KEPT = 'PARTIALLY_KEPT',
  BROKEN = 'BROKEN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PromiseStatus, { name: 'PromiseStatus' });

/** A promise to pay (DOMAIN.md §4). */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['account', 'status'] })
@Index({ properties: ['status', 'graceEndsOn'] })
@Index({ properties: ['agent', 'createdAt'] })
export class PromiseToPay extends NodeEntity {
  @ManyToOne(() => Account)
  account!: Account;

  @ManyToOne(() => Agent)
  agent!: Agent;

  @ManyToOne(() => Call, { nullable: true })
  call?: Call | null;

  @Property({ type: moneyColumn() })
  amountMinor!: number;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  /** What payments posted since creation have covered so far. */
  @Property({ type: moneyColumn() })
  paidMinor: number & Opt = 0;

  @Field()
  @Property({ type: 'string', length: 10 })
  dueDate!: string;

  @Field({ description: 'Last day payments count towards the promise (due date + grace).' })
  @Property({ type: 'string', length: 10 })
  graceEndsOn!: string;

  @Field(() => PromiseStatus)
  @Enum({ items: () => PromiseStatus })
  status!: PromiseStatus;

  /** The supervisor who approved or rejected a promise below the minimum acceptable amount. */
  @ManyToOne(() => Agent, { nullable: true })
  decidedBy?: Agent | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected or cancelled.' })
  @Property({ type: 'string', nullable: true })
  statusReason?: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  settledAt?: Date | null;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  @Field(() => Money)
  get amount(): Opt<Money> {
    return Money.of(this.amountMinor, this.currency);
  }

  @Field(() => Money)
  get paidAmount(): Opt<Money> {
    return Money.of(this.paidMinor, this.currency);
  }
}
