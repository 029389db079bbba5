import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { Product } from '../accounts/account.entity.js';
import { BucketGoal, BucketGoalMetric } from '../accounts/bucket-goal.entity.js';
import { BUCKETS, type Bucket } from '../accounts/buckets.js';
import { Agent } from '../agents/agent.entity.js';
import { audit } from '../audit/audit.js';
import { requireRole, requireViewer } from '../auth/access.js';
import { Role, seesWholeFloor, type Viewer } from '../auth/viewer.js';
import { sqlRows } from '../db/sql.js';
import { FLOOR_CURRENCY, toFloorCurrency } from '../shared/floor-currency.js';
import { badInput, forbidden } from '../graphql/errors.js';
import { encodeId } from '../graphql/ids.js';
import type { Clock } from '../shared/clock.js';
import { addMonths, type LocalDate } from '../shared/dates.js';
import { formatMinor } from '../shared/money.js';
import { Money } from '../shared/money.type.js';
import {
  attainment,
  bucketMovements,
  monthPhase,
  parseGoalValue,
  parseMonth,
  rollRateMatrix,
  type BucketFlow,
} from './bucket-metrics.js';
import { collectedTable, flowTable, type BucketFlows } from './bucket-flows.js';
import { RUNNING } from './flow-deltas.js';
import {
  AgingGroupBy,
  BucketFigureKind,
  type AgingCell,
  type AgingGroup,
  type AgingReport,
  type BucketFlowDifference,
  type BucketGoalView,
  type BucketMetrics,
  type BucketMetricsRow,
  type RollRateMatrix,
} from './reports.types.js';

/** Goals are set for the running month and up to this many months ahead; a past month's goals are history. */
export const GOAL_MONTHS_AHEAD = 12;

/** A supervisor without a team sees no team's accounts. */
const NO_TEAM = -1;

type Row = Record<string, unknown>;
const num = (value: unknown): number => (value == null ? 0 : Number(value));
const floorMoney = (minor: number): Money => Money.of(minor, FLOOR_CURRENCY);

/**
 * The bucket reports of DOMAIN.md §7 and the aging report. Bucket metrics and the roll-rate matrix read
 * the pre-aggregated bucket figures (bucket-flow.entity.ts), the aging report aggregates the accounts in
 * SQL; each groups by bucket and currency (converted here with the floor's convention), so a report costs
 * a few statements returning at most a few hundred rows.
 */
export class ReportService {
  constructor(
    private readonly clock: Clock,
    private readonly businessDate: () => LocalDate,
    private readonly figures: BucketFlows,
  ) {}

  /** The team a reader's reports are restricted to (undefined: the whole floor); agents are FORBIDDEN. */
  readerTeam(viewer: Viewer | undefined): number | undefined {
    return readerTeam(viewer);
  }

  /**
   * Month to date: every bucket of the month-opening snapshot against the accounts now. A past month
   * compares with the next month's opening snapshot (its close) when there is one, and counts the
   * payments of the whole month. A supervisor's team is the team holding each account now for the
   * running month, and the team that held it at the close for a closed one.
   */
  async bucketMetrics(em: EntityManager, viewer: Viewer | undefined, monthText: string): Promise<BucketMetrics> {
    const teamId = readerTeam(viewer);
    const month = monthArgument(monthText, 'month');
    const today = this.businessDate();
    const phase = monthPhase(month.month, today);
    if (phase === 'FUTURE') throw badInput(`${month.month} has not begun: today on the floor is ${today}.`, { argument: 'month' });

    const closing = phase === 'PAST' && (await this.snapshotExists(em, month.nextFirstDay)) ? month.nextFirstDay : null;

    // Three independent reads: on PostgreSQL each takes its own pooled connection, so they overlap.
    const [flows, collected, goals] = await Promise.all([
      this.flows(em, month.firstDay, closing, teamId),
      this.collected(em, month.firstDay, teamId),
      em.find(BucketGoal, { month: month.month }),
    ]);
    const goalOf = (bucket: Bucket, metric: BucketGoalMetric) => goals.find((g) => g.bucket === bucket && g.metric === metric)?.value;

    const buckets: BucketMetricsRow[] = bucketMovements(flows).map((m) => {
      const cureGoal = goalOf(m.bucket, BucketGoalMetric.CURE_RATE);
      const rollGoal = goalOf(m.bucket, BucketGoalMetric.ROLL_RATE);
      // A floor-wide amount says nothing about one team's share of it.
      const collectedGoal = teamId === undefined ? goalOf(m.bucket, BucketGoalMetric.COLLECTED_AMOUNT) : undefined;
      const collectedMinor = collected.get(m.bucket) ?? 0;
      return {
        bucket: m.bucket,
        openingAccounts: m.openingAccounts,
        openingBalance: floorMoney(m.openingBalanceMinor),
        cured: m.cured,
        improved: m.improved,
        stayed: m.stayed,
        rolledForward: m.rolledForward,
        cureRate: m.cureRate,
        rollRate: m.rollRate,
        collected: floorMoney(collectedMinor),
        cureRateGoal: cureGoal === undefined ? null : { goal: cureGoal, ...attainment(BucketGoalMetric.CURE_RATE, m.cureRate, cureGoal) },
        rollRateGoal: rollGoal === undefined ? null : { goal: rollGoal, ...attainment(BucketGoalMetric.ROLL_RATE, m.rollRate, rollGoal) },
        collectedGoal:
          collectedGoal === undefined
            ? null
            : {
                goal: floorMoney(Math.round(collectedGoal)),
                ...attainment(BucketGoalMetric.COLLECTED_AMOUNT, m.openingAccounts === 0 ? null : collectedMinor, collectedGoal),
              },
      };
    });
    return {
      month: month.month,
      openedOn: month.firstDay,
      asOf: closing ?? today,
      final: closing !== null,
      teamId: teamGlobalId(teamId),
      currencyCode: FLOOR_CURRENCY,
      buckets,
    };
  }

  /** Two month-opening snapshots side by side, over the accounts in both, each under its team at toMonth's opening. */
  async rollRateMatrix(em: EntityManager, viewer: Viewer | undefined, fromText: string, toText: string): Promise<RollRateMatrix> {
    const teamId = readerTeam(viewer);
    const from = monthArgument(fromText, 'fromMonth');
    const to = monthArgument(toText, 'toMonth');
    if (to.month <= from.month) throw badInput(`toMonth (${to.month}) must come after fromMonth (${from.month}).`, { argument: 'toMonth' });
    const today = this.businessDate();
    if (to.firstDay > today) throw badInput(`${to.month} has not begun: today on the floor is ${today}.`, { argument: 'toMonth' });

    const rows = await this.flows(em, from.firstDay, to.firstDay, teamId);
    const matrix = rollRateMatrix(rows);
    return {
      fromMonth: from.month,
      toMonth: to.month,
      fromDate: from.firstDay,
      toDate: to.firstDay,
      teamId: teamGlobalId(teamId),
      currencyCode: FLOOR_CURRENCY,
      accounts: matrix.reduce((s, r) => s + r.accounts, 0),
      rows: matrix.map((r) => ({
        from: r.from,
        accounts: r.accounts,
        fromBalance: floorMoney(r.fromBalanceMinor),
        toBalance: floorMoney(r.toBalanceMinor),
        cells: r.cells.map((c) => ({
          to: c.to,
          accounts: c.accounts,
          fromBalance: floorMoney(c.fromBalanceMinor),
          toBalance: floorMoney(c.toBalanceMinor),
          accountShare: c.accountShare,
          balanceShare: c.balanceShare,
        })),
      })),
    };
  }

  /**
   * ADMIN: the bucket figures computed again from the snapshots, accounts and payments (one month's, or
   * all), and every stored figure that differs; empty when the incremental upkeep kept them right.
   */
  async bucketFlowRecount(em: EntityManager, viewer: Viewer | undefined, monthText: string | null | undefined): Promise<BucketFlowDifference[]> {
    requireRole(viewer, Role.ADMIN);
    const month = monthText == null ? undefined : monthArgument(monthText, 'month').firstDay;
    const differences = await this.figures.recount(em, month);
    return differences.map(({ kind, teamId, currency, ...d }) => ({
      ...d,
      kind: BucketFigureKind[kind],
      teamId: teamId === null ? null : encodeId('Team', teamId),
      currencyCode: currency,
    }));
  }

  /** Accounts and balance per bucket as they are now, for each product, team or assigned agent. */
  async agingReport(em: EntityManager, viewer: Viewer | undefined, groupBy: AgingGroupBy): Promise<AgingReport> {
    const teamId = readerTeam(viewer);
    const column = { [AgingGroupBy.PRODUCT]: 'a.product', [AgingGroupBy.TEAM]: 'a.team_id', [AgingGroupBy.AGENT]: 'a.assigned_agent_id' }[groupBy];
    const rows: Row[] = await sqlRows(
      em,
      `select ${column} as grp, a.bucket as bucket, a.currency as currency, count(*) as accounts, sum(a.balance_minor) as balance
       from account a ${teamId === undefined ? '' : 'where a.team_id = ?'}
       group by ${column}, a.bucket, a.currency`,
      teamId === undefined ? [] : [teamId],
    );

    const tallies = new Map<string, Tally>();
    const total = new Tally();
    for (const r of rows) {
      const key = r.grp == null ? UNASSIGNED : String(r.grp);
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = new Tally()));
      const bucket = r.bucket as Bucket;
      const balance = toFloorCurrency(num(r.balance), String(r.currency));
      tally.add(bucket, num(r.accounts), balance);
      total.add(bucket, num(r.accounts), balance);
    }

    const names = await this.groupNames(em, groupBy, [...tallies.keys()].filter((k) => k !== UNASSIGNED).map(Number));
    const groups: AgingGroup[] = [...tallies.entries()].map(([key, tally]) => {
      if (key === UNASSIGNED) return tally.group(UNASSIGNED, null, groupBy === AgingGroupBy.TEAM ? 'No team' : 'Unassigned', null);
      if (groupBy === AgingGroupBy.PRODUCT) return tally.group(key, null, key, key as Product);
      const type = groupBy === AgingGroupBy.TEAM ? 'Team' : 'Agent';
      const id = encodeId(type, Number(key));
      return tally.group(id, id, names.get(Number(key)) ?? `${type} ${key}`, null);
    });
    const productOrder = Object.values(Product) as string[];
    groups.sort((a, b) => {
      if ((a.key === UNASSIGNED) !== (b.key === UNASSIGNED)) return a.key === UNASSIGNED ? 1 : -1;
      if (a.product && b.product) return productOrder.indexOf(a.product) - productOrder.indexOf(b.product);
      return a.name.localeCompare(b.name, 'en') || a.key.localeCompare(b.key);
    });
    return {
      groupBy,
      asOf: this.businessDate(),
      teamId: teamGlobalId(teamId),
      currencyCode: FLOOR_CURRENCY,
      groups,
      total: total.group('TOTAL', null, 'Total', null),
    };
  }

  /** MANAGER and ADMIN: sets (or replaces) one goal of a bucket for a month, audited. */
  async setBucketGoal(
    em: EntityManager,
    viewer: Viewer | undefined,
    args: { month: string; bucket: Bucket; metric: BucketGoalMetric; value: string },
  ): Promise<BucketGoalView> {
    const v = requireRole(viewer, Role.MANAGER, Role.ADMIN);
    if (!v.agentId) throw forbidden('An API key cannot set goals.');
    const month = monthArgument(args.month, 'month');
    const current = this.businessDate().slice(0, 7);
    const last = addMonths(`${current}-01`, GOAL_MONTHS_AHEAD).slice(0, 7);
    if (month.month < current) throw badInput(`${month.month} is over; its goals are history. Goals are set from ${current} to ${last}.`, { argument: 'month' });
    if (month.month > last) throw badInput(`Goals are set at most ${GOAL_MONTHS_AHEAD} months ahead, up to ${last}.`, { argument: 'month' });
    if (!BUCKETS.includes(args.bucket)) throw badInput(`Unknown bucket ${args.bucket}.`, { argument: 'bucket' });
    let value: number;
    try {
      value = parseGoalValue(args.metric, args.value, FLOOR_CURRENCY);
    } catch (error) {
      throw badInput(`value: ${(error as Error).message}.`, { argument: 'value' });
    }

    const attempt = () =>
      em.transactional(async (tx) => {
        const now = this.clock.now();
        const setBy = tx.getReference(Agent, v.agentId!);
        let goal = await tx.findOne(BucketGoal, { month: month.month, bucket: args.bucket, metric: args.metric });
        const before = goal ? { value: goal.value, setBy: goal.setBy?.id ?? null } : null;
        if (goal) {
          goal.value = value;
          goal.setBy = setBy;
        } else {
          goal = tx.create(BucketGoal, { month: month.month, bucket: args.bucket, metric: args.metric, value, setBy, createdAt: now });
        }
        await tx.flush();
        audit(tx, v, now, {
          action: 'setBucketGoal',
          entityType: 'BucketGoal',
          entityId: goal.id,
          before: before && { month: month.month, bucket: args.bucket, metric: args.metric, ...before },
          after: { month: month.month, bucket: args.bucket, metric: args.metric, value, setBy: v.agentId },
        });
        return goalView(goal);
      });
    try {
      return await attempt();
    } catch (error) {
      // Two first settings of one goal raced: the other insert won, so this one becomes an update.
      if (error instanceof UniqueConstraintViolationException) return attempt();
      throw error;
    }
  }

  /**
   * Bucket at `openedOn` to bucket at `closedOn` (a later snapshot), or to the accounts now when `closedOn`
   * is null, grouped with the accounts' currencies: read from the pre-aggregated bucket_flow rows (one per
   * team, bucket pair and currency), so the cost follows the buckets and teams, not the accounts.
   */
  private async flows(em: EntityManager, openedOn: LocalDate, closedOn: LocalDate | null, teamId: number | undefined): Promise<BucketFlow[]> {
    const rows: Row[] = await sqlRows(
      em,
      `select from_bucket, to_bucket, currency, sum(accounts) as accounts, sum(from_balance_minor) as from_balance, sum(to_balance_minor) as to_balance
       from ${flowTable(em)} where closed_on = ? and opened_on = ?${teamId === undefined ? '' : ' and team_id = ?'}
       group by from_bucket, to_bucket, currency`,
      [closedOn ?? RUNNING, openedOn, ...(teamId === undefined ? [] : [teamId])],
    );
    return rows.map((r) => ({
      from: r.from_bucket as Bucket,
      to: r.to_bucket as Bucket,
      accounts: num(r.accounts),
      fromBalanceMinor: toFloorCurrency(num(r.from_balance), String(r.currency)),
      toBalanceMinor: toFloorCurrency(num(r.to_balance), String(r.currency)),
    }));
  }

  /** Posted, unreversed payments received in the month on the accounts of its opening snapshot, per bucket there (bucket_collected). */
  private async collected(em: EntityManager, openedOn: LocalDate, teamId: number | undefined): Promise<Map<Bucket, number>> {
    const rows: Row[] = await sqlRows(
      em,
      `select bucket, currency, sum(amount_minor) as amount from ${collectedTable(em)}
       where opened_on = ?${teamId === undefined ? '' : ' and team_id = ?'} group by bucket, currency`,
      [openedOn, ...(teamId === undefined ? [] : [teamId])],
    );
    const out = new Map<Bucket, number>();
    for (const r of rows) {
      const bucket = r.bucket as Bucket;
      out.set(bucket, (out.get(bucket) ?? 0) + toFloorCurrency(num(r.amount), String(r.currency)));
    }
    return out;
  }

  /**
   * One probe into the (taken_on, ...) index. Not `where taken_on = ? limit 1`: PostgreSQL, expecting half
   * the rows to match, walks the table from the start and passes every row of the earlier snapshots first.
   */
  private async snapshotExists(em: EntityManager, takenOn: LocalDate): Promise<boolean> {
    const rows: Row[] = await sqlRows(em, 'select min(taken_on) as taken_on from bucket_snapshot where taken_on >= ?', [takenOn]);
    return rows[0]?.taken_on === takenOn;
  }

  private async groupNames(em: EntityManager, groupBy: AgingGroupBy, ids: number[]): Promise<Map<number, string>> {
    if (groupBy === AgingGroupBy.PRODUCT || ids.length === 0) return new Map();
    const table = groupBy === AgingGroupBy.TEAM ? 'team' : 'agent';
    const rows: Row[] = await sqlRows(em, `select id, name from ${table} where id in (${ids.map(() => '?').join(', ')})`, ids);
    return new Map(rows.map((r) => [num(r.id), String(r.name)]));
  }
}

const UNASSIGNED = 'UNASSIGNED';

/** Per-bucket sums of one group of the aging report. */
class Tally {
  private readonly cells = new Map<Bucket, { accounts: number; balance: number }>();

  add(bucket: Bucket, accounts: number, balanceMinor: number): void {
    const cell = this.cells.get(bucket) ?? { accounts: 0, balance: 0 };
    cell.accounts += accounts;
    cell.balance += balanceMinor;
    this.cells.set(bucket, cell);
  }

  group(key: string, id: string | null, name: string, product: Product | null): AgingGroup {
    const buckets: AgingCell[] = BUCKETS.map((bucket) => {
      const cell = this.cells.get(bucket) ?? { accounts: 0, balance: 0 };
      return { bucket, accounts: cell.accounts, balance: floorMoney(cell.balance) };
    });
    let accounts = 0;
    let balance = 0;
    for (const cell of this.cells.values()) {
      accounts += cell.accounts;
      balance += cell.balance;
    }
    return { key, id, name, product, accounts, balance: floorMoney(balance), buckets };
  }
}

/**
 * Who reads the reports (DOMAIN.md §1): MANAGER, ADMIN and ANALYST the whole floor (undefined), a
 * SUPERVISOR their team's accounts (the team id); agents may not.
 */
function readerTeam(viewer: Viewer | undefined): number | undefined {
  const v = requireViewer(viewer);
  if (v.role === Role.SUPERVISOR) return v.teamId ?? NO_TEAM;
  if (!seesWholeFloor(v)) throw forbidden('Reports are for supervisors, managers, admins and analysts.');
  return undefined;
}

const teamGlobalId = (teamId: number | undefined): string | null => (teamId === undefined || teamId === NO_TEAM ? null : encodeId('Team', teamId));

function monthArgument(text: string, argument: string): ReturnType<typeof parseMonth> {
  try {
    return parseMonth(text);
  } catch (error) {
    throw badInput(`${argument}: ${(error as Error).message}.`, { argument });
  }
}

function goalView(goal: BucketGoal): BucketGoalView {
  const amount = goal.metric === BucketGoalMetric.COLLECTED_AMOUNT;
  return {
    month: goal.month,
    bucket: goal.bucket,
    metric: goal.metric,
    value: amount ? formatMinor(Math.round(goal.value), FLOOR_CURRENCY) : String(goal.value),
    rate: amount ? null : goal.value,
    amount: amount ? floorMoney(Math.round(goal.value)) : null,
  };
}
