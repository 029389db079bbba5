import { describe, expect, it } from 'vitest';
import { DISPOSITIONS, Disposition, isContact, isRightPartyContact } from './dispositions.js';

describe('dispositions (DOMAIN.md §3)', () => {
  const table: Array<[Disposition, boolean, boolean]> = [
    [Disposition.PROMISE_TO_PAY, true, true],
    [Disposition.PAYMENT_TAKEN, true, true],
    [Disposition.PAYMENT_PLAN, true, true],
    [Disposition.REFUSED_TO_PAY, true, true],
    [Disposition.HARDSHIP, true, true],
    [Disposition.DISPUTE, true, true],
    [Disposition.CALLBACK_REQUESTED, true, true],
    [Disposition.ROUTED, true, true],
    [Disposition.ALREADY_PAID, true, true],
    [Disposition.CEASE_REQUEST, true, true],
    [Disposition.THIRD_PARTY_MESSAGE, true, false],
    [Disposition.THIRD_PARTY_NO_MESSAGE, true, false],
    [Disposition.WRONG_NUMBER, true, false],
    [Disposition.DECEASED, true, false],
    [Disposition.BANKRUPTCY, true, false],
    [Disposition.ATTORNEY_REPRESENTED, true, false],
    [Disposition.NO_ANSWER, false, false],
    [Disposition.BUSY, false, false],
    [Disposition.ANSWERING_MACHINE_MESSAGE, false, false],
    [Disposition.ANSWERING_MACHINE_NO_MESSAGE, false, false],
    [Disposition.DISCONNECTED_NUMBER, false, false],
    [Disposition.DROPPED, false, false],
  ];

  it('covers every disposition', () => {
    expect(table.map(([d]) => d).sort()).toEqual(Object.keys(DISPOSITIONS).sort());
  });

  it.each(table)('%s: contact %s, right party %s', (d, contact, rpc) => {
    expect(isContact(d)).toBe(contact);
    expect(isRightPartyContact(d)).toBe(rpc);
  });
});
