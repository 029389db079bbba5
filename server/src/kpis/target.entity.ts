import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import { Agent } from '../agents/agent.entity.js';

export enum KpiScope {
  AGENT = 'AGENT',
  TEAM = 'TEAM',
  FLOOR = 'FLOOR',
}
export enum KpiPeriod {
  DAY = 'DAY',
  MONTH = 'MONTH',
}
/** The KPIs of DOMAIN.md §7 that can carry a target. */
export enum Kpi {
  ATTEMPTS = 'ATTEMPTS',
  CONTACTS = 'CONTACTS',
  RIGHT_PARTY_CONTACTS = 'RIGHT_PARTY_CONTACTS',
  CONTACT_RATE = 'CONTACT_RATE',
  RPC_RATE = 'RPC_RATE',
  PROMISES = 'PROMISES',
  PROMISED_AMOUNT = 'PROMISED_AMOUNT',
  PTP_RATE = 'PTP_RATE',
  PROMISES_KEPT = 'PROMISES_KEPT',
  PROMISE_KEPT_RATE = 'PROMISE_KEPT_RATE',
  COLLECTED_AMOUNT = 'COLLECTED_AMOUNT',
  TALK_SECONDS = 'TALK_SECONDS',
  HANDLE_SECONDS = 'HANDLE_SECONDS',
  AVERAGE_HANDLE_SECONDS = 'AVERAGE_HANDLE_SECONDS',
  CONNECTED_SECONDS = 'CONNECTED_SECONDS',
  OCCUPANCY = 'OCCUPANCY',
  CALLS_PER_HOUR = 'CALLS_PER_HOUR',
  COLLECTED_PER_HOUR = 'COLLECTED_PER_HOUR',
}
registerEnumType(KpiScope, { name: 'KpiScope' });
registerEnumType(KpiPeriod, { name: 'KpiPeriod' });
registerEnumType(Kpi, { name: 'Kpi' });

/** A target per (scope, KPI, period). Amounts in minor units of the floor currency; rates as fractions. */
@Entity()
@Unique({ properties: ['scope', 'scopeId', 'kpi', 'period', 'periodStart'] })
export class Target extends NodeEntity {
  @Enum({ items: () => KpiScope })
  scope!: KpiScope;

  /** Agent or team id; 0 for the floor, so the unique key works on every database. */
  @Property({ type: 'integer' })
  scopeId!: number;

  @Enum({ items: () => Kpi })
  kpi!: Kpi;

  @Enum({ items: () => KpiPeriod })
  period!: KpiPeriod;

  /** The day, or the first day of the month. */
  @Property({ type: 'string', length: 10 })
  periodStart!: string;

  @Property({ type: 'double' })
  value!: number;

  @ManyToOne(() => Agent, { nullable: true })
  setBy?: Agent | null;

  @Property({ type: InstantType })
  updatedAt: Date & Opt = new Date();
}
