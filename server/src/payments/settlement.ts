import { addDays } from '../shared/dates.js';

/**
 * How money settles what is open on an account (DOMAIN.md §4), as pure functions over plain numbers:
 * posting a payment settles dues, promises and plan instalments oldest first, each on its own ledger;
 * a reversal takes back exactly what the payment settled.
 */

export interface OpenItem {
  id: number;
  /** Still to be paid, in minor units. */
  outstanding: number;
}

export interface Share {
  id: number;
  amount: number;
}

/** Spreads `amount` over items already sorted oldest first; what is left over stays unallocated. */
export function allocateOldestFirst(items: readonly OpenItem[], amount: number): Share[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a whole number >= 0, got ${amount}`);
  const shares: Share[] = [];
  let left = amount;
  for (const item of items) {
    if (left === 0) break;
    if (item.outstanding <= 0) continue;
    const share = Math.min(left, item.outstanding);
    shares.push({ id: item.id, amount: share });
    left -= share;
  }
  return shares;
}

export type PromiseOutcome = 'PENDING' | 'KEPT' | 'PARTIALLY_KEPT' | 'BROKEN';

/**
 * A promise is KEPT once what was paid towards it reaches its amount; when its grace has ended short of
 * that, it is PARTIALLY_KEPT if anything was paid and BROKEN otherwise; until then it stays PENDING.
 */
export function promiseOutcome(amount: number, paid: number, graceEnded: boolean): PromiseOutcome {
  if (paid >= amount) return 'KEPT';
  if (!graceEnded) return 'PENDING';
  return paid > 0 ? 'PARTIALLY_KEPT' : 'BROKEN';
}

export type InstalmentOutcome = 'PENDING' | 'PARTIALLY_PAID' | 'PAID' | 'MISSED';

/** An instalment not paid in full once its due date and the grace days after it have passed is MISSED. */
export function instalmentOutcome(amount: number, paid: number, dueDate: string, today: string, graceDays: number): InstalmentOutcome {
  if (paid >= amount) return 'PAID';
  if (addDays(dueDate, graceDays) < today) return 'MISSED';
  return paid > 0 ? 'PARTIALLY_PAID' : 'PENDING';
}

/** The plan breaks when this many instalments are missed (DOMAIN.md §4: two). */
export const planBroken = (missed: number, threshold: number): boolean => missed >= threshold;
