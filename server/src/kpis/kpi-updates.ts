import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
import type { Orm } from '../db/orm.js';
import { marks, sqlRows } from '../db/sql.js';
import type { FloorEvents } from '../realtime/events.js';
import { CoalescedUpdates } from '../realtime/coalesced-updates.js';
import type { LocalDate } from '../shared/dates.js';
import { periodDays } from './kpi-period.js';
import type { KpiService } from './kpi.service.js';
import type { Kpis } from './kpi.types.js';
import { KpiScope, type KpiPeriod } from './target.entity.js';

/** Counters moved by one transaction: whose, and on which floor days. Published after it commits. */
export interface KpiChangedEvent {
  agentIds: number[];
  days: LocalDate[];
}

declare module '../realtime/topics.js' {
  interface FloorTopics {
    kpiUpdated: KpiChangedEvent;
  }
}

/** Every change goes out on one floor-wide key; each subscription keeps what concerns its scope. */
export const KPI_TOPIC_KEY = 'floor';

/** Updates of one scope are coalesced to at most 4 a second. */
export const KPI_UPDATE_INTERVAL_MS = 250;

export interface KpiFollowArgs {
  scope: KpiScope;
  scopeId?: string | null;
  period: KpiPeriod;
}

/**
 * kpiUpdated: the figures of a scope and period, sent again after each committed change that touches
 * them (a counter of one of the scope's agents, on a day of the period that holds today). Changes that
 * arrive within 250 ms of the last update are folded into the next one, so a subscriber receives at most
 * four updates a second, the first at once.
 */
export class KpiUpdates {
  private readonly teamsOfEvent = new WeakMap<KpiChangedEvent, Promise<ReadonlySet<number>>>();
  private readonly periodsOfEvent = new WeakMap<KpiChangedEvent, Map<KpiPeriod, boolean>>();

  constructor(
    private readonly events: FloorEvents,
    private readonly kpis: KpiService,
    private readonly orm: Orm,
    private readonly businessDate: () => LocalDate,
    private readonly intervalMs = KPI_UPDATE_INTERVAL_MS,
  ) {}

  /** Refused at subscribe time as kpis would refuse the read: FORBIDDEN, NOT_FOUND, BAD_USER_INPUT. */
  async follow(em: EntityManager, viewer: Viewer | undefined, args: KpiFollowArgs): Promise<AsyncIterableIterator<Kpis>> {
    const followed = await this.kpis.followable(em, viewer, args.scope, args.scopeId);
    const live = await this.events.listen('kpiUpdated', KPI_TOPIC_KEY);
    const read = () => this.kpis.kpis(this.orm.em.fork(), viewer, { scope: args.scope, scopeId: args.scopeId, period: args.period, date: this.businessDate() });
    const concerns = async (event: KpiChangedEvent): Promise<boolean> => {
      if (!this.movesPeriod(event, args.period)) return false;
      switch (followed.scope) {
        case KpiScope.FLOOR:
          return true;
        case KpiScope.AGENT:
          return event.agentIds.includes(followed.id);
        case KpiScope.TEAM:
          return (await this.teamsMovedBy(event)).has(followed.id);
      }
    };
    return new CoalescedUpdates(live, concerns, read, this.intervalMs);
  }

  /**
   * The teams whose figures an event moved: its agents' teams as they are now. Every kpiUpdated on the
   * instance hears every change of the floor, and the bus hands all of them one event object, so the
   * lookup is made once per event however many team subscriptions ask.
   */
  private teamsMovedBy(event: KpiChangedEvent): Promise<ReadonlySet<number>> {
    let teams = this.teamsOfEvent.get(event);
    if (!teams) {
      teams = teamsOf(this.orm.em.fork(), event.agentIds);
      this.teamsOfEvent.set(event, teams);
    }
    return teams;
  }

  /**
   * Whether an event moved a day of the period that holds today. Asked by every kpiUpdated of the
   * instance for every change, so the business date and the period's days are worked out once per event
   * and period, not once per subscription.
   */
  private movesPeriod(event: KpiChangedEvent, period: KpiPeriod): boolean {
    let periods = this.periodsOfEvent.get(event);
    if (!periods) {
      periods = new Map();
      this.periodsOfEvent.set(event, periods);
    }
    let moves = periods.get(period);
    if (moves === undefined) {
      const { from, to } = periodDays(period, this.businessDate());
      moves = event.days.some((d) => d >= from && d <= to);
      periods.set(period, moves);
    }
    return moves;
  }
}

/** The teams these agents are in now (agents without a team add none): one statement, as plain rows. */
async function teamsOf(em: EntityManager, agentIds: readonly number[]): Promise<ReadonlySet<number>> {
  if (agentIds.length === 0) return new Set();
  const rows = await sqlRows<{ team_id: unknown }>(em, `select distinct a.team_id from agent a where a.id in (${marks(agentIds.length)}) and a.team_id is not null`, agentIds);
  return new Set(rows.map((r) => Number(r.team_id)));
}
