import { describe, expect, it } from 'vitest';
import { isWithinWindow, nextCommonWindowOpening, nextWindowOpening, type CallingWindow } from './time-window.js';

const US: CallingWindow = { windowStartMinute: 8 * 60, windowEndMinute: 21 * 60 };
const at = (iso: string) => new Date(iso);

describe('isWithinWindow', () => {
  it.each([
    ['07:59:59.999 New York', '2026-11-18T07:59:59.999-05:00', 'America/New_York', false],
    ['08:00 New York', '2026-11-18T08:00:00-05:00', 'America/New_York', true],
    ['20:59:59.999 New York', '2026-11-18T20:59:59.999-05:00', 'America/New_York', true],
    ['21:00 New York', '2026-11-18T21:00:00-05:00', 'America/New_York', false],
    ['08:30 EDT on the spring-forward day', '2026-03-08T08:30:00-04:00', 'America/New_York', true],
    ['the same UTC instant a day earlier is 07:30 EST', '2026-03-07T07:30:00-05:00', 'America/New_York', false],
    ['08:00 in Phoenix, which keeps MST in summer', '2026-07-01T08:00:00-07:00', 'America/Phoenix', true],
    ['a zone that does not exist', '2026-11-18T12:00:00Z', 'Mars/Olympus_Mons', false],
  ])('%s', (_name, iso, zone, inside) => {
    expect(isWithinWindow(at(iso), zone, US)).toBe(inside);
  });
});

describe('nextWindowOpening', () => {
  it.each([
    ['inside: the instant itself', '2026-11-18T12:00:00-05:00', 'America/New_York', US, '2026-11-18T12:00:00-05:00'],
    ['before the window: today', '2026-11-18T05:00:00-05:00', 'America/New_York', US, '2026-11-18T08:00:00-05:00'],
    ['after the window: tomorrow', '2026-11-18T21:00:00-05:00', 'America/New_York', US, '2026-11-19T08:00:00-05:00'],
    ['across spring forward', '2026-03-07T21:30:00-05:00', 'America/New_York', US, '2026-03-08T08:00:00-04:00'],
    ['across fall back', '2026-10-31T21:30:00-04:00', 'America/New_York', US, '2026-11-01T08:00:00-05:00'],
    [
      'an opening inside the spring-forward gap moves past the gap',
      '2026-03-08T01:00:00-05:00',
      'America/New_York',
      { windowStartMinute: 2 * 60 + 30, windowEndMinute: 21 * 60 },
      '2026-03-08T03:30:00-04:00',
    ],
  ])('%s', (_name, iso, zone, window, expected) => {
    expect(nextWindowOpening(at(iso), zone, window)).toEqual(at(expected));
  });

  it('has no opening in a zone that does not exist', () => {
    expect(nextWindowOpening(at('2026-11-18T12:00:00Z'), 'Mars/Olympus_Mons', US)).toBeNull();
  });
});

describe('nextCommonWindowOpening', () => {
  it.each([
    [
      'Los Angeles opens last when New York is already open',
      '2026-11-18T08:30:00-05:00',
      ['America/Los_Angeles', 'America/New_York'],
      US,
      '2026-11-18T08:00:00-08:00',
    ],
    [
      'Kiritimati (+14) and Adak (-10) share the wall clock a date apart, so their windows coincide',
      '2026-11-18T07:00:00-10:00',
      ['Pacific/Kiritimati', 'America/Adak'],
      US,
      '2026-11-18T08:00:00-10:00',
    ],
    [
      'in Adak summer time (-09) they overlap from 09:00 Adak (08:00 Kiritimati) for 12 hours',
      '2026-07-01T05:00:00-09:00',
      ['Pacific/Kiritimati', 'America/Adak'],
      US,
      '2026-07-01T09:00:00-09:00',
    ],
  ])('%s', (_name, iso, zones, window, expected) => {
    expect(nextCommonWindowOpening(at(iso), zones, window)).toEqual(at(expected));
  });

  it.each([
    ['no zone at all', [], US],
    ['a zone that does not exist', ['America/New_York', 'Mars/Olympus_Mons'], US],
    // 13-hour windows at UTC+0, UTC+8 and UTC-10 (none of which observes DST) pairwise overlap but share no instant.
    ['Abidjan, Shanghai and Honolulu', ['Africa/Abidjan', 'Asia/Shanghai', 'Pacific/Honolulu'], US],
    ['two zones nine hours apart under an 8-hour window', ['Africa/Abidjan', 'Asia/Tokyo'], { windowStartMinute: 9 * 60, windowEndMinute: 17 * 60 }],
  ])('finds none for %s', (_name, zones, window) => {
    expect(nextCommonWindowOpening(at('2026-11-18T12:00:00Z'), zones, window)).toBeNull();
  });
});
