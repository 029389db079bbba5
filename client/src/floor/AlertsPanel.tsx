import { useState } from 'react';
import { useSubscription } from '@apollo/client/react';
import { AlertRaisedDocument, type AlertRaisedSubscription } from '../gql/graphql';
import { useT } from '../i18n/locale';

type Alert = AlertRaisedSubscription['alertRaised'];

/** Alerts raised for the team while the screen is open, newest first. */
export function AlertsPanel({ teamId }: { teamId: string }) {
  const { t, tEnum, time } = useT();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useSubscription(AlertRaisedDocument, {
    variables: { teamId },
    onData: ({ data: result }) => {
      const alert = result.data?.alertRaised;
      if (alert) setAlerts((prev) => (prev.some((a) => a.id === alert.id) ? prev : [alert, ...prev].slice(0, 30)));
    },
  });
  return (
    <section className="panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts.title')}</h2>
      {alerts.length === 0 && <p className="muted">{t('alerts.empty')}</p>}
      <ul className="alerts" data-testid="alerts" aria-live="assertive">
        {alerts.map((a) => (
          <li key={a.id} className={`alert alert-${a.kind.toLowerCase()}`} data-testid="alert-item" data-kind={a.kind}>
            <strong>{tEnum('alertKind', a.kind)}</strong> <time dateTime={a.raisedAt}>{time(a.raisedAt)}</time>
            <p>{a.message}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
