import type { KpiCardsFieldsFragment } from '../gql/graphql';
import type { MessageId } from '../i18n/en';
import { KpiCard, type KpiKind } from './KpiCard';

type CardField = 'collectedAmount' | 'promisedAmount' | 'promises' | 'attempts' | 'rightPartyContacts' | 'contactRate' | 'rpcRate' | 'ptpRate';

export const CARDS: Array<{ field: CardField; kind: KpiKind }> = [
  { field: 'collectedAmount', kind: 'amount' },
  { field: 'promisedAmount', kind: 'amount' },
  { field: 'promises', kind: 'count' },
  { field: 'attempts', kind: 'count' },
  { field: 'rightPartyContacts', kind: 'count' },
  { field: 'contactRate', kind: 'rate' },
  { field: 'ptpRate', kind: 'rate' },
];

/** A row of KPI cards for one scope and period. */
export function KpiCards({ kpis, testPrefix, large, only }: { kpis: KpiCardsFieldsFragment; testPrefix: string; large?: boolean; only?: CardField[] }) {
  const cards = only ? CARDS.filter((c) => only.includes(c.field)) : CARDS;
  return (
    <div className="kpi-cards" data-testid={testPrefix} data-as-of={kpis.asOf}>
      {cards.map(({ field, kind }) => (
        <KpiCard key={field} name={`kpiName.${field}` as MessageId} kind={kind} figure={kpis[field]} testId={`${testPrefix}-${field}`} large={large} />
      ))}
    </div>
  );
}
