import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { AgentGrid } from '../floor/AgentGrid';
import { KpiCards } from '../floor/KpiCards';
import { LeaderboardPanel } from '../floor/LeaderboardPanel';
import { LiveFeed } from '../floor/LiveFeed';
import { useCallFeed } from '../floor/useCallFeed';
import { useLiveKpis } from '../floor/useLiveKpis';
import { TeamsDocument } from '../gql/graphql';
import { useNow } from '../hooks/useNow';
import { LocaleSwitcher, useT } from '../i18n/locale';
import { LiveIndicator } from '../live/LiveIndicator';
import { Link } from '../router';
import { useMe } from '../session/me';
import { teamAt } from './rotation';

const DEFAULT_SECONDS = 30;

/** The floor on the wall: large type, full screen, each team in turn (?rotate=<seconds>). */
export function WallboardPage() {
  const me = useMe();
  const { t } = useT();
  const own = me.role === 'SUPERVISOR' || me.role === 'AGENT';
  const { data } = useQuery(TeamsDocument, { skip: own });
  const teams = own ? (me.team ? [me.team] : []) : (data?.teams.nodes ?? []);
  const seconds = Number(new URLSearchParams(window.location.search).get('rotate')) || DEFAULT_SECONDS;
  const [startedAt, setStartedAt] = useState(() => Date.now());
  const now = useNow(1000);
  const { team, index, secondsLeft } = teamAt(teams, startedAt, now, seconds);

  const nextTeam = () => setStartedAt((s) => s - (secondsLeft * 1000));
  const fullScreen = () => void document.documentElement.requestFullscreen?.().catch(() => undefined);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLSelectElement) return;
      if (e.key === 'f') fullScreen();
      if (e.key === 'n' || e.key === 'ArrowRight') setStartedAt((s) => s - seconds * 1000);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [seconds]);

  return (
    <div className="wallboard" data-testid="wallboard" data-team-id={team?.id ?? ''}>
      <header className="wallboard-head">
        <h1>{team?.name ?? t('common.loading')}</h1>
        {teams.length > 1 && (
          <p className="wallboard-rotation" data-testid="wallboard-rotation">
            {index + 1} / {teams.length} · {t('wallboard.rotating', { seconds: secondsLeft })}
          </p>
        )}
        <LiveIndicator />
        <div className="wallboard-tools">
          {teams.length > 1 && (
            <button type="button" className="button-quiet" onClick={nextTeam} data-testid="wallboard-next">
              {t('wallboard.next')}
            </button>
          )}
          <button type="button" className="button-quiet" onClick={fullScreen}>
            {t('wallboard.fullscreen')}
          </button>
          <LocaleSwitcher />
          <Link to="/floor">{t('nav.floor')}</Link>
        </div>
      </header>
      <main id="main">{team && <TeamWall key={team.id} teamId={team.id} />}</main>
    </div>
  );
}

function TeamWall({ teamId }: { teamId: string }) {
  const { t } = useT();
  const day = useLiveKpis('TEAM', teamId, 'DAY');
  const calls = useCallFeed(teamId);
  return (
    <>
      <section aria-label={t('floor.today')}>
        {day.kpis && <KpiCards kpis={day.kpis} testPrefix="wall-kpi" large only={['collectedAmount', 'promisedAmount', 'promises', 'rightPartyContacts', 'contactRate']} />}
      </section>
      <div className="wallboard-grid">
        <AgentGrid teamId={teamId} large />
        <LiveFeed calls={calls} limit={8} />
        <LeaderboardPanel teamId={teamId} version={day.kpis?.asOf ?? null} limit={5} choosable={false} />
      </div>
    </>
  );
}
