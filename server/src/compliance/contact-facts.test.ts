import { describe, expect, it } from 'vitest';
import { Disposition } from '../calls/dispositions.js';
import { ContactPointKind, ContactPointStatus } from '../customers/contact-point.entity.js';
import { contactHistory, type ContactPointFacts } from './contact-facts.js';
import { US_FDCPA } from './contact-policy.js';

const at = (time: string) => new Date(`2026-11-18T${time}Z`);
const point = (kind: ContactPointKind, timeZone: string | null, status = ContactPointStatus.VERIFIED): ContactPointFacts => ({
  kind,
  status,
  timeZone,
  doNotCall: false,
  dialerConsent: false,
});
const customer = { timeZone: 'America/Mexico_City', ceaseCommunication: false, attorneyRepresented: true, bankrupt: false, deceased: false };

describe('contactHistory (DOMAIN.md §6)', () => {
  it('takes the zones of the customer and their valid addresses once each, never a phone’s', () => {
    const history = contactHistory({
      rules: US_FDCPA,
      customer,
      points: [
        point(ContactPointKind.ADDRESS, 'America/Mexico_City'),
        point(ContactPointKind.ADDRESS, 'America/Tijuana'),
        point(ContactPointKind.ADDRESS, 'America/Cancun', ContactPointStatus.INVALID),
        point(ContactPointKind.ADDRESS, null),
        point(ContactPointKind.PHONE, 'America/Monterrey'),
      ],
      calls: [],
      callbacks: [],
      openDispute: false,
    });
    expect(history.addressZones).toEqual(['America/Mexico_City', 'America/Tijuana']);
  });

  it('counts outbound calls as attempts and right-party calls of either direction as conversations', () => {
    const history = contactHistory({
      rules: US_FDCPA,
      customer,
      points: [],
      calls: [
        { direction: 'OUTBOUND', disposition: Disposition.NO_ANSWER, startedAt: at('10:00:00') },
        { direction: 'OUTBOUND', disposition: Disposition.REFUSED_TO_PAY, startedAt: at('11:00:00') },
        { direction: 'INBOUND', disposition: Disposition.PROMISE_TO_PAY, startedAt: at('12:00:00') },
        { direction: 'INBOUND', disposition: Disposition.THIRD_PARTY_MESSAGE, startedAt: at('13:00:00') },
      ],
      callbacks: [at('15:00:00')],
      openDispute: true,
    });
    expect(history.outboundAttempts).toEqual([at('10:00:00'), at('11:00:00')]);
    expect(history.rightPartyConversations).toEqual([at('11:00:00'), at('12:00:00')]);
    expect(history.requestedCallbacks).toEqual([at('15:00:00')]);
    expect(history.customer).toEqual({ ceaseCommunication: false, attorneyRepresented: true, bankrupt: false, deceased: false });
    expect(history.openDispute).toBe(true);
  });
});
