import { useEffect } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { KpiUpdatedDocument, TeamKpisDocument, type KpiCardsFieldsFragment, type KpiPeriod, type KpiScope } from '../gql/graphql';
import { localDate } from '../format';
import { useLive } from '../live/connection';

/**
 * A scope's KPIs: read once, then followed through kpiUpdated. Whichever answer is newer (asOf)
 * wins, and a reconnect reads them again so nothing missed while offline stays missing.
 */
export function useLiveKpis(scope: KpiScope, scopeId: string | null, period: KpiPeriod): { kpis: KpiCardsFieldsFragment | null; error: unknown } {
  const skip = scope !== 'FLOOR' && !scopeId;
  // Figures move all day: a screen that opens shows the cache at once and reads them again.
  const query = useQuery(TeamKpisDocument, { variables: { scope, scopeId, period, date: localDate() }, skip, fetchPolicy: 'cache-and-network' });
  const live = useSubscription(KpiUpdatedDocument, { variables: { scope, scopeId, period }, skip });
  const { generation } = useLive();
  const { refetch } = query;

  useEffect(() => {
    if (generation > 1 && !skip) void refetch();
  }, [generation, skip, refetch]);

  const read = query.data?.kpis ?? null;
  const pushed = live.data?.kpiUpdated ?? null;
  const kpis = read && pushed ? (Date.parse(pushed.asOf) >= Date.parse(read.asOf) ? pushed : read) : (pushed ?? read);
  return { kpis, error: query.error ?? live.error };
}
