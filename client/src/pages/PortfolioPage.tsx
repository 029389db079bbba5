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
import { formatCount, formatDay, formatInstant, formatMoney, humanize } from '../format';
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
        <h1>Portfolio</h1>
        <p className="muted" aria-live="polite">
          {accounts ? (
            <>
              <span data-testid="portfolio-total" data-count={accounts.totalCount}>
                {formatCount(accounts.totalCount)}
              </span>{' '}
              {accounts.totalCount === 1 ? 'account' : 'accounts'}
            </>
          ) : (
            'Loading…'
          )}
          {refreshing && accounts && <span className="updating"> · updating…</span>}
        </p>
      </div>

      <div className="filters">
        <BucketChips selected={buckets} onChange={setBuckets} />
        <input
          type="search"
          className="search"
          placeholder="Customer name or external ref"
          aria-label="Search accounts"
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
              <SortableHeader field="EXTERNAL_REF" label="External ref" orderBy={orderBy} onSort={sortBy} />
              <th scope="col">Customer</th>
              <th scope="col">Bucket</th>
              <SortableHeader field="DPD" label="DPD" orderBy={orderBy} onSort={sortBy} numeric />
              <SortableHeader field="BALANCE" label="Balance" orderBy={orderBy} onSort={sortBy} numeric />
              <th scope="col">Agent</th>
              <th scope="col">Last call</th>
              <th scope="col">Open promise</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((account) => (
              <AccountTableRow key={account.id} account={account} />
            ))}
            {accounts && rows.length === 0 && (
              <tr>
                <td colSpan={8} className="empty-row" data-testid="portfolio-empty">
                  No accounts match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      {accounts && (
        <div className="table-foot">
          <span className="muted" data-testid="portfolio-shown">
            Showing {formatCount(rows.length)} of {formatCount(accounts.totalCount)}
          </span>
          {accounts.pageInfo.hasNextPage && (
            <button type="button" className="button" onClick={loadMore} disabled={loadingMore} data-testid="load-more">
              {loadingMore ? 'Loading…' : 'Load more'}
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
        {formatMoney(account.balance)}
      </td>
      <td data-testid="cell-agent">{assignedAgent ? assignedAgent.name : <span className="muted">Unassigned</span>}</td>
      <td data-testid="cell-last-call">
        {lastCall ? (
          <span title={formatInstant(lastCall.startedAt)}>{humanize(lastCall.disposition)}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td data-testid="cell-open-promise">
        {openPromise ? (
          <span className="promise">
            <span className="num">{formatMoney(openPromise.amount)}</span>
            <span className="muted"> due {formatDay(openPromise.dueDate)}</span>
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
