import { addDays, daysBetween, isLocalDate, type LocalDate } from '../shared/dates.js';
import type { CollectionPolicy } from '../shared/policy.js';
import { problem, type Problem } from '../shared/problem.js';

export interface PromiseTerms {
  amountMinor: number;
  dueDate: LocalDate;
}

/** DOMAIN.md §4: amount > 0 and <= balance; due between today and today + promiseMaxDays. */
export function promiseProblems(terms: PromiseTerms, balanceMinor: number, today: LocalDate, policy: CollectionPolicy): Problem | null {
  if (terms.amountMinor <= 0) return problem('amount', 'The promised amount must be more than zero.');
  if (terms.amountMinor > balanceMinor) return problem('amount', 'The promised amount is more than the balance.');
  if (!isLocalDate(terms.dueDate)) return problem('dueDate', 'dueDate must be a date (YYYY-MM-DD).');
  const days = daysBetween(today, terms.dueDate);
  if (days < 0) return problem('dueDate', `The due date is in the past (today is ${today}).`);
  if (days > policy.promiseMaxDays) {
    return problem('dueDate', `The due date must be within ${policy.promiseMaxDays} days (by ${addDays(today, policy.promiseMaxDays)}).`);
  }
  return null;
}

/** A promise below the minimum acceptable share of the amount due needs a supervisor before it counts. */
export function promiseNeedsApproval(amountMinor: number, amountDueMinor: number, policy: CollectionPolicy): boolean {
  return amountMinor < Math.ceil(amountDueMinor * policy.promiseMinShareOfAmountDue);
}

export const graceEndsOn = (dueDate: LocalDate, policy: CollectionPolicy): LocalDate => addDays(dueDate, policy.promiseGraceDays);
