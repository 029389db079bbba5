/**
 * What a simulated call turns out to be: its disposition and how long it rings, talks and wraps up.
 * The ratios and ranges follow the demo seeder's history (db/seed/calls.ts), so today's live figures
 * read like the 60 seeded days behind them.
 */
import { Disposition, isContact, isRightPartyContact } from '../calls/dispositions.js';
import { Weighted, type Prng } from '../db/seed/prng.js';

const D = Disposition;
export type Direction = 'OUTBOUND' | 'INBOUND';

/** How the right-party conversations end (weights out of 100). */
const RPC_SPLIT: ReadonlyArray<readonly [Disposition, number]> = [
  [D.PROMISE_TO_PAY, 35],
  [D.PAYMENT_TAKEN, 10],
  [D.REFUSED_TO_PAY, 17],
  [D.CALLBACK_REQUESTED, 14],
  [D.HARDSHIP, 10],
  [D.PAYMENT_PLAN, 5],
  [D.DISPUTE, 2.5],
  [D.ROUTED, 3],
  [D.ALREADY_PAID, 2],
  // Rare and for good: the customer never hears from the floor again, so a long demo must not drain it.
  [D.CEASE_REQUEST, 0.3],
];
const rpcShare = (share: number) => RPC_SPLIT.map(([d, w]) => [d, (w * share) / 98.8] as const);

/** An outbound dial: mostly nobody, a machine or a busy line; about a quarter reach the customer. */
export const OUTBOUND_MIX: ReadonlyArray<readonly [Disposition, number]> = [
  [D.NO_ANSWER, 39],
  [D.ANSWERING_MACHINE_MESSAGE, 12],
  [D.ANSWERING_MACHINE_NO_MESSAGE, 8],
  [D.BUSY, 5.5],
  [D.DROPPED, 2],
  [D.DISCONNECTED_NUMBER, 1],
  [D.THIRD_PARTY_MESSAGE, 3.5],
  [D.THIRD_PARTY_NO_MESSAGE, 2.5],
  [D.WRONG_NUMBER, 1],
  [D.ATTORNEY_REPRESENTED, 0.1],
  [D.BANKRUPTCY, 0.1],
  [D.DECEASED, 0.05],
  ...rpcShare(23),
];
/** Customers ringing in are nearly always the right party, and they ring for a reason. */
export const INBOUND_MIX: ReadonlyArray<readonly [Disposition, number]> = [[D.THIRD_PARTY_MESSAGE, 4], [D.THIRD_PARTY_NO_MESSAGE, 2], [D.DROPPED, 4], ...rpcShare(90)];

const OUTBOUND = new Weighted(OUTBOUND_MIX);
const INBOUND = new Weighted(INBOUND_MIX);
/** When the account cannot take money now, the conversation ends one of these ways instead. */
const NO_MONEY = new Weighted<Disposition>([[D.REFUSED_TO_PAY, 40], [D.CALLBACK_REQUESTED, 35], [D.HARDSHIP, 25]]);

/** Seconds of talk once answered, for the dispositions where somebody talks. */
const TALK: Partial<Record<Disposition, readonly [number, number]>> = {
  PROMISE_TO_PAY: [180, 600],
  PAYMENT_TAKEN: [240, 900],
  PAYMENT_PLAN: [300, 900],
  REFUSED_TO_PAY: [60, 300],
  HARDSHIP: [180, 600],
  CALLBACK_REQUESTED: [30, 120],
  DISPUTE: [120, 600],
  ROUTED: [60, 300],
  ALREADY_PAID: [90, 400],
  CEASE_REQUEST: [30, 180],
  THIRD_PARTY_MESSAGE: [30, 150],
  THIRD_PARTY_NO_MESSAGE: [30, 90],
  WRONG_NUMBER: [30, 60],
  ATTORNEY_REPRESENTED: [30, 120],
  BANKRUPTCY: [60, 240],
  DECEASED: [60, 240],
};
/** Seconds from dialling to the end of a call nobody answered (a message left on a machine counts here). */
const RING: Partial<Record<Disposition, readonly [number, number]>> = {
  NO_ANSWER: [20, 45],
  BUSY: [2, 6],
  ANSWERING_MACHINE_MESSAGE: [35, 70],
  ANSWERING_MACHINE_NO_MESSAGE: [15, 38],
  DROPPED: [3, 20],
  DISCONNECTED_NUMBER: [2, 8],
};
const CONTACT_RING = { OUTBOUND: [3, 25], INBOUND: [2, 15] } as const;
const CONTACT_WRAP = [20, 120] as const;
const NO_CONTACT_WRAP = [5, 30] as const;

/** What the account allows, read from the API just before the call. */
export interface AccountState {
  status: string;
  product: string;
  balanceMinor: number;
  amountDueMinor: number;
  hasPendingPromise: boolean;
  hasOpenPlan: boolean;
}

/** Promises and plans are taken on accounts still in collection (promise.service TAKES_ARRANGEMENTS). */
const TAKES_ARRANGEMENTS = new Set(['ACTIVE', 'IN_ARRANGEMENT', 'ROUTED', 'LEGAL', 'WRITTEN_OFF']);
/** Plans here settle the whole balance, so secured products (arrears-only plans) are left out, as in the seeder. */
const PLAN_PRODUCTS = new Set(['CREDIT_CARD', 'PERSONAL_LOAN', 'OVERDRAFT', 'INSURANCE_PREMIUM']);
/** Two instalments of at least a unit each. */
const MIN_PLAN_MINOR = 200;
const MONEY = new Set<Disposition>([D.PROMISE_TO_PAY, D.PAYMENT_TAKEN, D.PAYMENT_PLAN]);
/** Only accounts in plain collection can be disputed or routed without meeting an open one (CONFLICT). */
const IN_COLLECTION = new Set(['ACTIVE', 'IN_ARRANGEMENT']);

/** Somebody picked up: a contact. Machines and no-answers ring to the end (talk 0), as in the seeded history. */
export const isAnswered = (d: Disposition): boolean => isContact(d);

export const drawDisposition = (rng: Prng, direction: Direction): Disposition => (direction === 'INBOUND' ? INBOUND : OUTBOUND).pick(rng);

/**
 * The drawn disposition, unless the account cannot have it: no money from an account with nothing to
 * pay or out of collection; no second plan, none on a secured product or with nothing due; a customer
 * with a promise pending pays rather than promises twice; no second dispute or referral.
 */
export function settleDisposition(drawn: Disposition, account: AccountState, rng: Prng): Disposition {
  let d = drawn;
  if (MONEY.has(d)) {
    if (account.balanceMinor <= 0 || !TAKES_ARRANGEMENTS.has(account.status)) d = NO_MONEY.pick(rng);
    // A customer behind on a plan promises or pays the missed instalment; a second plan is not an option.
    else if (d === D.PAYMENT_PLAN && (account.hasOpenPlan || !PLAN_PRODUCTS.has(account.product) || account.amountDueMinor <= 0 || account.balanceMinor < MIN_PLAN_MINOR)) d = D.PROMISE_TO_PAY;
    if (d === D.PROMISE_TO_PAY && account.hasPendingPromise) d = D.PAYMENT_TAKEN;
  }
  if ((d === D.DISPUTE || d === D.ALREADY_PAID || d === D.ROUTED) && !IN_COLLECTION.has(account.status)) d = D.CALLBACK_REQUESTED;
  return d;
}

export interface CallLength {
  /** Dialling (or the customer's ring) until answered; the whole call when nobody answered. */
  ringSeconds: number;
  /** 0 when nobody answered: talk time on such a call would inflate talk and handle time (§7). */
  talkSeconds: number;
  wrapSeconds: number;
}

export function drawLength(rng: Prng, disposition: Disposition, direction: Direction): CallLength {
  const contact = isContact(disposition);
  const ring = contact ? CONTACT_RING[direction] : (RING[disposition] ?? [5, 30]);
  const talk = contact ? (TALK[disposition] ?? [30, 120]) : null;
  const wrap = contact ? CONTACT_WRAP : NO_CONTACT_WRAP;
  return {
    ringSeconds: rng.int(ring[0], ring[1]),
    talkSeconds: talk ? rng.int(talk[0], talk[1]) : 0,
    wrapSeconds: rng.int(wrap[0], wrap[1]),
  };
}

/** The classes the progress line counts calls by. */
export type DispositionClass = 'noContact' | 'thirdParty' | 'promise' | 'payment' | 'plan' | 'otherRpc';

export function dispositionClass(d: Disposition): DispositionClass {
  if (!isContact(d)) return 'noContact';
  if (!isRightPartyContact(d)) return 'thirdParty';
  if (d === D.PROMISE_TO_PAY) return 'promise';
  if (d === D.PAYMENT_TAKEN) return 'payment';
  if (d === D.PAYMENT_PLAN) return 'plan';
  return 'otherRpc';
}

const midpoint = (range: readonly [number, number]): number => (range[0] + range[1]) / 2;

/**
 * The mean length of an outbound call from dialling to the end of wrap-up, plus `gapSeconds` of reading
 * the next account: what one call costs an agent in real time, which the pace is measured against.
 */
export function meanOutboundCycleSeconds(gapSeconds: number): number {
  const total = OUTBOUND_MIX.reduce((sum, [, w]) => sum + w, 0);
  let seconds = 0;
  for (const [d, w] of OUTBOUND_MIX) {
    const contact = isContact(d);
    const ring = contact ? midpoint(CONTACT_RING.OUTBOUND) : midpoint(RING[d] ?? [5, 30]);
    const talk = contact ? midpoint(TALK[d] ?? [30, 120]) : 0;
    const wrap = midpoint(contact ? CONTACT_WRAP : NO_CONTACT_WRAP);
    seconds += (w / total) * (ring + talk + wrap);
  }
  return seconds + gapSeconds;
}

export const REASONS: Partial<Record<Disposition, readonly [number, readonly string[]]>> = {
  PROMISE_TO_PAY: [0.6, ['WAITING_FOR_PAYDAY', 'FORGOT', 'OTHER_DEBTS']],
  PAYMENT_TAKEN: [0.3, ['FORGOT', 'WAITING_FOR_PAYDAY']],
  PAYMENT_PLAN: [0.7, ['REDUCED_INCOME', 'UNEMPLOYED', 'OTHER_DEBTS']],
  REFUSED_TO_PAY: [0.85, ['NO_INTENTION', 'DISPUTES_AMOUNT', 'OTHER_DEBTS', 'UNEMPLOYED']],
  HARDSHIP: [1, ['JOB_LOSS', 'MEDICAL', 'REDUCED_INCOME', 'FAMILY_EMERGENCY', 'NATURAL_DISASTER', 'DIVORCE']],
  CALLBACK_REQUESTED: [0.5, ['BUSY_AT_WORK', 'NEEDS_TO_CHECK']],
  DISPUTE: [0.6, ['DISPUTES_AMOUNT']],
};

/** The excuse given, when the right party was reached; HARDSHIP always has one (§3). */
export function drawReasonCode(rng: Prng, disposition: Disposition): string | null {
  const [chance, codes] = REASONS[disposition] ?? [0, []];
  return codes.length > 0 && rng.chance(chance) ? rng.pick(codes) : null;
}

const NOTES: Partial<Record<Disposition, readonly string[]>> = {
  PROMISE_TO_PAY: ['Will pay on payday', 'Promised after confirming the amount'],
  PAYMENT_TAKEN: ['Card payment taken during the call'],
  PAYMENT_PLAN: ['Agreed to instalments'],
  REFUSED_TO_PAY: ['Refuses to pay until the statement is reviewed'],
  HARDSHIP: ['Asked about hardship options'],
  CALLBACK_REQUESTED: ['Driving; asked to be called later'],
  DISPUTE: ['Disputes the late fees'],
  ROUTED: ['Transferred at the customer’s request'],
  ALREADY_PAID: ['Says paid at a branch; receipt requested'],
  THIRD_PARTY_MESSAGE: ['Left a callback number with a relative'],
  WRONG_NUMBER: ['Number belongs to someone else'],
};

export function drawNotes(rng: Prng, disposition: Disposition): string | null {
  const notes = NOTES[disposition];
  return notes && rng.chance(0.2) ? rng.pick(notes) : null;
}

const SHORTEST = { ringSeconds: 2, talkSeconds: 20, wrapSeconds: 5 } as const;

/**
 * The call squeezed into `maxSeconds` (dial to the end of wrap-up) when it would not fit: talk first,
 * then wrap-up, then ringing, none below a short minimum. A team-pool account is the agent's only
 * while the lease nextAccount gave them lasts, so its call must be recorded before the lease lapses.
 */
export function fitWithin(length: CallLength, maxSeconds: number): CallLength {
  let excess = length.ringSeconds + length.talkSeconds + length.wrapSeconds - Math.max(0, Math.floor(maxSeconds));
  if (excess <= 0) return length;
  const fitted = { ...length };
  for (const part of ['talkSeconds', 'wrapSeconds', 'ringSeconds'] as const) {
    const floor = length.talkSeconds === 0 && part === 'talkSeconds' ? 0 : SHORTEST[part];
    const cut = Math.min(excess, Math.max(0, fitted[part] - floor));
    fitted[part] -= cut;
    excess -= cut;
  }
  return fitted;
}
