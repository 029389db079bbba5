import { BucketGoalMetric } from '../../accounts/bucket-goal.entity.js';
import { BUCKETS, type Bucket } from '../../accounts/buckets.js';
import { KpiPeriod, KpiScope } from '../../kpis/target.entity.js';
import { addDays, addMonths, firstOfMonth, type LocalDate } from '../../shared/dates.js';
import type { Row } from './bulk.js';
import type { CallHistory } from './calls.js';
import { roundUnits, TARGET_KPIS, type SeedContext, type TargetKpi } from './context.js';
import { isWorkingDay } from './floor-time.js';
import type { People } from './people.js';
import type { OpeningBalances } from './snapshots.js';

const AMOUNT_KPIS = new Set<TargetKpi>(['PROMISED_AMOUNT', 'COLLECTED_AMOUNT']);
/** For CURRENT, "cured" means still current: many accounts here are about to fall due, so the goal is modest. */
const CURE_GOAL: Record<Bucket, number> = { CURRENT: 0.6, B1: 0.45, B2: 0.3, B3: 0.2, B4: 0.12, B5: 0.08, B6: 0.05, CHARGE_OFF: 0.02 };
const ROLL_GOAL: Record<Bucket, number> = { CURRENT: 0.4, B1: 0.25, B2: 0.3, B3: 0.3, B4: 0.3, B5: 0.3, B6: 0.35, CHARGE_OFF: 0 };
/** Share of the bucket's opening balance the manager expects to collect this month. */
const COLLECT_GOAL: Record<Bucket, number> = { CURRENT: 0.03, B1: 0.1, B2: 0.08, B3: 0.06, B4: 0.05, B5: 0.04, B6: 0.03, CHARGE_OFF: 0.01 };

type Figures = Record<TargetKpi, number>;
const zero = (): Figures => ({ ATTEMPTS: 0, RIGHT_PARTY_CONTACTS: 0, PROMISES: 0, PROMISED_AMOUNT: 0, COLLECTED_AMOUNT: 0 });

/**
 * Today's and this month's targets (§7): each collector's daily average over the finished days of the
 * history, stretched 5-15%; teams are the sum of their collectors and the floor the sum of its teams.
 * Amounts are minor units of the floor currency (MXN, see context.ts).
 */
export async function seedTargets(ctx: SeedContext, people: People, history: CallHistory, opening: OpeningBalances): Promise<void> {
  const rng = ctx.rng('targets');
  const days = Math.max(1, history.finishedWorkingDays);
  const monthStart = firstOfMonth(ctx.today);
  const monthDays = workingDaysBetween(monthStart, addMonths(monthStart, 1));
  const dayStamp = new Date(Math.min(ctx.nowMs, ctx.clock.at(ctx.today, 7 * 60 + 30)));
  const monthStamp = new Date(Math.min(ctx.nowMs, ctx.clock.at(monthStart, 7 * 60)));
  const rows: Row[] = [];
  const push = (scope: KpiScope, scopeId: number, figures: Figures, period: KpiPeriod, setBy: number) => {
    for (const kpi of TARGET_KPIS) {
      rows.push({
        id: ctx.nextId('target'),
        scope,
        scope_id: scopeId,
        kpi,
        period,
        period_start: period === KpiPeriod.DAY ? ctx.today : monthStart,
        value: figures[kpi],
        set_by_id: setBy,
        updated_at: period === KpiPeriod.DAY ? dayStamp : monthStamp,
      });
    }
  };
  const floor = { day: zero(), month: zero() };
  for (const team of people.teams) {
    const sums = { day: zero(), month: zero() };
    for (const c of team.collectors) {
      const totals = ctx.tally.of(c.id);
      const stretch = 1.05 + rng.next() * 0.1;
      const day = zero();
      const month = zero();
      for (const kpi of TARGET_KPIS) {
        const round = AMOUNT_KPIS.has(kpi) ? roundUnits : Math.round;
        day[kpi] = round((totals[kpi] / days) * stretch);
        month[kpi] = round((totals[kpi] / days) * stretch * monthDays);
        sums.day[kpi] += day[kpi];
        sums.month[kpi] += month[kpi];
      }
      push(KpiScope.AGENT, c.id, day, KpiPeriod.DAY, team.supervisorId);
      push(KpiScope.AGENT, c.id, month, KpiPeriod.MONTH, people.managerId);
    }
    push(KpiScope.TEAM, team.id, sums.day, KpiPeriod.DAY, team.supervisorId);
    push(KpiScope.TEAM, team.id, sums.month, KpiPeriod.MONTH, people.managerId);
    for (const kpi of TARGET_KPIS) {
      floor.day[kpi] += sums.day[kpi];
      floor.month[kpi] += sums.month[kpi];
    }
  }
  push(KpiScope.FLOOR, 0, floor.day, KpiPeriod.DAY, people.managerId);
  push(KpiScope.FLOOR, 0, floor.month, KpiPeriod.MONTH, people.managerId);

  const goals: Row[] = [];
  for (const bucket of BUCKETS) {
    const goal = (metric: BucketGoalMetric, value: number) =>
      goals.push({ id: ctx.nextId('bucket_goal'), month: monthStart.slice(0, 7), bucket, metric, value, set_by_id: people.managerId, created_at: monthStamp });
    goal(BucketGoalMetric.CURE_RATE, CURE_GOAL[bucket]);
    goal(BucketGoalMetric.ROLL_RATE, ROLL_GOAL[bucket]);
    goal(BucketGoalMetric.COLLECTED_AMOUNT, roundUnits(opening[bucket] * COLLECT_GOAL[bucket]));
  }
  await ctx.writer.transaction(async (trx) => {
    await ctx.writer.insert(trx, 'target', rows);
    await ctx.writer.insert(trx, 'bucket_goal', goals);
  });
  ctx.progress('targets', 1, 1);
}

function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  let n = 0;
  for (let d = from; d < to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}
