import { describe, expect, it } from 'vitest';
import { Disposition } from '../calls/dispositions.js';
import { ZoneClock } from '../db/seed/floor-time.js';
import { callDelta, COUNTER_COLUMN, daySlices, mergeDeltas, monthDeltas, paymentDelta, presenceDeltas, promiseTakenDelta, settlementDelta } from './counter-deltas.js';

const TZ = 'America/Mexico_City';
const zone = new ZoneClock(TZ);
const at = (iso: string) => new Date(iso);

describe('a call', () => {
  it.each([
    ['an outbound promise', 'OUTBOUND', Disposition.PROMISE_TO_PAY, 300, 40, { calls: 1, attempts: 1, contacts: 1, rightPartyContacts: 1, callsWithTalk: 1, talkSeconds: 300, wrapSeconds: 40 }],
    ['an outbound no answer', 'OUTBOUND', Disposition.NO_ANSWER, 0, 15, { calls: 1, attempts: 1, contacts: 0, rightPartyContacts: 0, callsWithTalk: 0, talkSeconds: 0, wrapSeconds: 15 }],
    ['an inbound third party', 'INBOUND', Disposition.THIRD_PARTY_MESSAGE, 60, 20, { calls: 1, attempts: 0, contacts: 1, rightPartyContacts: 0, callsWithTalk: 1, talkSeconds: 60, wrapSeconds: 20 }],
    ['an answering machine message', 'OUTBOUND', Disposition.ANSWERING_MACHINE_MESSAGE, 25, 10, { calls: 1, attempts: 1, contacts: 0, rightPartyContacts: 0, callsWithTalk: 1, talkSeconds: 25, wrapSeconds: 10 }],
  ] as const)('%s', (_name, direction, disposition, talkSeconds, wrapSeconds, add) => {
    expect(callDelta({ agentId: 7, direction, disposition, startedAt: at('2026-11-18T16:00:00Z'), talkSeconds, wrapSeconds }, TZ)).toEqual({ agentId: 7, day: '2026-11-18', add });
  });

  it('counts on the floor day it started, not the UTC one', () => {
    expect(callDelta({ agentId: 1, direction: 'OUTBOUND', disposition: Disposition.BUSY, startedAt: at('2026-11-19T05:59:59Z'), talkSeconds: 0, wrapSeconds: 0 }, TZ).day).toBe('2026-11-18');
    expect(callDelta({ agentId: 1, direction: 'OUTBOUND', disposition: Disposition.BUSY, startedAt: at('2026-11-19T06:00:00Z'), talkSeconds: 0, wrapSeconds: 0 }, TZ).day).toBe('2026-11-19');
  });
});

describe('promises and payments', () => {
  it('a promise counts on its creation day', () => {
    expect(promiseTakenDelta(3, at('2026-11-18T23:30:00Z'), 17_000, TZ)).toEqual({ agentId: 3, day: '2026-11-18', add: { promises: 1, promisedAmountMinor: 17_000 } });
  });

  it.each([
    ['PENDING', 'KEPT', { promisesKept: 1 }],
    ['KEPT', 'PENDING', { promisesKept: -1 }],
    ['KEPT', 'PARTIALLY_KEPT', { promisesKept: -1, promisesPartiallyKept: 1 }],
    ['KEPT', 'BROKEN', { promisesKept: -1, promisesBroken: 1 }],
    ['PENDING', 'BROKEN', { promisesBroken: 1 }],
    ['PENDING', 'PARTIALLY_KEPT', { promisesPartiallyKept: 1 }],
    ['PENDING_APPROVAL', 'KEPT', { promisesKept: 1 }],
    ['PENDING', 'CANCELLED', null],
    ['PENDING_APPROVAL', 'PENDING', null],
    ['KEPT', 'KEPT', null],
  ])('settling %s -> %s', (before, after, add) => {
    const delta = settlementDelta(5, '2026-11-20', before, after);
    expect(delta).toEqual(add === null ? null : { agentId: 5, day: '2026-11-20', add });
  });

  it('a payment counts for the credited agent, its reversal takes it back on the same day', () => {
    expect(paymentDelta(9, at('2026-11-18T16:00:00Z'), 500, 1, TZ)).toEqual({ agentId: 9, day: '2026-11-18', add: { collectedAmountMinor: 500 } });
    expect(paymentDelta(9, at('2026-11-18T16:00:00Z'), 500, -1, TZ)).toEqual({ agentId: 9, day: '2026-11-18', add: { collectedAmountMinor: -500 } });
    expect(paymentDelta(null, at('2026-11-18T16:00:00Z'), 500, 1, TZ)).toBeNull();
  });
});

describe('presence', () => {
  it.each([
    ['within a day', '2026-11-18T14:00:00Z', '2026-11-18T15:30:00Z', [{ day: '2026-11-18', seconds: 5400 }]],
    ['across floor midnight', '2026-11-19T05:30:00Z', '2026-11-19T06:30:00Z', [{ day: '2026-11-18', seconds: 1800 }, { day: '2026-11-19', seconds: 1800 }]],
    ['over a whole day', '2026-11-18T05:00:00Z', '2026-11-19T07:00:00Z', [{ day: '2026-11-17', seconds: 3600 }, { day: '2026-11-18', seconds: 86_400 }, { day: '2026-11-19', seconds: 3600 }]],
    ['empty', '2026-11-18T14:00:00Z', '2026-11-18T14:00:00Z', []],
    ['backwards', '2026-11-18T14:00:00Z', '2026-11-18T13:00:00Z', []],
    ['fractions of a second add up whole', '2026-11-18T14:00:00.700Z', '2026-11-18T14:00:02.200Z', [{ day: '2026-11-18', seconds: 2 }]],
  ])('%s', (_name, from, to, slices) => {
    expect(daySlices(at(from), at(to), zone)).toEqual(slices);
  });

  it('counts anything but OFFLINE as connected, PAUSED as paused too', () => {
    const from = at('2026-11-18T14:00:00Z');
    const to = at('2026-11-18T14:10:00Z');
    expect(presenceDeltas(1, 'AVAILABLE', from, to, zone)).toEqual([{ agentId: 1, day: '2026-11-18', add: { connectedSeconds: 600 } }]);
    expect(presenceDeltas(1, 'WRAP_UP', from, to, zone)).toEqual([{ agentId: 1, day: '2026-11-18', add: { connectedSeconds: 600 } }]);
    expect(presenceDeltas(1, 'PAUSED', from, to, zone)).toEqual([{ agentId: 1, day: '2026-11-18', add: { connectedSeconds: 600, pausedSeconds: 600 } }]);
    expect(presenceDeltas(1, 'OFFLINE', from, to, zone)).toEqual([]);
  });
});

describe('merging', () => {
  it('adds deltas of one agent and day together and drops what cancels out', () => {
    expect(
      mergeDeltas([
        { agentId: 1, day: '2026-11-18', add: { attempts: 1, talkSeconds: 30 } },
        null,
        { agentId: 1, day: '2026-11-18', add: { attempts: 1 } },
        { agentId: 2, day: '2026-11-18', add: { collectedAmountMinor: 500 } },
        { agentId: 2, day: '2026-11-18', add: { collectedAmountMinor: -500 } },
        { agentId: 1, day: '2026-11-19', add: { attempts: 1 } },
      ]),
    ).toEqual([
      { agentId: 1, day: '2026-11-18', add: { attempts: 2, talkSeconds: 30 } },
      { agentId: 1, day: '2026-11-19', add: { attempts: 1 } },
    ]);
  });

  it('gathers an agent\'s days by calendar month for the month counters', () => {
    expect(
      monthDeltas([
        { agentId: 1, day: '2026-11-29', add: { connectedSeconds: 600 } },
        { agentId: 1, day: '2026-11-30', add: { connectedSeconds: 900, pausedSeconds: 60 } },
        { agentId: 1, day: '2026-12-01', add: { connectedSeconds: 300 } },
        { agentId: 2, day: '2026-11-30', add: { promisesKept: 1 } },
      ]),
    ).toEqual([
      { agentId: 1, day: '2026-11', add: { connectedSeconds: 1500, pausedSeconds: 60 } },
      { agentId: 1, day: '2026-12', add: { connectedSeconds: 300 } },
      { agentId: 2, day: '2026-11', add: { promisesKept: 1 } },
    ]);
  });

  it('maps fields to snake_case columns', () => {
    expect(COUNTER_COLUMN.rightPartyContacts).toBe('right_party_contacts');
    expect(COUNTER_COLUMN.collectedAmountMinor).toBe('collected_amount_minor');
  });
});
