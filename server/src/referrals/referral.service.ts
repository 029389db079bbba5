import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { ACTIVE_REFERRAL, derivedCollectionStatus, isInCollection } from '../accounts/account-status.js';
import { AccountStatus, type Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { accountScope, requireViewer } from '../auth/access.js';
import { accountForChange, expectVersion, isManagerOrAdmin, isSupervisorOf, requireWriter } from '../auth/permissions.js';
import { Role, type Viewer } from '../auth/viewer.js';
import type { Call } from '../calls/call.entity.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import { PromiseStatus, PromiseToPay } from '../promises/promise-to-pay.entity.js';
import type { Clock } from '../shared/clock.js';
import { Referral, ReferralQueue, ReferralStatus } from './referral.entity.js';
import type { ReferralFilter } from './referral.inputs.js';

export const REFERRAL_AUDIT_FIELDS = ['account', 'call', 'queue', 'reason', 'status', 'createdBy', 'handledBy', 'acceptedAt', 'closedAt', 'resolution'] as const;
const ACCOUNT_FIELDS = ['status', 'version'] as const;
/** The column is a varchar(255) on PostgreSQL. */
const TEXT_MAX = 255;

/** What the receiving side may do with a referral, from each status (DOMAIN.md §5). */
const TRANSITIONS: Record<'accept' | 'resolve' | 'return', { from: ReferralStatus[]; to: ReferralStatus }> = {
  accept: { from: [ReferralStatus.OPEN], to: ReferralStatus.ACCEPTED },
  resolve: { from: [ReferralStatus.ACCEPTED], to: ReferralStatus.RESOLVED },
  return: { from: [ReferralStatus.OPEN, ReferralStatus.ACCEPTED], to: ReferralStatus.RETURNED },
};

export interface RouteRequest {
  account: Account;
  queue: ReferralQueue;
  reason: string;
  /** The call the account was routed from (a ROUTED disposition). */
  call?: Call | null;
  /** The operation the audit events are filed under; recordCall when a call is given. */
  action?: string;
}

function text(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > TEXT_MAX) throw badInput(`${argument} must be 1-${TEXT_MAX} characters.`, { argument });
  return trimmed;
}

/** Routing accounts to other areas and the receiving side's handling of them (DOMAIN.md §5). */
export class ReferralService {
  constructor(private readonly clock: Clock) {}

  async list(em: EntityManager, viewer: Viewer | undefined, filter: ReferralFilter | null | undefined, page: PageArgs): Promise<Connection<Referral>> {
    const v = requireViewer(viewer);
    const c: FilterQuery<Referral>[] = [{ account: accountScope(v) }];
    if (filter?.queue) c.push({ queue: filter.queue });
    if (filter?.status) c.push({ status: filter.status });
    if (filter?.accountId != null) c.push({ account: decodeIdOf('Account', filter.accountId, 'filter.accountId') });
    return paginate(em, Referral, { $and: c }, { field: 'createdAt', direction: 'DESC' }, page, { dateField: true });
  }

  /** An agent routes their own accounts; supervisors, managers and admins any account they reach. */
  async routeAccount(
    em: EntityManager,
    viewer: Viewer | undefined,
    args: { accountId: string; queue: ReferralQueue; reason: string; expectedVersion?: number | null },
  ): Promise<Referral> {
    const v = requireWriter(viewer);
    const accountId = decodeIdOf('Account', args.accountId, 'accountId');
    const reason = text(args.reason, 'reason');
    return em.transactional(async (tx) => {
      const account = await accountForChange(tx, v, accountId);
      expectVersion(account, args.expectedVersion, 'The account');
      return this.route(tx, v, { account, queue: args.queue, reason });
    });
  }

  /**
   * Opens a referral inside the caller's transaction; the caller has checked the viewer may change the
   * account. Refuses an account out of collection, one already with another area, and an outside
   * agency for an account with a pending promise.
   */
  async route(em: EntityManager, viewer: Viewer, request: RouteRequest): Promise<Referral> {
    const { account, queue, call } = request;
    const reason = text(request.reason, 'reason');
    if (!isInCollection(account)) throw conflict(`The account is ${account.status}: only accounts in collection are routed.`);
    const active = await em.findOne(Referral, { account, status: { $in: ACTIVE_REFERRAL } });
    if (active) {
      throw conflict(`The account is already routed to ${active.queue} (referral ${active.globalId}, ${active.status}); it must be returned or resolved first.`, {
        referralId: active.globalId,
      });
    }
    if (queue === ReferralQueue.OUTSIDE_AGENCY) {
      const pending = await em.count(PromiseToPay, { account, status: { $in: [PromiseStatus.PENDING, PromiseStatus.PENDING_APPROVAL] } });
      if (pending > 0) {
        throw badInput('An account with a pending promise to pay is not sent to an outside agency (DOMAIN.md §5); wait for the promise to settle or choose another queue.', {
          argument: 'to',
        });
      }
    }

    const now = this.clock.now();
    const before = auditFields(account, ACCOUNT_FIELDS);
    const referral = em.create(Referral, {
      account,
      call: call ?? null,
      queue,
      reason,
      status: ReferralStatus.OPEN,
      createdBy: em.getReference(Agent, viewer.agentId!),
      createdAt: now,
    });
    await em.flush();
    // ROUTED, unless an open dispute keeps the account DISPUTED (collection calls stay stopped, §6).
    account.status = await derivedCollectionStatus(em, account);
    await em.flush();
    const action = request.action ?? (call ? 'recordCall' : 'routeAccount');
    audit(em, viewer, now, { action, entityType: 'Referral', entityId: referral.id, after: auditFields(referral, REFERRAL_AUDIT_FIELDS) });
    if (before.status !== account.status) {
      audit(em, viewer, now, { action, entityType: 'Account', entityId: account.id, before, after: auditFields(account, ACCOUNT_FIELDS) });
    }
    return referral;
  }

  accept(em: EntityManager, viewer: Viewer | undefined, referralId: string): Promise<Referral> {
    return this.handle(em, viewer, referralId, 'accept', null);
  }

  resolve(em: EntityManager, viewer: Viewer | undefined, referralId: string, resolution: string): Promise<Referral> {
    return this.handle(em, viewer, referralId, 'resolve', { value: resolution, argument: 'resolution' });
  }

  /** Hands the account back to collections, from OPEN (never taken) or ACCEPTED (taken, not for us). */
  returnToCollections(em: EntityManager, viewer: Viewer | undefined, referralId: string, reason: string): Promise<Referral> {
    return this.handle(em, viewer, referralId, 'return', { value: reason, argument: 'reason' });
  }

  /** The receiving side owns the queues: the supervisor of the account's team, managers and admins. */
  private async handle(
    em: EntityManager,
    viewer: Viewer | undefined,
    referralId: string,
    step: keyof typeof TRANSITIONS,
    given: { value: string; argument: string } | null,
  ): Promise<Referral> {
    const v = requireWriter(viewer);
    if (!isManagerOrAdmin(v) && v.role !== Role.SUPERVISOR) throw forbidden('Referrals are handled by the receiving side: a supervisor of the team, a manager or an admin.');
    const id = decodeIdOf('Referral', referralId, 'id');
    const note = given ? text(given.value, given.argument) : null;
    return em.transactional(async (tx) => {
      const referral = await tx.findOne(Referral, { id, account: accountScope(v) }, { populate: ['account'] });
      if (!referral) throw notFound('Referral');
      const account = referral.account;
      if (!isManagerOrAdmin(v) && !isSupervisorOf(v, account.team?.id)) throw forbidden('Only a supervisor of the account’s team, a manager or an admin handles this referral.');
      const { from, to } = TRANSITIONS[step];
      if (!from.includes(referral.status)) {
        throw conflict(`A referral that is ${referral.status} cannot be ${to}; it must be ${from.join(' or ')}.`, { status: referral.status });
      }
      const before = auditFields(referral, REFERRAL_AUDIT_FIELDS);
      const accountBefore = auditFields(account, ACCOUNT_FIELDS);
      // Claims the transition in the database, so two people acting at once cannot both succeed.
      const claimed = await tx.nativeUpdate(Referral, { id, status: referral.status }, { status: to });
      if (claimed !== 1) throw conflict('The referral was changed by someone else; reload it and try again.');

      const now = this.clock.now();
      referral.status = to;
      referral.handledBy = tx.getReference(Agent, v.agentId!);
      if (step === 'accept') referral.acceptedAt = now;
      else {
        referral.closedAt = now;
        referral.resolution = note;
      }
      await tx.flush();
      const action = step === 'accept' ? 'acceptReferral' : step === 'resolve' ? 'resolveReferral' : 'returnReferral';
      audit(tx, v, now, { action, entityType: 'Referral', entityId: referral.id, before, after: auditFields(referral, REFERRAL_AUDIT_FIELDS) });
      if (step !== 'accept' && account.status === AccountStatus.ROUTED) {
        account.status = await derivedCollectionStatus(tx, account);
        if (account.status !== accountBefore.status) {
          await tx.flush();
          audit(tx, v, now, { action, entityType: 'Account', entityId: account.id, before: accountBefore, after: auditFields(account, ACCOUNT_FIELDS) });
        }
      }
      return referral;
    });
  }
}
