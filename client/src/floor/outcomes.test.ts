import { describe, expect, it } from 'vitest';
import { isContact, isRightPartyContact } from './outcomes';

describe('contact and right-party dispositions (DOMAIN.md §3)', () => {
  it.each([
    ['PROMISE_TO_PAY', true, true],
    ['CEASE_REQUEST', true, true],
    ['THIRD_PARTY_MESSAGE', true, false],
    ['ATTORNEY_REPRESENTED', true, false],
    ['NO_ANSWER', false, false],
    ['DROPPED', false, false],
  ] as const)('%s: contact %s, right party %s', (d, contact, rpc) => {
    expect(isContact(d)).toBe(contact);
    expect(isRightPartyContact(d)).toBe(rpc);
  });
});
