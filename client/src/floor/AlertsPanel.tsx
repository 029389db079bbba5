import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { AcknowledgeAlertDocument, AlertRaisedDocument, OpenAlertsDocument, type AlertFieldsFragment } from '../gql/graphql';
import { readableErrors } from '../errors';
import { useT, type Translate } from '../i18n/locale';
import { useLive } from '../live/connection';

const SHOWN = 30;

/** Why an acknowledgement failed, in the viewer's language (the server writes English). */
function acknowledgeProblem(error: unknown, t: Translate): { code: string; text: string } | null {
  const [first] = readableErrors(error);
  if (!first) return null;
  switch (first.code) {
    case 'CONFLICT':
      return { code: first.code, text: t('alerts.error.CONFLICT') };
    case 'NOT_FOUND':
      return { code: first.code, text: t('alerts.error.NOT_FOUND') };
    case 'FORBIDDEN':
      return { code: first.code, text: t('error.forbidden') };
    case 'NETWORK_ERROR':
      return { code: first.code, text: t('error.network') };
    default:
      return { code: first.code, text: t('error.internal') };
  }
}

/**
 * The team's open alerts: those stored before the screen opened, then each one raised while it is
 * open, newest first. Those allowed to (the team's supervisor, managers, admins) acknowledge them.
 */
export function AlertsPanel({ teamId, canAcknowledge }: { teamId: string; canAcknowledge: boolean }) {
  const { t, tEnum, time } = useT();
  const { generation } = useLive();
  const { data, refetch } = useQuery(OpenAlertsDocument, { variables: { teamId }, fetchPolicy: 'network-only' });
  const [live, setLive] = useState<AlertFieldsFragment[]>([]);
  const [acknowledged, setAcknowledged] = useState<Record<string, AlertFieldsFragment>>({});
  const [problems, setProblems] = useState<Record<string, { code: string; text: string }>>({});
  const [acknowledge] = useMutation(AcknowledgeAlertDocument);

  // Alerts raised while the socket was down are only in the list: read it again on reconnect.
  useEffect(() => {
    if (generation > 1) void refetch();
  }, [generation, refetch]);

  useSubscription(AlertRaisedDocument, {
    variables: { teamId },
    onData: ({ data: result }) => {
      const alert = result.data?.alertRaised;
      if (alert) setLive((prev) => (prev.some((a) => a.id === alert.id) ? prev : [alert, ...prev].slice(0, SHOWN)));
    },
  });

  const alerts = useMemo(() => {
    const seen = new Set<string>();
    const merged: AlertFieldsFragment[] = [];
    for (const a of [...live, ...(data?.alerts.nodes ?? [])]) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      merged.push(acknowledged[a.id] ?? a);
    }
    return merged.sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt)).slice(0, SHOWN);
  }, [live, data, acknowledged]);

  const onAcknowledge = async (id: string) => {
    setProblems(({ [id]: _, ...rest }) => rest);
    try {
      const result = await acknowledge({ variables: { id } });
      const done = result.data?.acknowledgeAlert;
      if (done) setAcknowledged((prev) => ({ ...prev, [id]: done }));
    } catch (error) {
      const problem = acknowledgeProblem(error, t);
      if (problem) setProblems((prev) => ({ ...prev, [id]: problem }));
    }
  };

  return (
    <section className="panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts.title')}</h2>
      {alerts.length === 0 && <p className="muted">{t('alerts.empty')}</p>}
      <ul className="alerts" data-testid="alerts" aria-live="assertive">
        {alerts.map((a) => {
          const problem = problems[a.id];
          const kind = tEnum('alertKind', a.kind);
          return (
            <li
              key={a.id}
              className={`alert alert-${a.kind.toLowerCase()}${a.acknowledgedAt ? ' alert-acknowledged' : ''}`}
              data-testid="alert-item"
              data-alert-id={a.id}
              data-kind={a.kind}
              data-acknowledged={a.acknowledgedAt ? 'true' : 'false'}
            >
              <strong>{kind}</strong> <time dateTime={a.raisedAt}>{time(a.raisedAt)}</time>
              {a.agent && <span> · {a.agent.name}</span>}
              <p>{a.message}</p>
              {a.acknowledgedAt ? (
                <p className="muted" data-testid="alert-acknowledged">
                  {t('alerts.acknowledgedBy', { name: a.acknowledgedBy?.name ?? '–', time: time(a.acknowledgedAt) })}
                </p>
              ) : (
                canAcknowledge && (
                  <button type="button" onClick={() => void onAcknowledge(a.id)} aria-label={t('alerts.acknowledgeOne', { kind, time: time(a.raisedAt) })} data-testid="alert-acknowledge">
                    {t('alerts.acknowledge')}
                  </button>
                )
              )}
              {problem && (
                <p className="field-error" role="alert" data-testid="alert-error" data-error-code={problem.code}>
                  {problem.text}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
