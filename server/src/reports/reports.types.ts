import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { BucketEnum, Product } from '../accounts/account.entity.js';
import { BucketGoalMetric } from '../accounts/bucket-goal.entity.js';
import type { Bucket } from '../accounts/buckets.js';
import { Money } from '../shared/money.type.js';

registerEnumType(BucketGoalMetric, {
  name: 'BucketGoalMetric',
  description: 'What a bucket goal is set on (DOMAIN.md §7).',
  valuesConfig: {
    CURE_RATE: { description: 'Share of the opening accounts now CURRENT; a fraction 0-1, higher is better.' },
    ROLL_RATE: { description: 'Share of the opening accounts now in a worse bucket; a fraction 0-1, a ceiling: lower is better.' },
    COLLECTED_AMOUNT: { description: 'Posted, unreversed payments received in the month on the opening accounts, in the floor currency.' },
  },
});

export enum AgingGroupBy {
  PRODUCT = 'PRODUCT',
  TEAM = 'TEAM',
  AGENT = 'AGENT',
}
registerEnumType(AgingGroupBy, { name: 'AgingGroupBy', description: 'How the aging report groups accounts: by product, by team, or by assigned agent.' });

const ATTAINMENT = 'Attainment, read the same way for every metric: 1 is on goal, above 1 better, below 1 worse. CURE_RATE and COLLECTED_AMOUNT: actual / goal (null for a goal of 0). ROLL_RATE, a ceiling: (1 - actual) / (1 - goal), the share held over the share the goal allows to be held (null for a goal of 1). Null when the bucket opened empty.';

@ObjectType({ description: 'A rate goal of a bucket and how the month is doing against it.' })
export class RateGoal {
  @Field(() => Float, { description: 'The goal, a fraction 0-1.' })
  goal!: number;

  @Field(() => Float, { nullable: true, description: ATTAINMENT })
  attainment!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'CURE_RATE: actual >= goal; ROLL_RATE: actual <= goal. Null when the bucket opened empty.' })
  met!: boolean | null;
}

@ObjectType({ description: 'An amount goal of a bucket and how the month is doing against it.' })
export class AmountGoal {
  @Field(() => Money, { description: 'The goal for the whole month, in the floor currency.' })
  goal!: Money;

  @Field(() => Float, { nullable: true, description: ATTAINMENT })
  attainment!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'actual >= goal.' })
  met!: boolean | null;
}

@ObjectType({ description: 'What became of the accounts one bucket of the opening snapshot held (DOMAIN.md §7).' })
export class BucketMetricsRow {
  @Field(() => BucketEnum, { description: 'The bucket at the opening snapshot.' })
  bucket!: Bucket;

  @Field(() => Int)
  openingAccounts!: number;

  @Field(() => Money, { description: 'Their balance at the opening snapshot, in the floor currency.' })
  openingBalance!: Money;

  @Field(() => Int, { description: 'Now CURRENT. For the CURRENT bucket: still current (so cured = stayed there).' })
  cured!: number;

  @Field(() => Int, { description: 'Now in a better bucket that is not CURRENT.' })
  improved!: number;

  @Field(() => Int, { description: 'Now in the same bucket.' })
  stayed!: number;

  @Field(() => Int, { description: 'Now in a worse bucket.' })
  rolledForward!: number;

  @Field(() => Float, { nullable: true, description: 'cured / openingAccounts; null when the bucket opened empty.' })
  cureRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'rolledForward / openingAccounts; null when the bucket opened empty.' })
  rollRate!: number | null;

  @Field(() => Money, { description: 'Posted, unreversed payments received in the month (to date) on these accounts, in the floor currency.' })
  collected!: Money;

  @Field(() => RateGoal, { nullable: true, description: 'Null when no CURE_RATE goal is set for the month and bucket.' })
  cureRateGoal!: RateGoal | null;

  @Field(() => RateGoal, { nullable: true, description: 'Null when no ROLL_RATE goal is set for the month and bucket.' })
  rollRateGoal!: RateGoal | null;

  @Field(() => AmountGoal, {
    nullable: true,
    description: 'Null when no COLLECTED_AMOUNT goal is set, and in a report restricted to one team: the goal is for the whole floor.',
  })
  collectedGoal!: AmountGoal | null;
}

@ObjectType({ description: 'Month-to-date bucket metrics (DOMAIN.md §7): each bucket of the month-opening snapshot, compared with now.' })
export class BucketMetrics {
  @Field({ description: 'YYYY-MM.' })
  month!: string;

  @Field({ description: 'The date of the opening snapshot compared against (the first of the month).' })
  openedOn!: string;

  @Field({
    description:
      'The business date the buckets are compared as of: today for the running month; for a past month, the first of the next month (its closing snapshot) when that snapshot exists, else today.',
  })
  asOf!: string;

  @Field({ description: 'True for a past month compared with its closing snapshot: the figures no longer move.' })
  final!: boolean;

  @Field(() => ID, { nullable: true, description: 'The team the report is restricted to (a supervisor sees their team); null for the whole floor.' })
  teamId!: string | null;

  @Field({ description: 'The currency of every amount in the report.' })
  currencyCode!: string;

  @Field(() => [BucketMetricsRow], { description: 'One row per bucket, CURRENT first, zero rows included.' })
  buckets!: BucketMetricsRow[];
}

@ObjectType({ description: 'Accounts that went from one bucket to another between two snapshots.' })
export class RollRateCell {
  @Field(() => BucketEnum)
  to!: Bucket;

  @Field(() => Int)
  accounts!: number;

  @Field(() => Money, { description: 'Their balance at the earlier snapshot, in the floor currency.' })
  fromBalance!: Money;

  @Field(() => Money, { description: 'Their balance at the later snapshot, in the floor currency.' })
  toBalance!: Money;

  @Field(() => Float, { nullable: true, description: "accounts / the row's accounts; null for an empty row." })
  accountShare!: number | null;

  @Field(() => Float, { nullable: true, description: "fromBalance / the row's fromBalance; null when the row holds no balance." })
  balanceShare!: number | null;
}

@ObjectType({ description: 'Where the accounts of one bucket of the earlier snapshot were at the later one.' })
export class RollRateRow {
  @Field(() => BucketEnum)
  from!: Bucket;

  @Field(() => Int)
  accounts!: number;

  @Field(() => Money)
  fromBalance!: Money;

  @Field(() => Money)
  toBalance!: Money;

  @Field(() => [RollRateCell], { description: 'One cell per bucket, CURRENT first, zeros included.' })
  cells!: RollRateCell[];
}

@ObjectType({ description: 'Bucket to bucket between two month-opening snapshots, over the accounts in both.' })
export class RollRateMatrix {
  @Field()
  fromMonth!: string;

  @Field()
  toMonth!: string;

  @Field({ description: 'Date of the earlier snapshot.' })
  fromDate!: string;

  @Field({ description: 'Date of the later snapshot.' })
  toDate!: string;

  @Field(() => ID, { nullable: true, description: 'The team the report is restricted to; null for the whole floor.' })
  teamId!: string | null;

  @Field({ description: 'The currency of every amount in the report.' })
  currencyCode!: string;

  @Field(() => Int, { description: 'Accounts in both snapshots.' })
  accounts!: number;

  @Field(() => [RollRateRow], { description: 'One row per bucket of the earlier snapshot, CURRENT first, zeros included.' })
  rows!: RollRateRow[];
}

@ObjectType({ description: 'Accounts and balance in one bucket.' })
export class AgingCell {
  @Field(() => BucketEnum)
  bucket!: Bucket;

  @Field(() => Int)
  accounts!: number;

  @Field(() => Money, { description: 'In the floor currency.' })
  balance!: Money;
}

@ObjectType({ description: 'One product, team or agent of the aging report (or the total).' })
export class AgingGroup {
  @Field({ description: 'The product; the global id of the team or agent; UNASSIGNED for accounts with none; TOTAL for the total.' })
  key!: string;

  @Field(() => ID, { nullable: true, description: 'Global id of the team or agent; null for products, the unassigned and the total.' })
  id!: string | null;

  @Field({ description: 'The product, team name or agent name, for display.' })
  name!: string;

  @Field(() => Product, { nullable: true, description: 'Set when grouping by PRODUCT.' })
  product!: Product | null;

  @Field(() => Int)
  accounts!: number;

  @Field(() => Money, { description: 'In the floor currency.' })
  balance!: Money;

  @Field(() => [AgingCell], { description: 'One cell per bucket, CURRENT first, zeros included.' })
  buckets!: AgingCell[];
}

@ObjectType({ description: 'Accounts and balance per bucket for each product, team or agent, as they are now.' })
export class AgingReport {
  @Field(() => AgingGroupBy)
  groupBy!: AgingGroupBy;

  @Field({ description: 'The business date the report is as of.' })
  asOf!: string;

  @Field(() => ID, { nullable: true, description: 'The team the report is restricted to; null for the whole floor.' })
  teamId!: string | null;

  @Field({ description: 'The currency of every amount in the report.' })
  currencyCode!: string;

  @Field(() => [AgingGroup], { description: 'Groups that hold accounts, by product order or by name; UNASSIGNED last.' })
  groups!: AgingGroup[];

  @Field(() => AgingGroup, { description: 'Every account of the report.' })
  total!: AgingGroup;
}

@ObjectType('BucketGoal', { description: "A manager's goal for one bucket and month (DOMAIN.md §7)." })
export class BucketGoalView {
  @Field({ description: 'YYYY-MM.' })
  month!: string;

  @Field(() => BucketEnum)
  bucket!: Bucket;

  @Field(() => BucketGoalMetric)
  metric!: BucketGoalMetric;

  @Field({ description: 'The goal as a decimal string: a fraction 0-1 for rates, an amount in the floor currency for COLLECTED_AMOUNT.' })
  value!: string;

  @Field(() => Float, { nullable: true, description: 'For CURE_RATE and ROLL_RATE: the goal as a fraction.' })
  rate!: number | null;

  @Field(() => Money, { nullable: true, description: 'For COLLECTED_AMOUNT: the goal in the floor currency.' })
  amount!: Money | null;
}

export enum BucketFigureKind {
  FLOW = 'FLOW',
  COLLECTED = 'COLLECTED',
}
registerEnumType(BucketFigureKind, {
  name: 'BucketFigureKind',
  description: 'Which pre-aggregated bucket figure: accounts going from bucket to bucket, or payments collected per opening bucket.',
  valuesConfig: {
    FLOW: { description: 'Accounts (and balances) from a bucket of a month-opening snapshot to a bucket of a later snapshot or of now.' },
    COLLECTED: { description: 'Posted, unreversed payments received in a month on the accounts of its opening snapshot, per bucket there.' },
  },
});

@ObjectType({ description: 'A stored bucket figure that disagrees with what the snapshots, accounts and payments give.' })
export class BucketFlowDifference {
  @Field(() => BucketFigureKind)
  kind!: BucketFigureKind;

  @Field(() => GraphQLLocalDate, { description: 'The month-opening snapshot the figure starts from.' })
  openedOn!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The later snapshot of a closed pair; null for the running month (the accounts now) and for collected amounts.' })
  closedOn!: string | null;

  @Field(() => ID, { nullable: true, description: 'The team the figure counts for; null for accounts with no team.' })
  teamId!: string | null;

  @Field(() => BucketEnum, { description: 'The bucket at the opening.' })
  fromBucket!: Bucket;

  @Field(() => BucketEnum, { nullable: true, description: 'The bucket at closedOn or now; null for collected amounts.' })
  toBucket!: Bucket | null;

  @Field()
  currencyCode!: string;

  @Field({ description: 'accounts, fromBalanceMinor, toBalanceMinor or amountMinor (minor units of currencyCode).' })
  field!: string;

  @Field(() => Float, { description: 'What the stored figure holds.' })
  stored!: number;

  @Field(() => Float, { description: 'What the snapshots, accounts and payments give.' })
  recount!: number;
}
