import { describe, expect, it } from 'vitest';
import { FixedClock } from '../shared/clock.js';
import { TokenSigner } from './tokens.js';

const SECRET = 'a-test-secret-of-enough-length-0123456789';

describe('TokenSigner', () => {
  it('accepts its token until the second it expires, also once the token has been verified before', async () => {
    const clock = new FixedClock(new Date('2026-11-18T16:00:00Z'));
    const signer = new TokenSigner(SECRET, 60, clock);
    const { token } = await signer.sign({ agentId: 7 });
    expect(await signer.verify(token)).toEqual({ agentId: 7 });
    clock.advance(59_999);
    expect(await signer.verify(token)).toEqual({ agentId: 7 });
    clock.advance(1);
    expect(await signer.verify(token)).toBe('expired');
    clock.set(new Date('2026-11-18T16:00:30Z'));
    expect(await signer.verify(token)).toEqual({ agentId: 7 });
  });

  it('refuses a token signed with another secret or altered, however often it is sent', async () => {
    const clock = new FixedClock(new Date('2026-11-18T16:00:00Z'));
    const signer = new TokenSigner(SECRET, 60, clock);
    const other = await new TokenSigner(`${SECRET}-other`, 60, clock).sign({ agentId: 7 });
    const { token } = await signer.sign({ agentId: 7 });
    expect(await signer.verify(token)).toEqual({ agentId: 7 });
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (let i = 0; i < 2; i++) {
      expect(await signer.verify(other.token)).toBe('invalid');
      expect(await signer.verify(altered)).toBe('invalid');
    }
  });
});
