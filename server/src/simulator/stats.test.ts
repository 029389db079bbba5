import { describe, expect, it } from 'vitest';
import { Disposition } from '../calls/dispositions.js';
import { progressLine, SimulatorStats } from './stats.js';

describe('SimulatorStats and the progress line', () => {
  it('counts calls by class, refusals and errors', () => {
    const stats = new SimulatorStats();
    const calls: Array<[Disposition, 'OUTBOUND' | 'INBOUND']> = [
      [Disposition.NO_ANSWER, 'OUTBOUND'],
      [Disposition.BUSY, 'OUTBOUND'],
      [Disposition.THIRD_PARTY_MESSAGE, 'OUTBOUND'],
      [Disposition.PROMISE_TO_PAY, 'OUTBOUND'],
      [Disposition.PAYMENT_TAKEN, 'INBOUND'],
      [Disposition.PAYMENT_PLAN, 'OUTBOUND'],
      [Disposition.HARDSHIP, 'OUTBOUND'],
    ];
    for (const [d, direction] of calls) stats.callRecorded(d, direction);
    stats.refusal('CONFLICT');
    stats.refusal('CONTACT_NOT_ALLOWED');
    stats.refusal('CONFLICT');
    stats.error('INTERNAL_SERVER_ERROR', 'boom', 'SimRecordCall');
    stats.blockedBeforeDial = 3;
    expect({ calls: stats.calls, inbound: stats.inbound, contacts: stats.contacts, rpc: stats.rightPartyContacts, errors: stats.errorCount }).toEqual({
      calls: 7,
      inbound: 1,
      contacts: 5,
      rpc: 4,
      errors: 1,
    });
    expect(progressLine(stats, 125, 3.25)).toBe(
      '2m05s 7 calls (3.3/min, 1 inbound): no contact 2, third party 1, right party 4 [promise 1, payment 1, plan 1, other 1]; ' +
        'passed over 3, refused 3 (CONFLICT 2, CONTACT_NOT_ALLOWED 1), errors 1 (INTERNAL_SERVER_ERROR 1)',
    );
  });
});
