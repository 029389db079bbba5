import type { RecordCallInput } from '../gql/graphql';
import { choiceFor, type DispositionChoice } from './dispositions';

export interface CaptureState {
  disposition: DispositionChoice['disposition'] | null;
  amount: string;
  dueDate: string;
  method: 'CARD_TERMINAL' | 'ONLINE' | 'BANK_TRANSFER' | 'CASH' | 'CHECK';
  reference: string;
  reasonCode: string;
  /** Dispute, payment investigation or referral reason. */
  reason: string;
  /** PAYMENT_PLAN: number of monthly instalments. */
  instalments: string;
  routeTo: 'CUSTOMER_SERVICE' | 'RETENTION' | 'PHONE_BANKING' | 'REMEDIAL' | 'SUPERVISOR' | 'LEGAL' | 'OUTSIDE_AGENCY';
  /** datetime-local value, in the agent's zone. */
  callbackAt: string;
  notes: string;
}

export const EMPTY_CAPTURE: CaptureState = {
  disposition: null,
  amount: '',
  dueDate: '',
  method: 'CARD_TERMINAL',
  reference: '',
  reasonCode: '',
  reason: '',
  instalments: '',
  routeTo: 'CUSTOMER_SERVICE',
  callbackAt: '',
  notes: '',
};

export interface CallContext {
  accountId: string;
  accountVersion: number;
  currency: string;
  phoneId: string;
  /** When the agent opened the account to call it. */
  startedAt: Date;
  endedAt: Date;
  idempotencyKey: string;
}

export type CaptureProblem = 'disposition' | 'amount' | 'dueDate' | 'instalments' | 'reasonCode' | 'reason' | 'callbackAt';

const AMOUNT = /^\d+(\.\d{1,2})?$/;

const wholeSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** The form as one recordCall input, or the first field the agent still has to fill. */
export function buildRecordCall(state: CaptureState, ctx: CallContext): { input: RecordCallInput } | { problem: CaptureProblem } {
  if (!state.disposition) return { problem: 'disposition' };
  const choice = choiceFor(state.disposition);
  const fields = new Set(choice.fields);
  if (fields.has('amount') && !AMOUNT.test(state.amount.trim())) return { problem: 'amount' };
  if (fields.has('dueDate') && !/^\d{4}-\d{2}-\d{2}$/.test(state.dueDate)) return { problem: 'dueDate' };
  if (state.disposition === 'HARDSHIP' && !state.reasonCode.trim()) return { problem: 'reasonCode' };
  if (fields.has('instalments') && !/^\d+$/.test(state.instalments.trim())) return { problem: 'instalments' };
  if (fields.has('reason') && !state.reason.trim()) return { problem: 'reason' };
  if (fields.has('callbackAt') && Number.isNaN(new Date(state.callbackAt).getTime())) return { problem: 'callbackAt' };

  const startedAt = wholeSecond(ctx.startedAt);
  const endedAt = wholeSecond(ctx.endedAt);
  const talkSeconds = choice.contact ? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)) : 0;
  const amount = { amount: state.amount.trim(), currencyCode: ctx.currency };
  const input: RecordCallInput = {
    accountId: ctx.accountId,
    expectedVersion: ctx.accountVersion,
    direction: 'OUTBOUND',
    phoneId: ctx.phoneId,
    disposition: state.disposition,
    startedAt: startedAt.toISOString(),
    answeredAt: choice.contact ? startedAt.toISOString() : null,
    endedAt: endedAt.toISOString(),
    talkSeconds,
    wrapSeconds: 0,
    notes: state.notes.trim() || null,
    reasonCode: fields.has('reasonCode') && state.reasonCode.trim() ? state.reasonCode.trim() : null,
  };
  if (state.disposition === 'PROMISE_TO_PAY') input.promise = { amount, dueDate: state.dueDate };
  if (state.disposition === 'PAYMENT_TAKEN') {
    input.payment = { amount, method: state.method, idempotencyKey: ctx.idempotencyKey, externalReference: state.reference.trim() || null };
  }
  if (state.disposition === 'PAYMENT_PLAN') {
    input.plan = { total: amount, instalments: splitPlan(amount.amount, Number(state.instalments), state.dueDate).map((i) => ({ amount: { amount: i.amount, currencyCode: ctx.currency }, dueDate: i.dueDate })) };
  }
  if (state.disposition === 'DISPUTE' || state.disposition === 'ALREADY_PAID') input.dispute = { channel: 'PHONE', reason: state.reason.trim() };
  if (state.disposition === 'ROUTED') input.referral = { to: state.routeTo, reason: state.reason.trim() };
  if (fields.has('callbackAt')) input.callbackAt = new Date(state.callbackAt).toISOString();
  return { input };
}

/**
 * A plan total split into monthly instalments from the first due date, in exact cents: equal parts,
 * the cents left over on the last one, so the instalments add up to the total (DOMAIN.md §4).
 */
export function splitPlan(total: string, count: number, firstDueDate: string): Array<{ amount: string; dueDate: string }> {
  const [whole = '0', fraction = ''] = total.split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  const n = Math.max(1, Math.floor(count));
  const part = Math.floor(cents / n);
  const [y, m, d] = firstDueDate.split('-').map(Number) as [number, number, number];
  return Array.from({ length: n }, (_, i) => {
    const minor = i === n - 1 ? cents - part * (n - 1) : part;
    const month = new Date(Date.UTC(y, m - 1 + i, 1));
    const lastDay = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).getUTCDate();
    month.setUTCDate(Math.min(d, lastDay));
    return { amount: `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`, dueDate: month.toISOString().slice(0, 10) };
  });
}
