import type { WorklistItemFieldsFragment } from '../gql/graphql';
import { useT } from '../i18n/locale';

/** The accounts the agent may call now, best first, each with why it is there. */
export function Worklist({ items, selectedId, onOpen, myId }: { items: WorklistItemFieldsFragment[]; selectedId: string | null; onOpen: (item: WorklistItemFieldsFragment) => void; myId: string }) {
  const { t, tEnum, money } = useT();
  if (items.length === 0) return <p className="muted">{t('desk.worklistEmpty')}</p>;
  return (
    <ol className="worklist" data-testid="worklist">
      {items.map((item) => (
        <li key={item.account.id}>
          <button
            type="button"
            className={`worklist-item${selectedId === item.account.id ? ' selected' : ''}`}
            onClick={() => onOpen(item)}
            aria-current={selectedId === item.account.id ? 'true' : undefined}
            data-testid="worklist-item"
            data-account-id={item.account.id}
            data-reason={item.reason}
            data-own={item.account.assignedAgent?.id === myId ? 'true' : 'false'}
          >
            <span className="worklist-rank">{item.rank}</span>
            <span className="worklist-main">
              <strong>
                {item.account.customer.firstName} {item.account.customer.lastName}
              </strong>{' '}
              <span className="muted">{item.account.externalRef}</span>
              <span className="worklist-why">
                {tEnum('worklistReason', item.reason)} · {item.detail}
              </span>
            </span>
            <span className="worklist-figures">
              <span className={`bucket bucket-${item.account.bucket.toLowerCase()}`}>{item.account.bucket}</span>
              <span>{money(item.account.balance)}</span>
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
