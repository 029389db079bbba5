import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Agent } from '../agents/agent.entity.js';
import { CounterColumns } from './counter-columns.entity.js';

/**
 * One agent's running figures for one floor day (DOMAIN.md §7), moved by the transaction that records
 * each fact (kpi-counters.ts) with a single additive upsert, so reads never scan raw calls and several
 * server instances stay right together. Team and floor figures of a day are sums of these rows.
 */
@Entity()
@Unique({ properties: ['agent', 'day'] })
@Index({ properties: ['day'] })
export class AgentDayCounter extends CounterColumns {
  @ManyToOne(() => Agent)
  agent!: Agent;

  /** The calendar day in the floor's time zone. */
  @Property({ type: 'string', length: 10 })
  day!: string;
}
