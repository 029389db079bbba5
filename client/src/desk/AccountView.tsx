import { useQuery } from '@apollo/client/react';
import { ContactHistoryDocument, type DeskAccountQuery } from '../gql/graphql';
import { useT } from '../i18n/locale';

type Account = DeskAccountQuery['account'];

/** Everything an agent needs on the call: the debt, what was agreed, how to reach the customer, what happened before. */
export function AccountView({ account }: { account: Account }) {
  const { t, tEnum, money, day, instant, count } = useT();
  const history = useQuery(ContactHistoryDocument, { variables: { customerId: account.customer.id } });
  return (
    <section className="account" aria-labelledby="account-title" data-testid="account-view" data-account-id={account.id}>
      <h2 id="account-title">
        {t('account.title', { ref: account.externalRef })} · {account.customer.firstName} {account.customer.lastName}
      </h2>
      <dl className="account-facts">
        <div>
          <dt>{t('account.balance')}</dt>
          <dd data-testid="account-balance">{money(account.balance)}</dd>
        </div>
        <div>
          <dt>{t('account.amountDue')}</dt>
          <dd>{money(account.amountDue)}</dd>
        </div>
        <div>
          <dt>{t('account.bucket')}</dt>
          <dd data-testid="account-bucket">{account.bucket}</dd>
        </div>
        <div>
          <dt>{t('account.dpd')}</dt>
          <dd data-testid="account-dpd">{count(account.dpd)}</dd>
        </div>
        <div>
          <dt>{t('account.status')}</dt>
          <dd>{tEnum('accountStatus', account.status)}</dd>
        </div>
        <div>
          <dt>{t('account.product')}</dt>
          <dd>{tEnum('product', account.product)}</dd>
        </div>
      </dl>

      <div className="account-lists">
        <List title={t('account.promises')} testId="account-promises" empty={t('account.none')}>
          {account.promises.nodes.map((p) => (
            <li key={p.id}>
              {money(p.amount)} · {day(p.dueDate)} · {tEnum('promiseStatus', p.status)}
            </li>
          ))}
        </List>
        <List title={t('account.plans')} testId="account-plans" empty={t('account.none')}>
          {account.plans.nodes.map((p) => (
            <li key={p.id}>
              {money(p.total)} · {p.instalmentCount} × · {tEnum('planStatus', p.status)}
            </li>
          ))}
        </List>
        <List title={t('account.payments')} testId="account-payments" empty={t('account.none')}>
          {account.payments.nodes.map((p) => (
            <li key={p.id}>
              {money(p.amount)} · {instant(p.receivedAt)} · {tEnum('paymentMethod', p.method)}
            </li>
          ))}
        </List>
        <List title={t('account.contacts')} testId="account-contacts" empty={t('account.none')}>
          {account.customer.contactPoints.map((c) => (
            <li key={c.id} className={c.status === 'INVALID' ? 'struck' : undefined}>
              {tEnum('contactKind', c.kind)}: {c.value} · {tEnum('contactStatus', c.status)}
              {c.doNotCall ? ' · DNC' : ''}
            </li>
          ))}
        </List>
        <List title={t('account.contactHistory')} testId="account-contact-history" empty={t('account.none')}>
          {(history.data?.contactHistory.nodes ?? []).map((h) => (
            <li key={h.id}>
              {instant(h.at)} · {tEnum('contactChange', h.change)} {h.oldValue ? `${h.oldValue} → ` : ''}
              {h.newValue ?? ''} · {h.source}
              {h.changedBy ? ` · ${h.changedBy.name}` : ''}
            </li>
          ))}
        </List>
        <List title={t('account.calls')} testId="account-calls" empty={t('account.none')}>
          {account.calls.nodes.map((c) => (
            <li key={c.id}>
              {instant(c.startedAt)} · {tEnum('disposition', c.disposition)} · {c.agent.name}
              {c.notes ? ` · ${c.notes}` : ''}
            </li>
          ))}
        </List>
      </div>
    </section>
  );
}

function List({ title, testId, empty, children }: { title: string; testId: string; empty: string; children: React.ReactNode[] }) {
  return (
    <section className="account-list" data-testid={testId}>
      <h3>{title}</h3>
      {children.length === 0 ? <p className="muted">{empty}</p> : <ul>{children}</ul>}
    </section>
  );
}
