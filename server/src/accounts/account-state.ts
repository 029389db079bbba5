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
  const oldest = [...dues].sort(byDueDate).find((d) => d.paidMinor < d.amountMinor);
  account.oldestUnpaidDueDate = oldest?.dueDate ?? null;
  const { dpd, bucket } = delinquency({ oldestUnpaidDueDate: account.oldestUnpaidDueDate, writtenOff: account.status === AccountStatus.WRITTEN_OFF }, today);
  account.dpd = dpd;
  account.bucket = bucket;
  if (account.balanceMinor === 0 && account.status !== AccountStatus.CLOSED) {
    account.status = AccountStatus.PAID_OFF;
  } else if (account.balanceMinor > 0 && (account.status === AccountStatus.PAID_OFF || account.status === AccountStatus.IN_ARRANGEMENT || account.status === AccountStatus.ACTIVE)) {
    account.status = (await hasActivePlan(em, account)) ? AccountStatus.IN_ARRANGEMENT : AccountStatus.ACTIVE;
  }
}

/** All of an account's dues, oldest first. */
export const duesOf = (em: EntityManager, account: Account): Promise<AccountDue[]> =>
  em.find(AccountDue, { account }, { orderBy: { dueDate: 'asc', id: 'asc' } });

const byDueDate = (a: AccountDue, b: AccountDue): number => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id);

export async function hasActivePlan(em: EntityManager, account: Account): Promise<boolean> {
  return (await em.count(PaymentPlan, { account, status: PlanStatus.ACTIVE })) > 0;
}
