import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { AccountDue } from '../accounts/account-due.entity.js';
import { Instalment } from '../plans/instalment.entity.js';
import { PromiseToPay } from '../promises/promise-to-pay.entity.js';
import { Payment } from './payment.entity.js';

export enum AllocationTarget {
  DUE = 'DUE',
  PROMISE = 'PROMISE',
  INSTALMENT = 'INSTALMENT',
}

/**
 * What one payment settled, and by how much: a reversal takes back exactly these amounts, so it
 * re-opens whatever the payment had closed (DOMAIN.md §4).
 */
@Entity()
@Index({ properties: ['payment'] })
export class PaymentAllocation extends NodeEntity {
  @ManyToOne(() => Payment)
  payment!: Payment;

  @Enum({ items: () => AllocationTarget })
  target!: AllocationTarget;

  @ManyToOne(() => AccountDue, { nullable: true })
  due?: AccountDue | null;

  @ManyToOne(() => PromiseToPay, { nullable: true })
  promise?: PromiseToPay | null;

  @ManyToOne(() => Instalment, { nullable: true })
  instalment?: Instalment | null;

  @Property({ type: moneyColumn() })
  amountMinor!: number;
}
