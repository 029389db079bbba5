import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { LeaderboardDocument, type Kpi } from '../gql/graphql';
import { localDate } from '../format';
import { useT } from '../i18n/locale';

const RANKED_BY: Kpi[] = ['COLLECTED_AMOUNT', 'PROMISED_AMOUNT', 'PROMISES', 'RIGHT_PARTY_CONTACTS', 'ATTEMPTS'];

/** The team ranked by a KPI today; read again whenever the team's figures move. */
export function LeaderboardPanel({ teamId, version, limit = 10, choosable = true }: { teamId: string; version: string | null; limit?: number; choosable?: boolean }) {
  const { t, tEnum, money, decimal } = useT();
  const [kpi, setKpi] = useState<Kpi>('COLLECTED_AMOUNT');
  const { data, refetch } = useQuery(LeaderboardDocument, {
    variables: { teamId, kpi, period: 'DAY', date: localDate() },
    fetchPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (version) void refetch();
  }, [version, refetch]);
  const entries = data?.leaderboard.entries ?? [];
  return (
    <section className="panel" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">{t('leaderboard.title', { kpi: tEnum('kpi', kpi) })}</h2>
      {choosable && (
        <label className="field-inline">
          <span>{t('leaderboard.rankBy')}</span>
          <select value={kpi} onChange={(e) => setKpi(e.target.value as Kpi)} data-testid="leaderboard-kpi">
            {RANKED_BY.map((k) => (
              <option key={k} value={k}>
                {tEnum('kpi', k)}
              </option>
            ))}
          </select>
        </label>
      )}
      {data && entries.length === 0 && <p className="muted">{t('leaderboard.empty')}</p>}
      <ol className="leaderboard" data-testid="leaderboard">
        {entries.slice(0, limit).map((e) => (
          <li key={e.agentId} data-testid="leaderboard-row" data-agent-id={e.agentId}>
            <span className="rank" aria-label={t('leaderboard.rank')}>
              {e.rank}
            </span>
            <span className="name">{e.name}</span>
            <span className="figure">{e.amount ? money(e.amount, { compact: true }) : e.value !== null && e.value !== undefined ? decimal(e.value) : '–'}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
