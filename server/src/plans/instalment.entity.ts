import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Money } from '../shared/money.type.js';
import type { PaymentPlan } from './payment-plan.entity.js';

export enum InstalmentStatus {
  PENDING = 'PENDING',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  MISSED = 'MISSED',
}
registerEnumType(InstalmentStatus, { name: 'InstalmentStatus' });

@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['plan', 'sequence'] })
@Index({ properties: ['status', 'dueDate'] })
export class Instalment extends NodeEntity {
  @ManyToOne('PaymentPlan')
  plan!: PaymentPlan;

  @Field(() => Int)
  @Property({ type: 'integer' })
  sequence!: number;

  @Field()
  @Property({ type: 'string', length: 10 })
  dueDate!: string;

  @Property({ type: moneyColumn() })
  amountMinor!: number;

  @Property({ type: moneyColumn() })
  paidMinor: number & Opt = 0;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Field(() => InstalmentStatus)
  @Enum({ items: () => InstalmentStatus })
  status: InstalmentStatus & Opt = InstalmentStatus.PENDING;

  @Field(() => Money)
  get amount(): Opt<Money> {
    return Money.of(this.amountMinor, this.currency);
  }

  @Field(() => Money)
  get paidAmount(): Opt<Money> {
    return Money.of(this.paidMinor, this.currency);
  }
}
