import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, OneToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Team } from '../agents/team.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Portfolio } from './portfolio.entity.js';
import { Money } from '../shared/money.type.js';
import type { Call } from '../calls/call.entity.js';
import type { AccountLease } from '../worklists/account-lease.entity.js';
import { BUCKETS, type Bucket } from './buckets.js';

export enum Product {
  CREDIT_CARD = 'CREDIT_CARD',
  PERSONAL_LOAN = 'PERSONAL_LOAN',
  AUTO_LOAN = 'AUTO_LOAN',
  INSURANCE_PREMIUM = 'INSURANCE_PREMIUM',
  MORTGAGE = 'MORTGAGE',
  OVERDRAFT = 'OVERDRAFT',
}

export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  IN_ARRANGEMENT = 'IN_ARRANGEMENT',
  DISPUTED = 'DISPUTED',
  ROUTED = 'ROUTED',
  LEGAL = 'LEGAL',
  WRITTEN_OFF = 'WRITTEN_OFF',
  PAID_OFF = 'PAID_OFF',
  CLOSED = 'CLOSED',
}

/** GraphQL needs an enum object; the rules use the `Bucket` union from buckets.ts. */
export const BucketEnum = Object.fromEntries(BUCKETS.map((b) => [b, b])) as { [K in Bucket]: K };

registerEnumType(Product, { name: 'Product' });
registerEnumType(AccountStatus, { name: 'AccountStatus' });
registerEnumType(BucketEnum, { name: 'Bucket', description: 'Delinquency bucket by days past due (DOMAIN.md §2).' });

/** A debt in the portfolio (DOMAIN.md §2). Money in integer minor units; `version` guards concurrent edits. */
@ObjectType({ implements: NodeEntity })
@Entity()
// Filters of the accounts query, and each order it offers with the id that breaks ties (keyset pages).
// The aging report groups by product, team or agent, then bucket and currency, summing balances: those
// three indexes carry every column it reads, so a million accounts are summed from the index alone.
// An agent's page of one status by balance (their desk's portfolio) walks (agent, status, balance, id) in
// order and stops after the page; its count reads the same range without touching the table.
@Index({ properties: ['assignedAgent', 'bucket', 'currency', 'balanceMinor'] })
@Index({ properties: ['assignedAgent', 'status', 'balanceMinor', 'id'] })
@Index({ properties: ['assignedAgent', 'dpd', 'id'] })
@Index({ properties: ['team', 'bucket', 'currency', 'balanceMinor'] })
@Index({ properties: ['team', 'dpd', 'id'] })
@Index({ properties: ['bucket', 'balanceMinor'] })
@Index({ properties: ['dpd', 'id'] })
@Index({ properties: ['balanceMinor', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['status'] })
@Index({ properties: ['product', 'bucket', 'currency', 'balanceMinor'] })
@Index({ properties: ['currency'] })
export class Account extends NodeEntity {
  @Field({ description: 'The reference of the lender or originating system.' })
  @Property({ type: 'string', unique: true })
  externalRef!: string;

  @ManyToOne(() => Customer)
  customer!: Customer;

  @Field(() => Product)
  @Enum({ items: () => Product })
  product!: Product;

  @Field()
  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: moneyColumn() })
  balanceMinor!: number;

  @Property({ type: moneyColumn() })
  amountDueMinor!: number;

  @Property({ type: moneyColumn() })
  writtenOffMinor: number & Opt = 0;

  /**
   * The balance when the account was placed with collections. Every later change of the balance is a
   * payment, a reversal, a write-off or a dispute adjustment, so the balance can always be checked.
   */
  @Property({ type: moneyColumn() })
  openingBalanceMinor!: number;

  @Field(() => String, { nullable: true, description: 'Date of the oldest unpaid instalment (YYYY-MM-DD); null when nothing is due.' })
  @Property({ type: 'string', length: 10, nullable: true })
  oldestUnpaidDueDate?: string | null;

  @Field(() => Int, { description: 'Days past due at the last business-day rollover.' })
  @Property({ type: 'integer' })
  dpd: number & Opt = 0;

  @Field(() => BucketEnum)
  @Enum({ items: [...BUCKETS] })
  bucket: Bucket & Opt = 'CURRENT';

  @Field(() => AccountStatus)
  @Enum({ items: () => AccountStatus })
  status: AccountStatus & Opt = AccountStatus.ACTIVE;

  @ManyToOne(() => Agent, { nullable: true })
  assignedAgent?: Agent | null;

  @ManyToOne(() => Team, { nullable: true })
  team?: Team | null;

  /** The nextAccount lease on the account, if any (the lease owns the key). */
  @OneToOne('AccountLease', (lease: AccountLease) => lease.account, { nullable: true })
  lease?: AccountLease | null;

  /** Decides the contact profile (jurisdiction) the account is called under. */
  @ManyToOne(() => Portfolio)
  portfolio!: Portfolio;

  @Field(() => Float, { description: 'Estimated propensity to pay, 0-1, used to order worklists.' })
  @Property({ type: 'double' })
  propensityScore: number & Opt = 0.5;

  /** Kept with each recorded call so a portfolio page needs no scan of the call history. */
  @ManyToOne('Call', { nullable: true })
  lastCall?: Call | null;

  @Field()
  @Property({ type: 'string', length: 10 })
  openedOn!: string;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: InstantType, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  @Field(() => Int, { description: 'Optimistic-lock version; send it back with changes.' })
  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  @Field(() => Money)
  get balance(): Opt<Money> {
    return Money.of(this.balanceMinor, this.currency);
  }

  @Field(() => Money)
  get amountDue(): Opt<Money> {
    return Money.of(this.amountDueMinor, this.currency);
  }

  @Field(() => Money)
  get writtenOffAmount(): Opt<Money> {
    return Money.of(this.writtenOffMinor, this.currency);
  }
}
