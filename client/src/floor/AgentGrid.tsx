import { useEffect, useMemo, useState } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { AgentStatusChangedDocument, TeamAgentsDocument } from '../gql/graphql';
import { formatDuration } from '../format';
import { useNow } from '../hooks/useNow';
import { useT } from '../i18n/locale';
import { useLive } from '../live/connection';
import { stateColour, type Presence } from './timeInState';

interface AgentState {
  id: string;
  name: string;
  presence: Presence;
  pauseReason: string | null;
  /** When the state began (ms): the server's presenceSince, or the change heard live; when the screen opened for an agent with no change on record. */
  since: number;
}

/** The team's agents with live status and time in state, coloured at VICIdial's thresholds. */
export function AgentGrid({ teamId, large }: { teamId: string; large?: boolean }) {
  const { t, tEnum } = useT();
  const now = useNow(1000);
  const { data, refetch } = useQuery(TeamAgentsDocument, { variables: { teamId }, fetchPolicy: 'cache-and-network' });
  const [changes, setChanges] = useState<Record<string, { presence: Presence; pauseReason: string | null; since: number; name: string }>>({});
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const { generation } = useLive();

  useEffect(() => {
    setChanges({});
    setLoadedAt(Date.now());
  }, [teamId]);

  // After a reconnect the changes heard before may be stale: read every agent's state again.
  useEffect(() => {
    if (generation <= 1) return;
    void refetch().then(({ data: fresh }) => {
      const now = new Map((fresh?.agents.nodes ?? []).map((a) => [a.id, a.presence]));
      // A change still in force keeps its start; one overtaken while offline is dropped.
      setChanges((prev) => Object.fromEntries(Object.entries(prev).filter(([id, c]) => now.get(id) === c.presence)));
    });
  }, [generation, refetch]);

  useSubscription(AgentStatusChangedDocument, {
    variables: { teamId },
    onData: ({ data: result }) => {
      const change = result.data?.agentStatusChanged;
      if (!change) return;
      setChanges((prev) => ({
        ...prev,
        [change.agent.id]: { presence: change.status, pauseReason: change.pauseReason ?? null, since: Date.parse(change.at), name: change.agent.name },
      }));
    },
  });

  const agents: AgentState[] = useMemo(() => {
    const base = data?.agents.nodes ?? [];
    return base.map((a) => {
      const change = changes[a.id];
      return change
        ? { id: a.id, ...change }
        : { id: a.id, name: a.name, presence: a.presence, pauseReason: a.pauseReason ?? null, since: a.presenceSince ? Date.parse(a.presenceSince) : loadedAt };
    });
  }, [data, changes, loadedAt]);

  return (
    <section className="panel" aria-labelledby="agents-title">
      <h2 id="agents-title">{t('agents.title')}</h2>
      {agents.length === 0 && data ? <p className="muted">{t('agents.empty')}</p> : null}
      <ul className={`agent-grid${large ? ' agent-grid-large' : ''}`} data-testid="agent-grid">
        {agents.map((a) => {
          const seconds = Math.max(0, (now - a.since) / 1000);
          const colour = stateColour(a.presence, seconds);
          return (
            <li
              key={a.id}
              className={`agent-tile state-${colour.name}`}
              style={{ background: colour.background, color: colour.text }}
              data-testid="agent-tile"
              data-agent-id={a.id}
              data-presence={a.presence}
              data-colour={colour.name}
            >
              <span className="agent-name">{a.name}</span>
              <span className="agent-state">
                {tEnum('presence', a.presence)}
                {a.pauseReason ? ` · ${tEnum('pause', a.pauseReason)}` : ''}
              </span>
              {a.presence !== 'OFFLINE' && (
                <span className="agent-time">
                  <span className="visually-hidden">{t('agents.time')} </span>
                  {formatDuration(seconds)}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
