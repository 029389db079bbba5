import { describe, expect, it } from 'vitest';
import { callProblems } from '../calls/call-rules.js';
import { Disposition } from '../calls/dispositions.js';
import { Prng } from '../db/seed/prng.js';
import { planApproval, planProblems } from '../plans/plan-rules.js';
import { promiseNeedsApproval, promiseProblems } from '../promises/promise-rules.js';
import { daysBetween } from '../shared/dates.js';
import { parseMinor } from '../shared/money.js';
import { DEFAULT_POLICY } from '../shared/policy.js';
import { drawDisposition, drawLength, isAnswered, settleDisposition, type AccountState } from './call-mix.js';
import { callInput } from './call-input.js';
import { callTimes } from './timeline.js';

/**
 * Every simulated call must pass the server's own rules: the implication rules of recordCall, and the
 * promise and plan rules of DOMAIN.md §4 (within policy, so no approval is needed for a plan).
 */
const TODAY = '2026-11-18';
const DIAL = new Date('2026-11-18T16:00:00.000Z');
const STATES: AccountState[] = [
  { status: 'ACTIVE', product: 'CREDIT_CARD', balanceMinor: 1_234_567, amountDueMinor: 234_500, hasPendingPromise: false, hasOpenPlan: false },
  { status: 'ACTIVE', product: 'PERSONAL_LOAN', balanceMinor: 999, amountDueMinor: 999, hasPendingPromise: false, hasOpenPlan: false },
  { status: 'IN_ARRANGEMENT', product: 'AUTO_LOAN', balanceMinor: 80_000, amountDueMinor: 0, hasPendingPromise: true, hasOpenPlan: true },
  { status: 'ACTIVE', product: 'OVERDRAFT', balanceMinor: 250, amountDueMinor: 250, hasPendingPromise: false, hasOpenPlan: false },
];

/** The server's clock at recording: real pace (the call ran its course), compressed (10 s later), standing still. */
const CLOCKS = [
  ['real pace', (seconds: number) => new Date(DIAL.getTime() + seconds * 1000 + 3_000)],
  ['compressed pace', () => new Date(DIAL.getTime() + 10_000)],
  ['a clock that stands still', () => DIAL],
] as const;

describe('callInput', () => {
  it.each(CLOCKS)('passes recordCall’s rules at %s, for every direction and account', (_name, nowAfter) => {
    const seen = new Set<Disposition>();
    for (let seed = 0; seed < 1500; seed++) {
      const rng = new Prng(seed);
      const direction = seed % 5 === 0 ? 'INBOUND' : 'OUTBOUND';
      const state = STATES[seed % STATES.length]!;
      const disposition = settleDisposition(drawDisposition(rng, direction), state, rng);
      seen.add(disposition);
      const length = drawLength(rng, disposition, direction);
      const now = nowAfter(length.ringSeconds + length.talkSeconds + length.wrapSeconds);
      const times = callTimes(DIAL, length, isAnswered(disposition), now);
      const input = callInput({
        account: { id: 'QWNjb3VudDox', version: 3, currency: 'USD' },
        direction,
        phoneId: 'Q29udGFjdFBvaW50OjE=',
        disposition,
        state,
        times,
        length,
        today: TODAY,
        floorTimeZone: 'America/Mexico_City',
        ceilings: { maxDiscount: 0.1, maxInstalments: 6 },
        paymentKey: `sim-test-1-${seed}`,
        rng,
      });
      const problem = callProblems(
        {
          direction,
          disposition,
          startedAt: new Date(input.startedAt as string),
          answeredAt: input.answeredAt ? new Date(input.answeredAt as string) : null,
          endedAt: new Date(input.endedAt as string),
          talkSeconds: input.talkSeconds as number,
          wrapSeconds: input.wrapSeconds as number,
          reasonCode: input.reasonCode as string | null,
          callbackAt: input.callbackAt ? new Date(input.callbackAt as string) : null,
          hasPhone: input.phoneId != null,
          outcome: { promise: !!input.promise, payment: !!input.payment, plan: !!input.plan, referral: !!input.referral, dispute: !!input.dispute },
        },
        now,
      );
      expect(problem, `seed ${seed}: ${disposition} ${JSON.stringify(input)}`).toBeNull();
      const promise = input.promise as { amount: { amount: string }; dueDate: string } | undefined;
      if (promise) {
        const amountMinor = parseMinor(promise.amount.amount, 'USD');
        expect(promiseProblems({ amountMinor, dueDate: promise.dueDate }, state.balanceMinor, TODAY, DEFAULT_POLICY)).toBeNull();
        // Not today, not past 4 weeks: a day's disagreement about "today" with the server still passes.
        expect(daysBetween(TODAY, promise.dueDate)).toBeGreaterThanOrEqual(1);
        expect(daysBetween(TODAY, promise.dueDate)).toBeLessThanOrEqual(28);
      }
      const payment = input.payment as { amount: { amount: string }; idempotencyKey: string; method: string; cardLast4: string | null } | undefined;
      if (payment) {
        const amountMinor = parseMinor(payment.amount.amount, 'USD');
        expect(amountMinor).toBeGreaterThan(0);
        expect(amountMinor).toBeLessThanOrEqual(state.balanceMinor);
        expect(payment.idempotencyKey).toBe(`sim-test-1-${seed}`);
        expect(payment.cardLast4 === null).toBe(payment.method !== 'CARD_TERMINAL');
      }
      const plan = input.plan as { total: { amount: string }; instalments: Array<{ amount: { amount: string }; dueDate: string }> } | undefined;
      if (plan) {
        const terms = { totalMinor: parseMinor(plan.total.amount, 'USD'), instalments: plan.instalments.map((i) => ({ dueDate: i.dueDate, amountMinor: parseMinor(i.amount.amount, 'USD') })) };
        expect(planProblems(terms, state.balanceMinor, TODAY, DEFAULT_POLICY)).toBeNull();
        expect(planApproval(terms, state.balanceMinor, { maxDiscount: 0.1, maxInstalments: 6 }).needed).toBe(false);
      }
    }
    for (const d of [Disposition.NO_ANSWER, Disposition.PROMISE_TO_PAY, Disposition.PAYMENT_TAKEN, Disposition.PAYMENT_PLAN, Disposition.CALLBACK_REQUESTED, Disposition.HARDSHIP]) {
      expect(seen).toContain(d);
    }
  });

  it('sends the account version it read, so a change made meanwhile is CONFLICT rather than overwritten', () => {
    const rng = new Prng(1);
    const length = { ringSeconds: 30, talkSeconds: 0, wrapSeconds: 10 };
    const input = callInput({
      account: { id: 'A', version: 17, currency: 'MXN' },
      direction: 'OUTBOUND',
      phoneId: 'P',
      disposition: Disposition.NO_ANSWER,
      state: STATES[0]!,
      times: callTimes(DIAL, length, false, new Date(DIAL.getTime() + 60_000)),
      length,
      today: TODAY,
      floorTimeZone: 'America/Mexico_City',
      ceilings: { maxDiscount: 0.2, maxInstalments: 12 },
      paymentKey: 'sim-x-1-1',
      rng,
    });
    expect(input).toMatchObject({ expectedVersion: 17, talkSeconds: 0, answeredAt: null, reasonCode: null, startedAt: DIAL.toISOString(), endedAt: '2026-11-18T16:00:30.000Z' });
  });
});
