import type { RecordCallInput } from '../gql/graphql';
import { choiceFor, type DispositionChoice } from './dispositions';

export interface CaptureState {
  disposition: DispositionChoice['disposition'] | null;
  amount: string;
  dueDate: string;
  method: 'CARD_TERMINAL' | 'ONLINE' | 'BANK_TRANSFER' | 'CASH' | 'CHECK';
  reference: string;
  reasonCode: string;
  disputeReason: string;
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
  disputeReason: '',
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

export type CaptureProblem = 'disposition' | 'amount' | 'dueDate' | 'reasonCode' | 'disputeReason' | 'callbackAt';

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
  if (fields.has('disputeReason') && !state.disputeReason.trim()) return { problem: 'disputeReason' };
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
  if (fields.has('disputeReason')) input.dispute = { channel: 'PHONE', reason: state.disputeReason.trim() };
  if (fields.has('callbackAt')) input.callbackAt = new Date(state.callbackAt).toISOString();
  return { input };
}
