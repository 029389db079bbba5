import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { ErrorBanner } from '../components/ErrorBanner';
import { localDate } from '../format';
import { SetBucketGoalDocument, type Bucket, type BucketGoalMetric } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { bucketGoalValue } from './targets';

const BUCKETS: Bucket[] = ['CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF'];
const METRICS: BucketGoalMetric[] = ['CURE_RATE', 'ROLL_RATE', 'COLLECTED_AMOUNT'];

/** Sets a bucket's goal for the running month (rates typed as percentages). */
export function BucketGoalForm({ onSaved }: { onSaved?: () => void }) {
  const { t, tEnum } = useT();
  const [bucket, setBucket] = useState<Bucket>('B1');
  const [metric, setMetric] = useState<BucketGoalMetric>('CURE_RATE');
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [save, { loading, error, data }] = useMutation(SetBucketGoalDocument);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = bucketGoalValue(metric, typed);
    setInvalid(value === null);
    if (value === null) return;
    try {
      await save({ variables: { bucket, metric, month: localDate().slice(0, 7), value } });
      onSaved?.();
    } catch {
      // Shown from the mutation's error.
    }
  };

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby="goals-title" data-testid="bucket-goal-form">
      <h2 id="goals-title">{t('manager.bucketGoals')}</h2>
      <label className="field">
        <span>{t('buckets.bucket')}</span>
        <select value={bucket} onChange={(e) => setBucket(e.target.value as Bucket)} data-testid="goal-bucket">
          {BUCKETS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('manager.goalMetric')}</span>
        <select value={metric} onChange={(e) => setMetric(e.target.value as BucketGoalMetric)} data-testid="goal-metric">
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {tEnum('bucketMetric', m)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>
          {t('manager.goalValue')} ({metric === 'COLLECTED_AMOUNT' ? 'MXN' : '%'})
        </span>
        <input type="text" inputMode="decimal" value={typed} onChange={(e) => setTyped(e.target.value)} aria-invalid={invalid} data-testid="goal-value" />
      </label>
      <ErrorBanner error={error} testId="goal-error" />
      <button type="submit" className="button-primary" disabled={loading} data-testid="goal-save">
        {t('common.save')}
      </button>
      {data && !error && (
        <p role="status" className="contact-ok" data-testid="goal-saved">
          {t('common.saved')}
        </p>
      )}
    </form>
  );
}
