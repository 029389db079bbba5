import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { AppContext } from '../graphql/context.js';
import type { KpiFollowArgs } from './kpi-updates.js';
import { Kpis } from './kpi.types.js';
import { KpiPeriod, KpiScope } from './target.entity.js';

@Resolver()
export class KpiUpdatedResolver {
  @Subscription(() => Kpis, {
    description:
      'The KPIs of a scope for the current day or month, sent after each committed change that moves them; at most 4 updates a second. Who may follow what is as for `kpis`; a refusal comes at subscribe time.',
    subscribe: ({ args, context }) => {
      const ctx = context as AppContext;
      return ctx.services.kpiUpdates.follow(ctx.em, ctx.viewer, args as KpiFollowArgs);
    },
  })
  kpiUpdated(
    @Root() kpis: Kpis,
    @Arg('scope', () => KpiScope) _scope: KpiScope,
    @Arg('scopeId', () => ID, { nullable: true, description: 'The agent or team; left out for the floor.' }) _scopeId: string | null,
    @Arg('period', () => KpiPeriod) _period: KpiPeriod,
  ): Kpis {
    return kpis;
  }
}
