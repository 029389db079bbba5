import { InstantType } from '../db/instant.type.js';
import { Cascade, Collection, Entity, Enum, Index, ManyToOne, OneToMany, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Call } from '../calls/call.entity.js';
import { Money } from '../shared/money.type.js';
import { Instalment } from './instalment.entity.js';

export enum PlanStatus {
  PROPOSED = 'PROPOSED',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  BROKEN = 'BROKEN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PlanStatus, { name: 'PlanStatus' });

/** A payment plan (arrangement); a total below the balance makes it a settlement (DOMAIN.md §4). */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['account', 'status'] })
export class PaymentPlan extends NodeEntity {
  @ManyToOne(() => Account)
  account!: Account;

  @ManyToOne(() => Agent)
  agent!: Agent;

  @ManyToOne(() => Call, { nullable: true })
  call?: Call | null;

  @Property({ type: moneyColumn() })
  totalMinor!: number;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: moneyColumn(), comment: 'Balance when proposed; total below it is a settlement discount.' })
  balanceAtProposalMinor!: number;

  @Field(() => PlanStatus)
  @Enum({ items: () => PlanStatus })
  status!: PlanStatus;

  @ManyToOne(() => Agent, { nullable: true })
  decidedBy?: Agent | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected, cancelled or broken.' })
  @Property({ type: 'string', nullable: true })
  statusReason?: string | null;

  @OneToMany(() => Instalment, (i) => i.plan, { cascade: [Cascade.PERSIST], orderBy: { sequence: 'asc' } })
  instalments = new Collection<Instalment>(this);

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  @Field(() => Money)
  get total(): Opt<Money> {
    return Money.of(this.totalMinor, this.currency);
  }

  @Field(() => Boolean, { description: 'The total is below the balance at proposal.' })
  get isSettlement(): Opt<boolean> {
    return this.totalMinor < this.balanceAtProposalMinor;
  }

  @Field(() => Int)
  get instalmentCount(): Opt<number> {
    return this.instalments.isInitialized() ? this.instalments.length : 0;
  }
}
