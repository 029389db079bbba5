import { useMemo, useState } from 'react';
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { BucketChips, bucketLabel } from '../components/BucketChips';
import { ErrorBanner } from '../components/ErrorBanner';
import {
  PortfolioDocument,
  type AccountFilter,
  type AccountOrder,
  type AccountOrderField,
  type Bucket,
  type PortfolioQuery,
} from '../gql/graphql';
import { useT } from '../i18n/locale';
import { useDebouncedValue } from '../hooks/useDebouncedValue';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

type AccountRow = PortfolioQuery['accounts']['edges'][number]['node'];

/** The sort a column starts with when first clicked: biggest problems first. */
const FIRST_DIRECTION: Record<AccountOrderField, AccountOrder['direction']> = {
  BALANCE: 'DESC',
  DPD: 'DESC',
  EXTERNAL_REF: 'ASC',
  ID: 'ASC',
  UPDATED_AT: 'DESC',
};

export function PortfolioPage() {
  const { t, count } = useT();
  const [buckets, setBuckets] = useState<Set<Bucket>>(() => new Set());
  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText.trim(), SEARCH_DELAY_MS);
  const [orderBy, setOrderBy] = useState<AccountOrder>({ field: 'DPD', direction: 'DESC' });

  const filter = useMemo((): AccountFilter | undefined => {
    const next: AccountFilter = {};
    // Sorted so the same selection always makes the same cache key.
    if (buckets.size > 0) next.buckets = [...buckets].sort();
    if (search) next.search = search;
    return Object.keys(next).length > 0 ? next : undefined;
  }, [buckets, search]);

  const { data, previousData, error, networkStatus, fetchMore } = useQuery(PortfolioDocument, {
    variables: { first: PAGE_SIZE, filter, orderBy },
    notifyOnNetworkStatusChange: true,
  });

  // While a new filter loads, keep the last table on screen instead of flashing empty.
  const accounts = (data ?? previousData)?.accounts;
  const rows = accounts?.edges.map((edge) => edge.node) ?? [];
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const refreshing = !loadingMore && networkStatus !== NetworkStatus.ready && networkStatus !== NetworkStatus.error;

  const sortBy = (field: AccountOrderField) => {
    setOrderBy((current) =>
      current.field === field
        ? { field, direction: current.direction === 'ASC' ? 'DESC' : 'ASC' }
        : { field, direction: FIRST_DIRECTION[field] },
    );
  };

  const loadMore = () => {
    const after = accounts?.pageInfo.endCursor;
    if (!after) return;
    void fetchMore({ variables: { after } }).catch(() => {
      // Surfaced through `error`.
    });
  };

  return (
    <section className="portfolio">
      <div className="page-head">
        <h1>{t('nav.portfolio')}</h1>
        <p className="muted" aria-live="polite">
          {accounts ? (
            <>
              <span data-testid="portfolio-total" data-count={accounts.totalCount}>
                {count(accounts.totalCount)}
              </span>{' '}
              {t('portfolio.accounts', { n: accounts.totalCount })}
            </>
          ) : (
            t('common.loading')
          )}
          {refreshing && accounts && <span className="updating"> · {t('portfolio.updating')}</span>}
        </p>
      </div>

      <div className="filters">
        <BucketChips selected={buckets} onChange={setBuckets} />
        <input
          type="search"
          className="search"
          placeholder={t('portfolio.searchHint')}
          aria-label={t('portfolio.search')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          data-testid="portfolio-search"
        />
      </div>

      <ErrorBanner error={error} testId="portfolio-error" />

      <div className="table-wrap">
        <table className="table" data-testid="portfolio-table" aria-busy={refreshing || loadingMore}>
          <thead>
            <tr>
              <SortableHeader field="EXTERNAL_REF" label={t('portfolio.externalRef')} orderBy={orderBy} onSort={sortBy} />
              <th scope="col">{t('portfolio.customer')}</th>
              <th scope="col">{t('account.bucket')}</th>
              <SortableHeader field="DPD" label={t('portfolio.dpd')} orderBy={orderBy} onSort={sortBy} numeric />
              <SortableHeader field="BALANCE" label={t('account.balance')} orderBy={orderBy} onSort={sortBy} numeric />
              <th scope="col">{t('agents.name')}</th>
              <th scope="col">{t('portfolio.lastCall')}</th>
              <th scope="col">{t('portfolio.openPromise')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((account) => (
              <AccountTableRow key={account.id} account={account} />
            ))}
            {accounts && rows.length === 0 && (
              <tr>
                <td colSpan={8} className="empty-row" data-testid="portfolio-empty">
                  {t('portfolio.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      {accounts && (
        <div className="table-foot">
          <span className="muted" data-testid="portfolio-shown">
            {t('portfolio.shown', { shown: count(rows.length), total: count(accounts.totalCount) })}
          </span>
          {accounts.pageInfo.hasNextPage && (
            <button type="button" className="button" onClick={loadMore} disabled={loadingMore} data-testid="load-more">
              {loadingMore ? t('common.loading') : t('portfolio.loadMore')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

interface SortableHeaderProps {
  field: AccountOrderField;
  label: string;
  orderBy: AccountOrder;
  onSort: (field: AccountOrderField) => void;
  numeric?: boolean;
}

function SortableHeader({ field, label, orderBy, onSort, numeric }: SortableHeaderProps) {
  const active = orderBy.field === field;
  const sort = active ? (orderBy.direction === 'ASC' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={sort} className={numeric ? 'num' : undefined}>
      <button type="button" className="sort" onClick={() => onSort(field)} data-testid={`sort-${field}`}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (orderBy.direction === 'ASC' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

function AccountTableRow({ account }: { account: AccountRow }) {
  const { t, tEnum, money, instant, day } = useT();
  const { customer, assignedAgent, lastCall, openPromise } = account;
  return (
    <tr data-testid="portfolio-row" data-account-id={account.id}>
      <td className="mono" data-testid="cell-external-ref">
        {account.externalRef}
      </td>
      <td data-testid="cell-customer">
        {customer.firstName} {customer.lastName}
      </td>
      <td>
        <span className={`bucket bucket-${account.bucket.toLowerCase()}`} data-testid="cell-bucket">
          {bucketLabel(account.bucket)}
        </span>
      </td>
      <td className="num" data-testid="cell-dpd">
        {account.dpd}
      </td>
      <td className="num" data-testid="cell-balance" data-amount={account.balance.amount} data-currency={account.balance.currencyCode}>
        {money(account.balance)}
      </td>
      <td data-testid="cell-agent">{assignedAgent ? assignedAgent.name : <span className="muted">{t('portfolio.unassigned')}</span>}</td>
      <td data-testid="cell-last-call">
        {lastCall ? (
          <span title={instant(lastCall.startedAt)}>{tEnum('disposition', lastCall.disposition)}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td data-testid="cell-open-promise">
        {openPromise ? (
          <span className="promise">
            <span className="num">{money(openPromise.amount)}</span>
            <span className="muted"> {t('portfolio.due', { date: day(openPromise.dueDate) })}</span>
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
