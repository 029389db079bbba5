import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';

export enum DisputeChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  LETTER = 'LETTER',
  WEB = 'WEB',
  BRANCH = 'BRANCH',
}
export enum DisputeKind {
  DISPUTE = 'DISPUTE',
  /** Opened by ALREADY_PAID: the customer says the debt was paid. */
  PAYMENT_INVESTIGATION = 'PAYMENT_INVESTIGATION',
}
export enum DisputeStatus {
  OPEN = 'OPEN',
  VALID = 'VALID',
  NOT_VALID = 'NOT_VALID',
}
registerEnumType(DisputeChannel, { name: 'DisputeChannel' });
registerEnumType(DisputeKind, { name: 'DisputeKind' });
registerEnumType(DisputeStatus, { name: 'DisputeStatus' });

/** While OPEN, collection calls about the account stop (DOMAIN.md §5, §6). */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['account', 'status'] })
export class Dispute extends NodeEntity {
  @ManyToOne(() => Account)
  account!: Account;

  @Field(() => DisputeKind)
  @Enum({ items: () => DisputeKind })
  kind: DisputeKind & Opt = DisputeKind.DISPUTE;

  @Field(() => DisputeChannel)
  @Enum({ items: () => DisputeChannel })
  channel!: DisputeChannel;

  @Field()
  @Property({ type: 'string' })
  reason!: string;

  @Field(() => DisputeStatus)
  @Enum({ items: () => DisputeStatus })
  status: DisputeStatus & Opt = DisputeStatus.OPEN;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  resolutionNote?: string | null;

  @ManyToOne(() => Agent)
  openedBy!: Agent;

  @Field(() => Date)
  @Property({ type: InstantType })
  openedAt: Date & Opt = new Date();

  /** What a VALID dispute took off the balance (minor units of the account currency). */
  @Property({ type: moneyColumn(), nullable: true })
  adjustmentMinor?: number | null;

  @ManyToOne(() => Agent, { nullable: true })
  resolvedBy?: Agent | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  resolvedAt?: Date | null;
}
