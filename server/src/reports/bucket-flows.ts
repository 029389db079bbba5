import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { BUCKETS, type Bucket } from '../accounts/buckets.js';
import { ZoneClock } from '../db/seed/floor-time.js';
import { isPostgres } from '../db/sql.js';
import { execute } from '../kpis/kpi-counters.js';
import { addMonths, type LocalDate } from '../shared/dates.js';
import { BUCKET_COLLECTED_KEY, BUCKET_FLOW_KEY } from './bucket-flow.entity.js';
import { NO_TEAM, RUNNING } from './flow-deltas.js';
import { writeHeldFigures } from './held-figures.js';

/** The figure tables as a read by key names them: on SQLite, held to the key (see bucket-flow.entity.ts). */
export const flowTable = (em: EntityManager, alias = ''): string =>
  `bucket_flow${alias ? ` ${alias}` : ''}${isPostgres(em) ? '' : ` indexed by ${BUCKET_FLOW_KEY}`}`;
export const collectedTable = (em: EntityManager): string => (isPostgres(em) ? 'bucket_collected' : `bucket_collected indexed by ${BUCKET_COLLECTED_KEY}`);

/**
 * The bucket figures of bucket-flow.entity.ts computed set-wise from the snapshots, the accounts and the
 * payments: what a month-opening snapshot writes (its closed pairs, the new running month), what the day
 * rollover recomputes after moving buckets in SQL, what the seeder and a migrated floor start from, and
 * what the recount compares the incrementally kept rows with. One definition for all of them:
 * - closed pair (E, D), for every snapshot date E before D: accounts in both snapshots, from their bucket
 *   and balance at E to those at D, under the team that held them at D;
 * - running month E (no snapshot of the month after E): accounts of E's snapshot against the accounts now,
 *   under their team now;
 * - collected of month E: posted payments received in E's floor-local month on accounts of E's snapshot,
 *   per bucket at E, under the team now while E runs or the team at the next month's opening once closed.
 */

const FLOW_COLUMNS = 'opened_on, closed_on, team_id, from_bucket, to_bucket, currency, accounts, from_balance_minor, to_balance_minor';
const COLLECTED_COLUMNS = 'opened_on, team_id, bucket, currency, amount_minor';

type Row = Record<string, unknown>;
interface Query {
  sql: string;
  params: unknown[];
}

const marks = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** Closed pairs into each snapshot date of `closedOn` (optionally from `openedOn` only). */
function closedPairsSelect(closedOn: LocalDate, openedOn?: LocalDate): Query {
  return {
    sql: `select s1.taken_on as opened_on, s2.taken_on as closed_on, coalesce(s2.team_id, ${NO_TEAM}) as team_id, s1.bucket as from_bucket,
         s2.bucket as to_bucket, a.currency as currency, count(*) as accounts, sum(s1.balance_minor) as from_balance_minor, sum(s2.balance_minor) as to_balance_minor
       from bucket_snapshot s2 join bucket_snapshot s1 on s1.account_id = s2.account_id and s1.taken_on < s2.taken_on
       join account a on a.id = s2.account_id
       where s2.taken_on = ?${openedOn ? ' and s1.taken_on = ?' : ''}
       group by s1.taken_on, s2.taken_on, coalesce(s2.team_id, ${NO_TEAM}), s1.bucket, s2.bucket, a.currency
       order by s1.taken_on, coalesce(s2.team_id, ${NO_TEAM}), s1.bucket, s2.bucket, a.currency`,
    params: openedOn ? [closedOn, openedOn] : [closedOn],
  };
}

/** The running months' flows: each snapshot row against its account now. */
function runningSelect(months: readonly LocalDate[]): Query {
  return {
    sql: `select s.taken_on as opened_on, '${RUNNING}' as closed_on, coalesce(a.team_id, ${NO_TEAM}) as team_id, s.bucket as from_bucket,
         a.bucket as to_bucket, a.currency as currency, count(*) as accounts, sum(s.balance_minor) as from_balance_minor, sum(a.balance_minor) as to_balance_minor
       from bucket_snapshot s join account a on a.id = s.account_id
       where s.taken_on in (${marks(months)})
       group by s.taken_on, coalesce(a.team_id, ${NO_TEAM}), s.bucket, a.bucket, a.currency
       order by s.taken_on, coalesce(a.team_id, ${NO_TEAM}), s.bucket, a.bucket, a.currency`,
    params: [...months],
  };
}

export class BucketFlows {
  readonly zone: ZoneClock;

  constructor(readonly floorTimeZone: string) {
    this.zone = new ZoneClock(floorTimeZone);
  }

  /**
   * Every snapshot date, oldest first: one index probe per date (the next date after the last one found),
   * never a walk over the snapshot rows.
   */
  async snapshotDates(em: EntityManager): Promise<LocalDate[]> {
    const rows = await execute<Row>(
      em,
      `with recursive d(taken_on) as (
         select min(taken_on) from bucket_snapshot
         union all
         select (select min(s.taken_on) from bucket_snapshot s where s.taken_on > d.taken_on) from d where d.taken_on is not null
       ) select taken_on from d where taken_on is not null`,
      [],
      'all',
    );
    return rows.map((r) => String(r.taken_on)).sort();
  }

  /** Snapshot dates no next-month snapshot closes: their figures run against the accounts now. */
  runningMonths(dates: readonly LocalDate[]): LocalDate[] {
    const taken = new Set(dates);
    return dates.filter((d) => !taken.has(addMonths(d, 1)));
  }

  /**
   * A month-opening snapshot was taken on `takenOn` (in this transaction): the closed pairs from every
   * earlier snapshot to it, the collected amounts of the month it closes under their final teams, and the
   * running months again - the new one included, the one it closes no longer.
   */
  async monthOpened(em: EntityManager, takenOn: LocalDate): Promise<void> {
    await writeHeldFigures(em);
    const dates = await this.snapshotDates(em);
    await execute(em, 'delete from bucket_flow where closed_on = ?', [takenOn]);
    await this.insertFlows(em, closedPairsSelect(takenOn));
    const closes = addMonths(takenOn, -1);
    if (dates.includes(closes)) await this.rewriteCollected(em, closes, false);
    await this.recomputeRunning(em, dates);
  }

  /**
   * The running months recomputed from the snapshots and the accounts now: after set-wise SQL moved buckets
   * (the day rollover), which no flush watcher sees. Also puts right anything the incremental upkeep missed.
   */
  async recomputeRunning(em: EntityManager, dates?: readonly LocalDate[]): Promise<void> {
    await writeHeldFigures(em);
    const running = this.runningMonths(dates ?? (await this.snapshotDates(em)));
    await execute(em, 'delete from bucket_flow where closed_on = ?', [RUNNING]);
    if (running.length) await this.insertFlows(em, runningSelect(running));
    for (const month of running) await this.rewriteCollected(em, month, true);
  }

  /** Every figure from scratch (a seeded floor, a floor migrated from before the figures existed). */
  async rebuild(em: EntityManager): Promise<void> {
    await writeHeldFigures(em);
    await execute(em, 'delete from bucket_flow', []);
    await execute(em, 'delete from bucket_collected', []);
    const dates = await this.snapshotDates(em);
    const running = new Set(this.runningMonths(dates));
    for (const date of dates.slice(1)) await this.insertFlows(em, closedPairsSelect(date));
    if (running.size) await this.insertFlows(em, runningSelect([...running]));
    for (const date of dates) await this.insertCollected(em, date, running.has(date));
  }

  /** The figures as they should be, next to the stored ones: every row where they differ. */
  async recount(em: EntityManager, month?: LocalDate): Promise<BucketFigureDifference[]> {
    const dates = await this.snapshotDates(em);
    const running = new Set(this.runningMonths(dates));
    const expectedFlows: Row[] = [];
    for (const date of dates.slice(1)) {
      if (month && month >= date) continue;
      const q = closedPairsSelect(date, month);
      expectedFlows.push(...(await execute<Row>(em, q.sql, q.params, 'all')));
    }
    const runningMonths = [...running].filter((d) => !month || d === month);
    if (runningMonths.length) {
      const q = runningSelect(runningMonths);
      expectedFlows.push(...(await execute<Row>(em, q.sql, q.params, 'all')));
    }
    const expectedCollected: Row[] = [];
    for (const date of dates) {
      if (month && date !== month) continue;
      const q = this.collectedSelect(em, date, running.has(date));
      expectedCollected.push(...(await execute<Row>(em, q.sql, q.params, 'all')));
    }
    const filter = month ? ' where opened_on = ?' : '';
    const storedFlows = await execute<Row>(em, `select ${FLOW_COLUMNS} from bucket_flow${filter}`, month ? [month] : [], 'all');
    const storedCollected = await execute<Row>(em, `select ${COLLECTED_COLUMNS} from bucket_collected${filter}`, month ? [month] : [], 'all');

    const differences: BucketFigureDifference[] = [];
    const flowKey = (r: Row) => [r.opened_on, r.closed_on, r.team_id, r.from_bucket, r.to_bucket, r.currency].map(String).join('|');
    compare(storedFlows, expectedFlows, flowKey, ['accounts', 'from_balance_minor', 'to_balance_minor'], (r, field, stored, recount) =>
      differences.push({
        kind: 'FLOW',
        openedOn: String(r.opened_on),
        closedOn: r.closed_on === RUNNING ? null : String(r.closed_on),
        teamId: Number(r.team_id) === NO_TEAM ? null : Number(r.team_id),
        fromBucket: r.from_bucket as Bucket,
        toBucket: r.to_bucket as Bucket,
        currency: String(r.currency),
        field: FIELD_NAMES[field]!,
        stored,
        recount,
      }),
    );
    const collectedKey = (r: Row) => [r.opened_on, r.team_id, r.bucket, r.currency].map(String).join('|');
    compare(storedCollected, expectedCollected, collectedKey, ['amount_minor'], (r, field, stored, recount) =>
      differences.push({
        kind: 'COLLECTED',
        openedOn: String(r.opened_on),
        closedOn: null,
        teamId: Number(r.team_id) === NO_TEAM ? null : Number(r.team_id),
        fromBucket: r.bucket as Bucket,
        toBucket: null,
        currency: String(r.currency),
        field: FIELD_NAMES[field]!,
        stored,
        recount,
      }),
    );
    const order = (d: BucketFigureDifference) =>
      [d.kind, d.openedOn, d.closedOn ?? '', String(d.teamId ?? 0).padStart(12, '0'), BUCKETS.indexOf(d.fromBucket), d.toBucket ? BUCKETS.indexOf(d.toBucket) : 0, d.currency, d.field].join('|');
    return differences.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }

  private async insertFlows(em: EntityManager, q: Query): Promise<void> {
    await execute(em, `insert into bucket_flow (${FLOW_COLUMNS}) ${q.sql}`, q.params);
  }

  private async rewriteCollected(em: EntityManager, month: LocalDate, running: boolean): Promise<void> {
    await execute(em, 'delete from bucket_collected where opened_on = ?', [month]);
    await this.insertCollected(em, month, running);
  }

  private async insertCollected(em: EntityManager, month: LocalDate, running: boolean): Promise<void> {
    const q = this.collectedSelect(em, month, running);
    await execute(em, `insert into bucket_collected (${COLLECTED_COLUMNS}) ${q.sql}`, q.params);
  }

  /**
   * Walked from the month's payments (the received_at index) to each one's snapshot rows by their unique
   * (taken_on, account_id) key; CROSS JOIN keeps that order on SQLite, PostgreSQL plans it itself.
   */
  private collectedSelect(em: EntityManager, month: LocalDate, running: boolean): Query {
    const platform = em.getPlatform();
    const from = platform.processDateProperty(new Date(this.zone.midnight(month)));
    const until = platform.processDateProperty(new Date(this.zone.midnight(addMonths(month, 1))));
    const [team, join, joinParams] = running
      ? ['a.team_id', 'cross join account a', []]
      : ['c.team_id', 'cross join bucket_snapshot c', [addMonths(month, 1)]];
    const joinWhere = running ? 'a.id = p.account_id' : 'c.taken_on = ? and c.account_id = p.account_id';
    return {
      sql: `select s.taken_on as opened_on, coalesce(${team}, ${NO_TEAM}) as team_id, s.bucket as bucket, p.currency as currency, sum(p.amount_minor) as amount_minor
         from payment p cross join bucket_snapshot s ${join}
         where p.status = 'POSTED' and p.received_at >= ? and p.received_at < ? and s.taken_on = ? and s.account_id = p.account_id and ${joinWhere}
         group by s.taken_on, coalesce(${team}, ${NO_TEAM}), s.bucket, p.currency
         order by coalesce(${team}, ${NO_TEAM}), s.bucket, p.currency`,
      params: [from, until, month, ...joinParams],
    };
  }
}

/** A stored figure that disagrees with what the snapshots, accounts and payments give. */
export interface BucketFigureDifference {
  kind: 'FLOW' | 'COLLECTED';
  openedOn: LocalDate;
  /** The later snapshot of a closed pair; null for the running month (and for collected amounts). */
  closedOn: LocalDate | null;
  teamId: number | null;
  /** The bucket at the opening. */
  fromBucket: Bucket;
  /** The bucket at closedOn or now; null for collected amounts. */
  toBucket: Bucket | null;
  currency: string;
  field: string;
  stored: number;
  recount: number;
}

const FIELD_NAMES: Record<string, string> = {
  accounts: 'accounts',
  from_balance_minor: 'fromBalanceMinor',
  to_balance_minor: 'toBalanceMinor',
  amount_minor: 'amountMinor',
};

/** Rows matched by key, a missing row counting as zeros (a cell emptied by moves keeps its zero row). */
function compare(
  stored: readonly Row[],
  expected: readonly Row[],
  key: (r: Row) => string,
  fields: readonly string[],
  report: (row: Row, field: string, stored: number, recount: number) => void,
): void {
  const byKey = new Map<string, { row: Row; stored?: Row; expected?: Row }>();
  for (const r of stored) byKey.set(key(r), { row: r, stored: r });
  for (const r of expected) {
    const entry = byKey.get(key(r));
    if (entry) entry.expected = r;
    else byKey.set(key(r), { row: r, expected: r });
  }
  for (const { row, stored: s, expected: e } of byKey.values()) {
    for (const field of fields) {
      const a = Number(s?.[field] ?? 0);
      const b = Number(e?.[field] ?? 0);
      if (a !== b) report(row, field, a, b);
    }
  }
}

/**
 * A floor whose snapshots predate the bucket figures (migrated from before them) gets them built once, at
 * start: they need the floor's time zone (the months of payments), which migrations do not know. A floor
 * with snapshots always has running rows once built, so an empty table says it was never built.
 */
export async function buildBucketFlowsIfMissing(orm: MikroORM, floorTimeZone: string): Promise<boolean> {
  const em = orm.em.fork();
  const [snapshot] = await execute<Row>(em, 'select 1 as found from bucket_snapshot limit 1', [], 'all');
  if (!snapshot) return false;
  const [flow] = await execute<Row>(em, 'select 1 as found from bucket_flow limit 1', [], 'all');
  if (flow) return false;
  await em.transactional((tx) => new BucketFlows(floorTimeZone).rebuild(tx));
  return true;
}
