import { problem, type Problem } from '../shared/problem.js';
import { DISPOSITIONS, Disposition, type Implication } from './dispositions.js';

/** What a recorded call says about itself; the outcome parts are present or absent. */
export interface CallFacts {
  direction: 'OUTBOUND' | 'INBOUND';
  disposition: Disposition;
  startedAt: Date;
  answeredAt?: Date | null;
  endedAt: Date;
  talkSeconds: number;
  wrapSeconds: number;
  reasonCode?: string | null;
  callbackAt?: Date | null;
  hasPhone: boolean;
  outcome: { promise: boolean; payment: boolean; plan: boolean; referral: boolean; dispute: boolean };
}

const MAX_WRAP_SECONDS = 4 * 3600;
const MAX_CALL_SECONDS = 8 * 3600;
/** Dispositions that say nobody (and no machine) answered. */
const NEVER_ANSWERED: ReadonlySet<Disposition> = new Set([Disposition.NO_ANSWER, Disposition.BUSY]);

/** The outcome part each implication needs in the input. */
const OUTCOME_OF: Partial<Record<Implication, keyof CallFacts['outcome']>> = {
  PROMISE: 'promise',
  PAYMENT: 'payment',
  PLAN: 'plan',
  REFERRAL: 'referral',
  DISPUTE: 'dispute',
  INVESTIGATION: 'dispute',
};

/**
 * DOMAIN.md §3: a disposition that implies something requires it, and nothing it does not imply may
 * come with it; the times must be in order and agree with the talk time; a call is in the past.
 */
export function callProblems(call: CallFacts, now: Date): Problem | null {
  const rule = DISPOSITIONS[call.disposition];
  for (const [implication, part] of Object.entries(OUTCOME_OF) as Array<[Implication, keyof CallFacts['outcome']]>) {
    if (rule.implies.includes(implication) && !call.outcome[part]) {
      return problem(part, `A ${call.disposition} call needs its ${part}.`);
    }
  }
  const implied = new Set(rule.implies.map((i) => OUTCOME_OF[i]).filter(Boolean));
  for (const part of Object.keys(call.outcome) as Array<keyof CallFacts['outcome']>) {
    if (call.outcome[part] && !implied.has(part)) return problem(part, `A ${call.disposition} call does not come with a ${part}.`);
  }
  if (rule.implies.includes('REASON_CODE') && !call.reasonCode?.trim()) return problem('reasonCode', `A ${call.disposition} call needs the reason the customer gave.`);
  if (call.reasonCode && !rule.rightParty) return problem('reasonCode', 'A reason code is recorded only when the right party was reached.');
  if (rule.implies.includes('CALLBACK') && !call.callbackAt) return problem('callbackAt', 'A callback needs the time the customer chose.');
  if (!rule.implies.includes('CALLBACK') && call.callbackAt) return problem('callbackAt', `A ${call.disposition} call has no callback time.`);
  if (call.callbackAt && call.callbackAt <= call.endedAt) return problem('callbackAt', 'The callback must be after the call.');
  if (call.direction === 'OUTBOUND' && !call.hasPhone) return problem('phoneId', 'An outbound call needs the phone that was dialled.');
  if (rule.implies.includes('PHONE_INVALID') && !call.hasPhone) return problem('phoneId', `A ${call.disposition} call needs the phone to mark invalid.`);

  if (call.endedAt < call.startedAt) return problem('endedAt', 'The call ends before it starts.');
  if (call.endedAt > now) return problem('endedAt', 'The call ends in the future.');
  if ((call.endedAt.getTime() - call.startedAt.getTime()) / 1000 > MAX_CALL_SECONDS) return problem('endedAt', 'A call lasts at most 8 hours.');
  if (rule.contact && !call.answeredAt) return problem('answeredAt', `A ${call.disposition} call was answered: give answeredAt.`);
  // Nobody picked up: talk time on such a call would inflate talk and handle time (§7).
  if (NEVER_ANSWERED.has(call.disposition) && call.answeredAt) return problem('answeredAt', `A ${call.disposition} call was not answered: no answeredAt.`);
  if (call.answeredAt && (call.answeredAt < call.startedAt || call.answeredAt > call.endedAt)) {
    return problem('answeredAt', 'answeredAt must be between startedAt and endedAt.');
  }
  const talk = call.answeredAt ? Math.round((call.endedAt.getTime() - call.answeredAt.getTime()) / 1000) : 0;
  if (!Number.isInteger(call.talkSeconds) || call.talkSeconds !== talk) {
    return problem('talkSeconds', `talkSeconds must be the ${talk} seconds from answeredAt to endedAt.`);
  }
  if (!Number.isInteger(call.wrapSeconds) || call.wrapSeconds < 0 || call.wrapSeconds > MAX_WRAP_SECONDS) {
    return problem('wrapSeconds', `wrapSeconds must be a whole number of seconds, 0-${MAX_WRAP_SECONDS}.`);
  }
  return null;
}

/** A call recorded late (it started before the account's last call) does not become its last call. */
export const becomesLastCall = (lastCallStartedAt: Date | null, startedAt: Date): boolean => lastCallStartedAt == null || lastCallStartedAt <= startedAt;
