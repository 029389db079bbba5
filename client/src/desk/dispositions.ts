import type { Disposition } from '../gql/graphql';

/** The fields a disposition implies on the capture form (DOMAIN.md §3). */
export type CaptureField = 'amount' | 'dueDate' | 'instalments' | 'method' | 'reference' | 'reasonCode' | 'reason' | 'routeTo' | 'callbackAt';

export interface DispositionChoice {
  disposition: Disposition;
  /** The key that picks it on the capture form (lower case). */
  key: string;
  contact: boolean;
  fields: CaptureField[];
}

/** One key per disposition, chosen to be memorable; the list is also the order on screen. */
export const DISPOSITIONS: DispositionChoice[] = [
  { disposition: 'PROMISE_TO_PAY', key: 'p', contact: true, fields: ['amount', 'dueDate'] },
  { disposition: 'PAYMENT_TAKEN', key: 'y', contact: true, fields: ['amount', 'method', 'reference'] },
  { disposition: 'PAYMENT_PLAN', key: 'l', contact: true, fields: ['amount', 'instalments', 'dueDate'] },
  { disposition: 'REFUSED_TO_PAY', key: 'r', contact: true, fields: ['reasonCode'] },
  { disposition: 'HARDSHIP', key: 'h', contact: true, fields: ['reasonCode'] },
  { disposition: 'CALLBACK_REQUESTED', key: 'c', contact: true, fields: ['callbackAt'] },
  { disposition: 'DISPUTE', key: 'd', contact: true, fields: ['reason'] },
  { disposition: 'ALREADY_PAID', key: 'k', contact: true, fields: ['reason'] },
  { disposition: 'ROUTED', key: 'g', contact: true, fields: ['routeTo', 'reason'] },
  { disposition: 'CEASE_REQUEST', key: 's', contact: true, fields: [] },
  { disposition: 'THIRD_PARTY_MESSAGE', key: 't', contact: true, fields: [] },
  { disposition: 'THIRD_PARTY_NO_MESSAGE', key: 'u', contact: true, fields: [] },
  { disposition: 'WRONG_NUMBER', key: 'w', contact: true, fields: [] },
  { disposition: 'DECEASED', key: 'e', contact: true, fields: [] },
  { disposition: 'BANKRUPTCY', key: 'j', contact: true, fields: [] },
  { disposition: 'ATTORNEY_REPRESENTED', key: 'v', contact: true, fields: [] },
  { disposition: 'NO_ANSWER', key: 'n', contact: false, fields: [] },
  { disposition: 'BUSY', key: 'b', contact: false, fields: [] },
  { disposition: 'ANSWERING_MACHINE_MESSAGE', key: 'm', contact: false, fields: [] },
  { disposition: 'ANSWERING_MACHINE_NO_MESSAGE', key: 'a', contact: false, fields: [] },
  { disposition: 'DISCONNECTED_NUMBER', key: 'x', contact: false, fields: [] },
  { disposition: 'DROPPED', key: 'o', contact: false, fields: [] },
];

export function choiceForKey(key: string): DispositionChoice | undefined {
  const k = key.toLowerCase();
  return DISPOSITIONS.find((d) => d.key === k);
}

export function choiceFor(disposition: Disposition): DispositionChoice {
  return DISPOSITIONS.find((d) => d.disposition === disposition)!;
}
