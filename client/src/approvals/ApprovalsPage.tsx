import { useT } from '../i18n/locale';
import { PlanQueue, PromiseQueue } from './ApprovalQueues';

/** A supervisor's decisions: their team's promises below the minimum and plans outside policy (write-offs are a manager's). */
export function ApprovalsPage() {
  const { t } = useT();
  return (
    <div data-testid="approvals-page">
      <div className="page-head">
        <h1>{t('approvals.title')}</h1>
      </div>
      <section className="panel" aria-label={t('approvals.title')}>
        <PromiseQueue />
        <PlanQueue />
      </section>
    </div>
  );
}
