import type { EntityManager } from '@mikro-orm/core';
import { Dispute, DisputeStatus } from '../disputes/dispute.entity.js';
import { PaymentPlan, PlanStatus } from '../plans/payment-plan.entity.js';
import { Referral, ReferralStatus } from '../referrals/referral.entity.js';
import { AccountStatus, type Account } from './account.entity.js';

/**
 * The statuses of an account the floor still works (DOMAIN.md §2). The others (LEGAL, WRITTEN_OFF,
 * PAID_OFF, CLOSED) are final for collections: nothing is routed or disputed from them, and no
 * derivation moves an account out of them.
 */
export const IN_COLLECTION: ReadonlySet<AccountStatus> = new Set([
  AccountStatus.ACTIVE,
  AccountStatus.IN_ARRANGEMENT,
  AccountStatus.DISPUTED,
  AccountStatus.ROUTED,
]);

export const isInCollection = (account: Account): boolean => IN_COLLECTION.has(account.status);

/** Referrals still with the receiving area. */
export const ACTIVE_REFERRAL = [ReferralStatus.OPEN, ReferralStatus.ACCEPTED];

/**
 * The status an account in collection goes back to when a referral or dispute closes: what is still
 * open decides it, an open dispute first (collection calls stop, §6), then an active referral, then an
 * active plan. The caller flushes first, so the counts see the change that triggered this.
 */
export async function derivedCollectionStatus(em: EntityManager, account: Account): Promise<AccountStatus> {
  if (!isInCollection(account)) return account.status;
  if ((await em.count(Dispute, { account, status: DisputeStatus.OPEN })) > 0) return AccountStatus.DISPUTED;
  if ((await em.count(Referral, { account, status: { $in: ACTIVE_REFERRAL } })) > 0) return AccountStatus.ROUTED;
  if ((await em.count(PaymentPlan, { account, status: PlanStatus.ACTIVE })) > 0) return AccountStatus.IN_ARRANGEMENT;
  return AccountStatus.ACTIVE;
}
