import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { ErrorBanner } from '../components/ErrorBanner';
import { readableErrors } from '../errors';
import { UpdateAlertRuleDocument, type AlertRuleFieldsFragment, type Kpi } from '../gql/graphql';
import { useT, type Translate } from '../i18n/locale';
import { ruleUpdate, THRESHOLDS, type DraftProblems, type RuleDraft, type Threshold } from './alertRules';

const FLOOR_CURRENCY = 'MXN';
const WATCHABLE: Kpi[] = ['ATTEMPTS', 'CONTACTS', 'RIGHT_PARTY_CONTACTS', 'PROMISES', 'PROMISED_AMOUNT', 'COLLECTED_AMOUNT'];

function draftOf(rule: AlertRuleFieldsFragment): RuleDraft {
  return {
    enabled: rule.enabled,
    shiftShare: rule.shiftShare?.toString() ?? '',
    kpis: rule.kpis ?? [],
    limitSeconds: rule.limitSeconds?.toString() ?? '',
    amount: rule.amount?.amount ?? '',
    refusalCount: rule.refusalCount?.toString() ?? '',
    windowSeconds: rule.windowSeconds?.toString() ?? '',
  };
}

/** The server's BAD_USER_INPUT names the argument it refused; its message goes beside that field. */
function serverProblems(error: unknown): Partial<Record<Threshold | 'form', string>> {
  const out: Partial<Record<Threshold | 'form', string>> = {};
  for (const e of readableErrors(error)) {
    if (e.code !== 'BAD_USER_INPUT') continue;
    const field = (Object.values(THRESHOLDS).flat() as string[]).find((f) => e.argument === f || e.argument?.startsWith(`${f}.`));
    out[(field as Threshold | undefined) ?? 'form'] = e.serverMessage ?? e.message;
  }
  return out;
}

function draftProblem(problem: DraftProblems[Threshold], t: Translate): string | undefined {
  return problem ? t(`rules.problem.${problem}`) : undefined;
}

/** One alert rule: on or off, and its kind's thresholds. */
export function AlertRuleForm({ rule, onReload }: { rule: AlertRuleFieldsFragment; onReload: () => void }) {
  const { t, tEnum, instant } = useT();
  const [draft, setDraft] = useState(() => draftOf(rule));
  // A new version (saved here, or read again after a conflict) starts the form from the stored rule.
  const [version, setVersion] = useState(rule.version);
  if (version !== rule.version) {
    setVersion(rule.version);
    setDraft(draftOf(rule));
  }
  const [problems, setProblems] = useState<DraftProblems>({});
  const [update, { loading, error, data, reset }] = useMutation(UpdateAlertRuleDocument);
  const kind = rule.kind;
  const prefix = `rule-${kind}`;
  const stale = readableErrors(error).some((e) => e.code === 'CONFLICT');
  const fromServer = serverProblems(error);
  const otherError = error && !stale && Object.keys(fromServer).length === 0 ? error : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    reset();
    const result = ruleUpdate(kind, draft, rule.version, FLOOR_CURRENCY);
    setProblems('problems' in result ? result.problems : {});
    if ('problems' in result) return;
    try {
      await update({ variables: { input: result.input } });
    } catch {
      // Shown by field, or as a banner.
    }
  };

  const numberField = (field: Exclude<Threshold, 'kpis'>, unit: string) => {
    const message = draftProblem(problems[field], t) ?? fromServer[field];
    const id = `${prefix}-${field}`;
    return (
      <label className="field" key={field}>
        <span>
          {t(`rules.${field}`)} ({unit})
        </span>
        <input
          type="text"
          inputMode={field === 'amount' || field === 'shiftShare' ? 'decimal' : 'numeric'}
          value={draft[field]}
          onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
          aria-invalid={Boolean(message)}
          aria-describedby={message ? `${id}-problem` : undefined}
          data-testid={id}
        />
        {message && (
          <span className="field-error" id={`${id}-problem`} data-testid={`${id}-problem`}>
            {message}
          </span>
        )}
      </label>
    );
  };

  const kpisField = () => {
    const message = draftProblem(problems.kpis, t) ?? fromServer.kpis;
    return (
      <fieldset className="field" key="kpis" aria-invalid={Boolean(message)}>
        <legend>{t('rules.kpis')}</legend>
        {WATCHABLE.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={draft.kpis.includes(k)}
              onChange={(e) => setDraft({ ...draft, kpis: e.target.checked ? [...draft.kpis, k] : draft.kpis.filter((x) => x !== k) })}
              data-testid={`${prefix}-kpi-${k}`}
            />{' '}
            {tEnum('kpi', k)}
          </label>
        ))}
        {message && (
          <span className="field-error" data-testid={`${prefix}-kpis-problem`}>
            {message}
          </span>
        )}
      </fieldset>
    );
  };

  const units: Record<Exclude<Threshold, 'kpis'>, string> = {
    shiftShare: t('rules.unit.share'),
    limitSeconds: t('rules.unit.seconds'),
    amount: FLOOR_CURRENCY,
    refusalCount: t('rules.unit.calls'),
    windowSeconds: t('rules.unit.seconds'),
  };

  return (
    <form className="rule form-grid" onSubmit={submit} aria-labelledby={`${prefix}-title`} data-testid="alert-rule" data-kind={kind} data-version={rule.version}>
      <h3 id={`${prefix}-title`}>{tEnum('alertKind', kind)}</h3>
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} data-testid={`${prefix}-enabled`} />{' '}
        {t('rules.enabled')}
      </label>
      {THRESHOLDS[kind].map((field) => (field === 'kpis' ? kpisField() : numberField(field, units[field])))}
      {fromServer.form && <p className="field-error">{fromServer.form}</p>}
      {stale && (
        <p className="field-error" role="alert" data-testid={`${prefix}-conflict`}>
          {t('rules.conflict')}{' '}
          <button type="button" onClick={() => { reset(); onReload(); }} data-testid={`${prefix}-reload`}>
            {t('rules.reload')}
          </button>
        </p>
      )}
      <ErrorBanner error={otherError} testId={`${prefix}-error`} />
      <button type="submit" className="button-primary" disabled={loading} data-testid={`${prefix}-save`}>
        {t('common.save')}
      </button>
      {data && !error && (
        <p role="status" className="contact-ok" data-testid={`${prefix}-saved`}>
          {t('common.saved')}
        </p>
      )}
      {rule.updatedBy && <p className="muted">{t('rules.updatedBy', { name: rule.updatedBy.name, time: instant(rule.updatedAt) })}</p>}
    </form>
  );
}
