import { Product } from '../../accounts/account.entity.js';
import { Disposition } from '../../calls/dispositions.js';
import { DisputeChannel, DisputeKind, DisputeStatus } from '../../disputes/dispute.entity.js';
import { PaymentMethod, PaymentStatus } from '../../payments/payment.entity.js';
import { InstalmentStatus } from '../../plans/instalment.entity.js';
import { PlanStatus } from '../../plans/payment-plan.entity.js';
import { PromiseStatus } from '../../promises/promise-to-pay.entity.js';
import { ReferralQueue, ReferralStatus } from '../../referrals/referral.entity.js';
import { addDays, addMonths, daysBetween, type LocalDate } from '../../shared/dates.js';
import type { AccountInfo } from './accounts.js';
import type { Row } from './bulk.js';
import { roundUnits, toFloorCurrency, type SeedContext } from './context.js';
import { DAY, MINUTE } from './floor-time.js';
import type { Collector } from './people.js';
import { Weighted, type Prng } from './prng.js';

/** The call an outcome comes from; the outcome is recorded with it (§3), at `createdAt`. */
export interface CallFacts {
  id: number;
  collector: Collector;
  account: AccountInfo;
  date: LocalDate;
  startedAt: number;
  createdAt: number;
}

export interface OutcomeRows {
  promise_to_pay: Row[];
  payment: Row[];
  payment_plan: Row[];
  instalment: Row[];
  dispute: Row[];
  referral: Row[];
}

const GRACE_DAYS = 2;
const PROMISE_RESULT = new Weighted([[PromiseStatus.KEPT, 55], [PromiseStatus.PARTIALLY_KEPT, 10], [PromiseStatus.BROKEN, 35]] as const);
const SELF_SERVICE_METHOD = new Weighted([[PaymentMethod.ONLINE, 35], [PaymentMethod.BANK_TRANSFER, 30], [PaymentMethod.CASH, 30], [PaymentMethod.CHECK, 5]] as const);
const PHONE_METHOD = new Weighted([[PaymentMethod.CARD_TERMINAL, 65], [PaymentMethod.BANK_TRANSFER, 20], [PaymentMethod.ONLINE, 15]] as const);
const PLAN_LENGTH = new Weighted([[2, 10], [3, 20], [4, 15], [6, 25], [8, 10], [10, 8], [12, 12]] as const);
const INSTALMENT_RESULT = new Weighted([[InstalmentStatus.PAID, 80], [InstalmentStatus.PARTIALLY_PAID, 5], [InstalmentStatus.MISSED, 15]] as const);
/** Arrangements here settle the whole balance, so secured products (arrears-only plans) are left out. */
const PLAN_PRODUCTS = new Set<Product>([Product.CREDIT_CARD, Product.PERSONAL_LOAN, Product.OVERDRAFT, Product.INSURANCE_PREMIUM]);
const QUEUES = new Weighted([
  [ReferralQueue.CUSTOMER_SERVICE, 25],
  [ReferralQueue.RETENTION, 15],
  [ReferralQueue.PHONE_BANKING, 15],
  [ReferralQueue.REMEDIAL, 15],
  [ReferralQueue.SUPERVISOR, 15],
  [ReferralQueue.LEGAL, 5],
  [ReferralQueue.OUTSIDE_AGENCY, 10],
] as const);
const REFERRAL_REASON: Record<ReferralQueue, string> = {
  CUSTOMER_SERVICE: 'Billing question outside collections',
  RETENTION: 'Wants to cancel the product',
  PHONE_BANKING: 'Needs help setting up online payments',
  REMEDIAL: 'Asks to restructure the loan',
  SUPERVISOR: 'Asked to speak with a supervisor',
  LEGAL: 'Says a lawyer will contact us',
  OUTSIDE_AGENCY: 'No payment after repeated contact',
};
const DISPUTE_REASONS = ['Does not recognise the debt', 'Amount is wrong', 'Fees were never agreed', 'Possible identity theft', 'Product was cancelled'];

export const canTakeMoney = (a: AccountInfo, date: LocalDate): boolean =>
  a.balance > 0 && a.paidOffAt === Infinity && date > a.sim.moneyBusyUntil;
export const canArrangePlan = (a: AccountInfo): boolean => PLAN_PRODUCTS.has(a.product) && a.amountDue > 0;

const clampAmount = (amount: number, max: number): number => Math.min(max, Math.max(100, amount));

/** What a customer can put down: the arrears, or a slice of a balance that is all due (charged off) or not due yet. */
const payableBase = (a: AccountInfo, rng: Prng): number =>
  a.amountDue > 0 && a.amountDue < a.balance ? a.amountDue : Math.round(a.balance * (0.05 + rng.next() * 0.2));

export function paymentRow(
  ctx: SeedContext,
  rng: Prng,
  account: AccountInfo,
  amount: number,
  method: PaymentMethod,
  receivedAt: number,
  agentId: number | null,
  callId: number | null,
  createdAt = receivedAt,
): Row {
  const id = ctx.nextId('payment');
  for (let i = 0; i < 2; i++) if (receivedAt >= ctx.snapshotStartsMs[i]!) account.sim.paidSince[i]! += amount;
  // Collected amount counts for whoever holds the account (§7), not whoever took the payment.
  if (account.collector && receivedAt < ctx.todayStartMs) ctx.tally.add(account.collector.id, 'COLLECTED_AMOUNT', toFloorCurrency(amount, account.currency));
  return {
    id,
    account_id: account.id,
    agent_id: agentId,
    call_id: callId,
    amount_minor: amount,
    currency: account.currency,
    method,
    external_reference: `PAY-${String(id).padStart(7, '0')}`,
    idempotency_key: `seed-payment-${id}`,
    card_last4: method === PaymentMethod.CARD_TERMINAL ? rng.digits(4) : null,
    status: PaymentStatus.POSTED,
    received_at: new Date(receivedAt),
    reversed_at: null,
    reversal_reason: null,
    created_at: new Date(createdAt),
  };
}

/** A payment the customer makes on their own on `date`, never before `notBefore`. */
function selfServicePayment(ctx: SeedContext, rng: Prng, account: AccountInfo, amount: number, date: LocalDate, notBefore: number): Row {
  const at = Math.max(ctx.clock.at(date, rng.int(7 * 60, 22 * 60)), notBefore + rng.int(20, 180) * MINUTE);
  return paymentRow(ctx, rng, account, amount, SELF_SERVICE_METHOD.pick(rng), at, null, null);
}

export function recordPromise(ctx: SeedContext, rng: Prng, call: CallFacts, rows: OutcomeRows): void {
  const a = call.account;
  const base = payableBase(a, rng);
  const small = rng.chance(0.04);
  const fraction = small ? 0.03 + rng.next() * 0.06 : rng.chance(0.4) ? 1 : 0.3 + rng.next() * 0.7;
  const amount = clampAmount(roundUnits(base * fraction), a.balance);
  const dueDate = addDays(call.date, rng.skewedInt(0, 30));
  const graceEndsOn = addDays(dueDate, GRACE_DAYS);
  // Below 10% of the amount due a supervisor must approve (§4); older ones were approved.
  const needsApproval = amount < Math.round(a.amountDue * 0.1);
  let status: PromiseStatus;
  let paid = 0;
  let settledAt: number | null = null;
  if (needsApproval && call.date >= addDays(ctx.today, -1)) status = PromiseStatus.PENDING_APPROVAL;
  else if (graceEndsOn >= ctx.today) status = PromiseStatus.PENDING;
  else {
    status = PROMISE_RESULT.pick(rng);
    if (status === PromiseStatus.PARTIALLY_KEPT && amount < 200) status = PromiseStatus.BROKEN;
    // A nightly job settles what the grace period did not cover.
    settledAt = Math.min(ctx.nowMs, ctx.clock.at(addDays(graceEndsOn, 1), rng.int(5, 40)));
    if (status === PromiseStatus.KEPT) {
      const payDay = rng.chance(0.85) ? between(rng, call.date, dueDate) : between(rng, addDays(dueDate, 1), graceEndsOn);
      const payment = selfServicePayment(ctx, rng, a, amount, payDay, call.createdAt);
      rows.payment.push(payment);
      paid = amount;
      settledAt = (payment.received_at as Date).getTime();
    } else if (status === PromiseStatus.PARTIALLY_KEPT) {
      paid = Math.min(amount - 100, clampAmount(roundUnits(amount * (0.2 + rng.next() * 0.6)), amount));
      rows.payment.push(selfServicePayment(ctx, rng, a, paid, between(rng, call.date, graceEndsOn), call.createdAt));
    }
  }
  rows.promise_to_pay.push({
    id: ctx.nextId('promise_to_pay'),
    account_id: a.id,
    agent_id: call.collector.id,
    call_id: call.id,
    amount_minor: amount,
    currency: a.currency,
    paid_minor: paid,
    due_date: dueDate,
    grace_ends_on: graceEndsOn,
    status,
    decided_by_id: needsApproval && status !== PromiseStatus.PENDING_APPROVAL ? call.collector.team.supervisorId : null,
    settled_at: settledAt === null ? null : new Date(settledAt),
    created_at: new Date(call.createdAt),
    version: 1,
  });
  a.sim.moneyBusyUntil = graceEndsOn;
  if (call.createdAt < ctx.todayStartMs) {
    ctx.tally.add(call.collector.id, 'PROMISES', 1);
    ctx.tally.add(call.collector.id, 'PROMISED_AMOUNT', toFloorCurrency(amount, a.currency));
  }
}

export function recordPaymentTaken(ctx: SeedContext, rng: Prng, call: CallFacts, rows: OutcomeRows): void {
  const a = call.account;
  const base = payableBase(a, rng);
  const amount = clampAmount(roundUnits(base * (rng.chance(0.5) ? 1 : 0.5 + rng.next() * 0.5)), a.balance);
  rows.payment.push(paymentRow(ctx, rng, a, amount, PHONE_METHOD.pick(rng), call.startedAt, call.collector.id, call.id, call.createdAt));
}

export function recordPlan(ctx: SeedContext, rng: Prng, call: CallFacts, rows: OutcomeRows): void {
  const a = call.account;
  const count = PLAN_LENGTH.pick(rng);
  const monthly = rng.chance(0.7);
  const discountPercent = rng.chance(0.55) ? 0 : rng.int(5, 30);
  const total = clampAmount(roundUnits((a.balance * (100 - discountPercent)) / 100), a.balance);
  // Whole units per instalment; the last one absorbs the remainder so the sum is exact (§4).
  const each = Math.floor(total / count / 100) * 100 || Math.floor(total / count);
  const planId = ctx.nextId('payment_plan');
  const first = addDays(call.date, rng.int(3, 15));
  const needsApproval = discountPercent > 20;
  const awaitingApproval = needsApproval && call.date >= addDays(ctx.today, -1);
  let missed = 0;
  let brokenOn: LocalDate | null = null;
  let allPaid = true;
  let lastDue = first;
  for (let seq = 1; seq <= count; seq++) {
    const dueDate = monthly ? addMonths(first, seq - 1) : addDays(first, 14 * (seq - 1));
    const amount = seq === count ? total - each * (count - 1) : each;
    lastDue = dueDate;
    let status = InstalmentStatus.PENDING;
    let paid = 0;
    if (!awaitingApproval && !brokenOn && addDays(dueDate, GRACE_DAYS) < ctx.today) {
      status = INSTALMENT_RESULT.pick(rng);
      if (status === InstalmentStatus.PARTIALLY_PAID && amount < 200) status = InstalmentStatus.PAID;
      if (status === InstalmentStatus.PAID) paid = amount;
      if (status === InstalmentStatus.PARTIALLY_PAID) paid = Math.min(amount - 100, clampAmount(roundUnits(amount * (0.3 + rng.next() * 0.5)), amount));
      if (paid > 0) {
        const earliest = addDays(call.date, 1) > addDays(dueDate, -5) ? addDays(call.date, 1) : addDays(dueDate, -5);
        rows.payment.push(selfServicePayment(ctx, rng, a, paid, between(rng, earliest, dueDate), call.createdAt));
      }
      // Short of its amount once the grace has passed, a partly paid instalment is missed too (as the rollover rules).
      if (status === InstalmentStatus.PARTIALLY_PAID) status = InstalmentStatus.MISSED;
      if (status === InstalmentStatus.MISSED && ++missed === 2) brokenOn = addDays(dueDate, GRACE_DAYS + 1);
    }
    if (status !== InstalmentStatus.PAID) allPaid = false;
    rows.instalment.push({ id: ctx.nextId('instalment'), plan_id: planId, sequence: seq, due_date: dueDate, amount_minor: amount, paid_minor: paid, currency: a.currency, status });
  }
  // A plan whose last instalment has passed unpaid cannot complete any more: it ended broken.
  if (!awaitingApproval && !brokenOn && !allPaid && addDays(lastDue, GRACE_DAYS) < ctx.today) brokenOn = addDays(lastDue, GRACE_DAYS + 1);
  const status = awaitingApproval
    ? PlanStatus.PENDING_APPROVAL
    : brokenOn ? PlanStatus.BROKEN : allPaid ? PlanStatus.COMPLETED : PlanStatus.ACTIVE;
  // Instalments were pushed first for brevity; the plan row must be inserted before them (seed order does that).
  rows.payment_plan.push({
    id: planId,
    account_id: a.id,
    agent_id: call.collector.id,
    call_id: call.id,
    total_minor: total,
    currency: a.currency,
    balance_at_proposal_minor: a.balance,
    status,
    decided_by_id: needsApproval && !awaitingApproval ? call.collector.team.supervisorId : null,
    created_at: new Date(call.createdAt),
    version: 1,
  });
  a.sim.moneyBusyUntil = brokenOn ?? addDays(lastDue, GRACE_DAYS);
}

export function recordDispute(ctx: SeedContext, rng: Prng, call: CallFacts, disposition: Disposition, rows: OutcomeRows): void {
  const a = call.account;
  const investigation = disposition === Disposition.ALREADY_PAID;
  const resolvedAt = call.createdAt + (investigation ? rng.int(3, 12) : rng.int(7, 25)) * DAY + rng.int(0, 480) * MINUTE;
  const resolved = resolvedAt < ctx.nowMs;
  const valid = resolved && rng.chance(investigation ? 0.2 : 0.25);
  rows.dispute.push({
    id: ctx.nextId('dispute'),
    account_id: a.id,
    kind: investigation ? DisputeKind.PAYMENT_INVESTIGATION : DisputeKind.DISPUTE,
    channel: DisputeChannel.PHONE,
    reason: investigation ? 'Customer says the balance was already paid' : rng.pick(DISPUTE_REASONS),
    status: !resolved ? DisputeStatus.OPEN : valid ? DisputeStatus.VALID : DisputeStatus.NOT_VALID,
    resolution_note: !resolved
      ? null
      : investigation
        ? valid ? 'Payment located at another bank and applied' : 'No payment found; collection resumes'
        : valid ? 'Fees reversed and balance adjusted' : 'Contract and statements sent; debt confirmed',
    opened_by_id: call.collector.id,
    opened_at: new Date(call.createdAt),
    resolved_by_id: resolved ? call.collector.team.supervisorId : null,
    resolved_at: resolved ? new Date(resolvedAt) : null,
  });
  // While a dispute is open no collection call may be made about the account (§5, §6).
  a.sim.disputeUntil = resolved ? resolvedAt : Infinity;
}

export function recordReferral(ctx: SeedContext, rng: Prng, call: CallFacts, rows: OutcomeRows): void {
  const a = call.account;
  let queue = QUEUES.pick(rng);
  // An account with a pending promise is not sent to an outside agency (§5).
  if (queue === ReferralQueue.OUTSIDE_AGENCY && call.date <= a.sim.moneyBusyUntil) queue = ReferralQueue.SUPERVISOR;
  const closedAt = call.createdAt + rng.int(1, 10) * DAY + rng.int(0, 480) * MINUTE;
  const closed = closedAt < ctx.nowMs;
  const returned = closed && rng.chance(0.35);
  rows.referral.push({
    id: ctx.nextId('referral'),
    account_id: a.id,
    call_id: call.id,
    queue,
    reason: REFERRAL_REASON[queue],
    status: !closed ? ReferralStatus.OPEN : returned ? ReferralStatus.RETURNED : ReferralStatus.RESOLVED,
    created_by_id: call.collector.id,
    created_at: new Date(call.createdAt),
    closed_at: closed ? new Date(closedAt) : null,
    resolution: !closed ? null : returned ? 'Returned to collections' : `Handled by ${queue.toLowerCase().replace('_', ' ')}`,
  });
  a.sim.referralUntil = closed ? closedAt : Infinity;
}

function between(rng: Prng, from: LocalDate, to: LocalDate): LocalDate {
  const span = daysBetween(from, to);
  return span <= 0 ? from : addDays(from, rng.int(0, span));
}
