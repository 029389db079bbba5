import { useEffect } from 'react';
import { useQuery } from '@apollo/client/react';
import { LeaderboardDocument } from '../gql/graphql';
import { localDate } from '../format';
import { useT } from '../i18n/locale';

/** The team ranked by collected amount today; read again whenever the team's figures move. */
export function LeaderboardPanel({ teamId, version, limit = 10 }: { teamId: string; version: string | null; limit?: number }) {
  const { t, money, decimal } = useT();
  const { data, refetch } = useQuery(LeaderboardDocument, {
    variables: { teamId, kpi: 'COLLECTED_AMOUNT', period: 'DAY', date: localDate() },
  });
  useEffect(() => {
    if (version) void refetch();
  }, [version, refetch]);
  const entries = data?.leaderboard.entries ?? [];
  return (
    <section className="panel" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">{t('leaderboard.title')}</h2>
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
