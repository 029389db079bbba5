import type { Disposition } from '../gql/graphql';

/** DOMAIN.md §3: which dispositions are contacts, and which of them reached the right party. */
const RIGHT_PARTY: ReadonlySet<Disposition> = new Set([
  'PROMISE_TO_PAY',
  'PAYMENT_TAKEN',
  'PAYMENT_PLAN',
  'REFUSED_TO_PAY',
  'HARDSHIP',
  'DISPUTE',
  'CALLBACK_REQUESTED',
  'ROUTED',
  'ALREADY_PAID',
  'CEASE_REQUEST',
]);
const OTHER_CONTACTS: ReadonlySet<Disposition> = new Set(['THIRD_PARTY_MESSAGE', 'THIRD_PARTY_NO_MESSAGE', 'WRONG_NUMBER', 'DECEASED', 'BANKRUPTCY', 'ATTORNEY_REPRESENTED']);

export const isRightPartyContact = (d: Disposition): boolean => RIGHT_PARTY.has(d);
export const isContact = (d: Disposition): boolean => RIGHT_PARTY.has(d) || OTHER_CONTACTS.has(d);
