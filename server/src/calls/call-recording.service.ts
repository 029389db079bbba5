import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { audit, auditFields, auditNow } from '../audit/audit.js';
import { accountForChange, expectVersion, requireWriter } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import { ContactPoint, ContactPointKind } from '../customers/contact-point.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { DisputeKind } from '../disputes/dispute.entity.js';
import { AppError, badInput, conflict } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import { Payment } from '../payments/payment.entity.js';
import type { PaymentInput } from '../payments/payment.inputs.js';
import type { Services } from '../services.js';
import type { Clock } from '../shared/clock.js';
import { minorIn } from '../shared/money.input.js';
import { Call, CallDirection } from './call.entity.js';
import { accountToCall, insertCall, insertedCall, moveLastCall, phonesAndAddressesOf, releaseLease, type AccountToCall, type ContactPointRow, type NewCall } from './call-recording.sql.js';
import { becomesLastCall, callProblems } from './call-rules.js';
import { DISPOSITIONS, Disposition } from './dispositions.js';
import type { RecordCallInput } from './record-call.inputs.js';

const CALL_AUDIT_FIELDS = ['account', 'agent', 'direction', 'phone', 'startedAt', 'answeredAt', 'endedAt', 'talkSeconds', 'wrapSeconds', 'disposition', 'reasonCode', 'callbackAt'] as const;
const CUSTOMER_FLAGS = ['ceaseCommunication', 'attorneyRepresented', 'bankrupt', 'deceased', 'reviewRequired'] as const;

/** The customer flags a disposition sets (§3): CEASE_REQUEST, ATTORNEY_REPRESENTED, DECEASED and BANKRUPTCY change what the customer may be called about (§6). */
const FLAGS_SET_BY: Partial<Record<Disposition, ReadonlyArray<(typeof CUSTOMER_FLAGS)[number]>>> = {
  [Disposition.CEASE_REQUEST]: ['ceaseCommunication'],
  [Disposition.ATTORNEY_REPRESENTED]: ['attorneyRepresented'],
  [Disposition.DECEASED]: ['deceased', 'reviewRequired'],
  [Disposition.BANKRUPTCY]: ['bankrupt', 'reviewRequired'],
};

/**
 * recordCall: the call and everything its disposition implies (DOMAIN.md §3) - promise, payment, plan,
 * referral, dispute, callback, customer flags, an invalid phone - in one transaction, or nothing at all.
 * The call and what every call writes go by SQL (call-recording.sql.ts): a dialer records them by the
 * thousand. What an outcome implies goes through the entities and the services that own them.
 */
export class CallRecordingService {
  constructor(
    private readonly clock: Clock,
    private readonly services: () => Services,
  ) {}

  async record(em: EntityManager, viewer: Viewer | undefined, input: RecordCallInput): Promise<Call> {
    const v = requireWriter(viewer);
    const accountId = decodeIdOf('Account', input.accountId, 'accountId');
    const problem = callProblems(
      {
        direction: input.direction,
        disposition: input.disposition,
        startedAt: input.startedAt,
        answeredAt: input.answeredAt,
        endedAt: input.endedAt,
        talkSeconds: input.talkSeconds,
        wrapSeconds: input.wrapSeconds,
        reasonCode: input.reasonCode,
        callbackAt: input.callbackAt,
        hasPhone: input.phoneId != null,
        outcome: { promise: !!input.promise, payment: !!input.payment, plan: !!input.plan, referral: !!input.referral, dispute: !!input.dispute },
      },
      this.clock.now(),
    );
    if (problem) throw badInput(problem.message, { argument: problem.argument });
    const notes = input.notes?.trim() || null;
    if (notes && notes.length > 4000) throw badInput('notes are at most 4000 characters.', { argument: 'notes' });
    if (input.reasonCode && input.reasonCode.trim().length > 50) throw badInput('reasonCode is at most 50 characters.', { argument: 'reasonCode' });

    // A retried PAYMENT_TAKEN (same idempotency key) returns the call first recorded with it: never twice.
    const replayed = input.payment ? await this.replay(em.fork(), v, accountId, input.payment) : null;
    if (replayed) return replayed;

    const services = this.services();
    try {
      return await em.transactional(async (tx) => {
        const account = await accountToCall(tx, v, accountId);
        expectVersion(account, input.expectedVersion, 'The account');
        const points = input.phoneId != null ? await phonesAndAddressesOf(tx, account.customerId) : [];
        const phone = input.phoneId != null ? phoneAmong(points, input.phoneId) : null;
        const phoneNumber = phone?.value ?? input.phoneNumber?.trim() ?? '';
        if (input.direction === CallDirection.INBOUND && !phone && phoneNumber && !/^\+?[0-9]{4,15}$/.test(phoneNumber)) {
          throw badInput('phoneNumber must be digits, optionally with a leading +.', { argument: 'phoneNumber' });
        }
        // DOMAIN.md §6: an outbound call the policy blocks is refused before anything is written; inbound calls always go through.
        if (input.direction === CallDirection.OUTBOUND && phone) await services.contactCheck.ensureAllowed(tx, account.id, points, phone, input.startedAt);
        const now = this.clock.now();
        const row: NewCall = {
          accountId: account.id,
          agentId: v.agentId!,
          teamId: v.teamId ?? account.teamId,
          direction: input.direction,
          phoneId: phone?.id ?? null,
          phoneNumber,
          startedAt: input.startedAt,
          answeredAt: input.answeredAt ?? null,
          endedAt: input.endedAt,
          talkSeconds: input.talkSeconds,
          wrapSeconds: input.wrapSeconds,
          disposition: input.disposition,
          reasonCode: input.reasonCode?.trim() || null,
          notes,
          scriptVersion: input.scriptVersion?.trim() || null,
          callbackAt: input.callbackAt ?? null,
          createdAt: now,
        };
        // Before the insert: the team's calls commit in id order, which callLogged's cursors rely on.
        await services.events.lockCallLog(tx, row.teamId);
        const call = insertedCall(row, await insertCall(tx, row));
        if (becomesLastCall(account.lastCallStartedAt, row.startedAt)) await moveLastCall(tx, account, call);
        // The caller has worked the account nextAccount leased to them: it goes back to the worklists.
        await releaseLease(tx, account.id, row.agentId);
        await auditNow(tx, v, now, { action: 'recordCall', entityType: 'Call', entityId: call.id, after: auditFields(call, CALL_AUDIT_FIELDS) });
        // Leaves for live subscribers once this transaction commits; if anything below fails, never.
        services.events.callLogged(tx, call);
        await services.kpiCounters.callRecorded(tx, call);
        await this.recordImplications(tx, v, input, account, call, phone, now);
        return call;
      });
    } catch (error) {
      if (error instanceof AppError && error.extensions.code === 'CONTACT_NOT_ALLOWED') {
        // Nothing was written; the alert rules still hear of it, to spot a burst of refusals.
        services.events.contactRefused({
          agentId: v.agentId!,
          teamId: v.teamId ?? null,
          accountId,
          blockedBy: (error.extensions.blockedBy as string[] | undefined) ?? [],
          at: this.clock.now().toISOString(),
        });
      }
      // Two requests raced with one payment key: one got in (the other met its account version or its
      // payment key first); the other returns the winner's call.
      if (input.payment && (error instanceof UniqueConstraintViolationException || error instanceof OptimisticLockError)) {
        const winner = await this.replay(em.fork(), v, accountId, input.payment);
        if (winner) return winner;
      }
      throw error;
    }
  }

  /**
   * The call an idempotency key was first used with, when this request repeats it (same account, same
   * amount); the key used for anything else is CONFLICT. Null when the key is new.
   */
  private async replay(em: EntityManager, viewer: Viewer, accountId: number, payment: PaymentInput): Promise<Call | null> {
    const first = await em.findOne(Payment, { idempotencyKey: payment.idempotencyKey.trim() });
    if (!first) return null;
    const account = await accountForChange(em, viewer, accountId);
    const amountMinor = minorIn(payment.amount, account.currency, 'amount');
    if (first.account.id !== account.id || first.amountMinor !== amountMinor || !first.call) {
      throw conflict('This idempotency key was already used for another payment; a new payment needs a new key.', { argument: 'idempotencyKey' });
    }
    return em.findOneOrFail(Call, first.call.id);
  }

  /** Loads the customer only when the disposition flags it, so other calls leave the customer row alone. */
  private async flagCustomer(tx: EntityManager, viewer: Viewer, customerId: number, disposition: Disposition, now: Date): Promise<void> {
    const flags = FLAGS_SET_BY[disposition];
    if (!flags) return;
    const customer = await tx.findOneOrFail(Customer, { id: customerId });
    const before = auditFields(customer, CUSTOMER_FLAGS);
    for (const flag of flags) customer[flag] = true;
    const after = auditFields(customer, CUSTOMER_FLAGS);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      audit(tx, viewer, now, { action: 'recordCall', entityType: 'Customer', entityId: customer.id, before, after });
    }
  }

  /**
   * What the disposition implies beyond the call itself (DOMAIN.md §3): the outcome, an invalid phone,
   * customer flags. These services work on entities; the account is read only now, after the call's
   * writes above, so they see its new version and last call.
   */
  private async recordImplications(
    tx: EntityManager,
    v: Viewer,
    input: RecordCallInput,
    called: AccountToCall,
    call: Call,
    phone: ContactPointRow | null,
    now: Date,
  ): Promise<void> {
    const services = this.services();
    if (input.promise || input.payment || input.plan || input.referral || input.dispute) {
      const account = await tx.findOneOrFail(Account, called.id);
      // What they create refers to the call, which is stored already.
      const stored = tx.getReference(Call, call.id);
      if (input.promise) await services.promises.promise(tx, v, account, input.promise, stored, 'recordCall');
      if (input.payment) await services.payments.post(tx, v, account, input.payment, stored, 'recordCall');
      if (input.plan) await services.plans.plan(tx, v, account, input.plan, stored, 'recordCall');
      if (input.referral) await services.referrals.route(tx, v, { account, queue: input.referral.to, reason: input.referral.reason, call: stored, action: 'recordCall' });
      if (input.dispute) {
        await services.disputes.open(tx, v, {
          account,
          channel: input.dispute.channel,
          reason: input.dispute.reason,
          kind: input.disposition === Disposition.ALREADY_PAID ? DisputeKind.PAYMENT_INVESTIGATION : DisputeKind.DISPUTE,
          action: 'recordCall',
        });
      }
    }
    if (DISPOSITIONS[input.disposition].implies.includes('PHONE_INVALID') && phone) {
      const contactPoint = await tx.findOneOrFail(ContactPoint, phone.id);
      await services.contactPoints.invalidatePhone(tx, v, { contactPoint, source: 'CALL', reason: input.disposition });
    }
    await this.flagCustomer(tx, v, called.customerId, input.disposition, now);
  }
}

/** The phone dialled, among the customer's phones and addresses; anything else is BAD_USER_INPUT. */
function phoneAmong(points: readonly ContactPointRow[], phoneGlobalId: string): ContactPointRow {
  const id = decodeIdOf('ContactPoint', phoneGlobalId, 'phoneId');
  const phone = points.find((p) => p.id === id && p.kind === ContactPointKind.PHONE);
  if (!phone) throw badInput('phoneId is not a phone of this account’s customer.', { argument: 'phoneId' });
  return phone;
}
