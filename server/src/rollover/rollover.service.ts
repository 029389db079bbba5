import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { duesOf, settleAccountState } from '../accounts/account-state.js';
import { BucketSnapshot } from '../accounts/bucket-snapshot.entity.js';
import type { BucketMetricsWatcher } from '../reports/bucket-metric-updates.js';
import type { BucketFlows } from '../reports/bucket-flows.js';
import { DEFAULT_BUCKET_SCHEME } from '../accounts/buckets.js';
import { audit } from '../audit/audit.js';
import { requireRole } from '../auth/access.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { isPostgres } from '../db/sql.js';
import { badInput } from '../graphql/errors.js';
import { instalmentOutcome, planBroken, promiseOutcome } from '../payments/settlement.js';
import { Instalment, InstalmentStatus } from '../plans/instalment.entity.js';
import { PaymentPlan, PlanStatus } from '../plans/payment-plan.entity.js';
import { PromiseStatus, PromiseToPay } from '../promises/promise-to-pay.entity.js';
import type { Clock } from '../shared/clock.js';
import { firstOfMonth, isLocalDate, monthOf, type LocalDate } from '../shared/dates.js';
import type { CollectionPolicy } from '../shared/policy.js';
import type { CounterDelta } from '../kpis/counter-deltas.js';
import type { KpiCounters } from '../kpis/kpi-counters.js';
import { BusinessDay } from './business-day.entity.js';

export interface RolloverSummary {
  date: LocalDate;
  /** False when the date had already been rolled over: nothing was changed. */
  ran: boolean;
  accountsRedated: number;
  promisesBroken: number;
  promisesPartiallyKept: number;
  promisesLapsed: number;
  instalmentsMissed: number;
  plansBroken: number;
  snapshotRows: number;
}

/** Who runs the scheduled rollover: the system, audited as an admin action without an agent. */
export const SYSTEM: Viewer = { role: Role.ADMIN };

/** Promises, instalments or breaking plans loaded at a time by default. */
export const ROLLOVER_CHUNK = 2000;

/**
 * The business day (DOMAIN.md §2, §4): DPD and buckets advance, promises whose grace ended are settled
 * as kept, partially kept or broken, plans with two missed instalments break, and the month's first
 * rollover takes the opening bucket snapshot. One run per date, never for a date after today nor before
 * the last one: the BusinessDay row makes a second run a no-op, and every step would change nothing anyway.
 *
 * The whole run is one transaction, the BusinessDay row written in it: a crash leaves the day not rolled at
 * all, never half. Within it the rows are loaded a chunk at a time (keyset by id), each chunk flushed and
 * the EntityManager cleared before the next, so the memory it holds is bounded by the chunk, not the floor.
 */
export class RolloverService {
  constructor(
    private readonly clock: Clock,
    private readonly businessDate: () => LocalDate,
    private readonly policy: CollectionPolicy,
    private readonly bucketFlows: BucketFlows,
    private readonly counters?: KpiCounters,
    private readonly bucketMetrics?: BucketMetricsWatcher,
    /** Rows loaded at a time: the rollover holds one chunk of entities, whatever the floor's size. */
    private readonly chunk = ROLLOVER_CHUNK,
  ) {}

  async run(em: EntityManager, viewer: Viewer | undefined, date?: LocalDate | null): Promise<RolloverSummary> {
    const v = viewer === SYSTEM ? SYSTEM : requireRole(viewer, Role.ADMIN);
    const today = this.businessDate();
    const day = date ?? today;
    if (!isLocalDate(day)) throw badInput('date must be a date (YYYY-MM-DD).', { argument: 'date' });
    // Rolling into the future would break promises whose grace is still running, with no way back.
    if (day > today) throw badInput(`The floor cannot be rolled over to ${day}: today on the floor is ${today}.`, { argument: 'date' });
    const done = await em.findOne(BusinessDay, { date: day });
    if (done) return notRun(done);
    const [latest] = await em.find(BusinessDay, {}, { orderBy: { date: 'desc' }, limit: 1 });
    if (latest && latest.date > day) throw badInput(`The floor was already rolled over to ${latest.date}; it does not go back.`, { argument: 'date' });

    try {
      return await em.transactional(async (tx) => {
        // Another run for this date may have committed since the check above.
        const raced = await tx.findOne(BusinessDay, { date: day });
        if (raced) return notRun(raced);
        const summary: RolloverSummary = {
          date: day,
          ran: true,
          accountsRedated: await this.redate(tx as SqlEntityManager, day),
          promisesBroken: 0,
          promisesPartiallyKept: 0,
          promisesLapsed: 0,
          instalmentsMissed: 0,
          plansBroken: 0,
          snapshotRows: 0,
        };
        await this.settlePromises(tx, day, summary);
        await this.settlePlans(tx, day, summary);
        const opens = await this.opensMonth(tx, day, latest?.date);
        if (opens) summary.snapshotRows = await this.snapshot(tx as SqlEntityManager, firstOfMonth(day));
        const now = this.clock.now();
        const { date: _d, ran: _r, ...counts } = summary;
        const record = tx.create(BusinessDay, { date: day, ranAt: now, summary: counts });
        await tx.flush();
        // Re-dating moved buckets in SQL, past the flush watcher that keeps the running month's figures:
        // they are recomputed set-wise, and a new month's opening also writes its closed pairs.
        if (opens) await this.bucketFlows.monthOpened(tx, firstOfMonth(day));
        else await this.bucketFlows.recomputeRunning(tx);
        // Re-dating and the snapshot are set-wise SQL, which the ORM's flush watcher does not see.
        this.bucketMetrics?.announceWholeFloor(tx);
        audit(tx, v, now, { action: 'runDayRollover', entityType: 'BusinessDay', entityId: record.id, after: summary as unknown as Record<string, unknown> });
        return summary;
      });
    } catch (error) {
      // Two runs for one date at once: the unique date let one commit; the other changed nothing.
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await em.fork().findOne(BusinessDay, { date: day });
        if (winner) return notRun(winner);
      }
      throw error;
    }
  }

  /**
   * The opening snapshot is taken by the month's first rollover: on the 1st, or - when the floor was
   * not rolled over on the 1st - on the first day of the month it is, still dated the 1st, so that
   * month-to-date bucket metrics have their opening. A floor never rolled over before keeps what it has.
   */
  private async opensMonth(tx: EntityManager, day: LocalDate, previous: LocalDate | undefined): Promise<boolean> {
    if (day === firstOfMonth(day)) return true;
    if (!previous || monthOf(previous) === monthOf(day)) return false;
    return (await tx.count(BucketSnapshot, { takenOn: firstOfMonth(day) })) === 0;
  }

  /** DPD and bucket of every account for the date, set-wise: the floor may hold millions of accounts. */
  private async redate(tx: SqlEntityManager, day: LocalDate): Promise<number> {
    // `day` passed isLocalDate (YYYY-MM-DD), so it is safe as a literal and keeps the statement simple.
    const diff = isPostgres(tx) ? `('${day}'::date - oldest_unpaid_due_date::date)` : `cast(julianday('${day}') - julianday(oldest_unpaid_due_date) as integer)`;
    const dpd = `(case when oldest_unpaid_due_date is null or ${diff} < 0 then 0 else ${diff} end)`;
    const bounds = [...DEFAULT_BUCKET_SCHEME.lowerBounds].reverse();
    const bucket = `(case when status = 'WRITTEN_OFF' then 'CHARGE_OFF' ${bounds.map(([name, lower]) => `when ${dpd} >= ${lower} then '${name}'`).join(' ')} end)`;
    return this.execute(tx, `update account set dpd = ${dpd}, bucket = ${bucket} where dpd <> ${dpd} or bucket <> ${bucket}`);
  }

  private async execute(tx: SqlEntityManager, sql: string, params: unknown[] = []): Promise<number> {
    const result = await tx.getConnection().execute<{ affectedRows: number }>(sql, params, 'run', tx.getTransactionContext());
    return result.affectedRows;
  }

  /** Flushes what a chunk changed and forgets its entities: the transaction keeps the writes, memory keeps nothing. */
  private async release(tx: EntityManager): Promise<void> {
    await tx.flush();
    tx.clear();
  }

  private async settlePromises(tx: EntityManager, day: LocalDate, summary: RolloverSummary): Promise<void> {
    // Broken and partially kept count on the day their grace ended (§7): gathered chunk by chunk, added at once.
    let moves: CounterDelta[] = [];
    // Keyset by id: a settled promise leaves the filter, so an offset would skip rows; the id never moves.
    for (let after = 0; ; ) {
      const ended = await tx.find(
        PromiseToPay,
        { id: { $gt: after }, status: { $in: [PromiseStatus.PENDING, PromiseStatus.PENDING_APPROVAL] }, graceEndsOn: { $lt: day } },
        { orderBy: { id: 'asc' }, limit: this.chunk },
      );
      if (!ended.length) break;
      after = ended[ended.length - 1].id;
      const settled: Array<{ promise: PromiseToPay; before: string }> = [];
      for (const promise of ended) {
        if (promise.status === PromiseStatus.PENDING_APPROVAL) {
          // It never counted: nobody approved it before its grace ended.
          promise.status = PromiseStatus.CANCELLED;
          promise.statusReason = 'Not approved before its grace ended.';
          summary.promisesLapsed += 1;
          continue;
        }
        settled.push({ promise, before: promise.status });
        promise.status = promiseOutcome(promise.amountMinor, promise.paidMinor, true) as PromiseStatus;
        promise.settledAt = this.clock.now();
        if (promise.status === PromiseStatus.BROKEN) summary.promisesBroken += 1;
        if (promise.status === PromiseStatus.PARTIALLY_KEPT) summary.promisesPartiallyKept += 1;
      }
      if (this.counters) moves = this.counters.settlementDeltas(settled, moves);
      await this.release(tx);
      if (ended.length < this.chunk) break;
    }
    await this.counters?.add(tx, moves);
  }

  private async settlePlans(tx: EntityManager, day: LocalDate, summary: RolloverSummary): Promise<void> {
    // Plans and their accounts are loaded only when a plan breaks: every account in arrangement is not
    // touched (nor its version moved) by a night in which nothing happened to its plan. Only the count of
    // missed instalments per plan is kept across chunks.
    const missedByPlan = new Map<number, number>();
    for (let after = 0; ; ) {
      const instalments = await tx.find(
        Instalment,
        {
          id: { $gt: after },
          plan: { status: PlanStatus.ACTIVE },
          status: { $in: [InstalmentStatus.PENDING, InstalmentStatus.PARTIALLY_PAID, InstalmentStatus.MISSED] },
        },
        { orderBy: { id: 'asc' }, limit: this.chunk },
      );
      if (!instalments.length) break;
      after = instalments[instalments.length - 1].id;
      for (const instalment of instalments) {
        const status = instalmentOutcome(instalment.amountMinor, instalment.paidMinor, instalment.dueDate, day, this.policy.promiseGraceDays) as InstalmentStatus;
        if (status === InstalmentStatus.MISSED && instalment.status !== InstalmentStatus.MISSED) summary.instalmentsMissed += 1;
        instalment.status = status;
        if (status === InstalmentStatus.MISSED) missedByPlan.set(instalment.plan.id, (missedByPlan.get(instalment.plan.id) ?? 0) + 1);
      }
      await this.release(tx);
      if (instalments.length < this.chunk) break;
    }
    const breaking = [...missedByPlan].filter(([, missed]) => planBroken(missed, this.policy.planMissedInstalmentsToBreak)).map(([id]) => id);
    for (let start = 0; start < breaking.length; start += this.chunk) {
      const ids = breaking.slice(start, start + this.chunk);
      const plans = await tx.find(PaymentPlan, { id: { $in: ids } }, { populate: ['account'], orderBy: { id: 'asc' } });
      for (const plan of plans) {
        plan.status = PlanStatus.BROKEN;
        plan.statusReason = `${missedByPlan.get(plan.id)} instalments missed.`;
        summary.plansBroken += 1;
      }
      await tx.flush();
      for (const plan of plans) await settleAccountState(tx, plan.account, await duesOf(tx, plan.account), day);
      await this.release(tx);
    }
  }

  /** The month-opening snapshot month-to-date bucket metrics compare with (DOMAIN.md §2, §7), with each account's team then. */
  private snapshot(tx: SqlEntityManager, takenOn: LocalDate): Promise<number> {
    return this.execute(
      tx,
      `insert into bucket_snapshot (taken_on, account_id, bucket, dpd, balance_minor, team_id)
       select ?, a.id, a.bucket, a.dpd, a.balance_minor, a.team_id from account a
       where not exists (select 1 from bucket_snapshot s where s.taken_on = ? and s.account_id = a.id)`,
      [takenOn, takenOn],
    );
  }
}

/** The answer to a second run for a date: what its first run did, and that nothing ran now. */
const notRun = (done: BusinessDay): RolloverSummary => ({ ...(done.summary as unknown as RolloverSummary), date: done.date, ran: false });
