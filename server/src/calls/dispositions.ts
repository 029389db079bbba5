/** Dispositions of DOMAIN.md §3: whether each is a contact, a right-party contact, and what it implies. */
export enum Disposition {
  PROMISE_TO_PAY = 'PROMISE_TO_PAY',
  PAYMENT_TAKEN = 'PAYMENT_TAKEN',
  PAYMENT_PLAN = 'PAYMENT_PLAN',
  REFUSED_TO_PAY = 'REFUSED_TO_PAY',
  HARDSHIP = 'HARDSHIP',
  DISPUTE = 'DISPUTE',
  CALLBACK_REQUESTED = 'CALLBACK_REQUESTED',
  ROUTED = 'ROUTED',
  ALREADY_PAID = 'ALREADY_PAID',
  CEASE_REQUEST = 'CEASE_REQUEST',
  THIRD_PARTY_MESSAGE = 'THIRD_PARTY_MESSAGE',
  THIRD_PARTY_NO_MESSAGE = 'THIRD_PARTY_NO_MESSAGE',
  WRONG_NUMBER = 'WRONG_NUMBER',
  DECEASED = 'DECEASED',
  BANKRUPTCY = 'BANKRUPTCY',
  ATTORNEY_REPRESENTED = 'ATTORNEY_REPRESENTED',
  NO_ANSWER = 'NO_ANSWER',
  BUSY = 'BUSY',
  ANSWERING_MACHINE_MESSAGE = 'ANSWERING_MACHINE_MESSAGE',
  ANSWERING_MACHINE_NO_MESSAGE = 'ANSWERING_MACHINE_NO_MESSAGE',
  DISCONNECTED_NUMBER = 'DISCONNECTED_NUMBER',
  DROPPED = 'DROPPED',
}

export type Implication =
  | 'PROMISE'
  | 'PAYMENT'
  | 'PLAN'
  | 'REASON_CODE'
  | 'DISPUTE'
  | 'CALLBACK'
  | 'REFERRAL'
  | 'INVESTIGATION'
  | 'CEASE'
  | 'PHONE_INVALID'
  | 'STOP_CONTACT'
  | 'REVIEW';

export interface DispositionRule {
  contact: boolean;
  rightParty: boolean;
  implies: readonly Implication[];
}

const rule = (contact: boolean, rightParty: boolean, ...implies: Implication[]): DispositionRule => ({ contact, rightParty, implies });

export const DISPOSITIONS: Readonly<Record<Disposition, DispositionRule>> = {
  PROMISE_TO_PAY: rule(true, true, 'PROMISE'),
  PAYMENT_TAKEN: rule(true, true, 'PAYMENT'),
  PAYMENT_PLAN: rule(true, true, 'PLAN'),
  REFUSED_TO_PAY: rule(true, true),
  HARDSHIP: rule(true, true, 'REASON_CODE'),
  DISPUTE: rule(true, true, 'DISPUTE'),
  CALLBACK_REQUESTED: rule(true, true, 'CALLBACK'),
  ROUTED: rule(true, true, 'REFERRAL'),
  ALREADY_PAID: rule(true, true, 'INVESTIGATION'),
  CEASE_REQUEST: rule(true, true, 'CEASE'),
  THIRD_PARTY_MESSAGE: rule(true, false),
  THIRD_PARTY_NO_MESSAGE: rule(true, false),
  WRONG_NUMBER: rule(true, false, 'PHONE_INVALID'),
  DECEASED: rule(true, false, 'STOP_CONTACT', 'REVIEW'),
  BANKRUPTCY: rule(true, false, 'STOP_CONTACT', 'REVIEW'),
  ATTORNEY_REPRESENTED: rule(true, false, 'STOP_CONTACT'),
  NO_ANSWER: rule(false, false),
  BUSY: rule(false, false),
  ANSWERING_MACHINE_MESSAGE: rule(false, false),
  ANSWERING_MACHINE_NO_MESSAGE: rule(false, false),
  DISCONNECTED_NUMBER: rule(false, false, 'PHONE_INVALID'),
  DROPPED: rule(false, false),
};

export const isContact = (d: Disposition): boolean => DISPOSITIONS[d].contact;
export const isRightPartyContact = (d: Disposition): boolean => DISPOSITIONS[d].rightParty;
export const implies = (d: Disposition, what: Implication): boolean => DISPOSITIONS[d].implies.includes(what);
