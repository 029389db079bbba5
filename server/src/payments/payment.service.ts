import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { ACCOUNT_AUDIT_FIELDS, duesOf, settleAccountState } from '../accounts/account-state.js';
import type { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { accountForChange, expectVersion, isManagerOrAdmin, isSupervisorOf, requireWriter } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import type { Call } from '../calls/call.entity.js';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import { Instalment } from '../plans/instalment.entity.js';
import { PlanStatus } from '../plans/payment-plan.entity.js';
import { PromiseStatus, PromiseToPay } from '../promises/promise-to-pay.entity.js';
import type { Clock } from '../shared/clock.js';
import type { LocalDate } from '../shared/dates.js';
import { requiredText } from '../shared/text.js';
import type { CollectionPolicy } from '../shared/policy.js';
import type { KpiCounters } from '../kpis/kpi-counters.js';
import { minorIn } from '../shared/money.input.js';
import { AllocationTarget, PaymentAllocation } from './payment-allocation.entity.js';
import { Payment, PaymentMethod, PaymentStatus } from './payment.entity.js';
import type { PaymentInput, RecordPaymentInput } from './payment.inputs.js';
import { allocateOldestFirst, instalmentOutcome, promiseOutcome } from './settlement.js';
import { accountScope } from '../auth/access.js';

const PAYMENT_AUDIT_FIELDS = ['account', 'amountMinor', 'currency', 'method', 'externalReference', 'idempotencyKey', 'status', 'receivedAt', 'reversedAt', 'reversalReason'] as const;

/** Posting and reversing payments (DOMAIN.md §4): every figure they touch moves in one transaction. */
export class PaymentService {
  constructor(
    private readonly clock: Clock,
    private readonly businessDate: () => LocalDate,
    private readonly policy: CollectionPolicy,
    private readonly counters?: KpiCounters,
  ) {}

  async record(em: EntityManager, viewer: Viewer | undefined, input: RecordPaymentInput): Promise<Payment> {
    const v = requireWriter(viewer);
    const accountId = decodeIdOf('Account', input.accountId, 'accountId');
    const visible = await accountForChange(em, v, accountId);
    const first = await em.findOne(Payment, { idempotencyKey: input.idempotencyKey });
    if (first) return this.replay(first, visible, input);
    try {
      return await em.transactional(async (tx) => {
        const account = await accountForChange(tx, v, accountId);
        expectVersion(account, input.expectedVersion, 'The account');
        return this.post(tx, v, account, input);
      });
    } catch (error) {
      // Two requests raced with one key: the unique index let one in; the other returns its payment.
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await em.fork().findOne(Payment, { idempotencyKey: input.idempotencyKey });
        if (winner) return this.replay(winner, visible, input);
      }
      throw error;
    }
  }

  /**
   * Posts a payment inside the caller's transaction: the balance and the amount due go down (dues oldest
   * first), DPD and bucket follow, and pending promises and plan instalments are settled oldest first.
   */
  async post(tx: EntityManager, viewer: Viewer, account: Account, input: PaymentInput, call?: Call, action = 'recordPayment'): Promise<Payment> {
    const amountMinor = minorIn(input.amount, account.currency, 'amount');
    if (amountMinor <= 0) throw badInput('The payment must be more than zero.', { argument: 'amount' });
    if (amountMinor > account.balanceMinor) {
      throw badInput(`The payment is more than the balance of ${account.balance.amount} ${account.currency}.`, { argument: 'amount' });
    }
    const key = input.idempotencyKey.trim();
    if (key.length < 8 || key.length > 100) throw badInput('idempotencyKey must be 8-100 characters.', { argument: 'idempotencyKey' });
    if (input.cardLast4 != null && !/^\d{4}$/.test(input.cardLast4)) {
      throw badInput('cardLast4 is the last four digits of the card, nothing more.', { argument: 'cardLast4' });
    }
    if (input.cardLast4 != null && input.method !== PaymentMethod.CARD_TERMINAL) {
      throw badInput('cardLast4 goes with a CARD_TERMINAL payment only.', { argument: 'cardLast4' });
    }
    const reference = input.externalReference?.trim() || null;
    if (reference && reference.length > 100) throw badInput('externalReference is at most 100 characters.', { argument: 'externalReference' });

    const now = this.clock.now();
    const today = this.businessDate();
    const before = auditFields(account, ACCOUNT_AUDIT_FIELDS);
    const payment = tx.create(Payment, {
      account,
      agent: tx.getReference(Agent, viewer.agentId!),
      call: call ?? null,
      // Collected amount counts for whoever holds the account now, not whoever took the payment (§7).
      creditedTo: account.assignedAgent ?? null,
      amountMinor,
      currency: account.currency,
      method: input.method,
      externalReference: reference,
      idempotencyKey: key,
      cardLast4: input.cardLast4 ?? null,
      status: PaymentStatus.POSTED,
      receivedAt: now,
      createdAt: now,
    });

    const dues = await duesOf(tx, account);
    const toDues = allocateOldestFirst(dues.map((d) => ({ id: d.id, outstanding: d.amountMinor - d.paidMinor })), amountMinor);
    for (const share of toDues) {
      const due = dues.find((d) => d.id === share.id)!;
      due.paidMinor += share.amount;
      account.amountDueMinor -= share.amount;
      tx.create(PaymentAllocation, { payment, target: AllocationTarget.DUE, due, amountMinor: share.amount });
    }

    const promises = await tx.find(
      PromiseToPay,
      { account, status: { $in: [PromiseStatus.PENDING, PromiseStatus.PENDING_APPROVAL] }, graceEndsOn: { $gte: today }, createdAt: { $lte: now } },
      { orderBy: { dueDate: 'asc', id: 'asc' } },
    );
    const kept: Array<{ promise: PromiseToPay; before: string }> = [];
    for (const share of allocateOldestFirst(promises.map((p) => ({ id: p.id, outstanding: p.amountMinor - p.paidMinor })), amountMinor)) {
      const promise = promises.find((p) => p.id === share.id)!;
      promise.paidMinor += share.amount;
      // A promise awaiting approval keeps counting its payments but only becomes KEPT once approved.
      if (promise.status === PromiseStatus.PENDING && promiseOutcome(promise.amountMinor, promise.paidMinor, false) === 'KEPT') {
        promise.status = PromiseStatus.KEPT;
        promise.settledAt = now;
        kept.push({ promise, before: PromiseStatus.PENDING });
      }
      tx.create(PaymentAllocation, { payment, target: AllocationTarget.PROMISE, promise, amountMinor: share.amount });
    }

    const instalments = await tx.find(
      Instalment,
      { plan: { account, status: PlanStatus.ACTIVE } },
      { orderBy: { dueDate: 'asc', id: 'asc' }, populate: ['plan'] },
    );
    const open = instalments.filter((i) => i.paidMinor < i.amountMinor);
    for (const share of allocateOldestFirst(open.map((i) => ({ id: i.id, outstanding: i.amountMinor - i.paidMinor })), amountMinor)) {
      const instalment = open.find((i) => i.id === share.id)!;
      instalment.paidMinor += share.amount;
      instalment.status = instalmentOutcome(instalment.amountMinor, instalment.paidMinor, instalment.dueDate, today, this.policy.promiseGraceDays) as Instalment['status'];
      tx.create(PaymentAllocation, { payment, target: AllocationTarget.INSTALMENT, instalment, amountMinor: share.amount });
    }
    for (const plan of new Set(instalments.map((i) => i.plan))) {
      if (instalments.filter((i) => i.plan === plan).every((i) => i.paidMinor >= i.amountMinor)) plan.status = PlanStatus.COMPLETED;
    }

    account.balanceMinor -= amountMinor;
    await settleAccountState(tx, account, dues, today);
    await tx.flush();
    await this.counters?.paymentPosted(tx, payment);
    await this.counters?.promisesSettled(tx, kept);
    audit(tx, viewer, now, { action, entityType: 'Payment', entityId: payment.id, after: auditFields(payment, PAYMENT_AUDIT_FIELDS) });
    audit(tx, viewer, now, { action, entityType: 'Account', entityId: account.id, before, after: auditFields(account, ACCOUNT_AUDIT_FIELDS) });
    return payment;
  }

  /** Takes back exactly what the payment settled, re-opening dues, promises and instalments; never deletes. */
  async reverse(em: EntityManager, viewer: Viewer | undefined, paymentId: string, reason: string): Promise<Payment> {
    const v = requireWriter(viewer);
    const id = decodeIdOf('Payment', paymentId, 'id');
    const why = requiredText(reason, 'reason');
    return em.transactional(async (tx) => {
      const payment = await tx.findOne(Payment, { id, account: accountScope(v) }, { populate: ['account'] });
      if (!payment) throw notFound('Payment');
      const account = payment.account;
      if (!isManagerOrAdmin(v) && !isSupervisorOf(v, account.team?.id)) throw forbidden('Only a supervisor of the team or a manager reverses a payment.');
      if (payment.status === PaymentStatus.REVERSED) throw conflict('The payment was already reversed.');
      const now = this.clock.now();
      const today = this.businessDate();
      const before = auditFields(account, ACCOUNT_AUDIT_FIELDS);
      const paymentBefore = auditFields(payment, PAYMENT_AUDIT_FIELDS);
      const dues = await duesOf(tx, account);
      const allocations = await tx.find(PaymentAllocation, { payment }, { populate: ['promise', 'instalment', 'instalment.plan'] });
      const reopened: Array<{ promise: PromiseToPay; before: string }> = [];
      for (const allocation of allocations) {
        if (allocation.target === AllocationTarget.DUE) {
          const due = dues.find((d) => d.id === allocation.due!.id)!;
          due.paidMinor -= allocation.amountMinor;
          account.amountDueMinor += allocation.amountMinor;
        } else if (allocation.target === AllocationTarget.PROMISE) {
          const promise = allocation.promise!;
          promise.paidMinor -= allocation.amountMinor;
          if (promise.status === PromiseStatus.KEPT) {
            reopened.push({ promise, before: promise.status });
            promise.status = promiseOutcome(promise.amountMinor, promise.paidMinor, promise.graceEndsOn < today) as PromiseStatus;
            promise.settledAt = promise.status === PromiseStatus.PENDING ? null : now;
          }
        } else {
          const instalment = allocation.instalment!;
          instalment.paidMinor -= allocation.amountMinor;
          instalment.status = instalmentOutcome(instalment.amountMinor, instalment.paidMinor, instalment.dueDate, today, this.policy.promiseGraceDays) as Instalment['status'];
          if (instalment.plan.status === PlanStatus.COMPLETED) instalment.plan.status = PlanStatus.ACTIVE;
        }
      }
      account.balanceMinor += payment.amountMinor;
      payment.status = PaymentStatus.REVERSED;
      payment.reversedAt = now;
      payment.reversalReason = why;
      await tx.flush();
      await this.counters?.paymentReversed(tx, payment);
      await this.counters?.promisesSettled(tx, reopened);
      await settleAccountState(tx, account, dues, today);
      audit(tx, v, now, { action: 'reversePayment', entityType: 'Payment', entityId: payment.id, before: paymentBefore, after: auditFields(payment, PAYMENT_AUDIT_FIELDS) });
      audit(tx, v, now, { action: 'reversePayment', entityType: 'Account', entityId: account.id, before, after: auditFields(account, ACCOUNT_AUDIT_FIELDS) });
      return payment;
    });
  }

  private replay(first: Payment, account: Account, input: RecordPaymentInput): Payment {
    const amountMinor = minorIn(input.amount, account.currency, 'amount');
    if (first.account.id !== account.id || first.amountMinor !== amountMinor) {
      throw conflict('This idempotency key was already used for a different payment.', { argument: 'idempotencyKey' });
    }
    return first;
  }
}

