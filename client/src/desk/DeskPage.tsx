import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { ErrorBanner } from '../components/ErrorBanner';
import { DeskAccountDocument, NextAccountDocument, SetAgentStatusDocument, WorklistDocument, type Presence, type WorklistItemFieldsFragment } from '../gql/graphql';
import { KpiCards } from '../floor/KpiCards';
import { useLiveKpis } from '../floor/useLiveKpis';
import { useT } from '../i18n/locale';
import { useMe } from '../session/me';
import { AccountView } from './AccountView';
import { CaptureForm } from './CaptureForm';
import { Worklist } from './Worklist';

interface Selected {
  accountId: string;
  phoneId: string | null;
}

/** The agent's desk: my day against targets, my worklist, the account on the call and its capture form. */
export function DeskPage() {
  const me = useMe();
  const { t, tEnum } = useT();
  // /desk?account=<id> opens an account directly (from the portfolio, a link, a callback).
  const [selected, setSelected] = useState<Selected | null>(() => {
    const id = new URLSearchParams(window.location.search).get('account');
    return id ? { accountId: id, phoneId: null } : null;
  });
  const [nothingNext, setNothingNext] = useState(false);
  const kpis = useLiveKpis('AGENT', me.id, 'DAY');
  const worklist = useQuery(WorklistDocument, { variables: { first: 25 }, fetchPolicy: 'cache-and-network' });
  const account = useQuery(DeskAccountDocument, { variables: { id: selected?.accountId ?? '' }, skip: !selected, fetchPolicy: 'network-only' });
  const [nextAccount, next] = useMutation(NextAccountDocument);
  const [setStatus] = useMutation(SetAgentStatusDocument);
  const [presence, setPresence] = useState<Presence>(me.presence);

  const show = (item: WorklistItemFieldsFragment) => {
    setNothingNext(false);
    setSelected({ accountId: item.account.id, phoneId: item.phone.id });
  };

  // A team-pool account is readable only while leased to the agent: nextAccount takes the lease.
  const open = (item: WorklistItemFieldsFragment) => {
    if (item.account.assignedAgent?.id === me.id || item.leaseExpiresAt) show(item);
    else void takeNext();
  };

  const takeNext = async () => {
    try {
      const { data } = await nextAccount();
      const item = data?.nextAccount;
      if (item) show(item);
      else {
        setSelected(null);
        setNothingNext(true);
      }
    } catch {
      // Shown from the mutation's error.
    }
  };

  const changeStatus = async (status: Presence) => {
    setPresence(status);
    try {
      await setStatus({ variables: { status, pauseReason: status === 'PAUSED' ? 'BREAK' : null } });
    } catch {
      setPresence(me.presence);
    }
  };

  const a = account.data?.account;
  const phones =
    a?.customer.contactPoints
      .filter((c) => c.kind === 'PHONE')
      .map((c) => ({ id: c.id, value: c.value, usable: c.status !== 'INVALID' && !c.doNotCall })) ?? [];

  return (
    <div className="desk" data-testid="desk-page">
      <div className="page-head">
        <h1>{t('desk.title')}</h1>
        <label className="field-inline">
          <span>{t('desk.status')}</span>
          <select value={presence} onChange={(e) => void changeStatus(e.target.value as Presence)} data-testid="my-status">
            {(['AVAILABLE', 'ON_CALL', 'WRAP_UP', 'PAUSED', 'OFFLINE'] as const).map((p) => (
              <option key={p} value={p}>
                {tEnum('presence', p)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-primary" onClick={() => void takeNext()} disabled={next.loading} data-testid="next-account">
          {t('desk.next')}
        </button>
      </div>
      <section aria-labelledby="my-kpis-title">
        <h2 id="my-kpis-title">{t('desk.myKpis')}</h2>
        {kpis.kpis ? <KpiCards kpis={kpis.kpis} testPrefix="my-kpi" only={['collectedAmount', 'promisedAmount', 'promises', 'attempts', 'rightPartyContacts']} /> : <p className="muted">{t('common.loading')}</p>}
      </section>
      <ErrorBanner error={next.error ?? worklist.error ?? account.error} testId="desk-error" />
      <div className="desk-grid">
        <section className="panel" aria-labelledby="worklist-title">
          <h2 id="worklist-title">{t('desk.worklist')}</h2>
          <Worklist items={worklist.data?.worklist ?? []} selectedId={selected?.accountId ?? null} onOpen={open} myId={me.id} />
        </section>
        <div className="desk-call">
          {nothingNext && (
            <p className="notice" role="status" data-testid="next-none">
              {t('desk.nextNone')}
            </p>
          )}
          {!selected && !nothingNext && <p className="muted">{t('account.pick')}</p>}
          {a && selected && (
            <>
              <CaptureForm
                key={a.id}
                account={{ id: a.id, version: a.version, currency: a.currency, phones }}
                defaultPhoneId={selected.phoneId}
                onDial={() => void changeStatus('ON_CALL')}
                onRecorded={() => {
                  void changeStatus('WRAP_UP');
                  void worklist.refetch();
                }}
                onNext={() => {
                  void changeStatus('AVAILABLE');
                  void takeNext();
                }}
              />
              <AccountView account={a} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
