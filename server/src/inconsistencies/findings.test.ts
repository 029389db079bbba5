import { describe, expect, it } from 'vitest';
import { CHECKS, expectedDelinquencies, InconsistencyKind, instantParam, instantValue, KIND_ORDER, readInstant } from './findings.js';

const TODAY = '2026-11-18';
const check = (kind: InconsistencyKind) => CHECKS.find((c) => c.kind === kind)!;

describe('expectedDelinquencies', () => {
  it.each([
    [null, 0, 'CURRENT', 'CHARGE_OFF'],
    ['2026-11-25', 0, 'CURRENT', 'CHARGE_OFF'],
    ['2026-11-18', 0, 'CURRENT', 'CHARGE_OFF'],
    ['2026-11-17', 1, 'B1', 'CHARGE_OFF'],
    ['2026-10-20', 29, 'B1', 'CHARGE_OFF'],
    ['2026-10-19', 30, 'B2', 'CHARGE_OFF'],
    ['2026-06-21', 150, 'B6', 'CHARGE_OFF'],
    ['2026-05-22', 180, 'CHARGE_OFF', 'CHARGE_OFF'],
  ] as const)('oldest unpaid %s: %i DPD, %s (%s when written off)', (day, dpd, bucket, writtenOffBucket) => {
    expect(expectedDelinquencies([day], TODAY)).toEqual([{ day: day ?? '', dpd, bucket, writtenOffBucket }]);
  });

  it('gives one row per distinct date', () => {
    expect(expectedDelinquencies(['2026-11-01', null, '2026-11-01', null], TODAY).map((e) => e.day)).toEqual(['2026-11-01', '']);
  });
});

describe('the checks', () => {
  it('cover every kind once, in the listed order', () => {
    expect(CHECKS.map((c) => c.kind)).toEqual(KIND_ORDER);
  });

  it('scope to a team only when given one', () => {
    const whole = check(InconsistencyKind.NEGATIVE_BALANCE).query({ dialect: 'sqlite' })!;
    const team = check(InconsistencyKind.NEGATIVE_BALANCE).query({ dialect: 'sqlite', teamId: 3 })!;
    expect(whole.params).toEqual([]);
    expect(team.sql).toContain('a.team_id = ?');
    expect(team.params).toEqual([3]);
  });

  it('skip the date-joined kinds when there are no dates to join on', () => {
    expect(check(InconsistencyKind.BUCKET_DISAGREES_WITH_DPD).query({ dialect: 'sqlite', delinquencies: [] })).toBeNull();
    expect(check(InconsistencyKind.KEPT_PROMISE_WITHOUT_PAYMENT).query({ dialect: 'postgresql', dayEnds: [] })).toBeNull();
  });

  it('bind one row of parameters per date, then the scope', () => {
    const q = check(InconsistencyKind.KEPT_PROMISE_WITHOUT_PAYMENT).query({
      dialect: 'postgresql',
      teamId: 2,
      dayEnds: [{ day: '2026-11-10', endsAt: new Date('2026-11-11T06:00:00Z') }],
    })!;
    expect(q.ctes[0]).toContain('cast(? as timestamptz)');
    expect(q.params).toEqual(['2026-11-10', '2026-11-11T06:00:00.000Z', 2]);
  });

  it('store instants as each database does', () => {
    const at = new Date('2026-11-11T06:00:00Z');
    expect([instantParam('sqlite'), instantValue('sqlite', at)]).toEqual(['cast(? as integer)', at.getTime()]);
    expect([instantParam('postgresql'), instantValue('postgresql', at)]).toEqual(['cast(? as timestamptz)', '2026-11-11T06:00:00.000Z']);
    expect(readInstant(at.getTime())).toEqual(at);
    expect(readInstant(String(at.getTime()))).toEqual(at);
    expect(readInstant(at)).toEqual(at);
  });
});

describe('what a finding says', () => {
  it('a bucket that disagrees with DPD', () => {
    const facts = check(InconsistencyKind.BUCKET_DISAGREES_WITH_DPD).describe(
      { oldest: '2026-10-14', status: 'ACTIVE', dpd: 20, bucket: 'B1', expected_dpd: 35, expected_bucket: 'B2' },
      TODAY,
    );
    expect(facts).toEqual({
      detail: 'On 2026-11-18 the oldest unpaid instalment fell due on 2026-10-14: the account should be B2 at 35 days past due, but it is recorded as B1 at 20 days past due.',
      expected: 'B2, 35 days past due',
      actual: 'B1, 20 days past due',
    });
  });

  it('a balance that disagrees with its payments, with money as decimals (strings from PostgreSQL too)', () => {
    const facts = check(InconsistencyKind.BALANCE_DISAGREES_WITH_PAYMENTS).describe(
      { currency: 'MXN', balance: '150000', opening: '200000', paid: '45000', adjusted: '0' },
      TODAY,
    );
    expect(facts.expected).toBe('1550.00 MXN');
    expect(facts.actual).toBe('1500.00 MXN');
    expect(facts.detail).toBe('Opening balance 2000.00 MXN less posted payments 450.00 MXN less valid dispute adjustments 0.00 MXN leaves 1550.00 MXN, but the balance is 1500.00 MXN.');
  });

  it('an amount due that disagrees with the dues', () => {
    const facts = check(InconsistencyKind.AMOUNT_DUE_DISAGREES_WITH_DUES).describe(
      { currency: 'USD', amount_due: 30000, oldest: '2026-09-01', expected_amount_due: 20000, expected_oldest: '2026-10-01' },
      TODAY,
    );
    expect(facts).toMatchObject({ expected: '200.00 USD due, oldest unpaid 2026-10-01', actual: '300.00 USD due, oldest unpaid 2026-09-01' });
  });

  it('a kept promise and a duplicate payment name their record', () => {
    const promise = check(InconsistencyKind.KEPT_PROMISE_WITHOUT_PAYMENT).describe(
      { subject_id: 7, amount: 5000, currency: 'MXN', created_at: Date.parse('2026-11-01T16:00:00Z'), due_date: '2026-11-05', grace_ends_on: '2026-11-07' },
      TODAY,
    );
    expect(promise.subject).toEqual({ type: 'PromiseToPay', id: 7 });
    expect(promise.expected).toBe('a posted payment from 2026-11-01T16:00:00.000Z to the end of 2026-11-07');
    const duplicate = check(InconsistencyKind.DUPLICATE_PAYMENT_REFERENCE).describe(
      { subject_id: 9, reference: 'PAY-1', amount: 100, currency: 'USD', received_at: new Date('2026-11-02T10:00:00Z'), first_id: 4, n: '2' },
      TODAY,
    );
    expect(duplicate).toMatchObject({ subject: { type: 'Payment', id: 9 }, expected: '1 posted payment with reference PAY-1', actual: '2 posted payments with reference PAY-1' });
  });

  it('balances out of range', () => {
    expect(check(InconsistencyKind.NEGATIVE_BALANCE).describe({ currency: 'USD', balance: -250 }, TODAY)).toMatchObject({ expected: '0.00 USD or more', actual: '-2.50 USD' });
    expect(check(InconsistencyKind.PAID_OFF_WITH_BALANCE).describe({ currency: 'USD', balance: 250 }, TODAY)).toMatchObject({ expected: '0.00 USD', actual: '2.50 USD' });
    expect(check(InconsistencyKind.AMOUNT_DUE_ABOVE_BALANCE).describe({ currency: 'USD', balance: 100, amount_due: 101 }, TODAY)).toMatchObject({
      expected: 'at most 1.00 USD due',
      actual: '1.01 USD due',
    });
  });
});
