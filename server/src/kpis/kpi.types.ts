import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../shared/money.type.js';
import { KpiStatus } from './kpi-math.js';
import { Kpi, KpiPeriod, KpiScope } from './target.entity.js';

registerEnumType(KpiStatus, { name: 'KpiStatus', description: 'Pace against the target: AHEAD (>= 1), ON_TRACK (0.9-1), BEHIND (< 0.9).' });

const PACING = {
  target: 'The target of this scope, KPI and period; null when none is set.',
  expectedByNow: 'Target x elapsed share of the period for figures that accumulate (counts, seconds, amounts); the target itself for rates, averages and per-hour figures.',
  attainment: 'Actual / target.',
  pace: 'Actual / expectedByNow.',
};

@ObjectType({ description: 'A count, a number of seconds or a rate (DOMAIN.md §7) with its target and pace.' })
export class KpiFigure {
  @Field(() => Kpi)
  kpi!: Kpi;
  @Field(() => Float, { nullable: true, description: 'The actual figure; null for a rate over nothing (division by zero).' })
  value!: number | null;
  @Field(() => Float, { nullable: true, description: PACING.target })
  target!: number | null;
  @Field(() => Float, { nullable: true, description: PACING.expectedByNow })
  expectedByNow!: number | null;
  @Field(() => Float, { nullable: true, description: PACING.attainment })
  attainment!: number | null;
  @Field(() => Float, { nullable: true, description: PACING.pace })
  pace!: number | null;
  @Field(() => KpiStatus, { nullable: true })
  status!: KpiStatus | null;
}

@ObjectType({ description: 'An amount (DOMAIN.md §7) in the floor currency, with its target and pace.' })
export class KpiAmount {
  @Field(() => Kpi)
  kpi!: Kpi;
  @Field(() => Money, { nullable: true, description: 'The actual amount; null when it is a rate over no connected time.' })
  value!: Money | null;
  @Field(() => Money, { nullable: true, description: PACING.target })
  target!: Money | null;
  @Field(() => Money, { nullable: true, description: PACING.expectedByNow })
  expectedByNow!: Money | null;
  @Field(() => Float, { nullable: true, description: PACING.attainment })
  attainment!: number | null;
  @Field(() => Float, { nullable: true, description: PACING.pace })
  pace!: number | null;
  @Field(() => KpiStatus, { nullable: true })
  status!: KpiStatus | null;
}

@ObjectType({ description: 'Every KPI of DOMAIN.md §7 for one scope and period, as of the moment asked.' })
export class Kpis {
  @Field(() => KpiScope)
  scope!: KpiScope;
  @Field(() => ID, { nullable: true, description: 'The agent or team; null for the floor.' })
  scopeId!: string | null;
  @Field(() => KpiPeriod)
  period!: KpiPeriod;
  @Field(() => GraphQLLocalDate, { description: 'First floor day of the period.' })
  from!: string;
  @Field(() => GraphQLLocalDate, { description: 'Last floor day of the period (inclusive).' })
  to!: string;
  @Field({ description: 'The moment the figures were read.' })
  asOf!: Date;
  @Field(() => Float, { description: 'Elapsed share of the period: of the floor shift (08:00-20:00) for a day, of the business days for a month.' })
  elapsedShare!: number;
  @Field(() => String, { description: 'The currency of every amount (targets included).' })
  currencyCode!: string;

  @Field(() => KpiFigure, { description: 'Outbound calls.' })
  attempts!: KpiFigure;
  @Field(() => KpiFigure, { description: 'Calls (either direction) whose disposition is a contact.' })
  contacts!: KpiFigure;
  @Field(() => KpiFigure, { description: 'Calls whose disposition is a right-party contact.' })
  rightPartyContacts!: KpiFigure;
  @Field(() => KpiFigure, { description: 'contacts / attempts (inbound contacts count, so it can pass 1).' })
  contactRate!: KpiFigure;
  @Field(() => KpiFigure, { description: 'rightPartyContacts / attempts.' })
  rpcRate!: KpiFigure;
  @Field(() => KpiFigure, { description: 'Promises created.' })
  promises!: KpiFigure;
  @Field(() => KpiAmount, { description: 'Sum of the promises created.' })
  promisedAmount!: KpiAmount;
  @Field(() => KpiFigure, { description: 'promises / rightPartyContacts.' })
  ptpRate!: KpiFigure;
  @Field(() => KpiFigure, { description: 'Promises whose grace ended in the period and were KEPT.' })
  promisesKept!: KpiFigure;
  @Field(() => KpiFigure, { description: 'kept / (kept + partially kept + broken) among promises whose grace ended in the period.' })
  promiseKeptRate!: KpiFigure;
  @Field(() => KpiAmount, { description: 'Posted, unreversed payments received in the period on the accounts the scope’s agents held when they posted.' })
  collectedAmount!: KpiAmount;
  @Field(() => KpiFigure)
  talkSeconds!: KpiFigure;
  @Field(() => KpiFigure, { description: 'Talk + wrap-up seconds.' })
  handleSeconds!: KpiFigure;
  @Field(() => KpiFigure, { description: 'handleSeconds / calls with talk > 0.' })
  averageHandleSeconds!: KpiFigure;
  @Field(() => KpiFigure, { description: 'Presence time not OFFLINE, up to now for an interval still open.' })
  connectedSeconds!: KpiFigure;
  @Field(() => KpiFigure, { description: 'handleSeconds / (connectedSeconds - paused seconds).' })
  occupancy!: KpiFigure;
  @Field(() => KpiFigure, { description: 'attempts per connected hour.' })
  callsPerHour!: KpiFigure;
  @Field(() => KpiAmount, { description: 'collectedAmount per connected hour.' })
  collectedPerHour!: KpiAmount;

  @Field(() => Int, { description: 'Every call, either direction.' })
  calls!: number;
  @Field(() => Int, { description: 'Calls with talk > 0.' })
  callsWithTalk!: number;
  @Field(() => Int, { description: 'Paused seconds (part of connectedSeconds).' })
  pausedSeconds!: number;
  @Field(() => Int, { description: 'Promises whose grace ended in the period PARTIALLY_KEPT.' })
  promisesPartiallyKept!: number;
  @Field(() => Int, { description: 'Promises whose grace ended in the period BROKEN.' })
  promisesBroken!: number;
}

@ObjectType({ description: 'One agent of a team ranked by a KPI: a name and a figure, nothing more (DOMAIN.md §1).' })
export class LeaderboardEntry {
  @Field(() => Int, { description: 'Equal figures share a rank (1, 2, 2, 4); agents with no figure come last.' })
  rank!: number;
  @Field(() => ID)
  agentId!: string;
  @Field()
  name!: string;
  @Field(() => Float, { nullable: true, description: 'The figure of a count, seconds or rate KPI; null for an amount KPI or a rate over nothing.' })
  value!: number | null;
  @Field(() => Money, { nullable: true, description: 'The figure of an amount KPI, in the floor currency.' })
  amount!: Money | null;
}

@ObjectType({ description: 'A team’s agents ranked by one KPI over a period.' })
export class Leaderboard {
  @Field(() => ID)
  teamId!: string;
  @Field(() => Kpi)
  kpi!: Kpi;
  @Field(() => KpiPeriod)
  period!: KpiPeriod;
  @Field(() => GraphQLLocalDate)
  from!: string;
  @Field(() => GraphQLLocalDate)
  to!: string;
  @Field()
  asOf!: Date;
  @Field(() => [LeaderboardEntry])
  entries!: LeaderboardEntry[];
}

@ObjectType({ description: 'A target of one scope, KPI and period (DOMAIN.md §7).' })
export class KpiTarget {
  @Field(() => ID)
  id!: string;
  @Field(() => KpiScope)
  scope!: KpiScope;
  @Field(() => ID, { nullable: true, description: 'The agent or team; null for the floor.' })
  scopeId!: string | null;
  @Field(() => Kpi)
  kpi!: Kpi;
  @Field(() => KpiPeriod)
  period!: KpiPeriod;
  @Field(() => GraphQLLocalDate, { description: 'The day, or the first day of the month.' })
  periodStart!: string;
  @Field(() => Float, { nullable: true, description: 'The target of a count, seconds or rate KPI (rates as fractions).' })
  value!: number | null;
  @Field(() => Money, { nullable: true, description: 'The target of an amount KPI, in the floor currency.' })
  amount!: Money | null;
  @Field(() => ID, { nullable: true, description: 'Who set it.' })
  setById!: string | null;
  @Field()
  updatedAt!: Date;
}

@ObjectType({ description: 'A counter that disagrees with the raw records of its day.' })
export class KpiDifference {
  @Field(() => ID)
  agentId!: string;
  @Field(() => KpiPeriod, { description: 'DAY: a day counter against the raw records of the day; MONTH: a month counter against the sum of its day counters.' })
  period!: KpiPeriod;
  @Field(() => GraphQLLocalDate, { description: 'The day, or the first day of the month.' })
  day!: string;
  @Field({ description: 'The counter field, e.g. attempts or collectedAmountMinor (amounts in minor units of the floor currency).' })
  field!: string;
  @Field(() => Float, { description: 'What the counter holds.' })
  counter!: number;
  @Field(() => Float, { description: 'What it should hold: the raw records of the day, or the month’s day counters summed.' })
  recount!: number;
}
