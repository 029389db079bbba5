import { describe, expect, it } from 'vitest';
import { Disposition, DISPOSITIONS, isContact, isRightPartyContact } from '../calls/dispositions.js';
import { Prng } from '../db/seed/prng.js';
import { dispositionClass, drawDisposition, drawLength, fitWithin, meanOutboundCycleSeconds, settleDisposition, type AccountState } from './call-mix.js';

const D = Disposition;
const account = (over: Partial<AccountState> = {}): AccountState => ({
  status: 'ACTIVE',
  product: 'CREDIT_CARD',
  balanceMinor: 500_000,
  amountDueMinor: 120_000,
  hasPendingPromise: false,
  hasOpenPlan: false,
  ...over,
});

describe('the disposition mix', () => {
  const share = (direction: 'OUTBOUND' | 'INBOUND', test: (d: Disposition) => boolean) => {
    const rng = new Prng(42);
    let n = 0;
    for (let i = 0; i < 20_000; i++) if (test(drawDisposition(rng, direction))) n++;
    return n / 20_000;
  };

  it.each([
    ['outbound contacts', 'OUTBOUND', isContact, 0.25, 0.38],
    ['outbound right-party contacts', 'OUTBOUND', isRightPartyContact, 0.19, 0.27],
    ['outbound promises', 'OUTBOUND', (d: Disposition) => d === D.PROMISE_TO_PAY, 0.06, 0.1],
    ['outbound payments and plans', 'OUTBOUND', (d: Disposition) => d === D.PAYMENT_TAKEN || d === D.PAYMENT_PLAN, 0.025, 0.05],
    ['inbound right-party contacts', 'INBOUND', isRightPartyContact, 0.85, 0.95],
    ['inbound calls that mark a phone invalid', 'INBOUND', (d: Disposition) => DISPOSITIONS[d].implies.includes('PHONE_INVALID'), 0, 0],
  ] as const)('%s: a believable share', (_name, direction, test, min, max) => {
    const s = share(direction, test);
    expect(s).toBeGreaterThanOrEqual(min);
    expect(s).toBeLessThanOrEqual(max);
  });

  it('is reproducible from its seed', () => {
    const draw = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 50 }, () => drawDisposition(rng, 'OUTBOUND'));
    };
    expect(draw(7)).toEqual(draw(7));
  });
});

describe('settleDisposition: the outcome the account can have', () => {
  it.each([
    ['a promise on a healthy account', D.PROMISE_TO_PAY, account(), [D.PROMISE_TO_PAY]],
    ['a second promise becomes a payment', D.PROMISE_TO_PAY, account({ hasPendingPromise: true }), [D.PAYMENT_TAKEN]],
    ['no money from a zero balance', D.PAYMENT_TAKEN, account({ balanceMinor: 0 }), [D.REFUSED_TO_PAY, D.CALLBACK_REQUESTED, D.HARDSHIP]],
    ['no second plan: the missed instalment is promised instead', D.PAYMENT_PLAN, account({ status: 'IN_ARRANGEMENT', hasOpenPlan: true }), [D.PROMISE_TO_PAY]],
    ['or paid, when a promise is already pending', D.PAYMENT_PLAN, account({ hasOpenPlan: true, hasPendingPromise: true }), [D.PAYMENT_TAKEN]],
    ['a payment on an account in arrangement', D.PAYMENT_TAKEN, account({ status: 'IN_ARRANGEMENT', hasOpenPlan: true }), [D.PAYMENT_TAKEN]],
    ['no money from a closed account', D.PAYMENT_PLAN, account({ status: 'PAID_OFF' }), [D.REFUSED_TO_PAY, D.CALLBACK_REQUESTED, D.HARDSHIP]],
    ['no plan on a secured loan', D.PAYMENT_PLAN, account({ product: 'MORTGAGE' }), [D.PROMISE_TO_PAY]],
    ['no plan with nothing due', D.PAYMENT_PLAN, account({ amountDueMinor: 0 }), [D.PROMISE_TO_PAY]],
    ['no plan on a balance below two units', D.PAYMENT_PLAN, account({ balanceMinor: 150 }), [D.PROMISE_TO_PAY]],
    ['a plan on an unsecured loan in arrears', D.PAYMENT_PLAN, account({ product: 'PERSONAL_LOAN' }), [D.PAYMENT_PLAN]],
    ['no second dispute', D.DISPUTE, account({ status: 'DISPUTED' }), [D.CALLBACK_REQUESTED]],
    ['no routing of a routed account', D.ROUTED, account({ status: 'ROUTED' }), [D.CALLBACK_REQUESTED]],
    ['a dispute on an account in arrangement', D.DISPUTE, account({ status: 'IN_ARRANGEMENT' }), [D.DISPUTE]],
    ['a no answer stays one', D.NO_ANSWER, account({ balanceMinor: 0 }), [D.NO_ANSWER]],
  ] as const)('%s', (_name, drawn, state, allowed) => {
    for (let seed = 0; seed < 20; seed++) expect(allowed).toContain(settleDisposition(drawn, state, new Prng(seed)));
  });
});

describe('call lengths', () => {
  it.each([
    [D.NO_ANSWER, 'OUTBOUND', [20, 45], [0, 0], [5, 30]],
    [D.BUSY, 'OUTBOUND', [2, 6], [0, 0], [5, 30]],
    [D.PROMISE_TO_PAY, 'OUTBOUND', [3, 25], [180, 600], [20, 120]],
    [D.PAYMENT_PLAN, 'INBOUND', [2, 15], [300, 900], [20, 120]],
    [D.WRONG_NUMBER, 'OUTBOUND', [3, 25], [30, 60], [20, 120]],
  ] as const)('%s %s: ring %j, talk %j, wrap %j seconds', (d, direction, ring, talk, wrap) => {
    for (let seed = 0; seed < 200; seed++) {
      const l = drawLength(new Prng(seed), d, direction);
      expect(l.ringSeconds).toBeGreaterThanOrEqual(ring[0]);
      expect(l.ringSeconds).toBeLessThanOrEqual(ring[1]);
      expect(l.talkSeconds).toBeGreaterThanOrEqual(talk[0]);
      expect(l.talkSeconds).toBeLessThanOrEqual(talk[1]);
      expect(l.wrapSeconds).toBeGreaterThanOrEqual(wrap[0]);
      expect(l.wrapSeconds).toBeLessThanOrEqual(wrap[1]);
    }
  });

  it('an outbound call costs an agent about two and a half minutes on average', () => {
    expect(meanOutboundCycleSeconds(12)).toBeGreaterThan(120);
    expect(meanOutboundCycleSeconds(12)).toBeLessThan(180);
  });

  it.each([
    ['fits already', { ringSeconds: 10, talkSeconds: 100, wrapSeconds: 30 }, 200, { ringSeconds: 10, talkSeconds: 100, wrapSeconds: 30 }],
    ['talk gives way first', { ringSeconds: 10, talkSeconds: 600, wrapSeconds: 60 }, 280, { ringSeconds: 10, talkSeconds: 210, wrapSeconds: 60 }],
    ['then wrap-up', { ringSeconds: 10, talkSeconds: 600, wrapSeconds: 60 }, 50, { ringSeconds: 10, talkSeconds: 20, wrapSeconds: 20 }],
    ['never below the shortest call', { ringSeconds: 10, talkSeconds: 600, wrapSeconds: 60 }, 0, { ringSeconds: 2, talkSeconds: 20, wrapSeconds: 5 }],
    ['an unanswered call has no talk to cut', { ringSeconds: 40, talkSeconds: 0, wrapSeconds: 30 }, 30, { ringSeconds: 25, talkSeconds: 0, wrapSeconds: 5 }],
  ])('fitWithin: %s', (_name, length, max, fitted) => {
    expect(fitWithin(length, max)).toEqual(fitted);
  });
});

describe('dispositionClass', () => {
  it.each([
    [D.NO_ANSWER, 'noContact'],
    [D.DISCONNECTED_NUMBER, 'noContact'],
    [D.THIRD_PARTY_MESSAGE, 'thirdParty'],
    [D.WRONG_NUMBER, 'thirdParty'],
    [D.PROMISE_TO_PAY, 'promise'],
    [D.PAYMENT_TAKEN, 'payment'],
    [D.PAYMENT_PLAN, 'plan'],
    [D.HARDSHIP, 'otherRpc'],
    [D.CEASE_REQUEST, 'otherRpc'],
  ] as const)('%s is %s', (d, cls) => {
    expect(dispositionClass(d)).toBe(cls);
  });
});
