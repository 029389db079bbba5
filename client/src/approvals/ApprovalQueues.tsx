import type { ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  ApprovePaymentPlanDocument,
  ApprovePromiseDocument,
  ApproveWriteOffDocument,
  PlansAwaitingApprovalDocument,
  PromisesAwaitingApprovalDocument,
  RejectPaymentPlanDocument,
  RejectPromiseDocument,
  RejectWriteOffDocument,
  WriteOffsAwaitingDecisionDocument,
  type ApprovalAccountFieldsFragment,
} from '../gql/graphql';
import { ErrorBanner } from '../components/ErrorBanner';
import { useT } from '../i18n/locale';
import { DecisionItem } from './DecisionItem';

const PAGE = 20;

function AccountLine({ account }: { account: ApprovalAccountFieldsFragment | null | undefined }) {
  const { money } = useT();
  if (!account) return null;
  return (
    <span className="muted">
      {' '}
      · {account.externalRef} · {account.customer.firstName} {account.customer.lastName} · {account.bucket} · {money(account.balance)}
    </span>
  );
}

function QueueSection({ title, count, testId, empty, more, children }: { title: string; count: number | undefined; testId: string; empty: boolean; more: (() => void) | null; children: ReactNode }) {
  const { t, count: n } = useT();
  return (
    <section className="approval-queue" aria-label={title} data-testid={testId}>
      <h3>
        {title} {count !== undefined && <span className="muted">({n(count)})</span>}
      </h3>
      {empty && <p className="muted">{t('manager.noneWaiting')}</p>}
      <ul className="decisions">{children}</ul>
      {more && (
        <button type="button" className="button-quiet" onClick={more}>
          {t('approvals.more')}
        </button>
      )}
    </section>
  );
}

export function WriteOffQueue() {
  const { t, money, instant } = useT();
  const { data, error, refetch, fetchMore } = useQuery(WriteOffsAwaitingDecisionDocument, { variables: { first: PAGE }, fetchPolicy: 'network-only' });
  const [approve] = useMutation(ApproveWriteOffDocument);
  const [reject] = useMutation(RejectWriteOffDocument);
  const queue = data?.writeOffsAwaitingDecision;
  const after = queue?.pageInfo.hasNextPage ? queue.pageInfo.endCursor : null;
  return (
    <QueueSection
      title={t('manager.writeOffs')}
      count={queue?.totalCount}
      testId="approvals-writeOffs"
      empty={queue?.nodes.length === 0}
      more={after ? () => void fetchMore({ variables: { after }, updateQuery: (prev, { fetchMoreResult }) => ({ writeOffsAwaitingDecision: { ...fetchMoreResult.writeOffsAwaitingDecision, nodes: [...prev.writeOffsAwaitingDecision.nodes, ...fetchMoreResult.writeOffsAwaitingDecision.nodes] } }) }) : null}
    >
      <ErrorBanner error={error} testId="approvals-error" />
      {(queue?.nodes ?? []).map((w) => (
        <DecisionItem
          key={w.id}
          id={w.id}
          kind="writeOff"
          subject={t('approvals.writeOffSubject', { amount: money(w.amount), ref: w.account?.externalRef ?? '' })}
          approve={() => approve({ variables: { id: w.id } }).then(() => refetch())}
          reject={(reason) => reject({ variables: { id: w.id, note: reason } }).then(() => refetch())}
        >
          <strong>{money(w.amount)}</strong> · {w.reason} · {w.requestedBy?.name} · {instant(w.requestedAt)}
          <AccountLine account={w.account} />
        </DecisionItem>
      ))}
    </QueueSection>
  );
}

export function PromiseQueue() {
  const { t, money, day, instant } = useT();
  const { data, error, refetch, fetchMore } = useQuery(PromisesAwaitingApprovalDocument, { variables: { first: PAGE }, fetchPolicy: 'network-only' });
  const [approve] = useMutation(ApprovePromiseDocument);
  const [reject] = useMutation(RejectPromiseDocument);
  const queue = data?.promisesAwaitingApproval;
  const after = queue?.pageInfo.hasNextPage ? queue.pageInfo.endCursor : null;
  return (
    <QueueSection
      title={t('manager.promises')}
      count={queue?.totalCount}
      testId="approvals-promises"
      empty={queue?.nodes.length === 0}
      more={after ? () => void fetchMore({ variables: { after }, updateQuery: (prev, { fetchMoreResult }) => ({ promisesAwaitingApproval: { ...fetchMoreResult.promisesAwaitingApproval, nodes: [...prev.promisesAwaitingApproval.nodes, ...fetchMoreResult.promisesAwaitingApproval.nodes] } }) }) : null}
    >
      <ErrorBanner error={error} testId="approvals-error" />
      {(queue?.nodes ?? []).map((p) => (
        <DecisionItem
          key={p.id}
          id={p.id}
          kind="promise"
          subject={t('approvals.promiseSubject', { amount: money(p.amount), ref: p.account?.externalRef ?? '' })}
          approve={() => approve({ variables: { id: p.id, expectedVersion: p.version } }).then(() => refetch())}
          reject={(reason) => reject({ variables: { id: p.id, reason, expectedVersion: p.version } }).then(() => refetch())}
        >
          <strong>{money(p.amount)}</strong> · {t('approvals.due', { date: day(p.dueDate) })} · {p.agent?.name} · {instant(p.createdAt)}
          <AccountLine account={p.account} />
        </DecisionItem>
      ))}
    </QueueSection>
  );
}

export function PlanQueue() {
  const { t, money, instant } = useT();
  const { data, error, refetch, fetchMore } = useQuery(PlansAwaitingApprovalDocument, { variables: { first: PAGE }, fetchPolicy: 'network-only' });
  const [approve] = useMutation(ApprovePaymentPlanDocument);
  const [reject] = useMutation(RejectPaymentPlanDocument);
  const queue = data?.plansAwaitingApproval;
  const after = queue?.pageInfo.hasNextPage ? queue.pageInfo.endCursor : null;
  return (
    <QueueSection
      title={t('manager.plans')}
      count={queue?.totalCount}
      testId="approvals-plans"
      empty={queue?.nodes.length === 0}
      more={after ? () => void fetchMore({ variables: { after }, updateQuery: (prev, { fetchMoreResult }) => ({ plansAwaitingApproval: { ...fetchMoreResult.plansAwaitingApproval, nodes: [...prev.plansAwaitingApproval.nodes, ...fetchMoreResult.plansAwaitingApproval.nodes] } }) }) : null}
    >
      <ErrorBanner error={error} testId="approvals-error" />
      {(queue?.nodes ?? []).map((p) => (
        <DecisionItem
          key={p.id}
          id={p.id}
          kind="plan"
          subject={t('approvals.planSubject', { amount: money(p.total), ref: p.account?.externalRef ?? '' })}
          approve={() => approve({ variables: { id: p.id, expectedVersion: p.version } }).then(() => refetch())}
          reject={(reason) => reject({ variables: { id: p.id, reason, expectedVersion: p.version } }).then(() => refetch())}
        >
          <strong>{money(p.total)}</strong> · {t('approvals.instalments', { count: p.instalmentCount })}
          {p.isSettlement ? ` · ${t('approvals.settlement')}` : ''} · {instant(p.createdAt)}
          <AccountLine account={p.account} />
        </DecisionItem>
      ))}
    </QueueSection>
  );
}
