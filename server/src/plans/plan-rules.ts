import { isLocalDate, type LocalDate } from '../shared/dates.js';
import type { CollectionPolicy } from '../shared/policy.js';
import { problem, type Problem } from '../shared/problem.js';

export interface PlanTerms {
  totalMinor: number;
  instalments: ReadonlyArray<{ dueDate: LocalDate; amountMinor: number }>;
}

/** DOMAIN.md §4: 2-24 instalments, each positive, dated in order from today, adding up exactly to the total. */
export function planProblems(terms: PlanTerms, balanceMinor: number, today: LocalDate, policy: CollectionPolicy): Problem | null {
  const { instalments, totalMinor } = terms;
  if (totalMinor <= 0) return problem('total', 'The plan total must be more than zero.');
  if (totalMinor > balanceMinor) return problem('total', 'The plan total is more than the balance.');
  if (instalments.length < policy.planMinInstalments || instalments.length > policy.planMaxInstalments) {
    return problem('instalments', `A plan has ${policy.planMinInstalments}-${policy.planMaxInstalments} instalments, not ${instalments.length}.`);
  }
  let previous: LocalDate | null = null;
  let sum = 0;
  for (const [i, instalment] of instalments.entries()) {
    const argument = `instalments[${i}]`;
    if (instalment.amountMinor <= 0) return problem(`${argument}.amount`, 'Every instalment must be more than zero.');
    if (!isLocalDate(instalment.dueDate)) return problem(`${argument}.dueDate`, 'dueDate must be a date (YYYY-MM-DD).');
    if (instalment.dueDate < today) return problem(`${argument}.dueDate`, `An instalment cannot fall due in the past (today is ${today}).`);
    if (previous !== null && instalment.dueDate <= previous) return problem(`${argument}.dueDate`, 'Instalments must fall due in order, one per date.');
    previous = instalment.dueDate;
    sum += instalment.amountMinor;
  }
  if (sum !== totalMinor) {
    return problem('instalments', `The instalments add up to ${sum} minor units, not the total of ${totalMinor}.`);
  }
  return null;
}

export interface PlanApproval {
  needed: boolean;
  reasons: string[];
}

/** What an agent may agree alone: the bucket's treatment strategy, or the policy's defaults. */
export interface PlanCeilings {
  maxDiscount: number;
  maxInstalments: number;
}

export const policyCeilings = (policy: CollectionPolicy): PlanCeilings => ({
  maxDiscount: policy.planMaxDiscountWithoutApproval,
  maxInstalments: policy.planMaxInstalmentsWithoutApproval,
});

/** A settlement discount above the ceiling, or more instalments than it allows, needs a supervisor. */
export function planApproval(terms: PlanTerms, balanceMinor: number, ceilings: PlanCeilings): PlanApproval {
  const reasons: string[] = [];
  const discount = balanceMinor > 0 ? (balanceMinor - terms.totalMinor) / balanceMinor : 0;
  if (discount > ceilings.maxDiscount + 1e-9) {
    reasons.push(`discount of ${(discount * 100).toFixed(1)}% is above ${(ceilings.maxDiscount * 100).toFixed(1)}%`);
  }
  if (terms.instalments.length > ceilings.maxInstalments) {
    reasons.push(`${terms.instalments.length} instalments is more than ${ceilings.maxInstalments}`);
  }
  return { needed: reasons.length > 0, reasons };
}
