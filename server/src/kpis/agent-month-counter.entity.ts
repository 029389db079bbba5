import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Agent } from '../agents/agent.entity.js';
import { CounterColumns } from './counter-columns.entity.js';

/**
 * One agent's running figures for one calendar month of floor days: the sum of their day counters of
 * that month, moved by the same upserts in the same transaction. A month's KPIs then read one row per
 * agent however many days and calls the month holds, so they cost the same on a floor of 10M calls as
 * on one of 10k (kpiRecount checks each month row against its days).
 */
@Entity()
@Unique({ properties: ['agent', 'month'] })
@Index({ properties: ['month'] })
export class AgentMonthCounter extends CounterColumns {
  @ManyToOne(() => Agent)
  agent!: Agent;

  /** The calendar month, YYYY-MM: the first seven characters of its days. */
  @Property({ type: 'string', length: 7 })
  month!: string;
}
