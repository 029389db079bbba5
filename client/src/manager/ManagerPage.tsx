import { ManagerApprovals } from '../approvals/ManagerApprovals';
import { useT } from '../i18n/locale';
import { AlertRules } from './AlertRules';
import { BucketGoalForm } from './BucketGoalForm';
import { FloorOverview } from './FloorOverview';
import { TargetForm } from './TargetForm';

/** The manager's floor: every team at a glance, targets and bucket goals, approvals, alert rules. */
export function ManagerPage() {
  const { t } = useT();
  return (
    <div className="manager" data-testid="manager-page">
      <div className="page-head">
        <h1>{t('manager.title')}</h1>
      </div>
      <FloorOverview />
      <ManagerApprovals />
      <div className="floor-grid">
        <TargetForm />
        <BucketGoalForm />
        <AlertRules />
      </div>
    </div>
  );
}
