import { describe, expect, it } from 'vitest';
import {
  CONTACT_RULES,
  MEXICO,
  US_FDCPA,
  candidateZones,
  decideContact,
  type ContactFacts,
  type ContactProfileRules,
  type ContactRule,
  type PhoneFacts,
} from './contact-policy.js';

/** Facts in strings so each row reads as the situation it describes; dates carry their offset. */
interface Situation {
  direction?: 'OUTBOUND' | 'INBOUND';
  addressZones?: string[];
  phone?: Partial<PhoneFacts>;
  fallbackZone?: string | null;
  attempts?: string[];
  conversations?: string[];
  callbacks?: string[];
  customer?: Partial<ContactFacts['customer']>;
  openDispute?: boolean;
}

const NEW_YORK = 'America/New_York';
const LOS_ANGELES = 'America/Los_Angeles';
const MEXICO_CITY = 'America/Mexico_City';

function facts(at: string, situation: Situation = {}): ContactFacts {
  return {
    direction: situation.direction ?? 'OUTBOUND',
    at: new Date(at),
    addressZones: situation.addressZones ?? [NEW_YORK],
    phone: { status: 'VERIFIED', doNotCall: false, phoneType: 'LANDLINE', dialerConsent: false, timeZone: null, ...situation.phone },
    fallbackZone: situation.fallbackZone,
    outboundAttempts: (situation.attempts ?? []).map((iso) => new Date(iso)),
    rightPartyConversations: (situation.conversations ?? []).map((iso) => new Date(iso)),
    requestedCallbacks: (situation.callbacks ?? []).map((iso) => new Date(iso)),
    customer: { ceaseCommunication: false, attorneyRepresented: false, bankrupt: false, deceased: false, ...situation.customer },
    openDispute: situation.openDispute ?? false,
  };
}

/** `count` attempts one hour apart, the first at `oldest`: with 7, `oldest` is the 7th most recent. */
function hourlyAttempts(oldest: string, count: number): string[] {
  const start = new Date(oldest).getTime();
  return Array.from({ length: count }, (_, i) => new Date(start + i * 3_600_000).toISOString());
}

type Row = [name: string, rules: ContactProfileRules, at: string, situation: Situation];
type BlockedRow = [...Row, blockedBy: ContactRule[], nextAllowedAt: string | null];

describe('decideContact (DOMAIN.md §6): calls that are allowed', () => {
  it.each<Row>([
    // TIME_WINDOW, US profile: [08:00, 21:00) local
    ['08:00:00 in New York', US_FDCPA, '2026-11-18T08:00:00-05:00', {}],
    ['20:59:59 in New York', US_FDCPA, '2026-11-18T20:59:59-05:00', {}],
    ['08:30 EDT on the spring-forward day', US_FDCPA, '2026-03-08T08:30:00-04:00', {}],
    ['08:30 EST on the fall-back day', US_FDCPA, '2026-11-01T08:30:00-05:00', {}],
    ['08:00 MST in Phoenix in July (no DST)', US_FDCPA, '2026-07-01T08:00:00-07:00', { addressZones: ['America/Phoenix'] }],
    // TIME_WINDOW, Mexico profile: [07:00, 22:00) local, UTC-6 all year since 2022
    ['07:00 in Mexico City', MEXICO, '2026-11-18T07:00:00-06:00', { addressZones: [MEXICO_CITY] }],
    ['21:59:59 in Mexico City', MEXICO, '2026-11-18T21:59:59-06:00', { addressZones: [MEXICO_CITY] }],
    ['07:00 CST in Mexico City in July', MEXICO, '2026-07-01T07:00:00-06:00', { addressZones: [MEXICO_CITY] }],
    // conflicting zones: inside in both
    [
      '08:00 Los Angeles = 11:00 New York',
      US_FDCPA,
      '2026-11-18T08:00:00-08:00',
      { addressZones: [LOS_ANGELES], phone: { timeZone: NEW_YORK } },
    ],
    [
      'Kiritimati and Adak, whose clocks agree a date apart',
      US_FDCPA,
      '2026-11-18T08:00:00-10:00',
      { addressZones: ['Pacific/Kiritimati', 'America/Adak'] },
    ],
    ['the fallback zone when no zone is known', US_FDCPA, '2026-11-18T08:00:00-06:00', { addressZones: [], fallbackZone: 'America/Chicago' }],
    // FREQUENCY: 7 in the rolling (at - 604800 s, at]
    ['no attempt yet', US_FDCPA, '2026-11-18T12:00:00-05:00', { attempts: [] }],
    ['6 attempts in the last 7 days', US_FDCPA, '2026-11-18T12:00:00-05:00', { attempts: hourlyAttempts('2026-11-17T12:00:00-05:00', 6) }],
    [
      '7 attempts, the 7th most recent exactly 604800 s ago',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { attempts: hourlyAttempts('2026-11-11T12:00:00-05:00', 7) },
    ],
    [
      '8 attempts in any order, the 7th most recent 604800 s ago',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      {
        attempts: [
          '2026-11-17T09:00:00-05:00',
          '2026-11-11T12:00:00-05:00',
          '2026-11-12T09:00:00-05:00',
          '2026-11-10T09:00:00-05:00',
          '2026-11-13T09:00:00-05:00',
          '2026-11-16T09:00:00-05:00',
          '2026-11-14T09:00:00-05:00',
          '2026-11-15T09:00:00-05:00',
        ],
      },
    ],
    // AFTER_CONVERSATION: 604800 s of quiet, lifted around a requested callback
    [
      'a conversation exactly 604800 s ago',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { conversations: ['2026-11-11T12:00:00-05:00'] },
    ],
    [
      'a callback asked for 12:00, called at 11:45 (15 min early)',
      US_FDCPA,
      '2026-11-18T11:45:00-05:00',
      { conversations: ['2026-11-17T15:00:00-05:00'], callbacks: ['2026-11-18T12:00:00-05:00'] },
    ],
    [
      'a callback asked for 12:00, called at 14:00 (120 min late)',
      US_FDCPA,
      '2026-11-18T14:00:00-05:00',
      { conversations: ['2026-11-17T15:00:00-05:00'], callbacks: ['2026-11-18T12:00:00-05:00'] },
    ],
    // PHONE
    ['an unverified landline', US_FDCPA, '2026-11-18T12:00:00-05:00', { phone: { status: 'UNVERIFIED' } }],
    ['a mobile with dialer consent', US_FDCPA, '2026-11-18T12:00:00-05:00', { phone: { phoneType: 'MOBILE', dialerConsent: true } }],
    ['a work phone without dialer consent', US_FDCPA, '2026-11-18T12:00:00-05:00', { phone: { phoneType: 'WORK', dialerConsent: false } }],
    // INBOUND is never blocked
    [
      'an inbound call at 23:00 from a flagged customer with every limit reached',
      US_FDCPA,
      '2026-11-18T23:00:00-05:00',
      {
        direction: 'INBOUND',
        addressZones: [],
        phone: { status: 'INVALID', doNotCall: true },
        attempts: hourlyAttempts('2026-11-18T08:00:00-05:00', 9),
        conversations: ['2026-11-18T22:00:00-05:00'],
        customer: { ceaseCommunication: true, attorneyRepresented: true, bankrupt: true, deceased: true },
        openDispute: true,
      },
    ],
  ])('%s', (_name, rules, at, situation) => {
    expect(decideContact(rules, facts(at, situation))).toEqual({ allowed: true, blockedBy: [], nextAllowedAt: new Date(at) });
  });
});

describe('decideContact (DOMAIN.md §6): calls that are blocked, and until when', () => {
  it.each<BlockedRow>([
    // TIME_WINDOW edges
    ['07:59:59 in New York', US_FDCPA, '2026-11-18T07:59:59-05:00', {}, ['TIME_WINDOW'], '2026-11-18T08:00:00-05:00'],
    ['21:00:00 in New York', US_FDCPA, '2026-11-18T21:00:00-05:00', {}, ['TIME_WINDOW'], '2026-11-19T08:00:00-05:00'],
    [
      '06:59:59 in Mexico City',
      MEXICO,
      '2026-11-18T06:59:59-06:00',
      { addressZones: [MEXICO_CITY] },
      ['TIME_WINDOW'],
      '2026-11-18T07:00:00-06:00',
    ],
    [
      '22:00:00 in Mexico City',
      MEXICO,
      '2026-11-18T22:00:00-06:00',
      { addressZones: [MEXICO_CITY] },
      ['TIME_WINDOW'],
      '2026-11-19T07:00:00-06:00',
    ],
    [
      '06:59:59 in Mexico City in July (no DST)',
      MEXICO,
      '2026-07-01T06:59:59-06:00',
      { addressZones: [MEXICO_CITY] },
      ['TIME_WINDOW'],
      '2026-07-01T07:00:00-06:00',
    ],
    [
      '07:30 in New York under the US profile (Mexico\'s 07:00 is not its window)',
      US_FDCPA,
      '2026-11-18T07:30:00-05:00',
      {},
      ['TIME_WINDOW'],
      '2026-11-18T08:00:00-05:00',
    ],
    // daylight saving in New York
    [
      '07:30 EDT on the spring-forward day (the same UTC instant was 08:30 EST the day before)',
      US_FDCPA,
      '2026-03-08T07:30:00-04:00',
      {},
      ['TIME_WINDOW'],
      '2026-03-08T08:00:00-04:00',
    ],
    [
      '21:30 EST the night before spring forward: the morning opening is 08:00 EDT',
      US_FDCPA,
      '2026-03-07T21:30:00-05:00',
      {},
      ['TIME_WINDOW'],
      '2026-03-08T08:00:00-04:00',
    ],
    [
      '07:30 EST on the fall-back day',
      US_FDCPA,
      '2026-11-01T07:30:00-05:00',
      {},
      ['TIME_WINDOW'],
      '2026-11-01T08:00:00-05:00',
    ],
    [
      '21:30 EDT the night before fall back: the morning opening is 08:00 EST',
      US_FDCPA,
      '2026-10-31T21:30:00-04:00',
      {},
      ['TIME_WINDOW'],
      '2026-11-01T08:00:00-05:00',
    ],
    // conflicting zones
    [
      'address in Los Angeles, phone in New York: 08:30 New York is 05:30 Los Angeles',
      US_FDCPA,
      '2026-11-18T08:30:00-05:00',
      { addressZones: [LOS_ANGELES], phone: { timeZone: NEW_YORK } },
      ['TIME_WINDOW'],
      '2026-11-18T08:00:00-08:00',
    ],
    [
      'address in Los Angeles, phone in New York: 18:00 Los Angeles is 21:00 New York',
      US_FDCPA,
      '2026-11-18T18:00:00-08:00',
      { addressZones: [LOS_ANGELES], phone: { timeZone: NEW_YORK } },
      ['TIME_WINDOW'],
      '2026-11-19T08:00:00-08:00',
    ],
    [
      'three zones whose windows never meet (Abidjan, Shanghai, Honolulu)',
      US_FDCPA,
      '2026-11-18T12:00:00Z',
      { addressZones: ['Africa/Abidjan', 'Asia/Shanghai'], phone: { timeZone: 'Pacific/Honolulu' } },
      ['TIME_WINDOW'],
      null,
    ],
    ['no known zone and no fallback', US_FDCPA, '2026-11-18T12:00:00-05:00', { addressZones: [] }, ['TIME_WINDOW'], null],
    ['a zone that is not an IANA zone', US_FDCPA, '2026-11-18T12:00:00-05:00', { addressZones: ['Eastern'] }, ['TIME_WINDOW'], null],
    // FREQUENCY to the second
    [
      '7 attempts in the last 7 days',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { attempts: hourlyAttempts('2026-11-12T12:00:00-05:00', 7) },
      ['FREQUENCY'],
      '2026-11-19T12:00:00-05:00',
    ],
    [
      '7 attempts, the 7th most recent 604799 s ago',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { attempts: hourlyAttempts('2026-11-11T12:00:01-05:00', 7) },
      ['FREQUENCY'],
      '2026-11-18T12:00:01-05:00',
    ],
    [
      '9 attempts: the release follows the 7th most recent, not the oldest',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { attempts: hourlyAttempts('2026-11-12T10:00:00-05:00', 9) },
      ['FREQUENCY'],
      '2026-11-19T12:00:00-05:00',
    ],
    [
      '7 x 24 h is not 7 calendar days across fall back',
      US_FDCPA,
      '2026-11-05T12:30:00-05:00',
      { attempts: hourlyAttempts('2026-10-29T14:00:00-04:00', 7) },
      ['FREQUENCY'],
      '2026-11-05T13:00:00-05:00',
    ],
    // AFTER_CONVERSATION
    [
      'a conversation 604799 s ago',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { conversations: ['2026-11-11T12:00:01-05:00'] },
      ['AFTER_CONVERSATION'],
      '2026-11-18T12:00:01-05:00',
    ],
    [
      'a conversation an hour ago: quiet for 7 x 24 h after the latest one',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { conversations: ['2026-11-12T10:00:00-05:00', '2026-11-18T11:00:00-05:00', '2026-11-15T10:00:00-05:00'] },
      ['AFTER_CONVERSATION'],
      '2026-11-25T11:00:00-05:00',
    ],
    [
      'a callback asked for 12:00, called at 11:44:59: allowed from 11:45',
      US_FDCPA,
      '2026-11-18T11:44:59-05:00',
      { conversations: ['2026-11-17T15:00:00-05:00'], callbacks: ['2026-11-18T12:00:00-05:00'] },
      ['AFTER_CONVERSATION'],
      '2026-11-18T11:45:00-05:00',
    ],
    [
      'a callback asked for 12:00, called at 14:00:01: quiet until 7 x 24 h after the conversation',
      US_FDCPA,
      '2026-11-18T14:00:01-05:00',
      { conversations: ['2026-11-17T15:00:00-05:00'], callbacks: ['2026-11-18T12:00:00-05:00'] },
      ['AFTER_CONVERSATION'],
      '2026-11-24T15:00:00-05:00',
    ],
    [
      'a callback asked for 21:30 is still outside the window: the next chance is the end of the quiet',
      US_FDCPA,
      '2026-11-18T21:30:00-05:00',
      { conversations: ['2026-11-17T15:00:00-05:00'], callbacks: ['2026-11-18T21:30:00-05:00'] },
      ['TIME_WINDOW'],
      '2026-11-24T15:00:00-05:00',
    ],
    [
      'a callback does not lift FREQUENCY, whose release at 08:00 then meets the quiet until 14:00',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { attempts: hourlyAttempts('2026-11-17T08:00:00-05:00', 7), conversations: ['2026-11-17T14:00:00-05:00'], callbacks: ['2026-11-18T12:00:00-05:00'] },
      ['FREQUENCY'],
      '2026-11-24T14:00:00-05:00',
    ],
    // the permanent rules
    ['ceased communication', US_FDCPA, '2026-11-18T12:00:00-05:00', { customer: { ceaseCommunication: true } }, ['CEASE'], null],
    ['an open dispute', US_FDCPA, '2026-11-18T12:00:00-05:00', { openDispute: true }, ['DISPUTE'], null],
    ['represented by an attorney', US_FDCPA, '2026-11-18T12:00:00-05:00', { customer: { attorneyRepresented: true } }, ['REPRESENTED'], null],
    ['in bankruptcy', US_FDCPA, '2026-11-18T12:00:00-05:00', { customer: { bankrupt: true } }, ['BANKRUPTCY'], null],
    ['deceased', US_FDCPA, '2026-11-18T12:00:00-05:00', { customer: { deceased: true } }, ['DECEASED'], null],
    ['an invalid phone', US_FDCPA, '2026-11-18T12:00:00-05:00', { phone: { status: 'INVALID' } }, ['PHONE'], null],
    ['a phone on the do-not-call list', US_FDCPA, '2026-11-18T12:00:00-05:00', { phone: { doNotCall: true } }, ['PHONE'], null],
    [
      'a mobile without dialer consent',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { phone: { phoneType: 'MOBILE', dialerConsent: false } },
      ['PHONE'],
      null,
    ],
    // several rules at once, listed in the order of ContactRule
    [
      'every rule at once',
      US_FDCPA,
      '2026-11-18T21:30:00-05:00',
      {
        phone: { doNotCall: true },
        attempts: hourlyAttempts('2026-11-18T08:00:00-05:00', 7),
        conversations: ['2026-11-18T10:00:00-05:00'],
        customer: { ceaseCommunication: true, attorneyRepresented: true, bankrupt: true, deceased: true },
        openDispute: true,
      },
      [...CONTACT_RULES],
      null,
    ],
    [
      'a time rule and a permanent one: nothing to wait for',
      US_FDCPA,
      '2026-11-18T07:00:00-05:00',
      { openDispute: true },
      ['TIME_WINDOW', 'DISPUTE'],
      null,
    ],
    // nextAllowedAt combining the time rules
    [
      'a frequency release at 23:00 waits for 08:00 the next day',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { attempts: hourlyAttempts('2026-11-11T23:00:00-05:00', 7) },
      ['FREQUENCY'],
      '2026-11-19T08:00:00-05:00',
    ],
    [
      'at night with a frequency release at 07:00 and a conversation release at 09:30',
      US_FDCPA,
      '2026-11-18T22:00:00-05:00',
      { attempts: hourlyAttempts('2026-11-12T07:00:00-05:00', 7), conversations: ['2026-11-12T09:30:00-05:00'] },
      ['TIME_WINDOW', 'FREQUENCY', 'AFTER_CONVERSATION'],
      '2026-11-19T09:30:00-05:00',
    ],
    [
      'a frequency release at 07:30 New York waits for 08:00 Los Angeles',
      US_FDCPA,
      '2026-11-18T12:00:00-05:00',
      { addressZones: [LOS_ANGELES], phone: { timeZone: NEW_YORK }, attempts: hourlyAttempts('2026-11-12T07:30:00-05:00', 7) },
      ['FREQUENCY'],
      '2026-11-19T08:00:00-08:00',
    ],
    [
      '7 x 24 h after 06:00 EST is 07:00 EDT on the spring-forward day, which waits for 08:00 EDT',
      US_FDCPA,
      '2026-03-07T12:00:00-05:00',
      { attempts: hourlyAttempts('2026-03-01T06:00:00-05:00', 7) },
      ['FREQUENCY'],
      '2026-03-08T08:00:00-04:00',
    ],
    [
      'a callback asked for 21:10 opens the quiet at 20:55, still inside the window',
      US_FDCPA,
      '2026-11-18T20:00:00-05:00',
      { conversations: ['2026-11-17T15:00:00-05:00'], callbacks: ['2026-11-18T21:10:00-05:00'] },
      ['AFTER_CONVERSATION'],
      '2026-11-18T20:55:00-05:00',
    ],
    [
      'a morning callback after a night-time call',
      US_FDCPA,
      '2026-11-18T22:00:00-05:00',
      { conversations: ['2026-11-18T19:00:00-05:00'], callbacks: ['2026-11-19T10:00:00-05:00'] },
      ['TIME_WINDOW', 'AFTER_CONVERSATION'],
      '2026-11-19T09:45:00-05:00',
    ],
  ])('%s', (_name, rules, at, situation, blockedBy, nextAllowedAt) => {
    expect(decideContact(rules, facts(at, situation))).toEqual({
      allowed: false,
      blockedBy,
      nextAllowedAt: nextAllowedAt === null ? null : new Date(nextAllowedAt),
    });
  });

  it('does not count an attempt or conversation recorded after the instant considered', () => {
    const decision = decideContact(
      US_FDCPA,
      facts('2026-11-18T12:00:00-05:00', {
        attempts: hourlyAttempts('2026-11-18T06:00:00-05:00', 6).concat('2026-11-18T12:00:01-05:00'),
        conversations: ['2026-11-18T12:00:01-05:00'],
      }),
    );
    expect(decision).toEqual({ allowed: true, blockedBy: [], nextAllowedAt: new Date('2026-11-18T12:00:00-05:00') });
  });

  it('refuses a profile whose window is not inside one day', () => {
    expect(() => decideContact({ ...US_FDCPA, windowEndMinute: 25 * 60 }, facts('2026-11-18T12:00:00-05:00'))).toThrow(RangeError);
  });
});

describe('candidateZones', () => {
  it.each([
    ['address zones then the phone zone', { addressZones: [LOS_ANGELES], phone: { timeZone: NEW_YORK } }, [LOS_ANGELES, NEW_YORK]],
    ['without repeats', { addressZones: [NEW_YORK, LOS_ANGELES, NEW_YORK], phone: { timeZone: NEW_YORK } }, [NEW_YORK, LOS_ANGELES]],
    ['the phone zone alone', { addressZones: [], phone: { timeZone: NEW_YORK } }, [NEW_YORK]],
    ['the fallback only when nothing is known', { addressZones: [], fallbackZone: MEXICO_CITY }, [MEXICO_CITY]],
    ['the fallback ignored when a zone is known', { addressZones: [LOS_ANGELES], fallbackZone: MEXICO_CITY }, [LOS_ANGELES]],
    ['none at all', { addressZones: [] }, []],
  ] satisfies [string, Situation, string[]][])('%s', (_name, situation, zones) => {
    expect(candidateZones(facts('2026-11-18T12:00:00-05:00', situation))).toEqual(zones);
  });
});
