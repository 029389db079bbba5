import { Entity, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Money } from '../shared/money.type.js';
import { Account } from './account.entity.js';

/**
 * One instalment the account owes under its contract. The unpaid ones add up to the account's amount
 * due, and the oldest of them dates its delinquency; payments settle them oldest first (DOMAIN.md §4).
 */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['account', 'dueDate'] })
export class AccountDue extends NodeEntity {
  @ManyToOne(() => Account)
  account!: Account;

  @Field()
  @Property({ type: 'string', length: 10 })
  dueDate!: string;

  @Property({ type: moneyColumn() })
  amountMinor!: number;

  @Property({ type: moneyColumn() })
  paidMinor: number & Opt = 0;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  get outstandingMinor(): Opt<number> {
    return this.amountMinor - this.paidMinor;
  }

  @Field(() => Money)
  get amount(): Opt<Money> {
    return Money.of(this.amountMinor, this.currency);
  }

  @Field(() => Money)
  get paidAmount(): Opt<Money> {
    return Money.of(this.paidMinor, this.currency);
  }
}
