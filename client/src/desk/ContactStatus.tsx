import { useQuery } from '@apollo/client/react';
import { ErrorBanner } from '../components/ErrorBanner';
import { ContactCheckDocument } from '../gql/graphql';
import { useT } from '../i18n/locale';

export interface Blocked {
  blockedBy: readonly string[];
  nextAllowedAt: string | null;
}

/** What the contact policy says about dialling this phone now, before the agent dials. */
export function ContactStatus({ accountId, phoneId, refused }: { accountId: string; phoneId: string; refused?: Blocked | null }) {
  const { data, error } = useQuery(ContactCheckDocument, { variables: { accountId, phoneId }, fetchPolicy: 'network-only' });
  const decision = refused ? { allowed: false, ...refused } : data?.contactCheck;
  if (!decision) return <ErrorBanner error={error} testId="contact-error" />;
  return <ContactDecisionView allowed={decision.allowed} blockedBy={decision.blockedBy} nextAllowedAt={decision.nextAllowedAt ?? null} />;
}

export function ContactDecisionView({ allowed, blockedBy, nextAllowedAt }: { allowed: boolean; blockedBy: readonly string[]; nextAllowedAt: string | null }) {
  const { t, tEnum, instant } = useT();
  if (allowed) {
    return (
      <p className="contact-ok" data-testid="contact-status" data-allowed="true">
        ✓ {t('contact.allowed')}
      </p>
    );
  }
  return (
    <div className="contact-blocked" role="alert" data-testid="contact-status" data-allowed="false">
      <p>
        <strong>⚠ {t('contact.blocked', { rules: blockedBy.map((r) => tEnum('contactRule', r)).join('; ') })}</strong>
      </p>
      <ul>
        {blockedBy.map((rule) => (
          <li key={rule} data-testid="contact-rule" data-rule={rule}>
            {rule}: {tEnum('contactRule', rule)}
          </li>
        ))}
      </ul>
      <p data-testid="contact-next" data-next={nextAllowedAt ?? ''}>
        {nextAllowedAt ? t('contact.nextAllowed', { time: instant(nextAllowedAt) }) : t('contact.never')}
      </p>
    </div>
  );
}
