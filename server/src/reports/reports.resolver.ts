import { Arg, Ctx, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { BucketEnum } from '../accounts/account.entity.js';
import { BucketGoalMetric } from '../accounts/bucket-goal.entity.js';
import type { Bucket } from '../accounts/buckets.js';
import type { AppContext } from '../graphql/context.js';
import { GOAL_MONTHS_AHEAD } from './reports.service.js';
import { AgingGroupBy, AgingReport, BucketFlowDifference, BucketGoalView, BucketMetrics, RollRateMatrix } from './reports.types.js';

const READERS = 'MANAGER, ADMIN, ANALYST (whole floor), SUPERVISOR (their team\'s accounts); agents are FORBIDDEN.';

@Resolver()
export class ReportsResolver {
  @Query(() => BucketMetrics, {
    description: `${READERS} Month-to-date bucket metrics (DOMAIN.md §7) for a month (YYYY-MM) up to the running one: for each bucket of the month-opening snapshot, its accounts and balance then, how many are now cured (CURRENT), improved, stayed and rolled forward, the cure and roll rates, the payments collected on them in the month (floor time zone), and the month's goals with attainment. Amounts in the floor currency.`,
  })
  bucketMetrics(@Arg('month', { description: 'YYYY-MM.' }) month: string, @Ctx() { em, viewer, services }: AppContext): Promise<BucketMetrics> {
    return services.reports.bucketMetrics(em, viewer, month);
  }

  @Subscription(() => BucketMetrics, {
    description: `${READERS} The running month's bucket metrics, sent again after each committed change that moves them (a payment or reversal, a cure or roll, a write-off, a reassignment, a goal, the day rollover); at most one update a second. A refusal comes at subscribe time.`,
    subscribe: ({ context }) => {
      const { viewer, services } = context as AppContext;
      return services.bucketMetricUpdates.follow(viewer);
    },
  })
  bucketMetricsUpdated(@Root() metrics: BucketMetrics): BucketMetrics {
    return metrics;
  }

  @Query(() => RollRateMatrix, {
    description: `${READERS} Account counts and balances from each bucket of fromMonth's opening snapshot to each bucket of toMonth's, over the accounts in both; toMonth after fromMonth and begun. Amounts in the floor currency.`,
  })
  rollRateMatrix(
    @Arg('fromMonth', { description: 'YYYY-MM.' }) fromMonth: string,
    @Arg('toMonth', { description: 'YYYY-MM.' }) toMonth: string,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<RollRateMatrix> {
    return services.reports.rollRateMatrix(em, viewer, fromMonth, toMonth);
  }

  @Query(() => AgingReport, {
    description: `${READERS} Every account as it is now, counted with its balance per bucket for each product, team or assigned agent. Amounts in the floor currency.`,
  })
  agingReport(@Arg('groupBy', () => AgingGroupBy) groupBy: AgingGroupBy, @Ctx() { em, viewer, services }: AppContext): Promise<AgingReport> {
    return services.reports.agingReport(em, viewer, groupBy);
  }

  @Query(() => [BucketFlowDifference], {
    description:
      'ADMIN: recomputes the pre-aggregated bucket figures behind bucketMetrics and rollRateMatrix from the snapshots, accounts and payments - for the month (YYYY-MM) they open, or all - and lists every stored figure that disagrees; empty when all agree.',
  })
  bucketFlowRecount(
    @Arg('month', () => String, { nullable: true, description: 'YYYY-MM; every month when omitted.' }) month: string | null | undefined,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<BucketFlowDifference[]> {
    return services.reports.bucketFlowRecount(em, viewer, month);
  }

  @Mutation(() => BucketGoalView, {
    description: `MANAGER, ADMIN: sets or replaces a bucket's goal for a month (the running month up to ${GOAL_MONTHS_AHEAD} months ahead), audited. value is a decimal string: a fraction 0-1 for CURE_RATE and ROLL_RATE (e.g. "0.35"), an amount of 0 or more in the floor currency for COLLECTED_AMOUNT (e.g. "125000.00"). Others are FORBIDDEN; bad input is BAD_USER_INPUT naming the argument.`,
  })
  setBucketGoal(
    @Arg('month', { description: 'YYYY-MM.' }) month: string,
    @Arg('bucket', () => BucketEnum) bucket: Bucket,
    @Arg('metric', () => BucketGoalMetric) metric: BucketGoalMetric,
    @Arg('value') value: string,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<BucketGoalView> {
    return services.reports.setBucketGoal(em, viewer, { month, bucket, metric, value });
  }
}
