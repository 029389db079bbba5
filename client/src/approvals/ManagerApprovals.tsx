import { useT } from '../i18n/locale';
import { PlanQueue, PromiseQueue, WriteOffQueue } from './ApprovalQueues';

/** The manager's queues: every write-off, promise and plan awaiting a decision on the floor, oldest first. */
export function ManagerApprovals() {
  const { t } = useT();
  return (
    <section className="panel panel-wide" aria-labelledby="approvals-title" data-testid="approvals">
      <h2 id="approvals-title">{t('approvals.title')}</h2>
      <WriteOffQueue />
      <PromiseQueue />
      <PlanQueue />
    </section>
  );
}
