import { describe, expect, it } from 'vitest';
import { buildRecordCall, EMPTY_CAPTURE, splitPlan } from './capture';

const ctx = {
  accountId: 'A',
  accountVersion: 1,
  currency: 'MXN',
  phoneId: 'P',
  startedAt: new Date('2026-11-18T16:00:00Z'),
  endedAt: new Date('2026-11-18T16:02:00Z'),
  idempotencyKey: 'k-1',
};

describe('splitPlan', () => {
  it('splits in exact cents, the remainder on the last instalment, monthly from the first date', () => {
    expect(splitPlan('100.00', 3, '2026-11-30')).toEqual([
      { amount: '33.33', dueDate: '2026-11-30' },
      { amount: '33.33', dueDate: '2026-12-30' },
      { amount: '33.34', dueDate: '2027-01-30' },
    ]);
  });
  it('keeps to the last day of shorter months', () => {
    expect(splitPlan('20.00', 2, '2027-01-31').map((i) => i.dueDate)).toEqual(['2027-01-31', '2027-02-28']);
  });
});

describe('buildRecordCall', () => {
  it('needs a disposition first', () => {
    expect(buildRecordCall(EMPTY_CAPTURE, ctx)).toEqual({ problem: 'disposition' });
  });
  it('a no-answer is an outbound attempt with no talk time and no answer', () => {
    const r = buildRecordCall({ ...EMPTY_CAPTURE, disposition: 'NO_ANSWER' }, ctx);
    expect(r).toMatchObject({ input: { disposition: 'NO_ANSWER', talkSeconds: 0, answeredAt: null, direction: 'OUTBOUND' } });
  });
  it('a payment plan carries its instalments adding up to the total', () => {
    const r = buildRecordCall({ ...EMPTY_CAPTURE, disposition: 'PAYMENT_PLAN', amount: '1000', instalments: '4', dueDate: '2026-12-01' }, ctx);
    if (!('input' in r)) throw new Error(JSON.stringify(r));
    expect(r.input.plan?.total).toEqual({ amount: '1000', currencyCode: 'MXN' });
    expect(r.input.plan?.instalments.map((i) => i.amount.amount)).toEqual(['250.00', '250.00', '250.00', '250.00']);
  });
  it('a referral names its queue and reason; a hardship needs its reason code', () => {
    expect(buildRecordCall({ ...EMPTY_CAPTURE, disposition: 'ROUTED', routeTo: 'RETENTION', reason: 'wants to cancel' }, ctx)).toMatchObject({
      input: { referral: { to: 'RETENTION', reason: 'wants to cancel' } },
    });
    expect(buildRecordCall({ ...EMPTY_CAPTURE, disposition: 'HARDSHIP' }, ctx)).toEqual({ problem: 'reasonCode' });
    expect(buildRecordCall({ ...EMPTY_CAPTURE, disposition: 'DISPUTE' }, ctx)).toEqual({ problem: 'reason' });
  });
  it('a payment carries its method and idempotency key', () => {
    expect(buildRecordCall({ ...EMPTY_CAPTURE, disposition: 'PAYMENT_TAKEN', amount: '12.5', method: 'CASH' }, ctx)).toMatchObject({
      input: { payment: { amount: { amount: '12.5', currencyCode: 'MXN' }, method: 'CASH', idempotencyKey: 'k-1' } },
    });
  });
});
