import { Entity, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/core';
import { Agent } from '../agents/agent.entity.js';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';

/**
 * One agent's running figures for one floor day (DOMAIN.md §7), moved by the transaction that records
 * each fact (kpi-counters.ts) with a single additive upsert, so reads never scan raw calls and several
 * server instances stay right together. Team, floor and month figures are sums of these rows.
 * Money is minor units of the floor currency (shared/floor-currency.ts).
 */
@Entity()
@Unique({ properties: ['agent', 'day'] })
@Index({ properties: ['day'] })
export class AgentDayCounter extends NodeEntity {
  @ManyToOne(() => Agent)
  agent!: Agent;

  /** The calendar day in the floor's time zone. */
  @Property({ type: 'string', length: 10 })
  day!: string;

  /** Outbound calls started this day. */
  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  /** Calls (either direction) whose disposition is a contact (§3). */
  @Property({ type: 'integer' })
  contacts: number & Opt = 0;

  @Property({ type: 'integer' })
  rightPartyContacts: number & Opt = 0;

  /** Every call started this day, either direction. */
  @Property({ type: 'integer' })
  calls: number & Opt = 0;

  /** Calls with talk seconds > 0: the denominator of the average handle time. */
  @Property({ type: 'integer' })
  callsWithTalk: number & Opt = 0;

  @Property({ type: 'integer' })
  talkSeconds: number & Opt = 0;

  @Property({ type: 'integer' })
  wrapSeconds: number & Opt = 0;

  /** Promises taken this day (creation), whatever became of them. */
  @Property({ type: 'integer' })
  promises: number & Opt = 0;

  @Property({ type: moneyColumn() })
  promisedAmountMinor: number & Opt = 0;

  /** Promises whose grace ends this day, by their settled status. */
  @Property({ type: 'integer' })
  promisesKept: number & Opt = 0;

  @Property({ type: 'integer' })
  promisesPartiallyKept: number & Opt = 0;

  @Property({ type: 'integer' })
  promisesBroken: number & Opt = 0;

  /** Posted, unreversed payments received this day on the accounts this agent held when they posted. */
  @Property({ type: moneyColumn() })
  collectedAmountMinor: number & Opt = 0;

  /** Closed presence intervals not OFFLINE, the part of them that lies in this day. */
  @Property({ type: 'integer' })
  connectedSeconds: number & Opt = 0;

  @Property({ type: 'integer' })
  pausedSeconds: number & Opt = 0;

  /** Moves with every update: lets a reader tell that figures changed. */
  @Property({ type: 'integer' })
  version: number & Opt = 1;
}
