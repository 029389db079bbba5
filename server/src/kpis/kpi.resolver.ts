import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Ctx, Float, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../graphql/context.js';
import type { LocalDate } from '../shared/dates.js';
import { MoneyInput } from '../shared/money.input.js';
import { KpiDifference, Kpis, KpiTarget, Leaderboard } from './kpi.types.js';
import { Kpi, KpiPeriod, KpiScope } from './target.entity.js';

@Resolver()
export class KpiResolver {
  @Query(() => Kpis, {
    description:
      'Every KPI of DOMAIN.md §7 for an agent, a team (its agents) or the floor, over the floor day or the calendar month of `date`, each with its target and pace. An agent reads their own and their team’s; a supervisor their team and its agents; managers, admins and analysts everything.',
  })
  kpis(
    @Arg('scope', () => KpiScope) scope: KpiScope,
    @Arg('scopeId', () => ID, { nullable: true, description: 'The agent or team; left out for the floor.' }) scopeId: string | null,
    @Arg('period', () => KpiPeriod) period: KpiPeriod,
    @Arg('date', () => GraphQLLocalDate, { description: 'A day of the period, in the floor’s time zone.' }) date: LocalDate,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Kpis> {
    return services.kpis.kpis(em, viewer, { scope, scopeId, period, date });
  }

  @Query(() => Leaderboard, { description: 'A team’s agents ranked by a KPI over the day or month of `date`: names and figures only. Agents see their own team’s.' })
  leaderboard(
    @Arg('teamId', () => ID) teamId: string,
    @Arg('kpi', () => Kpi) kpi: Kpi,
    @Arg('period', () => KpiPeriod) period: KpiPeriod,
    @Arg('date', () => GraphQLLocalDate) date: LocalDate,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Leaderboard> {
    return services.kpis.leaderboard(em, viewer, teamId, kpi, period, date);
  }

  @Mutation(() => KpiTarget, {
    description:
      'Sets the target of a scope, KPI and period (the day, or the month of `date`). A supervisor sets day targets of their team and its agents; a manager or admin any. Amount KPIs take `amount` in the floor currency (MXN), the others `value` (rates as fractions 0-1).',
  })
  setTarget(
    @Arg('scope', () => KpiScope) scope: KpiScope,
    @Arg('scopeId', () => ID, { nullable: true, description: 'The agent or team; left out for the floor.' }) scopeId: string | null,
    @Arg('kpi', () => Kpi) kpi: Kpi,
    @Arg('period', () => KpiPeriod) period: KpiPeriod,
    @Arg('date', () => GraphQLLocalDate) date: LocalDate,
    @Arg('value', () => Float, { nullable: true }) value: number | null,
    @Arg('amount', () => MoneyInput, { nullable: true }) amount: MoneyInput | null,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<KpiTarget> {
    return services.kpis.setTarget(em, viewer, { scope, scopeId, kpi, period, date, value, amount });
  }

  @Query(() => [KpiDifference], { description: 'ADMIN: recounts a floor day from the raw records and lists every counter that disagrees; empty when all agree.' })
  kpiRecount(@Arg('date', () => GraphQLLocalDate) date: LocalDate, @Ctx() { em, viewer, services }: AppContext): Promise<KpiDifference[]> {
    return services.kpis.recount(em, viewer, date);
  }
}
