import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorBanner } from '../components/ErrorBanner';
import { useT } from '../i18n/locale';

interface DecisionItemProps {
  id: string;
  kind: 'writeOff' | 'promise' | 'plan';
  children: ReactNode;
  /** What the buttons are about, for screen readers ("the promise of MX$150 on CC-0000301"). */
  subject: string;
  approve: () => Promise<unknown>;
  reject: (reason: string) => Promise<unknown>;
}

/** One request awaiting a decision: approve at once, or reject with a reason (the API requires one). */
export function DecisionItem({ id, kind, children, subject, approve, reject }: DecisionItemProps) {
  const { t } = useT();
  const reasonId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (decide: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await decide();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submitReject = (e: FormEvent) => {
    e.preventDefault();
    const why = reason.trim();
    setMissingReason(why === '');
    if (why) void run(() => reject(why));
  };

  return (
    <li className="decision" data-testid="approval-item" data-kind={kind} data-id={id}>
      <div>{children}</div>
      <div className="decision-actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void run(approve)} aria-label={t('approvals.approveOne', { subject })} data-testid="approval-approve">
          {t('common.approve')}
        </button>
        {!rejecting && (
          <button type="button" className="button-quiet" disabled={busy} onClick={() => setRejecting(true)} aria-label={t('approvals.rejectOne', { subject })} data-testid="approval-reject">
            {t('common.reject')}
          </button>
        )}
      </div>
      {rejecting && (
        <form className="field-inline" onSubmit={submitReject}>
          <label htmlFor={reasonId}>{t('common.reason')}</label>
          <input
            id={reasonId}
            type="text"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={missingReason}
            aria-describedby={missingReason ? `${reasonId}-problem` : undefined}
            autoFocus
            data-testid="approval-reason"
          />
          <button type="submit" className="button-quiet" disabled={busy} data-testid="approval-reject-confirm">
            {t('approvals.confirmReject')}
          </button>
          {missingReason && (
            <span className="field-error" id={`${reasonId}-problem`} data-testid="approval-reason-problem">
              {t('approvals.reasonNeeded')}
            </span>
          )}
        </form>
      )}
      <ErrorBanner error={error} testId="approval-error" />
    </li>
  );
}
