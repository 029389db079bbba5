import { Entity, Index, ManyToOne, OneToOne, Property } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { InstantType } from '../db/instant.type.js';
import { NodeEntity } from '../db/node.entity.js';

/**
 * An account handed to one agent by nextAccount. The unique account key is what makes two agents
 * asking at once never get the same account; a lease ends when its agent records a call or it expires.
 */
@Entity()
@Index({ properties: ['agent'] })
export class AccountLease extends NodeEntity {
  @OneToOne(() => Account, (account) => account.lease, { owner: true, unique: true })
  account!: Account;

  @ManyToOne(() => Agent)
  agent!: Agent;

  @Property({ type: InstantType })
  leasedAt!: Date;

  @Property({ type: InstantType })
  expiresAt!: Date;
}
