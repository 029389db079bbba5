import type { EntityManager, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
import type { Orm } from '../db/orm.js';
import { CoalescedUpdates } from '../realtime/coalesced-updates.js';
import type { FloorEvents } from '../realtime/events.js';
import { monthOf, type LocalDate } from '../shared/dates.js';
import { bucketMetricsChange, concernsReader, type BucketMetricsChangedEvent, type WrittenRow } from './bucket-metric-changes.js';
import type { ReportService } from './reports.service.js';
import type { BucketMetrics } from './reports.types.js';

declare module '../realtime/topics.js' {
  interface FloorTopics {
    bucketMetricsChanged: BucketMetricsChangedEvent;
  }
}

/** Every change goes out on one floor-wide key; each subscription keeps what concerns its reach. */
export const BUCKET_METRICS_TOPIC_KEY = 'floor';

/**
 * Bucket metrics aggregate over the month's opening snapshot, a heavier read than KPI counters, and move
 * with every payment on the floor: one update a second keeps them live without a read per payment.
 */
export const BUCKET_METRICS_UPDATE_INTERVAL_MS = 1_000;

/**
 * Announces, after commit, every flush that moved bucket metrics. Watching the ORM's flushes rather than
 * each service keeps every path covered: payments, reversals, disputes, write-offs, reassignments, goals.
 * Set-wise SQL (the day rollover) announces itself with `announceWholeFloor`.
 */
export class BucketMetricsWatcher implements EventSubscriber {
  constructor(private readonly events: FloorEvents) {}

  afterFlush({ em, uow }: FlushEventArgs): void {
    const rows: WrittenRow[] = [];
    for (const cs of uow.getChangeSets()) {
      const team = cs.name === 'Account' ? (cs.entity as { team?: { id: number } | null }).team : undefined;
      rows.push({ entity: cs.name, type: cs.type, fields: Object.keys(cs.payload ?? {}), teamId: team?.id ?? null });
    }
    const event = bucketMetricsChange(rows);
    if (event) this.events.publishAfterCommit(em, 'bucketMetricsChanged', BUCKET_METRICS_TOPIC_KEY, event);
  }

  announceWholeFloor(em: EntityManager): void {
    this.events.publishAfterCommit(em, 'bucketMetricsChanged', BUCKET_METRICS_TOPIC_KEY, { teamIds: [], wholeFloor: true });
  }
}

/** bucketMetricsUpdated: the running month's bucket metrics in the viewer's reach, after each change that moves them. */
export class BucketMetricUpdates {
  constructor(
    private readonly events: FloorEvents,
    private readonly reports: ReportService,
    private readonly orm: Orm,
    private readonly businessDate: () => LocalDate,
    private readonly intervalMs = BUCKET_METRICS_UPDATE_INTERVAL_MS,
  ) {}

  /** Refused at subscribe time as bucketMetrics would refuse the read (agents: FORBIDDEN). */
  async follow(viewer: Viewer | undefined): Promise<AsyncIterableIterator<BucketMetrics>> {
    const teamId = this.reports.readerTeam(viewer);
    const live = await this.events.listen('bucketMetricsChanged', BUCKET_METRICS_TOPIC_KEY);
    const read = () => this.reports.bucketMetrics(this.orm.em.fork(), viewer, monthOf(this.businessDate()));
    return new CoalescedUpdates(live, (event) => Promise.resolve(concernsReader(event, teamId)), read, this.intervalMs);
  }
}
