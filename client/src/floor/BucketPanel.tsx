import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { BucketMetricsDocument, BucketMetricsUpdatedDocument, type BucketMetricsFieldsFragment } from '../gql/graphql';
import { useLive } from '../live/connection';
import { localDate } from '../format';
import { useT } from '../i18n/locale';

/** Month-to-date bucket metrics (DOMAIN.md §7) against the month's goals. */
export function BucketPanel() {
  const { t, money, percent, count } = useT();
  const month = localDate().slice(0, 7);
  const { data, refetch } = useQuery(BucketMetricsDocument, { variables: { month }, fetchPolicy: 'cache-and-network' });
  // The server pushes the running month again after each change that moves it (at most once a second).
  const [pushed, setPushed] = useState<BucketMetricsFieldsFragment | null>(null);
  useSubscription(BucketMetricsUpdatedDocument, {
    onData: ({ data: result }) => {
      const metrics = result.data?.bucketMetricsUpdated;
      if (metrics) setPushed(metrics);
    },
  });
  // Changes made while the socket was down arrive with no push: read the month again on reconnect.
  const { generation } = useLive();
  useEffect(() => {
    if (generation > 1) void refetch().then(() => setPushed(null));
  }, [generation, refetch]);
  const read = data?.bucketMetrics;
  const current = pushed && (!read || pushed.asOf >= read.asOf) ? pushed : read;
  const rows = current?.buckets ?? [];
  const chart = rows.map((r) => ({ bucket: r.bucket, cure: r.cureRate ?? 0, roll: r.rollRate ?? 0 }));
  return (
    <section className="panel panel-wide" aria-labelledby="buckets-title">
      <h2 id="buckets-title">{t('buckets.title')}</h2>
      {rows.length > 0 && (
        <figure className="chart" aria-label={t('buckets.chart')}>
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={chart} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#c3c9d0" />
              <XAxis dataKey="bucket" stroke="#1b1f24" />
              <YAxis tickFormatter={(v: number) => percent(v)} stroke="#1b1f24" width={56} />
              <Tooltip formatter={(v) => percent(Number(v))} />
              <Legend />
              <Bar dataKey="cure" name={t('buckets.cureRate')} fill="#1a7f37" isAnimationActive={false} />
              <Bar dataKey="roll" name={t('buckets.rollRate')} fill="#b42318" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
      <table className="table" data-testid="bucket-metrics">
        <thead>
          <tr>
            <th scope="col">{t('buckets.bucket')}</th>
            <th scope="col" className="num">{t('buckets.opening')}</th>
            <th scope="col" className="num">{t('buckets.cureRate')}</th>
            <th scope="col" className="num">{t('buckets.rollRate')}</th>
            <th scope="col" className="num">{t('buckets.collected')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.bucket} data-testid="bucket-row" data-bucket={r.bucket}>
              <th scope="row">{r.bucket}</th>
              <td className="num">
                {count(r.openingAccounts)} · {money(r.openingBalance, { compact: true })}
              </td>
              <td className={`num${r.cureRateGoal?.met === false ? ' off-goal' : ''}`}>
                {r.cureRate === null || r.cureRate === undefined ? '–' : percent(r.cureRate)}
                {r.cureRateGoal && <span className="goal"> ({t('buckets.goal', { goal: percent(r.cureRateGoal.goal) })})</span>}
              </td>
              <td className={`num${r.rollRateGoal?.met === false ? ' off-goal' : ''}`}>
                {r.rollRate === null || r.rollRate === undefined ? '–' : percent(r.rollRate)}
                {r.rollRateGoal && <span className="goal"> ({t('buckets.goal', { goal: percent(r.rollRateGoal.goal) })})</span>}
              </td>
              <td className="num">
                {money(r.collected, { compact: true })}
                {r.collectedGoal && <span className="goal"> ({t('buckets.goal', { goal: money(r.collectedGoal.goal, { compact: true }) })})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
