import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { ErrorBanner } from '../components/ErrorBanner';
import { localDate } from '../format';
import { SetTargetDocument, TeamsDocument, type Kpi, type KpiPeriod } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { AMOUNT_KPIS, RATE_KPIS, targetArgs } from './targets';

const KPIS: Kpi[] = ['COLLECTED_AMOUNT', 'PROMISED_AMOUNT', 'PROMISES', 'ATTEMPTS', 'CONTACTS', 'RIGHT_PARTY_CONTACTS', 'CONTACT_RATE', 'RPC_RATE', 'PTP_RATE', 'PROMISE_KEPT_RATE'];
const FLOOR_CURRENCY = 'MXN';

/** Sets a target of the floor or a team for the day or the month. */
export function TargetForm() {
  const { t, tEnum } = useT();
  const { data } = useQuery(TeamsDocument);
  const [scopeId, setScopeId] = useState('');
  const [kpi, setKpi] = useState<Kpi>('COLLECTED_AMOUNT');
  const [period, setPeriod] = useState<KpiPeriod>('DAY');
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [setTarget, { loading, error, data: saved }] = useMutation(SetTargetDocument);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const args = targetArgs(kpi, typed, FLOOR_CURRENCY);
    setInvalid(args === null);
    if (!args) return;
    try {
      await setTarget({ variables: { scope: scopeId ? 'TEAM' : 'FLOOR', scopeId: scopeId || null, kpi, period, date: localDate(), ...args } });
    } catch {
      // Shown from the mutation's error.
    }
  };

  const unit = AMOUNT_KPIS.has(kpi) ? FLOOR_CURRENCY : RATE_KPIS.has(kpi) ? '%' : '';
  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby="targets-title" data-testid="target-form">
      <h2 id="targets-title">{t('manager.targets')}</h2>
      <label className="field">
        <span>{t('manager.targetScope')}</span>
        <select value={scopeId} onChange={(e) => setScopeId(e.target.value)} data-testid="target-scope">
          <option value="">{t('nav.floor')}</option>
          {(data?.teams.nodes ?? []).map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('manager.targetKpi')}</span>
        <select value={kpi} onChange={(e) => setKpi(e.target.value as Kpi)} data-testid="target-kpi">
          {KPIS.map((k) => (
            <option key={k} value={k}>
              {tEnum('kpi', k)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('manager.targetPeriod')}</span>
        <select value={period} onChange={(e) => setPeriod(e.target.value as KpiPeriod)} data-testid="target-period">
          <option value="DAY">{t('period.DAY')}</option>
          <option value="MONTH">{t('period.MONTH')}</option>
        </select>
      </label>
      <label className="field">
        <span>
          {t('manager.targetValue')} {unit && `(${unit})`}
        </span>
        <input type="text" inputMode="decimal" value={typed} onChange={(e) => setTyped(e.target.value)} aria-invalid={invalid} data-testid="target-value" />
      </label>
      <ErrorBanner error={error} testId="target-error" />
      <button type="submit" className="button-primary" disabled={loading} data-testid="target-save">
        {t('common.save')}
      </button>
      {saved && !error && (
        <p role="status" className="contact-ok" data-testid="target-saved">
          {t('common.saved')}
        </p>
      )}
    </form>
  );
}
