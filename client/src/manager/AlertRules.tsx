import { useQuery } from '@apollo/client/react';
import { ErrorBanner } from '../components/ErrorBanner';
import { AlertRulesDocument } from '../gql/graphql';
import { useT } from '../i18n/locale';
import { AlertRuleForm } from './AlertRuleForm';

/** The floor's alert rules, one form each. */
export function AlertRules() {
  const { t } = useT();
  const { data, error, refetch } = useQuery(AlertRulesDocument, { fetchPolicy: 'cache-and-network' });
  return (
    <section className="panel" aria-labelledby="rules-title" data-testid="alert-rules">
      <h2 id="rules-title">{t('manager.alertRules')}</h2>
      <ErrorBanner error={error} testId="rules-error" />
      {(data?.alertRules ?? []).map((rule) => (
        <AlertRuleForm key={rule.kind} rule={rule} onReload={() => void refetch()} />
      ))}
    </section>
  );
}
