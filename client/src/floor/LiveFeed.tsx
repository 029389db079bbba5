import { localDate } from '../format';
import { useT } from '../i18n/locale';
import type { FeedCall } from './useCallFeed';

/** Call outcomes as they happen, newest first. */
export function LiveFeed({ calls, limit = 15 }: { calls: FeedCall[]; limit?: number }) {
  const { t, tEnum, money, time, instant } = useT();
  const today = localDate();
  // Calls of earlier days (the backlog a fresh screen opens with) carry their date.
  const when = (iso: string) => (localDate(new Date(iso)) === today ? time(iso) : instant(iso));
  return (
    <section className="panel" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('feed.title')}</h2>
      {calls.length === 0 && <p className="muted" data-testid="feed-empty">{t('feed.empty')}</p>}
      <ol className="feed" data-testid="live-feed" aria-live="polite">
        {calls.slice(0, limit).map((c) => (
          <li key={c.callId} className={`feed-item${c.rightPartyContact ? ' feed-rpc' : c.contact ? ' feed-contact' : ''}`} data-testid="feed-item" data-call-id={c.callId} data-disposition={c.disposition}>
            <time dateTime={c.recordedAt} className="feed-time">
              {when(c.recordedAt)}
            </time>
            <span className="feed-agent">{c.agent.name}</span>
            <span className="feed-disposition">{tEnum('disposition', c.disposition)}</span>
            {c.promiseAmount && <span className="feed-amount">{t('feed.promise', { amount: money(c.promiseAmount) })}</span>}
            {c.paymentAmount && <span className="feed-amount">{t('feed.payment', { amount: money(c.paymentAmount) })}</span>}
            {c.planTotal && <span className="feed-amount">{t('feed.plan', { amount: money(c.planTotal) })}</span>}
            {c.account && <span className="feed-account muted">{c.account.externalRef}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
