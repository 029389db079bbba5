import { Entity, Enum, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Agent } from '../agents/agent.entity.js';
import { InstantType } from '../db/instant.type.js';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';
import { Kpi } from '../kpis/target.entity.js';
import { AlertKind } from '../realtime/topics.js';

/**
 * A manager's setting of one alert rule. One row per kind; only the thresholds of its own kind are set,
 * the others stay null (a pace share means nothing to a pause limit).
 */
@ObjectType({ implements: NodeEntity, description: 'One alert rule as a manager set it; thresholds of other kinds are null.' })
@Entity()
export class AlertRule extends NodeEntity {
  @Field(() => AlertKind)
  @Enum({ items: () => AlertKind, unique: true })
  kind!: AlertKind;

  @Field(() => Boolean, { description: 'A disabled rule raises nothing.' })
  @Property({ type: 'boolean' })
  enabled: boolean & Opt = true;

  /** TEAM_BEHIND_PACE: the share of the shift (0-1] after which a BEHIND status counts. */
  @Field(() => Float, { nullable: true, description: 'TEAM_BEHIND_PACE: share of the shift (0-1] after which a team BEHIND pace is raised.' })
  @Property({ type: 'double', nullable: true })
  shiftShare?: number | null;

  /** TEAM_BEHIND_PACE: the KPIs whose pace is watched (only those with a team target can be BEHIND). */
  @Field(() => [Kpi], { nullable: true, description: 'TEAM_BEHIND_PACE: the KPIs watched; only those with a team target for the day have a pace.' })
  @Property({ type: 'json', nullable: true })
  kpis?: Kpi[] | null;

  /** AGENT_PAUSED_TOO_LONG, AGENT_IN_WRAP_UP_TOO_LONG: how long the status may last. */
  @Field(() => Int, { nullable: true, description: 'AGENT_PAUSED_TOO_LONG, AGENT_IN_WRAP_UP_TOO_LONG: seconds the status may last.' })
  @Property({ type: 'integer', nullable: true })
  limitSeconds?: number | null;

  /** BROKEN_PROMISE: promises of at least this amount, minor units of the floor currency. */
  @Property({ type: moneyColumn(), nullable: true })
  amountMinor?: number | null;

  /** CONTACT_REFUSALS_BURST: this many refusals of one agent ... */
  @Field(() => Int, { nullable: true, description: 'CONTACT_REFUSALS_BURST: refusals of one agent ...' })
  @Property({ type: 'integer', nullable: true })
  refusalCount?: number | null;

  /** ... within this many seconds. */
  @Field(() => Int, { nullable: true, description: 'CONTACT_REFUSALS_BURST: ... within this many seconds.' })
  @Property({ type: 'integer', nullable: true })
  windowSeconds?: number | null;

  @Field(() => Int, { description: 'Optimistic-lock version; send it back as expectedVersion.' })
  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  @ManyToOne(() => Agent, { nullable: true })
  updatedBy?: Agent | null;

  @Field()
  @Property({ type: InstantType })
  updatedAt!: Date;
}
