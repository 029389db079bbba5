import { useT } from '../i18n/locale';
import type { MessageId } from '../i18n/en';
import type { KpiAmountFieldsFragment, KpiFigureFieldsFragment } from '../gql/graphql';
import { paceStatus, progress } from './pace';

export type KpiKind = 'count' | 'rate' | 'amount';

interface KpiCardProps {
  name: MessageId;
  kind: KpiKind;
  figure: KpiFigureFieldsFragment | KpiAmountFieldsFragment;
  testId: string;
  large?: boolean;
}

function isAmount(f: KpiFigureFieldsFragment | KpiAmountFieldsFragment): f is KpiAmountFieldsFragment {
  return f.value !== null && typeof f.value === 'object';
}

/** Longer figures (a month's collections in the millions) get smaller type rather than breaking mid-number. */
const LONG_FIGURE = 9;

/** One KPI against its target: the figure, a bar with the expected-by-now marker, pace in colour and word. */
export function KpiCard({ name, kind, figure, testId, large }: KpiCardProps) {
  const { t, money, count, percent } = useT();

  let shown = '–';
  let raw = '';
  let nums: { actual: number | null; target: number | null; expected: number | null };
  let targetText: string | null = null;
  let expectedText: string | null = null;
  if (kind === 'amount') {
    const f = figure as KpiAmountFieldsFragment;
    if (f.value) {
      shown = money(f.value, { compact: true });
      raw = f.value.amount;
    }
    if (f.target) targetText = money(f.target, { compact: true });
    if (f.expectedByNow) expectedText = money(f.expectedByNow, { compact: true });
    nums = {
      actual: f.value ? Number(f.value.amount) : null,
      target: f.target ? Number(f.target.amount) : null,
      expected: f.expectedByNow ? Number(f.expectedByNow.amount) : null,
    };
  } else {
    const f = figure as KpiFigureFieldsFragment;
    const fmt = kind === 'rate' ? percent : count;
    if (f.value !== null && f.value !== undefined && !isAmount(figure)) {
      shown = fmt(f.value);
      raw = String(f.value);
    }
    if (f.target !== null && f.target !== undefined) targetText = fmt(f.target);
    if (f.expectedByNow !== null && f.expectedByNow !== undefined) expectedText = fmt(f.expectedByNow);
    nums = { actual: f.value ?? null, target: f.target ?? null, expected: f.expectedByNow ?? null };
  }

  const status = figure.status ?? paceStatus(figure.pace);
  const bar = progress(nums.actual, nums.target, nums.expected);
  const statusKey = status ?? 'NONE';

  return (
    <article className={`kpi-card${large ? ' kpi-card-large' : ''} pace-${statusKey.toLowerCase()}`} data-testid={testId} data-value={raw} data-status={statusKey}>
      <h3 className="kpi-name">{t(name)}</h3>
      <p className={`kpi-value${shown.length > LONG_FIGURE ? ' kpi-value-long' : ''}`} data-testid={`${testId}-value`}>
        {shown}
      </p>
      {targetText !== null ? (
        <>
          <div
            className="kpi-bar"
            role="progressbar"
            aria-label={t(name)}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(bar.fill * 100)}
          >
            <span className="kpi-bar-fill" style={{ width: `${bar.fill * 100}%` }} />
            {bar.marker !== null && <span className="kpi-bar-marker" style={{ left: `${bar.marker * 100}%` }} title={expectedText ?? undefined} />}
          </div>
          <p className="kpi-meta">
            <span>{t('kpi.target', { target: targetText })}</span>
            {expectedText !== null && <span>{t('kpi.expected', { expected: expectedText })}</span>}
          </p>
        </>
      ) : null}
      <p className={`kpi-status status-${statusKey.toLowerCase()}`} data-testid={`${testId}-status`}>
        <span aria-hidden="true">{status === 'AHEAD' ? '▲' : status === 'BEHIND' ? '▼' : status === 'ON_TRACK' ? '●' : '○'}</span>{' '}
        {t(`kpiStatus.${statusKey}`)}
        {figure.pace !== null && figure.pace !== undefined && <span className="kpi-pace"> · {t('kpi.pace', { value: percent(figure.pace) })}</span>}
      </p>
    </article>
  );
}
