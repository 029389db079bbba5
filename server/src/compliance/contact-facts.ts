import type { EntityManager } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Call, CallDirection } from '../calls/call.entity.js';
import { DISPOSITIONS, Disposition } from '../calls/dispositions.js';
import { ContactPoint, ContactPointKind, ContactPointStatus } from '../customers/contact-point.entity.js';
import { Dispute, DisputeStatus } from '../disputes/dispute.entity.js';
import type { ContactFacts, ContactProfileRules, PhoneFacts } from './contact-policy.js';
import { ContactProfile } from './contact-profile.entity.js';

const RIGHT_PARTY = Object.entries(DISPOSITIONS)
  .filter(([, rule]) => rule.rightParty)
  .map(([d]) => d as Disposition);

/** Everything about one account the contact rules look at, except the phone and the moment. */
export interface ContactHistory {
  rules: ContactProfileRules;
  addressZones: string[];
  outboundAttempts: Date[];
  rightPartyConversations: Date[];
  requestedCallbacks: Date[];
  customer: ContactFacts['customer'];
  openDispute: boolean;
}

/** An account's contact history with the account and its phones as entities (worklists, contactCheck). */
export interface AccountContactFacts extends ContactHistory {
  account: Account;
  phones: ContactPoint[];
}

/** What the rules read of a phone or an address. */
export type ContactPointFacts = Pick<ContactPoint, 'kind' | 'status' | 'doNotCall' | 'dialerConsent'> & {
  phoneType?: ContactPoint['phoneType'];
  timeZone?: string | null;
};

/** The rows an account's contact history is made of, however they were read. */
export interface ContactHistoryRows {
  rules: ContactProfileRules;
  customer: ContactFacts['customer'] & { timeZone: string };
  /** The customer's phones and addresses. */
  points: readonly ContactPointFacts[];
  /** The account's calls within the profile's look-back, up to the moment considered. */
  calls: ReadonlyArray<{ direction: string; disposition: Disposition; startedAt: Date }>;
  /** Callback times from the account's CALLBACK_REQUESTED calls, whenever they were made. */
  callbacks: Date[];
  openDispute: boolean;
}

/** How far back the rules look at an account's calls under its profile. */
export const lookbackSeconds = (rules: Pick<ContactProfileRules, 'attemptWindowSeconds' | 'quietAfterConversationSeconds'>): number =>
  Math.max(rules.attemptWindowSeconds, rules.quietAfterConversationSeconds);

/** The rules' view of one account from its rows; the batch reader and recordCall's reader share it. */
export function contactHistory(rows: ContactHistoryRows): ContactHistory {
  const addressZones = [
    rows.customer.timeZone,
    ...rows.points.filter((p) => p.kind === ContactPointKind.ADDRESS && p.status !== ContactPointStatus.INVALID && p.timeZone).map((p) => p.timeZone!),
  ];
  return {
    rules: rows.rules,
    addressZones: [...new Set(addressZones)],
    outboundAttempts: rows.calls.filter((c) => c.direction === CallDirection.OUTBOUND).map((c) => c.startedAt),
    rightPartyConversations: rows.calls.filter((c) => RIGHT_PARTY.includes(c.disposition)).map((c) => c.startedAt),
    requestedCallbacks: rows.callbacks,
    customer: {
      ceaseCommunication: rows.customer.ceaseCommunication,
      attorneyRepresented: rows.customer.attorneyRepresented,
      bankrupt: rows.customer.bankrupt,
      deceased: rows.customer.deceased,
    },
    openDispute: rows.openDispute,
  };
}

export const rulesOf = (profile: ContactProfile): ContactProfileRules => ({
  windowStartMinute: profile.windowStartMinute,
  windowEndMinute: profile.windowEndMinute,
  maxAttempts: profile.maxAttempts,
  attemptWindowSeconds: profile.attemptWindowSeconds,
  quietAfterConversationSeconds: profile.quietAfterConversationSeconds,
  callbackEarlyMinutes: profile.callbackEarlyMinutes,
  callbackLateMinutes: profile.callbackLateMinutes,
});

export const phoneFacts = (phone: ContactPointFacts): PhoneFacts => ({
  status: phone.status,
  doNotCall: phone.doNotCall,
  phoneType: phone.phoneType ?? null,
  dialerConsent: phone.dialerConsent,
  timeZone: phone.timeZone ?? null,
});

/**
 * The contact history and flags of many accounts with a fixed number of statements (a worklist checks
 * hundreds at once): calls within the longest look-back any profile needs, open disputes, contact points.
 */
export async function loadContactFacts(em: EntityManager, accounts: Account[], at: Date): Promise<Map<number, AccountContactFacts>> {
  const result = new Map<number, AccountContactFacts>();
  if (accounts.length === 0) return result;
  await em.populate(accounts, ['customer', 'portfolio', 'portfolio.contactProfile']);
  const ids = accounts.map((a) => a.id);
  const customerIds = [...new Set(accounts.map((a) => a.customer.id))];
  const since = new Date(at.getTime() - Math.max(...accounts.map((a) => lookbackSeconds(a.portfolio.contactProfile))) * 1000);
  const calls = await em.find(Call, { account: { $in: ids }, startedAt: { $gt: since, $lte: at } }, { fields: ['account', 'direction', 'disposition', 'startedAt'] as never });
  const callbacks = await em.find(Call, { account: { $in: ids }, disposition: Disposition.CALLBACK_REQUESTED, callbackAt: { $ne: null } }, { fields: ['account', 'callbackAt'] as never });
  const disputes = await em.find(Dispute, { account: { $in: ids }, status: DisputeStatus.OPEN }, { fields: ['account'] as never });
  const points = await em.find(ContactPoint, { customer: { $in: customerIds }, kind: { $in: [ContactPointKind.PHONE, ContactPointKind.ADDRESS] } }, { orderBy: { id: 'asc' } });
  for (const account of accounts) {
    const customer = account.customer;
    const own = points.filter((p) => p.customer.id === customer.id);
    result.set(account.id, {
      account,
      phones: own.filter((p) => p.kind === ContactPointKind.PHONE),
      ...contactHistory({
        rules: rulesOf(account.portfolio.contactProfile),
        customer,
        points: own,
        calls: calls.filter((c) => c.account.id === account.id),
        callbacks: callbacks.filter((c) => c.account.id === account.id).map((c) => c.callbackAt!),
        openDispute: disputes.some((d) => d.account.id === account.id),
      }),
    });
  }
  return result;
}

export function contactFacts(facts: ContactHistory, phone: ContactPointFacts, at: Date, direction: 'OUTBOUND' | 'INBOUND' = 'OUTBOUND'): ContactFacts {
  return {
    direction,
    at,
    addressZones: facts.addressZones,
    phone: phoneFacts(phone),
    outboundAttempts: facts.outboundAttempts.filter((t) => t <= at),
    rightPartyConversations: facts.rightPartyConversations.filter((t) => t <= at),
    requestedCallbacks: facts.requestedCallbacks,
    customer: facts.customer,
    openDispute: facts.openDispute,
  };
}
