import type { EntityManager } from '@mikro-orm/core';
import type { LocalDate } from '../shared/dates.js';
import { PaymentPlan, PlanStatus } from '../plans/payment-plan.entity.js';
import { AccountDue } from './account-due.entity.js';
import { Account, AccountStatus } from './account.entity.js';
import { delinquency } from './buckets.js';

/** The fields an account change is audited by. */
export const ACCOUNT_AUDIT_FIELDS = [
  'balanceMinor',
  'amountDueMinor',
  'oldestUnpaidDueDate',
  'dpd',
  'bucket',
  'status',
  'assignedAgent',
  'team',
  'writtenOffMinor',
  'version',
] as const;

/**
 * After money moved: the oldest unpaid due dates the delinquency again (DPD and bucket, DOMAIN.md §2),
 * and the status follows the balance and the arrangement. Statuses set by people (disputed, routed,
 * legal, written off, closed) are left as they are.
 */
export async function settleAccountState(em: EntityManager, account: Account, dues: readonly AccountDue[], today: LocalDate): Promise<void> {
  redateAccount(account, dues, today);
  if (account.balanceMinor === 0 && account.status !== AccountStatus.CLOSED) {
    account.status = AccountStatus.PAID_OFF;
  } else if (account.balanceMinor > 0 && (account.status === AccountStatus.PAID_OFF || account.status === AccountStatus.IN_ARRANGEMENT || account.status === AccountStatus.ACTIVE)) {
    account.status = (await hasActivePlan(em, account)) ? AccountStatus.IN_ARRANGEMENT : AccountStatus.ACTIVE;
  }
}

/** The oldest unpaid due dates the account: its DPD and bucket on the business date (DOMAIN.md §2). */
export function redateAccount(account: Account, dues: readonly AccountDue[], today: LocalDate): void {
  const oldest = [...dues].sort(byDueDate).find((d) => d.paidMinor < d.amountMinor);
  account.oldestUnpaidDueDate = oldest?.dueDate ?? null;
  const { dpd, bucket } = delinquency({ oldestUnpaidDueDate: account.oldestUnpaidDueDate, writtenOff: account.status === AccountStatus.WRITTEN_OFF }, today);
  account.dpd = dpd;
  account.bucket = bucket;
}

/** All of an account's dues, oldest first. */
export const duesOf = (em: EntityManager, account: Account): Promise<AccountDue[]> =>
  em.find(AccountDue, { account }, { orderBy: { dueDate: 'asc', id: 'asc' } });

const byDueDate = (a: AccountDue, b: AccountDue): number => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id);

export async function hasActivePlan(em: EntityManager, account: Account): Promise<boolean> {
  return (await em.count(PaymentPlan, { account, status: PlanStatus.ACTIVE })) > 0;
}

/**
 * A balance adjusted below its amount due (a VALID dispute) owes no more than the balance: the excess
 * comes off the newest unpaid dues first, so the oldest - which date the delinquency - stay owed.
 */
export function capAmountDueAtBalance(account: Account, dues: readonly AccountDue[]): void {
  let excess = account.amountDueMinor - account.balanceMinor;
  for (const due of [...dues].sort(byDueDate).reverse()) {
    if (excess <= 0) break;
    const forgiven = Math.min(excess, due.amountMinor - due.paidMinor);
    due.amountMinor -= forgiven;
    account.amountDueMinor -= forgiven;
    excess -= forgiven;
  }
}
