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
export interface AccountContactFacts {
  account: Account;
  rules: ContactProfileRules;
  addressZones: string[];
  outboundAttempts: Date[];
  rightPartyConversations: Date[];
  requestedCallbacks: Date[];
  customer: ContactFacts['customer'];
  openDispute: boolean;
  phones: ContactPoint[];
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

export const phoneFacts = (phone: ContactPoint): PhoneFacts => ({
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
  const lookbackSeconds = Math.max(...accounts.map((a) => Math.max(a.portfolio.contactProfile.attemptWindowSeconds, a.portfolio.contactProfile.quietAfterConversationSeconds)));
  const since = new Date(at.getTime() - lookbackSeconds * 1000);
  const calls = await em.find(Call, { account: { $in: ids }, startedAt: { $gt: since, $lte: at } }, { fields: ['account', 'direction', 'disposition', 'startedAt'] as never });
  const callbacks = await em.find(Call, { account: { $in: ids }, disposition: Disposition.CALLBACK_REQUESTED, callbackAt: { $ne: null } }, { fields: ['account', 'callbackAt'] as never });
  const disputes = await em.find(Dispute, { account: { $in: ids }, status: DisputeStatus.OPEN }, { fields: ['account'] as never });
  const points = await em.find(ContactPoint, { customer: { $in: customerIds }, kind: { $in: [ContactPointKind.PHONE, ContactPointKind.ADDRESS] } }, { orderBy: { id: 'asc' } });
  for (const account of accounts) {
    const customer = account.customer;
    const own = points.filter((p) => p.customer.id === customer.id);
    const addressZones = [
      customer.timeZone,
      ...own.filter((p) => p.kind === ContactPointKind.ADDRESS && p.status !== ContactPointStatus.INVALID && p.timeZone).map((p) => p.timeZone!),
    ];
    const history = calls.filter((c) => c.account.id === account.id);
    result.set(account.id, {
      account,
      rules: rulesOf(account.portfolio.contactProfile),
      addressZones: [...new Set(addressZones)],
      outboundAttempts: history.filter((c) => c.direction === CallDirection.OUTBOUND).map((c) => c.startedAt),
      rightPartyConversations: history.filter((c) => RIGHT_PARTY.includes(c.disposition)).map((c) => c.startedAt),
      requestedCallbacks: callbacks.filter((c) => c.account.id === account.id).map((c) => c.callbackAt!),
      customer: {
        ceaseCommunication: customer.ceaseCommunication,
        attorneyRepresented: customer.attorneyRepresented,
        bankrupt: customer.bankrupt,
        deceased: customer.deceased,
      },
      openDispute: disputes.some((d) => d.account.id === account.id),
      phones: own.filter((p) => p.kind === ContactPointKind.PHONE),
    });
  }
  return result;
}

export function contactFacts(facts: AccountContactFacts, phone: ContactPoint, at: Date, direction: 'OUTBOUND' | 'INBOUND' = 'OUTBOUND'): ContactFacts {
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
