import { describe, expect, it } from 'vitest';
import { becomesLastCall, callProblems, type CallFacts } from './call-rules.js';
import { Disposition } from './dispositions.js';

const now = new Date('2026-11-18T16:00:00Z');
const none = { promise: false, payment: false, plan: false, referral: false, dispute: false };
const answered = (disposition: Disposition, extra: Partial<CallFacts> = {}): CallFacts => ({
  direction: 'OUTBOUND',
  disposition,
  startedAt: new Date('2026-11-18T15:50:00Z'),
  answeredAt: new Date('2026-11-18T15:50:20Z'),
  endedAt: new Date('2026-11-18T15:55:20Z'),
  talkSeconds: 300,
  wrapSeconds: 40,
  hasPhone: true,
  outcome: none,
  ...extra,
});
const unanswered = (disposition: Disposition, extra: Partial<CallFacts> = {}): CallFacts =>
  answered(disposition, { answeredAt: null, talkSeconds: 0, endedAt: new Date('2026-11-18T15:50:30Z'), ...extra });

describe('callProblems (DOMAIN.md §3)', () => {
  it.each([
    ['PROMISE_TO_PAY with a promise', answered(Disposition.PROMISE_TO_PAY, { outcome: { ...none, promise: true } })],
    ['PAYMENT_TAKEN with a payment', answered(Disposition.PAYMENT_TAKEN, { outcome: { ...none, payment: true } })],
    ['PAYMENT_PLAN with a plan', answered(Disposition.PAYMENT_PLAN, { outcome: { ...none, plan: true } })],
    ['ROUTED with a referral', answered(Disposition.ROUTED, { outcome: { ...none, referral: true } })],
    ['DISPUTE with a dispute', answered(Disposition.DISPUTE, { outcome: { ...none, dispute: true } })],
    ['ALREADY_PAID with an investigation', answered(Disposition.ALREADY_PAID, { outcome: { ...none, dispute: true } })],
    ['HARDSHIP with its reason', answered(Disposition.HARDSHIP, { reasonCode: 'UNEMPLOYED' })],
    ['REFUSED_TO_PAY with a reason', answered(Disposition.REFUSED_TO_PAY, { reasonCode: 'NO_MONEY' })],
    ['CALLBACK_REQUESTED with a time', answered(Disposition.CALLBACK_REQUESTED, { callbackAt: new Date('2026-11-19T15:00:00Z') })],
    ['NO_ANSWER', unanswered(Disposition.NO_ANSWER)],
    ['an answering machine message', answered(Disposition.ANSWERING_MACHINE_MESSAGE, { talkSeconds: 300 })],
    ['a call dropped after it was answered', answered(Disposition.DROPPED)],
    ['an inbound call with no phone', answered(Disposition.REFUSED_TO_PAY, { direction: 'INBOUND', hasPhone: false })],
    ['WRONG_NUMBER', answered(Disposition.WRONG_NUMBER)],
    ['a call that ended right now', answered(Disposition.BUSY, { answeredAt: null, talkSeconds: 0, endedAt: now })],
  ])('accepts %s', (_name, call) => {
    expect(callProblems(call, now)).toBeNull();
  });

  it.each([
    ['PROMISE_TO_PAY without a promise', answered(Disposition.PROMISE_TO_PAY), 'promise'],
    ['NO_ANSWER with a promise', unanswered(Disposition.NO_ANSWER, { outcome: { ...none, promise: true } }), 'promise'],
    ['PAYMENT_TAKEN without a payment', answered(Disposition.PAYMENT_TAKEN), 'payment'],
    ['PROMISE_TO_PAY with a payment too', answered(Disposition.PROMISE_TO_PAY, { outcome: { ...none, promise: true, payment: true } }), 'payment'],
    ['PAYMENT_PLAN without a plan', answered(Disposition.PAYMENT_PLAN), 'plan'],
    ['ROUTED without a referral', answered(Disposition.ROUTED), 'referral'],
    ['DISPUTE without a dispute', answered(Disposition.DISPUTE), 'dispute'],
    ['ALREADY_PAID without an investigation', answered(Disposition.ALREADY_PAID), 'dispute'],
    ['HARDSHIP without a reason', answered(Disposition.HARDSHIP), 'reasonCode'],
    ['a reason on a third party', answered(Disposition.THIRD_PARTY_MESSAGE, { reasonCode: 'X' }), 'reasonCode'],
    ['CALLBACK_REQUESTED without a time', answered(Disposition.CALLBACK_REQUESTED), 'callbackAt'],
    ['a callback before the call ended', answered(Disposition.CALLBACK_REQUESTED, { callbackAt: new Date('2026-11-18T15:55:00Z') }), 'callbackAt'],
    ['a callback time on BUSY', unanswered(Disposition.BUSY, { callbackAt: new Date('2026-11-19T15:00:00Z') }), 'callbackAt'],
    ['an outbound call with no phone', unanswered(Disposition.NO_ANSWER, { hasPhone: false }), 'phoneId'],
    ['WRONG_NUMBER inbound with no phone', answered(Disposition.WRONG_NUMBER, { direction: 'INBOUND', hasPhone: false }), 'phoneId'],
    ['an end before the start', answered(Disposition.BUSY, { answeredAt: null, talkSeconds: 0, endedAt: new Date('2026-11-18T15:49:59Z') }), 'endedAt'],
    ['an end in the future', answered(Disposition.BUSY, { answeredAt: null, talkSeconds: 0, endedAt: new Date('2026-11-18T16:00:01Z') }), 'endedAt'],
    ['a contact without answeredAt', answered(Disposition.REFUSED_TO_PAY, { answeredAt: null, talkSeconds: 0 }), 'answeredAt'],
    ['answered before it started', answered(Disposition.REFUSED_TO_PAY, { answeredAt: new Date('2026-11-18T15:49:00Z'), talkSeconds: 380 }), 'answeredAt'],
    ['talk one second longer than the times', answered(Disposition.REFUSED_TO_PAY, { talkSeconds: 301 }), 'talkSeconds'],
    ['talk on an unanswered call', unanswered(Disposition.NO_ANSWER, { talkSeconds: 5 }), 'talkSeconds'],
    ['NO_ANSWER that was answered', answered(Disposition.NO_ANSWER), 'answeredAt'],
    ['BUSY that was answered', answered(Disposition.BUSY), 'answeredAt'],
    ['negative wrap-up', answered(Disposition.REFUSED_TO_PAY, { wrapSeconds: -1 }), 'wrapSeconds'],
    ['fractional wrap-up', answered(Disposition.REFUSED_TO_PAY, { wrapSeconds: 1.5 }), 'wrapSeconds'],
  ])('refuses %s (%s)', (_name, call, argument) => {
    expect(callProblems(call as CallFacts, now)?.argument).toBe(argument);
  });
});

describe('becomesLastCall', () => {
  const at = (time: string) => new Date(`2026-11-18T${time}Z`);
  it.each([
    ['the account has no call yet', null, at('15:00:00'), true],
    ['it started after the last call', at('14:00:00'), at('15:00:00'), true],
    ['it started with the last call', at('15:00:00'), at('15:00:00'), true],
    ['it was recorded late (started before the last call)', at('16:00:00'), at('15:00:00'), false],
  ])('%s', (_name, last, started, expected) => {
    expect(becomesLastCall(last, started)).toBe(expected);
  });
});
