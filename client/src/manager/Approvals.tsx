import { useState, type FormEvent } from 'react';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { ErrorBanner } from '../components/ErrorBanner';
import { ApprovalsForAccountDocument, ApprovePaymentPlanDocument, ApprovePromiseDocument, ApproveWriteOffDocument, RejectWriteOffDocument } from '../gql/graphql';
import { useT } from '../i18n/locale';

/**
 * Write-offs, plans and promises waiting for a decision, found by account (reference or customer).
 * The API has no floor-wide list of pending approvals yet, so the manager looks an account up.
 */
export function Approvals() {
  const { t, tEnum, money, day } = useT();
  const [search, setSearch] = useState('');
  const [load, { data, error, refetch }] = useLazyQuery(ApprovalsForAccountDocument, { fetchPolicy: 'network-only' });
  const [approveWriteOff, wo] = useMutation(ApproveWriteOffDocument);
  const [rejectWriteOff, wr] = useMutation(RejectWriteOffDocument);
  const [approvePlan, pl] = useMutation(ApprovePaymentPlanDocument);
  const [approvePromise, pr] = useMutation(ApprovePromiseDocument);

  const find = (e: FormEvent) => {
    e.preventDefault();
    if (search.trim()) void load({ variables: { filter: { search: search.trim() } } });
  };
  const then = () => void refetch();
  const act = (p: Promise<unknown>) => void p.then(then, () => undefined);

  const accounts = data?.accounts.nodes ?? [];
  return (
    <section className="panel" aria-labelledby="approvals-title" data-testid="approvals">
      <h2 id="approvals-title">
        {t('manager.writeOffs')} · {t('manager.plans')} · {t('manager.promises')}
      </h2>
      <form onSubmit={find} className="field-inline">
        <label className="field-inline">
          <span>{t('account.title', { ref: '' })}</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="approvals-search" />
        </label>
        <button type="submit" className="button-quiet" data-testid="approvals-find">
          {t('common.find')}
        </button>
      </form>
      <ErrorBanner error={error ?? wo.error ?? wr.error ?? pl.error ?? pr.error} testId="approvals-error" />
      {accounts.map((a) => {
        const writeOffs = a.writeOffs.nodes.filter((w) => w.status === 'REQUESTED');
        const plans = a.plans.nodes.filter((p) => p.status === 'PENDING_APPROVAL');
        const promises = a.promises.nodes.filter((p) => p.status === 'PENDING_APPROVAL');
        const none = writeOffs.length + plans.length + promises.length === 0;
        return (
          <article key={a.id} className="approval-account" data-testid="approval-account">
            <h3>
              {a.externalRef} · {a.customer.firstName} {a.customer.lastName} · {money(a.balance)}
            </h3>
            {none && <p className="muted">{t('manager.noneWaiting')}</p>}
            <ul>
              {writeOffs.map((w) => (
                <li key={w.id}>
                  {t('manager.writeOffs')}: {money(w.amount)} · {w.reason} · {w.requestedBy?.name}{' '}
                  <button type="button" className="button-quiet" onClick={() => act(approveWriteOff({ variables: { id: w.id } }))}>
                    {t('common.approve')}
                  </button>{' '}
                  <button type="button" className="button-quiet" onClick={() => act(rejectWriteOff({ variables: { id: w.id, note: 'Rejected by manager' } }))}>
                    {t('common.reject')}
                  </button>
                </li>
              ))}
              {plans.map((p) => (
                <li key={p.id}>
                  {t('manager.plans')}: {money(p.total)} · {p.instalmentCount} ×{' '}
                  <button type="button" className="button-quiet" onClick={() => act(approvePlan({ variables: { id: p.id, expectedVersion: p.version } }))}>
                    {t('common.approve')}
                  </button>
                </li>
              ))}
              {promises.map((p) => (
                <li key={p.id}>
                  {t('manager.promises')}: {money(p.amount)} · {day(p.dueDate)} · {tEnum('promiseStatus', p.status)}{' '}
                  <button type="button" className="button-quiet" onClick={() => act(approvePromise({ variables: { id: p.id, expectedVersion: p.version } }))}>
                    {t('common.approve')}
                  </button>
                </li>
              ))}
            </ul>
          </article>
        );
      })}
    </section>
  );
}
