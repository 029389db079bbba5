/**
 * The contact policy of DOMAIN.md §6: whether an outbound call may be made now, every rule that
 * forbids it, and the earliest instant it becomes allowed. Pure: the caller gathers the facts
 * (history, flags, zones) and the clock; nothing here reads a database or the current time.
 */
import { isWithinWindow, nextCommonWindowOpening } from './time-window.js';

export type ContactRule =
  | 'TIME_WINDOW'
  | 'FREQUENCY'
  | 'AFTER_CONVERSATION'
  | 'CEASE'
  | 'DISPUTE'
  | 'REPRESENTED'
  | 'BANKRUPTCY'
  | 'DECEASED'
  | 'PHONE';

/** Every rule in the order a decision lists them. */
export const CONTACT_RULES: readonly ContactRule[] = [
  'TIME_WINDOW',
  'FREQUENCY',
  'AFTER_CONVERSATION',
  'CEASE',
  'DISPUTE',
  'REPRESENTED',
  'BANKRUPTCY',
  'DECEASED',
  'PHONE',
];

export interface ContactProfileRules {
  /** Local calling window in every candidate zone, minutes after midnight: [windowStartMinute, windowEndMinute). US: 8*60..21*60; Mexico 7*60..22*60. */
  windowStartMinute: number;
  windowEndMinute: number;
  /** FREQUENCY: at most this many outbound attempts about the account ... */
  maxAttempts: number;
  /** ... in this rolling window, in seconds (7 x 24 h = 604800). */
  attemptWindowSeconds: number;
  /** AFTER_CONVERSATION: seconds of quiet after a right-party conversation (604800). */
  quietAfterConversationSeconds: number;
  /** A callback the customer asked for counts as "at this time" from this many minutes before to this many after. */
  callbackEarlyMinutes: number;
  callbackLateMinutes: number;
}

const SEVEN_DAYS_SECONDS = 7 * 24 * 60 * 60;

/** The default profile: FDCPA and Regulation F (08:00-21:00 local, 7 calls in 7 days, 7 quiet days after a conversation). */
export const US_FDCPA: ContactProfileRules = Object.freeze({
  windowStartMinute: 8 * 60,
  windowEndMinute: 21 * 60,
  maxAttempts: 7,
  attemptWindowSeconds: SEVEN_DAYS_SECONDS,
  quietAfterConversationSeconds: SEVEN_DAYS_SECONDS,
  callbackEarlyMinutes: 15,
  callbackLateMinutes: 120,
});

/** DOMAIN.md §6 sets only Mexico's window (07:00-22:00); the other limits follow the default profile. */
export const MEXICO: ContactProfileRules = Object.freeze({
  ...US_FDCPA,
  windowStartMinute: 7 * 60,
  windowEndMinute: 22 * 60,
});

export interface PhoneFacts {
  status: 'UNVERIFIED' | 'VERIFIED' | 'INVALID';
  doNotCall: boolean;
  phoneType: 'MOBILE' | 'LANDLINE' | 'WORK' | null;
  dialerConsent: boolean;
  timeZone: string | null;
}

export interface ContactFacts {
  direction: 'OUTBOUND' | 'INBOUND';
  /** The moment of the call being considered. */
  at: Date;
  /** IANA zones of the customer's valid addresses (the customer's own zone first). */
  addressZones: string[];
  phone: PhoneFacts;
  /**
   * The zone to assume when neither an address nor the phone gives one (typically the floor's or
   * the portfolio's zone). Without any zone TIME_WINDOW blocks with no nextAllowedAt: nobody can
   * say what time it is for the customer, and guessing could mean a call at night.
   */
  fallbackZone?: string | null;
  /** Start times of earlier OUTBOUND calls about this account (any agent, any phone), any order. */
  outboundAttempts: Date[];
  /** Start times of earlier right-party conversations about this account (inbound or outbound). */
  rightPartyConversations: Date[];
  /** Callback times the customer asked for (from CALLBACK_REQUESTED calls). */
  requestedCallbacks: Date[];
  customer: { ceaseCommunication: boolean; attorneyRepresented: boolean; bankrupt: boolean; deceased: boolean };
  openDispute: boolean;
}

export interface ContactDecision {
  allowed: boolean;
  /** Every rule that blocks at `at`, in the order of CONTACT_RULES. */
  blockedBy: ContactRule[];
  /**
   * The earliest instant >= `at` when the call becomes allowed; equal to `at` when allowed. Null
   * when a rule blocks for good (CEASE, DISPUTE, REPRESENTED, BANKRUPTCY, DECEASED, PHONE: only
   * new facts lift them) and when TIME_WINDOW can never be met: no known zone, a zone that is not
   * an IANA zone, or candidate zones whose windows share no instant within a year.
   */
  nextAllowedAt: Date | null;
}

/**
 * The zones whose local time must be inside the window: the address zones, then the phone's zone,
 * without repeats; only when none is known, the fallback zone; otherwise none.
 */
export function candidateZones(facts: ContactFacts): string[] {
  const known = [...facts.addressZones, facts.phone.timeZone].filter((zone): zone is string => !!zone);
  const zones = [...new Set(known)];
  if (zones.length > 0) return zones;
  return facts.fallbackZone ? [facts.fallbackZone] : [];
}

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * 1000;

/**
 * Every blocking time-based rule releases at a known instant, but a release can land where
 * another rule blocks (a frequency release at 23:00 waits for the morning window). Each round
 * jumps to the latest release and rechecks; the releases come from a finite history and the
 * window repeats daily, so a handful of rounds settle. The cap only guards against a mistake.
 */
const MAX_ROUNDS = 1000;

/** Earliest instant >= t that FREQUENCY allows, `t` itself when it allows now. */
function frequencyRelease(rules: ContactProfileRules, attemptsNewestFirst: readonly number[], t: number): number {
  const windowMs = rules.attemptWindowSeconds * MS_PER_SECOND;
  const counted = attemptsNewestFirst.filter((attempt) => attempt <= t);
  const oldestThatStillBinds = counted[rules.maxAttempts - 1];
  if (oldestThatStillBinds === undefined || oldestThatStillBinds <= t - windowMs) return t;
  return oldestThatStillBinds + windowMs;
}

/**
 * Earliest instant >= t that AFTER_CONVERSATION allows: the end of the quiet period, or sooner
 * the start of a callback window the customer asked for, as the callback is what lifts the quiet.
 */
function conversationRelease(
  rules: ContactProfileRules,
  conversations: readonly number[],
  callbacks: readonly number[],
  t: number,
): number {
  const quietMs = rules.quietAfterConversationSeconds * MS_PER_SECOND;
  const earlyMs = rules.callbackEarlyMinutes * MS_PER_MINUTE;
  const lateMs = rules.callbackLateMinutes * MS_PER_MINUTE;
  const latest = conversations.reduce((found, conversation) => (conversation <= t && conversation > found ? conversation : found), -Infinity);
  if (latest <= t - quietMs) return t;
  let release = latest + quietMs;
  for (const callback of callbacks) {
    if (callback + lateMs < t) continue;
    release = Math.min(release, Math.max(t, callback - earlyMs));
  }
  return release;
}

function permanentBlocks(facts: ContactFacts): Set<ContactRule> {
  const { customer, phone } = facts;
  const blocks = new Set<ContactRule>();
  if (customer.ceaseCommunication) blocks.add('CEASE');
  if (facts.openDispute) blocks.add('DISPUTE');
  if (customer.attorneyRepresented) blocks.add('REPRESENTED');
  if (customer.bankrupt) blocks.add('BANKRUPTCY');
  if (customer.deceased) blocks.add('DECEASED');
  if (phone.status === 'INVALID' || phone.doNotCall || (phone.phoneType === 'MOBILE' && !phone.dialerConsent)) {
    blocks.add('PHONE');
  }
  return blocks;
}

function assertUsable(rules: ContactProfileRules, at: Date): void {
  if (Number.isNaN(at.getTime())) throw new RangeError('contact policy: `at` is not a valid date');
  const { windowStartMinute: start, windowEndMinute: end } = rules;
  if (!(start >= 0 && start < end && end <= 24 * 60)) {
    throw new RangeError(`contact policy: window [${start}, ${end}) is not inside one day`);
  }
  if (!(Number.isInteger(rules.maxAttempts) && rules.maxAttempts >= 1)) {
    throw new RangeError('contact policy: maxAttempts must be a positive integer');
  }
}

export function decideContact(rules: ContactProfileRules, facts: ContactFacts): ContactDecision {
  const at = facts.at;
  assertUsable(rules, at);
  if (facts.direction === 'INBOUND') return { allowed: true, blockedBy: [], nextAllowedAt: new Date(at.getTime()) };

  const zones = candidateZones(facts);
  const attempts = facts.outboundAttempts.map((d) => d.getTime()).sort((a, b) => b - a);
  const conversations = facts.rightPartyConversations.map((d) => d.getTime());
  const callbacks = facts.requestedCallbacks.map((d) => d.getTime());
  const now = at.getTime();

  const blocks = permanentBlocks(facts);
  if (zones.length === 0 || !zones.every((zone) => isWithinWindow(at, zone, rules))) blocks.add('TIME_WINDOW');
  if (frequencyRelease(rules, attempts, now) > now) blocks.add('FREQUENCY');
  if (conversationRelease(rules, conversations, callbacks, now) > now) blocks.add('AFTER_CONVERSATION');

  const blockedBy = CONTACT_RULES.filter((rule) => blocks.has(rule));
  if (blockedBy.length === 0) return { allowed: true, blockedBy, nextAllowedAt: new Date(now) };
  const blocksForGood = blockedBy.some((rule) => rule !== 'TIME_WINDOW' && rule !== 'FREQUENCY' && rule !== 'AFTER_CONVERSATION');
  if (blocksForGood) return { allowed: false, blockedBy, nextAllowedAt: null };

  let candidate = now;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const windowOpening = nextCommonWindowOpening(new Date(candidate), zones, rules);
    if (windowOpening === null) return { allowed: false, blockedBy, nextAllowedAt: null };
    const next = Math.max(
      windowOpening.getTime(),
      frequencyRelease(rules, attempts, candidate),
      conversationRelease(rules, conversations, callbacks, candidate),
    );
    if (next === candidate) return { allowed: false, blockedBy, nextAllowedAt: new Date(candidate) };
    candidate = next;
  }
  return { allowed: false, blockedBy, nextAllowedAt: null };
}
