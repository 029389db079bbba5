/**
 * The recordCall input for a simulated call: the times, the disposition and exactly the parts it
 * implies (DOMAIN.md §3) - a promise, a payment with its own idempotency key, a plan whose instalments
 * add up, a callback time, a referral, a dispute, a reason code for HARDSHIP - and nothing else.
 */
import { Disposition, DISPOSITIONS } from '../calls/dispositions.js';
import type { Prng } from '../db/seed/prng.js';
import type { LocalDate } from '../shared/dates.js';
import { formatMinor } from '../shared/money.js';
import { drawNotes, drawReasonCode, type AccountState, type CallLength, type Direction } from './call-mix.js';
import { disputeReason, paymentTerms, planTerms, promiseTerms, referralTerms, type PlanCeilings } from './outcome-terms.js';
import type { CallTimes } from './timeline.js';
import { callbackTime } from './timeline.js';

export interface SimulatedCall {
  account: { id: string; version: number; currency: string };
  direction: Direction;
  phoneId: string | null;
  disposition: Disposition;
  state: AccountState;
  times: CallTimes;
  length: CallLength;
  /** The floor's business date, which promise and plan dates are counted from. */
  today: LocalDate;
  floorTimeZone: string;
  ceilings: PlanCeilings;
  /** Used only by a PAYMENT_TAKEN call; unique per call of a run. */
  paymentKey: string;
  rng: Prng;
}

/** RecordCallInput as JSON variables. */
export function callInput(c: SimulatedCall): Record<string, unknown> {
  const { rng, account, disposition } = c;
  const money = (minor: number) => ({ amount: formatMinor(minor, account.currency), currencyCode: account.currency });
  const answered = c.times.answeredAt !== null;
  const input: Record<string, unknown> = {
    accountId: account.id,
    direction: c.direction,
    phoneId: c.phoneId,
    startedAt: c.times.startedAt.toISOString(),
    answeredAt: c.times.answeredAt?.toISOString() ?? null,
    endedAt: c.times.endedAt.toISOString(),
    talkSeconds: answered ? c.length.talkSeconds : 0,
    wrapSeconds: c.length.wrapSeconds,
    disposition,
    // A reason is recorded only when the right party gave one (§3).
    reasonCode: DISPOSITIONS[disposition].rightParty ? drawReasonCode(rng, disposition) : null,
    notes: drawNotes(rng, disposition),
    scriptVersion: 'v3',
    expectedVersion: account.version,
  };
  switch (disposition) {
    case Disposition.PROMISE_TO_PAY: {
      const terms = promiseTerms(c.state, c.today, rng);
      input.promise = { amount: money(terms.amountMinor), dueDate: terms.dueDate };
      break;
    }
    case Disposition.PAYMENT_TAKEN: {
      const terms = paymentTerms(c.state, rng);
      input.payment = { amount: money(terms.amountMinor), method: terms.method, cardLast4: terms.cardLast4, idempotencyKey: c.paymentKey, externalReference: c.paymentKey.toUpperCase() };
      break;
    }
    case Disposition.PAYMENT_PLAN: {
      const terms = planTerms(c.state, c.today, c.ceilings, rng);
      input.plan = { total: money(terms.totalMinor), instalments: terms.instalments.map((i) => ({ amount: money(i.amountMinor), dueDate: i.dueDate })) };
      break;
    }
    case Disposition.CALLBACK_REQUESTED:
      input.callbackAt = callbackTime(c.times.endedAt, c.floorTimeZone, rng).toISOString();
      break;
    case Disposition.ROUTED:
      input.referral = referralTerms(rng);
      break;
    case Disposition.DISPUTE:
    case Disposition.ALREADY_PAID:
      input.dispute = { reason: disputeReason(rng, disposition === Disposition.ALREADY_PAID), channel: 'PHONE' };
      break;
    default:
      break;
  }
  return input;
}
