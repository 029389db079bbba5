import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { requireRole } from '../auth/access.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { audit } from '../audit/audit.js';
import { ZoneClock } from '../db/seed/floor-time.js';
import { decodeCursor, encodeCursor, pageRequest, type Connection } from '../graphql/connection.js';
import { badInput, forbidden } from '../graphql/errors.js';
import { LedgerLine } from '../payments/ledger-line.entity.js';
import { Payment } from '../payments/payment.entity.js';
import type { Clock } from '../shared/clock.js';
import { addDays, daysBetween, type LocalDate } from '../shared/dates.js';
import { Money } from '../shared/money.type.js';
import { parseLedgerCsv, type CsvProblem } from './ledger-csv.js';
import {
  RECONCILIATION_STATUSES,
  ReconciliationStatus,
  type LedgerLineView,
  type Reconciliation,
  type ReconciliationItem,
  type ReconciliationPageArgs,
  type ReconciliationTotal,
} from './reconciliation.types.js';

/** A refused file names its problems; past this many the rest are only counted. */
export const MAX_PROBLEMS_REPORTED = 1_000;
/** A reconciliation covers at most a year of floor days. */
export const MAX_PERIOD_DAYS = 366;
/** Rows per INSERT: well under SQLite's 32,766 bound variables. */
const INSERT_CHUNK = 1_000;

/**
 * Only the newest imported line of a reference counts: a later export that carries the reference
 * again (a re-export of the period, a corrected amount) supersedes the earlier line.
 */
const NEWEST_LINE = 'not exists (select 1 from ledger_line n where n.reference = l.reference and n.id > l.id)';

/**
 * Every item of a period, one row each: the posted payments received in it, each with the ledger line
 * of its reference (whatever that line's posting date), then the ledger lines posted in it whose
 * reference no posted payment carries (whenever received). Reversed payments take no part: a ledger
 * line whose only payment was reversed is LEDGER_ONLY, as accounting still holds money the floor gave back.
 */
const ITEMS_SQL = `
  select 0 as side, p.id as id, p.account_id as account_id, p.external_reference as reference,
    p.amount_minor as payment_amount, p.currency as payment_currency,
    l.id as ledger_id, l.import_batch as import_batch, l.line_number as line_number, l.amount_minor as ledger_amount,
    l.currency as ledger_currency, l.posted_on as posted_on, l.imported_at as imported_at,
    case when l.id is null then 'UNMATCHED'
      when l.amount_minor = p.amount_minor and l.currency = p.currency then 'MATCHED'
      else 'DISCREPANCY' end as status
  from payment p
  left join ledger_line l on l.reference = p.external_reference and ${NEWEST_LINE}
  where p.status = 'POSTED' and p.received_at >= ? and p.received_at < ?
  union all
  select 1, l.id, null, l.reference, null, null, l.id, l.import_batch, l.line_number, l.amount_minor, l.currency,
    l.posted_on, l.imported_at, 'LEDGER_ONLY'
  from ledger_line l
  where l.posted_on >= ? and l.posted_on <= ? and ${NEWEST_LINE}
    and not exists (select 1 from payment q where q.status = 'POSTED' and q.external_reference = l.reference)`;

type Row = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const instant = (value: unknown): Date => new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number | Date));

export class ReconciliationService {
  private readonly zone: ZoneClock;

  constructor(
    private readonly clock: Clock,
    floorTimeZone: string,
  ) {
    this.zone = new ZoneClock(floorTimeZone);
  }

  /**
   * Imports an accounting export (DOMAIN.md §4) as one batch: every row is checked first, and a file
   * with any bad row is refused whole, naming each problem, with nothing written.
   */
  async importLedger(em: EntityManager, viewer: Viewer | undefined, csv: string): Promise<{ batch: string; lines: number }> {
    const v = requireRole(viewer, Role.MANAGER, Role.ADMIN);
    if (!v.agentId) throw forbidden('An API key cannot import a ledger.');
    const parsed = parseLedgerCsv(csv);
    if (!parsed.ok) throw refused(parsed.problems);

    const batch = randomUUID();
    const now = this.clock.now();
    const rows = parsed.rows;
    return em.transactional(async (tx) => {
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        await tx.insertMany(
          LedgerLine,
          rows.slice(start, start + INSERT_CHUNK).map((r) => ({
            importBatch: batch,
            lineNumber: r.line,
            reference: r.reference,
            amountMinor: r.amountMinor,
            currency: r.currency,
            postedOn: r.postedOn,
            importedAt: now,
          })),
        );
      }
      const first = await tx.findOneOrFail(LedgerLine, { importBatch: batch }, { orderBy: { id: 'asc' }, fields: ['id'] });
      const totals: Record<string, number> = {};
      for (const r of rows) totals[r.currency] = (totals[r.currency] ?? 0) + r.amountMinor;
      const dates = rows.map((r) => r.postedOn).sort();
      // The batch has no row of its own: the event points at its first line and names the batch.
      audit(tx, v, now, {
        action: 'importLedger',
        entityType: 'LedgerImport',
        entityId: first.id,
        after: { importBatch: batch, lines: rows.length, firstLineId: first.id, postedFrom: dates[0], postedTo: dates[dates.length - 1], amountsMinor: totals },
      });
      return { batch, lines: rows.length };
    });
  }

  /** MANAGER, ADMIN and ANALYST read reconciliations; the period is whole floor days, both ends included. */
  period(viewer: Viewer | undefined, from: LocalDate, to: LocalDate, timeZone: string): Reconciliation {
    requireRole(viewer, Role.MANAGER, Role.ADMIN, Role.ANALYST);
    if (to < from) throw badInput(`to (${to}) is before from (${from}).`, { argument: 'to' });
    if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) throw badInput(`A reconciliation covers at most ${MAX_PERIOD_DAYS} days.`, { argument: 'to' });
    return {
      from,
      to,
      timeZone,
      startsAt: new Date(this.zone.midnight(from)),
      endsAt: new Date(this.zone.midnight(addDays(to, 1))),
    };
  }

  async items(em: EntityManager, period: Reconciliation, args: ReconciliationPageArgs): Promise<Connection<ReconciliationItem>> {
    const page = pageRequest({ first: args.first, after: args.after });
    const statuses = args.statuses?.length ? [...new Set(args.statuses)] : RECONCILIATION_STATUSES;
    const base = this.itemsQuery(em, period);
    const filter = `i.status in (${statuses.map(() => '?').join(', ')})`;
    const params: unknown[] = [...base.params, ...statuses];
    let keyset = '';
    if (page.cursor) {
      const [side, id] = decodeCursor(page.cursor, 'after', 2);
      if (typeof side !== 'number' || typeof id !== 'number') throw badInput('after is not a cursor of this connection.', { argument: 'after' });
      keyset = ' and (i.side > ? or (i.side = ? and i.id > ?))';
      params.push(side, side, id);
    }
    const rows: Row[] = await em
      .getConnection()
      .execute(`select * from (${base.sql}) i where ${filter}${keyset} order by i.side, i.id limit ?`, [...params, page.size + 1]);
    const slice = rows.slice(0, page.size);
    const paymentIds = slice.filter((r) => num(r.side) === 0).map((r) => num(r.id));
    const payments = new Map((paymentIds.length ? await em.find(Payment, { id: { $in: paymentIds } }) : []).map((p) => [p.id, p]));
    const edges = slice.map((r) => ({ cursor: encodeCursor([num(r.side), num(r.id)]), node: toItem(r, payments) }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: rows.length > page.size,
        hasPreviousPage: page.cursor !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      get totalCount() {
        return em
          .getConnection()
          .execute(`select count(*) as n from (${base.sql}) i where ${filter}`, [...base.params, ...statuses])
          .then((r: Row[]) => num(r[0]!.n));
      },
    };
  }

  /** One total per status, in the order of the statuses, zero when none. */
  async totals(em: EntityManager, period: Reconciliation): Promise<ReconciliationTotal[]> {
    const base = this.itemsQuery(em, period);
    const rows: Row[] = await em.getConnection().execute(
      `select i.status as status, coalesce(i.payment_currency, i.ledger_currency) as currency, count(*) as n,
         sum(coalesce(i.payment_amount, i.ledger_amount)) as amount
       from (${base.sql}) i group by i.status, coalesce(i.payment_currency, i.ledger_currency)
       order by coalesce(i.payment_currency, i.ledger_currency)`,
      base.params,
    );
    return RECONCILIATION_STATUSES.map((status) => {
      const mine = rows.filter((r) => r.status === status);
      return {
        status,
        count: mine.reduce((n, r) => n + num(r.n), 0),
        amounts: mine.map((r) => Money.of(num(r.amount), String(r.currency))),
      };
    });
  }

  private itemsQuery(em: EntityManager, period: Reconciliation): { sql: string; params: unknown[] } {
    const platform = em.getPlatform();
    return {
      sql: ITEMS_SQL,
      params: [platform.processDateProperty(period.startsAt), platform.processDateProperty(period.endsAt), period.from, period.to],
    };
  }
}

function refused(problems: CsvProblem[]) {
  const shown = problems.slice(0, MAX_PROBLEMS_REPORTED);
  const first = problems[0]!;
  const where = `line ${first.line}${first.column ? `, ${first.column}` : ''}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return badInput(`The ledger file was not imported: ${where}: ${first.message}${more}`, {
    argument: 'csv',
    problems: shown,
    problemCount: problems.length,
  });
}

function toItem(r: Row, payments: Map<number, Payment>): ReconciliationItem {
  const isPayment = num(r.side) === 0;
  const ledgerLine: LedgerLineView | null =
    r.ledger_id == null
      ? null
      : {
          importBatch: String(r.import_batch),
          lineNumber: num(r.line_number),
          reference: String(r.reference),
          amount: Money.of(num(r.ledger_amount), String(r.ledger_currency)),
          postedOn: String(r.posted_on),
          importedAt: instant(r.imported_at),
        };
  return {
    status: r.status as ReconciliationStatus,
    reference: r.reference == null ? null : String(r.reference),
    payment: isPayment ? payments.get(num(r.id)) ?? null : null,
    paymentAmount: isPayment ? Money.of(num(r.payment_amount), String(r.payment_currency)) : null,
    ledgerLine,
    ledgerAmount: ledgerLine?.amount ?? null,
    accountId: r.account_id == null ? null : num(r.account_id),
  };
}
