import { lazy, Suspense } from 'react';
import { ErrorBanner } from '../components/ErrorBanner';
import { useT } from '../i18n/locale';
import { useMe } from '../session/me';
import { AgentGrid } from './AgentGrid';
import { AlertsPanel } from './AlertsPanel';
import { KpiCards } from './KpiCards';
import { LeaderboardPanel } from './LeaderboardPanel';
import { LiveFeed } from './LiveFeed';
import { useCallFeed } from './useCallFeed';
import { useFloorTeam } from './useFloorTeam';
import { useLiveKpis } from './useLiveKpis';

// The chart library is the largest dependency: loaded with the panel, not with the app.
const BucketPanel = lazy(() => import('./BucketPanel').then((m) => ({ default: m.BucketPanel })));

/** The supervisor's screen: the team's day and month, its agents, and what is happening now. */
export function FloorPage() {
  const { t } = useT();
  const { teamId, teamName, teams, choose } = useFloorTeam();
  if (!teamId) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="floor" data-testid="floor-page" data-team-id={teamId}>
      <div className="page-head">
        <h1>{t('floor.title', { team: teamName })}</h1>
        {teams.length > 1 && (
          <label className="field-inline">
            <span>{t('floor.chooseTeam')}</span>
            <select value={teamId} onChange={(e) => choose(e.target.value)} data-testid="team-picker">
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <TeamFloor key={teamId} teamId={teamId} />
    </div>
  );
}

function TeamFloor({ teamId }: { teamId: string }) {
  const { t } = useT();
  const day = useLiveKpis('TEAM', teamId, 'DAY');
  const month = useLiveKpis('TEAM', teamId, 'MONTH');
  const calls = useCallFeed(teamId);
  // The API lets the team's supervisor, managers and admins acknowledge; agents and analysts only read.
  const { role } = useMe();
  const canAcknowledge = role === 'SUPERVISOR' || role === 'MANAGER' || role === 'ADMIN';
  return (
    <>
      <ErrorBanner error={day.error ?? month.error} testId="floor-error" />
      <section aria-labelledby="today-title">
        <h2 id="today-title">{t('floor.today')}</h2>
        {day.kpis ? <KpiCards kpis={day.kpis} testPrefix="kpi-day" /> : <p className="muted">{t('common.loading')}</p>}
      </section>
      <section aria-labelledby="month-title">
        <h2 id="month-title">{t('floor.month')}</h2>
        {month.kpis ? <KpiCards kpis={month.kpis} testPrefix="kpi-month" /> : <p className="muted">{t('common.loading')}</p>}
      </section>
      <div className="floor-grid">
        <AgentGrid teamId={teamId} />
        <LiveFeed calls={calls} />
        <LeaderboardPanel teamId={teamId} version={day.kpis?.asOf ?? null} />
        <AlertsPanel teamId={teamId} canAcknowledge={canAcknowledge} />
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <BucketPanel />
        </Suspense>
      </div>
    </>
  );
}
