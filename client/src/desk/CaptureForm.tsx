import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { ErrorBanner } from '../components/ErrorBanner';
import { readableErrors } from '../errors';
import { ContactCheckDocument, RecordCallDocument } from '../gql/graphql';
import { useT } from '../i18n/locale';
import type { MessageId } from '../i18n/en';
import { buildRecordCall, EMPTY_CAPTURE, type CaptureProblem, type CaptureState } from './capture';
import { ContactStatus, type Blocked } from './ContactStatus';
import { choiceFor, choiceForKey, DISPOSITIONS, type CaptureField } from './dispositions';

export interface CaptureAccount {
  id: string;
  version: number;
  currency: string;
  phones: Array<{ id: string; value: string; usable: boolean }>;
}

interface CaptureFormProps {
  account: CaptureAccount;
  defaultPhoneId: string | null;
  /** The agent dialled (the contact policy allowing it): the desk sets ON_CALL. */
  onDial?: () => void;
  /** The call is recorded: the desk sets WRAP_UP until the agent takes the next account. */
  onRecorded: (callId: string) => void;
  /** Wrap-up done: the desk sets AVAILABLE and opens the next account. */
  onNext?: () => void;
  /** Injected for tests; the browser's clock otherwise. */
  now?: () => Date;
}

const FIELD_LABEL: Record<CaptureField, MessageId> = {
  amount: 'capture.amount',
  dueDate: 'capture.dueDate',
  method: 'capture.method',
  reference: 'capture.reference',
  instalments: 'capture.instalments',
  reasonCode: 'capture.reasonCode',
  reason: 'common.reason',
  routeTo: 'capture.routeTo',
  callbackAt: 'capture.callbackAt',
};

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Not a disposition key (dispositions.ts): dIal. */
export const DIAL_KEY = 'i';

/**
 * The call capture form, made for the keyboard: I dials (when the contact policy allows it), a key
 * picks the disposition and moves to the first field it implies, Enter records the call (wrap-up
 * begins) and Enter again takes the next account.
 */
export function CaptureForm({ account, defaultPhoneId, onDial, onRecorded, onNext, now = () => new Date() }: CaptureFormProps) {
  const { t, tEnum, time } = useT();
  const [state, setState] = useState<CaptureState>(EMPTY_CAPTURE);
  const [phoneId, setPhoneId] = useState<string | null>(defaultPhoneId ?? account.phones.find((p) => p.usable)?.id ?? null);
  const [problem, setProblem] = useState<CaptureProblem | null>(null);
  const [focusField, setFocusField] = useState<CaptureField | 'submit' | null>(null);
  // Read once: useRef's argument would be evaluated (and the clock read) on every render.
  const startedAt = useRef<Date>(null as unknown as Date);
  if (startedAt.current === null) startedAt.current = now();
  const idempotencyKey = useRef(crypto.randomUUID());
  const formRef = useRef<HTMLFormElement>(null);
  const [recordCall, { loading, error, reset }] = useMutation(RecordCallDocument);
  const [dialledAt, setDialledAt] = useState<Date | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  // The same decision ContactStatus shows (one request, shared through the cache): dialling waits on it.
  const check = useQuery(ContactCheckDocument, { variables: { accountId: account.id, phoneId: phoneId ?? '' }, skip: !phoneId, fetchPolicy: 'cache-first' });
  const mayDial = check.data?.contactCheck.allowed === true && !dialledAt && !recorded;

  const dial = () => {
    if (!mayDial) return;
    const at = now();
    // The call starts when the agent dials, not when the form opened.
    startedAt.current = at;
    setDialledAt(at);
    onDial?.();
  };

  useEffect(() => {
    if (recorded) nextRef.current?.focus();
  }, [recorded]);

  useEffect(() => {
    formRef.current?.focus();
  }, [account.id]);

  useEffect(() => {
    if (!focusField || !formRef.current) return;
    const el = formRef.current.querySelector<HTMLElement>(`[data-field="${focusField}"]`);
    el?.focus();
    setFocusField(null);
  }, [focusField]);

  const choice = state.disposition ? choiceFor(state.disposition) : null;
  const set = (patch: Partial<CaptureState>) => setState((s) => ({ ...s, ...patch }));

  const refusal = readableErrors(error).find((e) => e.code === 'CONTACT_NOT_ALLOWED');
  const refusedExt = refusal ? contactRefusal(error) : null;

  const handleKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = TYPING.has(target.tagName) && !(target instanceof HTMLInputElement && target.type === 'radio');
    if (!typing && !recorded) {
      if (event.key.toLowerCase() === DIAL_KEY) {
        event.preventDefault();
        dial();
        return;
      }
      const picked = choiceForKey(event.key);
      if (picked) {
        event.preventDefault();
        set({ disposition: picked.disposition });
        setProblem(null);
        setFocusField(picked.fields[0] ?? 'submit');
        return;
      }
      if (event.key === 'Enter' && target.tagName !== 'BUTTON') {
        event.preventDefault();
        formRef.current?.requestSubmit();
      }
    }
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!phoneId || recorded) return;
    const built = buildRecordCall(state, {
      accountId: account.id,
      accountVersion: account.version,
      currency: account.currency,
      phoneId,
      startedAt: startedAt.current,
      endedAt: now(),
      idempotencyKey: idempotencyKey.current,
    });
    if ('problem' in built) {
      setProblem(built.problem);
      const field = built.problem === 'disposition' ? null : built.problem;
      if (field) setFocusField(field);
      return;
    }
    setProblem(null);
    try {
      const { data } = await recordCall({ variables: { input: built.input } });
      if (!data) return;
      setState(EMPTY_CAPTURE);
      setRecorded(data.recordCall.id);
      onRecorded(data.recordCall.id);
    } catch {
      // Shown from the mutation's error.
    }
  };

  return (
    <form
      ref={formRef}
      className="capture"
      onSubmit={handleSubmit}
      onKeyDown={handleKeyDown}
      tabIndex={-1}
      aria-labelledby="capture-title"
      aria-describedby="capture-hint"
      data-testid="capture-form"
      noValidate
    >
      <h2 id="capture-title">{t('capture.title')}</h2>
      <p id="capture-hint" className="muted">
        {t('capture.hint')}
      </p>
      <label className="field">
        <span>{t('capture.phone')}</span>
        <select
          value={phoneId ?? ''}
          onChange={(e) => {
            setPhoneId(e.target.value);
            reset();
          }}
          data-testid="capture-phone"
        >
          {account.phones.map((p) => (
            <option key={p.id} value={p.id}>
              {p.value}
              {p.usable ? '' : ' ✕'}
            </option>
          ))}
        </select>
      </label>
      {phoneId && <ContactStatus accountId={account.id} phoneId={phoneId} refused={refusedExt} />}
      <p className="dial">
        <button type="button" className="button-quiet" onClick={dial} disabled={!mayDial} aria-keyshortcuts="I" data-testid="capture-dial">
          <kbd aria-hidden="true">I</kbd> {t('capture.dial')}
        </button>{' '}
        {dialledAt && (
          <span role="status" data-testid="capture-dialled">
            {t('capture.onCallSince', { time: time(dialledAt.toISOString()) })}
          </span>
        )}
      </p>

      <fieldset className="dispositions">
        <legend>{t('capture.disposition')}</legend>
        {DISPOSITIONS.map((d) => (
          <label key={d.disposition} className={`disposition${state.disposition === d.disposition ? ' chosen' : ''}`}>
            <input
              type="radio"
              name="disposition"
              value={d.disposition}
              checked={state.disposition === d.disposition}
              onChange={() => set({ disposition: d.disposition })}
              data-testid={`disposition-${d.disposition}`}
            />
            <kbd aria-hidden="true">{d.key.toUpperCase()}</kbd> {tEnum('disposition', d.disposition)}
          </label>
        ))}
      </fieldset>
      {problem === 'disposition' && (
        <p className="field-problem" role="alert">
          {t('capture.choose')}
        </p>
      )}

      {choice?.fields.map((field) => (
        <label key={field} className="field">
          <span>{t(FIELD_LABEL[field])}</span>
          {field === 'routeTo' ? (
            <select value={state.routeTo} onChange={(e) => set({ routeTo: e.target.value as CaptureState['routeTo'] })} data-field="routeTo">
              {(['CUSTOMER_SERVICE', 'RETENTION', 'PHONE_BANKING', 'REMEDIAL', 'SUPERVISOR', 'LEGAL', 'OUTSIDE_AGENCY'] as const).map((q) => (
                <option key={q} value={q}>
                  {tEnum('referralQueue', q)}
                </option>
              ))}
            </select>
          ) : field === 'method' ? (
            <select value={state.method} onChange={(e) => set({ method: e.target.value as CaptureState['method'] })} data-field="method">
              {(['CARD_TERMINAL', 'ONLINE', 'BANK_TRANSFER', 'CASH', 'CHECK'] as const).map((m) => (
                <option key={m} value={m}>
                  {tEnum('paymentMethod', m)}
                </option>
              ))}
            </select>
          ) : (
            <input
              type={field === 'dueDate' ? 'date' : field === 'callbackAt' ? 'datetime-local' : 'text'}
              inputMode={field === 'amount' ? 'decimal' : field === 'instalments' ? 'numeric' : undefined}
              value={state[field]}
              onChange={(e) => set({ [field]: e.target.value })}
              aria-invalid={problem === field}
              data-field={field}
              data-testid={`capture-${field}`}
            />
          )}
        </label>
      ))}

      <label className="field">
        <span>{t('capture.notes')}</span>
        <input type="text" value={state.notes} onChange={(e) => set({ notes: e.target.value })} data-testid="capture-notes" />
      </label>

      <ErrorBanner error={refusal ? null : error} testId="capture-error" />
      {recorded ? (
        <p className="contact-ok" role="status" data-testid="capture-recorded" data-call-id={recorded}>
          {t('capture.recorded')}{' '}
          <button type="button" className="button-primary" ref={nextRef} onClick={() => onNext?.()} data-testid="capture-next">
            {t('capture.next')}
          </button>
        </p>
      ) : (
        <button type="submit" className="button-primary" disabled={loading || !phoneId} data-field="submit" data-testid="capture-submit">
          {loading ? t('capture.submitting') : t('capture.submit')}
        </button>
      )}
    </form>
  );
}

function contactRefusal(error: unknown): Blocked | null {
  const errors = (error as { errors?: Array<{ extensions?: Record<string, unknown> }> } | undefined)?.errors;
  const ext = errors?.find((e) => e.extensions?.['code'] === 'CONTACT_NOT_ALLOWED')?.extensions;
  if (!ext) return null;
  return {
    blockedBy: Array.isArray(ext['blockedBy']) ? (ext['blockedBy'] as string[]) : [],
    nextAllowedAt: typeof ext['nextAllowedAt'] === 'string' ? ext['nextAllowedAt'] : null,
  };
}
