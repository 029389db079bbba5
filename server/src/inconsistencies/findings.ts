import { delinquency, type Bucket } from '../accounts/buckets.js';
import { formatMinor } from '../shared/money.js';
import type { LocalDate } from '../shared/dates.js';

/**
 * DOMAIN.md §5: data that cannot be right. Each kind is one set-wise SQL check over the portfolio
 * (never a query per account), so the whole floor is checked in one pass per kind; the rules the
 * checks rely on (DPD and bucket) come from the same pure functions the product applies.
 */
export enum InconsistencyKind {
  BUCKET_DISAGREES_WITH_DPD = 'BUCKET_DISAGREES_WITH_DPD',
  BALANCE_DISAGREES_WITH_PAYMENTS = 'BALANCE_DISAGREES_WITH_PAYMENTS',
  AMOUNT_DUE_DISAGREES_WITH_DUES = 'AMOUNT_DUE_DISAGREES_WITH_DUES',
  PAID_OFF_WITH_BALANCE = 'PAID_OFF_WITH_BALANCE',
  KEPT_PROMISE_WITHOUT_PAYMENT = 'KEPT_PROMISE_WITHOUT_PAYMENT',
  DUPLICATE_PAYMENT_REFERENCE = 'DUPLICATE_PAYMENT_REFERENCE',
  AMOUNT_DUE_ABOVE_BALANCE = 'AMOUNT_DUE_ABOVE_BALANCE',
  NEGATIVE_BALANCE = 'NEGATIVE_BALANCE',
}

/** Findings are listed kind by kind in this order, then by account and subject. */
export const KIND_ORDER: readonly InconsistencyKind[] = Object.values(InconsistencyKind);

export type Dialect = 'sqlite' | 'postgresql';

/** What a kind's query reads besides the database: precomputed in the service from the pure rules. */
export interface CheckInput {
  dialect: Dialect;
  /** The accounts a supervisor may see; undefined for the whole floor. */
  teamId?: number;
  /** BUCKET_DISAGREES_WITH_DPD: expected delinquency per oldest unpaid due date ('' for none). */
  delinquencies?: readonly ExpectedDelinquency[];
  /** KEPT_PROMISE_WITHOUT_PAYMENT: the instant each floor day ends. */
  dayEnds?: readonly { day: LocalDate; endsAt: Date }[];
}

export interface ExpectedDelinquency {
  day: LocalDate | '';
  dpd: number;
  bucket: Bucket;
  writtenOffBucket: Bucket;
}

/** A kind's check as SQL: `ctes` (without WITH) go first; `sql` yields account_id, subject_id and the facts. */
export interface FindingQuery {
  ctes: string[];
  sql: string;
  params: unknown[];
}

export interface FindingFacts {
  detail: string;
  expected: string;
  actual: string;
  /** The record the finding is about, when not the account itself. */
  subject?: { type: string; id: number };
}

export type FindingRow = Record<string, unknown>;

export interface Check {
  kind: InconsistencyKind;
  /** What the service must look up before the query: the distinct dates the query joins on. */
  needs?: 'oldestDueDates' | 'keptGraceDays';
  query(input: CheckInput): FindingQuery | null;
  describe(row: FindingRow, businessDate: LocalDate): FindingFacts;
}

/** Expected DPD and bucket for each distinct oldest unpaid due date, from the product's own rule. */
export function expectedDelinquencies(days: readonly (LocalDate | null)[], businessDate: LocalDate): ExpectedDelinquency[] {
  const unique = [...new Set(days.map((d) => d ?? ''))];
  return unique.map((day) => {
    const open = delinquency({ oldestUnpaidDueDate: day || null, writtenOff: false }, businessDate);
    const writtenOff = delinquency({ oldestUnpaidDueDate: day || null, writtenOff: true }, businessDate);
    return { day, dpd: open.dpd, bucket: open.bucket, writtenOffBucket: writtenOff.bucket };
  });
}

/** Instants as each database stores them: epoch milliseconds in SQLite, timestamptz in PostgreSQL. */
export function instantParam(dialect: Dialect): string {
  return dialect === 'sqlite' ? 'cast(? as integer)' : 'cast(? as timestamptz)';
}
export function instantValue(dialect: Dialect, at: Date): number | string {
  return dialect === 'sqlite' ? at.getTime() : at.toISOString();
}

/** Reads an instant column the way either driver returns it. */
export function readInstant(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  return new Date(/^\d+$/.test(String(value)) ? Number(value) : String(value));
}

const num = (value: unknown): number => Number(value);
const money = (minor: unknown, currency: unknown): string => `${formatMinor(num(minor), String(currency))} ${String(currency)}`;

function scope(input: CheckInput): { sql: string; params: unknown[] } {
  return input.teamId === undefined ? { sql: '1 = 1', params: [] } : { sql: 'a.team_id = ?', params: [input.teamId] };
}

const dpdText = (dpd: number): string => (dpd === 1 ? '1 day past due' : `${dpd} days past due`);

export const CHECKS: readonly Check[] = [
  {
    kind: InconsistencyKind.BUCKET_DISAGREES_WITH_DPD,
    needs: 'oldestDueDates',
    query(input) {
      const expected = input.delinquencies ?? [];
      if (!expected.length) return null;
      const s = scope(input);
      const expectedBucket = "case when a.status = 'WRITTEN_OFF' then e.written_off_bucket else e.bucket end";
      return {
        ctes: [`expected (day, dpd, bucket, written_off_bucket) as (values ${expected.map(() => '(?, cast(? as integer), ?, ?)').join(', ')})`],
        sql: `select a.id as account_id, 0 as subject_id, a.dpd as dpd, a.bucket as bucket, a.status as status,
            a.oldest_unpaid_due_date as oldest, e.dpd as expected_dpd, ${expectedBucket} as expected_bucket
          from account a join expected e on e.day = coalesce(a.oldest_unpaid_due_date, '')
          where ${s.sql} and (a.dpd <> e.dpd or a.bucket <> ${expectedBucket})`,
        params: [...expected.flatMap((e) => [e.day, e.dpd, e.bucket, e.writtenOffBucket]), ...s.params],
      };
    },
    describe(r, businessDate) {
      const why = r.oldest == null ? 'nothing is unpaid' : `the oldest unpaid instalment fell due on ${String(r.oldest)}`;
      const writtenOff = r.status === 'WRITTEN_OFF' ? ', and a written-off account is CHARGE_OFF' : '';
      return {
        detail: `On ${businessDate} ${why}${writtenOff}: the account should be ${String(r.expected_bucket)} at ${dpdText(num(r.expected_dpd))}, but it is recorded as ${String(r.bucket)} at ${dpdText(num(r.dpd))}.`,
        expected: `${String(r.expected_bucket)}, ${dpdText(num(r.expected_dpd))}`,
        actual: `${String(r.bucket)}, ${dpdText(num(r.dpd))}`,
      };
    },
  },
  {
    kind: InconsistencyKind.BALANCE_DISAGREES_WITH_PAYMENTS,
    query(input) {
      const s = scope(input);
      return {
        ctes: [],
        sql: `select a.id as account_id, 0 as subject_id, a.currency as currency, a.balance_minor as balance,
            a.opening_balance_minor as opening, coalesce(p.paid, 0) as paid, coalesce(d.adjusted, 0) as adjusted
          from account a
          left join (select account_id, sum(amount_minor) as paid from payment where status = 'POSTED' group by account_id) p on p.account_id = a.id
          left join (select account_id, sum(adjustment_minor) as adjusted from dispute where status = 'VALID' group by account_id) d on d.account_id = a.id
          where ${s.sql} and a.balance_minor <> a.opening_balance_minor - coalesce(p.paid, 0) - coalesce(d.adjusted, 0)`,
        params: s.params,
      };
    },
    describe(r) {
      const expected = num(r.opening) - num(r.paid) - num(r.adjusted);
      return {
        detail: `Opening balance ${money(r.opening, r.currency)} less posted payments ${money(r.paid, r.currency)} less valid dispute adjustments ${money(r.adjusted, r.currency)} leaves ${money(expected, r.currency)}, but the balance is ${money(r.balance, r.currency)}.`,
        expected: money(expected, r.currency),
        actual: money(r.balance, r.currency),
      };
    },
  },
  {
    kind: InconsistencyKind.AMOUNT_DUE_DISAGREES_WITH_DUES,
    query(input) {
      const s = scope(input);
      return {
        ctes: [],
        sql: `select a.id as account_id, 0 as subject_id, a.currency as currency, a.amount_due_minor as amount_due,
            a.oldest_unpaid_due_date as oldest, coalesce(u.outstanding, 0) as expected_amount_due, u.oldest as expected_oldest
          from account a
          left join (select account_id, sum(amount_minor - paid_minor) as outstanding, min(due_date) as oldest
            from account_due where paid_minor < amount_minor group by account_id) u on u.account_id = a.id
          where ${s.sql} and (a.amount_due_minor <> coalesce(u.outstanding, 0)
            or coalesce(a.oldest_unpaid_due_date, '') <> coalesce(u.oldest, ''))`,
        params: s.params,
      };
    },
    describe(r) {
      const state = (due: unknown, oldest: unknown) => `${money(due, r.currency)} due, oldest unpaid ${oldest == null ? 'none' : String(oldest)}`;
      return {
        detail: `The unpaid instalments add up to ${money(r.expected_amount_due, r.currency)}${r.expected_oldest == null ? '' : `, the oldest falling due on ${String(r.expected_oldest)}`}, but the account shows ${state(r.amount_due, r.oldest)}.`,
        expected: state(r.expected_amount_due, r.expected_oldest),
        actual: state(r.amount_due, r.oldest),
      };
    },
  },
  {
    kind: InconsistencyKind.PAID_OFF_WITH_BALANCE,
    query(input) {
      const s = scope(input);
      return {
        ctes: [],
        sql: `select a.id as account_id, 0 as subject_id, a.currency as currency, a.balance_minor as balance
          from account a where ${s.sql} and a.status = 'PAID_OFF' and a.balance_minor > 0`,
        params: s.params,
      };
    },
    describe(r) {
      return {
        detail: `The account is PAID_OFF but still owes ${money(r.balance, r.currency)}.`,
        expected: money(0, r.currency),
        actual: money(r.balance, r.currency),
      };
    },
  },
  {
    kind: InconsistencyKind.KEPT_PROMISE_WITHOUT_PAYMENT,
    needs: 'keptGraceDays',
    query(input) {
      const ends = input.dayEnds ?? [];
      if (!ends.length) return null;
      const s = scope(input);
      return {
        ctes: [`grace_end (day, ends_at) as (values ${ends.map(() => `(?, ${instantParam(input.dialect)})`).join(', ')})`],
        sql: `select p.account_id as account_id, p.id as subject_id, p.amount_minor as amount, p.currency as currency,
            p.created_at as created_at, p.due_date as due_date, p.grace_ends_on as grace_ends_on
          from promise_to_pay p
          join account a on a.id = p.account_id
          join grace_end g on g.day = p.grace_ends_on
          where p.status = 'KEPT' and ${s.sql} and not exists (
            select 1 from payment y where y.account_id = p.account_id and y.status = 'POSTED'
              and y.received_at >= p.created_at and y.received_at < g.ends_at)`,
        params: [...ends.flatMap((e) => [e.day, instantValue(input.dialect, e.endsAt)]), ...s.params],
      };
    },
    describe(r) {
      const created = readInstant(r.created_at).toISOString();
      return {
        detail: `A promise of ${money(r.amount, r.currency)} made at ${created}, due ${String(r.due_date)}, is KEPT, but no posted payment reached the account between then and the end of its grace period on ${String(r.grace_ends_on)}.`,
        expected: `a posted payment from ${created} to the end of ${String(r.grace_ends_on)}`,
        actual: 'no posted payment',
        subject: { type: 'PromiseToPay', id: num(r.subject_id) },
      };
    },
  },
  {
    kind: InconsistencyKind.DUPLICATE_PAYMENT_REFERENCE,
    query(input) {
      const s = scope(input);
      // Every posted payment after the first with a reference: the first is the one that stands.
      return {
        ctes: [],
        sql: `select y.account_id as account_id, y.id as subject_id, y.external_reference as reference, y.amount_minor as amount,
            y.currency as currency, y.received_at as received_at, d.first_id as first_id, d.n as n
          from payment y
          join (select external_reference as reference, min(id) as first_id, count(*) as n from payment
            where status = 'POSTED' and external_reference is not null
            group by external_reference having count(*) > 1) d on d.reference = y.external_reference and y.id > d.first_id
          join account a on a.id = y.account_id
          where y.status = 'POSTED' and ${s.sql}`,
        params: s.params,
      };
    },
    describe(r) {
      return {
        detail: `A payment of ${money(r.amount, r.currency)} received at ${readInstant(r.received_at).toISOString()} posted the reference ${String(r.reference)} again; ${num(r.n)} posted payments carry it, the first being payment ${num(r.first_id)}.`,
        expected: `1 posted payment with reference ${String(r.reference)}`,
        actual: `${num(r.n)} posted payments with reference ${String(r.reference)}`,
        subject: { type: 'Payment', id: num(r.subject_id) },
      };
    },
  },
  {
    kind: InconsistencyKind.AMOUNT_DUE_ABOVE_BALANCE,
    query(input) {
      const s = scope(input);
      return {
        ctes: [],
        sql: `select a.id as account_id, 0 as subject_id, a.currency as currency, a.balance_minor as balance, a.amount_due_minor as amount_due
          from account a where ${s.sql} and a.amount_due_minor > a.balance_minor`,
        params: s.params,
      };
    },
    describe(r) {
      return {
        detail: `The amount due ${money(r.amount_due, r.currency)} is more than the whole balance ${money(r.balance, r.currency)}.`,
        expected: `at most ${money(r.balance, r.currency)} due`,
        actual: `${money(r.amount_due, r.currency)} due`,
      };
    },
  },
  {
    kind: InconsistencyKind.NEGATIVE_BALANCE,
    query(input) {
      const s = scope(input);
      return {
        ctes: [],
        sql: `select a.id as account_id, 0 as subject_id, a.currency as currency, a.balance_minor as balance
          from account a where ${s.sql} and a.balance_minor < 0`,
        params: s.params,
      };
    },
    describe(r) {
      return {
        detail: `The balance is negative: ${money(r.balance, r.currency)}.`,
        expected: `${money(0, r.currency)} or more`,
        actual: money(r.balance, r.currency),
      };
    },
  },
];
