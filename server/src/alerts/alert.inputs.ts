import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../graphql/connection.js';
import { Kpi } from '../kpis/target.entity.js';
import { AlertKind } from '../realtime/topics.js';
import { MoneyInput } from '../shared/money.input.js';

@InputType({ description: 'A change to one alert rule: give only the thresholds of its kind; what is left out stays as it is.' })
export class AlertRuleInput {
  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;

  @Field(() => Float, { nullable: true, description: 'TEAM_BEHIND_PACE: share of the shift, greater than 0 and at most 1.' })
  shiftShare?: number | null;

  @Field(() => [Kpi], { nullable: true, description: 'TEAM_BEHIND_PACE: the KPIs to watch, at least one.' })
  kpis?: Kpi[] | null;

  @Field(() => Int, { nullable: true, description: 'AGENT_PAUSED_TOO_LONG, AGENT_IN_WRAP_UP_TOO_LONG: seconds, 1-86400.' })
  limitSeconds?: number | null;

  @Field(() => MoneyInput, { nullable: true, description: 'BROKEN_PROMISE: the smallest promise that alerts, in the floor currency.' })
  amount?: MoneyInput | null;

  @Field(() => Int, { nullable: true, description: 'CONTACT_REFUSALS_BURST: refusals of one agent, 1-1000 ...' })
  refusalCount?: number | null;

  @Field(() => Int, { nullable: true, description: 'CONTACT_REFUSALS_BURST: ... within this many seconds, 1-86400.' })
  windowSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'The version you read; a rule changed since is CONFLICT.' })
  expectedVersion?: number | null;
}

@ArgsType()
export class AlertsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'A team; agents and supervisors read their own team’s alerts, which is also the default for them.' })
  teamId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: acknowledged alerts only; false: open ones only; left out: both.' })
  acknowledged?: boolean | null;
}
