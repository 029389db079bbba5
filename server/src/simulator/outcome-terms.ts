/**
 * The terms a simulated customer agrees to on a call: amounts, dates and instalments that the server's
 * rules accept (DOMAIN.md §4), in integer minor units like everything about money.
 */
import { Weighted, type Prng } from '../db/seed/prng.js';
import { addDays, addMonths, type LocalDate } from '../shared/dates.js';

const UNIT = 100;
/** Whole currency units, as people promise and pay; never below one unit unless the balance is smaller. */
const roundUnits = (minor: number): number => Math.round(minor / UNIT) * UNIT;
const clamp = (minor: number, max: number): number => Math.min(max, Math.max(Math.min(UNIT, max), minor));

export interface Balances {
  balanceMinor: number;
  amountDueMinor: number;
}

/** What a customer can put down: the arrears, or a slice of a balance that is all due (charged off) or not due yet. */
export function payableBase(account: Balances, rng: Prng): number {
  const { balanceMinor, amountDueMinor } = account;
  return amountDueMinor > 0 && amountDueMinor < balanceMinor ? amountDueMinor : Math.round(balanceMinor * (0.05 + rng.next() * 0.2));
}

/**
 * A promise: mostly the arrears or a good part of them, now and then a small one that waits for a
 * supervisor (below 10% of the amount due). Due from tomorrow to 4 weeks out: inside the 30 days the
 * policy allows even when the simulator's idea of "today" is a day off the server's.
 */
export function promiseTerms(account: Balances, today: LocalDate, rng: Prng): { amountMinor: number; dueDate: LocalDate } {
  const base = payableBase(account, rng);
  const fraction = rng.chance(0.04) ? 0.03 + rng.next() * 0.06 : rng.chance(0.4) ? 1 : 0.3 + rng.next() * 0.7;
  return { amountMinor: clamp(roundUnits(base * fraction), account.balanceMinor), dueDate: addDays(today, rng.skewedInt(1, 28)) };
}

const PHONE_METHOD = new Weighted([['CARD_TERMINAL', 65], ['BANK_TRANSFER', 20], ['ONLINE', 15]] as const);

export interface PaymentTerms {
  amountMinor: number;
  method: 'CARD_TERMINAL' | 'BANK_TRANSFER' | 'ONLINE';
  cardLast4: string | null;
}

/** A payment taken on the phone: the arrears (or a part of them), never more than the balance. */
export function paymentTerms(account: Balances, rng: Prng): PaymentTerms {
  const base = payableBase(account, rng);
  const amountMinor = clamp(roundUnits(base * (rng.chance(0.5) ? 1 : 0.5 + rng.next() * 0.5)), account.balanceMinor);
  const method = PHONE_METHOD.pick(rng);
  return { amountMinor, method, cardLast4: method === 'CARD_TERMINAL' ? rng.digits(4) : null };
}

/** What an agent may agree alone for the account's bucket (its treatment strategy). */
export interface PlanCeilings {
  maxDiscount: number;
  maxInstalments: number;
}

export interface PlanTerms {
  totalMinor: number;
  instalments: Array<{ dueDate: LocalDate; amountMinor: number }>;
}

const PLAN_LENGTH = new Weighted([[2, 10], [3, 20], [4, 15], [6, 25], [8, 10], [10, 8], [12, 12]] as const);

/**
 * Splits a total into `count` instalments that add up to it exactly (§4): whole units each where the
 * total allows, the last one taking the remainder. Every instalment is positive; fewer instalments
 * come back when the total is too small to give each one at least a minor unit.
 */
export function splitInstalments(totalMinor: number, count: number): number[] {
  if (!Number.isInteger(totalMinor) || totalMinor <= 0) throw new RangeError(`total must be a positive whole number of minor units, got ${totalMinor}`);
  const n = Math.max(1, Math.min(count, totalMinor));
  const each = Math.floor(totalMinor / n / UNIT) * UNIT || Math.floor(totalMinor / n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? totalMinor - each * (n - 1) : each));
}

/**
 * A plan inside the bucket's ceilings, so it is ACTIVE at once: 2-12 instalments (fewer when the
 * strategy allows fewer), the whole balance or a settlement with a discount the agent may give alone,
 * monthly or fortnightly from 3-15 days out.
 */
export function planTerms(account: Balances, today: LocalDate, ceilings: PlanCeilings, rng: Prng): PlanTerms {
  const maxInstalments = Math.max(2, Math.min(12, ceilings.maxInstalments));
  const count = Math.min(PLAN_LENGTH.pick(rng), maxInstalments);
  const maxDiscountPercent = Math.floor(Math.max(0, Math.min(0.9, ceilings.maxDiscount)) * 100);
  const discountPercent = maxDiscountPercent >= 5 && !rng.chance(0.55) ? rng.int(5, maxDiscountPercent) : 0;
  // Rounded down, so the discount never ends up deeper than the one drawn.
  const discounted = account.balanceMinor - Math.floor((account.balanceMinor * discountPercent) / 100);
  const roundedUp = Math.ceil(discounted / UNIT) * UNIT;
  const totalMinor = discountPercent > 0 && roundedUp <= account.balanceMinor ? roundedUp : discounted;
  const amounts = splitInstalments(totalMinor, count);
  const monthly = rng.chance(0.7);
  const first = addDays(today, rng.int(3, 15));
  return {
    totalMinor,
    instalments: amounts.map((amountMinor, i) => ({ amountMinor, dueDate: monthly ? addMonths(first, i) : addDays(first, 14 * i) })),
  };
}

const REFERRALS = [
  ['CUSTOMER_SERVICE', 'Billing question outside collections', 25],
  ['RETENTION', 'Wants to cancel the product', 15],
  ['PHONE_BANKING', 'Needs help setting up online payments', 15],
  ['REMEDIAL', 'Asks to restructure the loan', 15],
  ['SUPERVISOR', 'Asked to speak with a supervisor', 15],
  ['LEGAL', 'Says a lawyer will contact us', 5],
] as const;
const REFERRAL = new Weighted(REFERRALS.map(([to, reason, w]) => [{ to, reason }, w] as const));

/** Where a ROUTED call sends the customer; never to an outside agency, which a pending promise forbids (§5). */
export const referralTerms = (rng: Prng): { to: string; reason: string } => ({ ...REFERRAL.pick(rng) });

const DISPUTE_REASONS = ['Does not recognise the debt', 'Amount is wrong', 'Fees were never agreed', 'Possible identity theft', 'Product was cancelled'];

export const disputeReason = (rng: Prng, alreadyPaid: boolean): string =>
  alreadyPaid ? 'Customer says the balance was already paid' : rng.pick(DISPUTE_REASONS);
