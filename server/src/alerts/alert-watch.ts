import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import { KPI_TOPIC_KEY, type KpiChangedEvent } from '../kpis/kpi-updates.js';
import { CONTACT_REFUSED_KEY, type FloorEvents } from '../realtime/events.js';
import type { LiveSubscription } from '../realtime/live-subscription.js';
import type { ContactRefusedEvent } from '../realtime/topics.js';
import type { AlertService } from './alert.service.js';

export interface AlertWatchOptions {
  /** Evaluate as events arrive (kpiUpdated, contactRefused). */
  live: boolean;
  /** Seconds between sweeps of every rule; 0 for none. */
  sweepSeconds: number;
  /** Least milliseconds from one KPI-driven evaluation's start to the next; 0 runs them back to back. */
  gapMs?: number;
}

/**
 * One evaluation of every moved team a second at most: each reads the teams' KPIs and promises, so on a
 * floor recording hundreds of calls a second evaluations back to back would take the server's CPU from
 * the calls themselves. A second is far inside what the rules measure (minutes of pause, shares of a shift).
 */
export const ALERT_EVALUATION_GAP_MS = 1000;

/**
 * Runs the alert rules as the floor moves: on every committed KPI change (a call, a presence change, a
 * promise settled) and every refused call, from this instance or, with Redis, any other; and on a
 * sweep, for what time alone makes true (an agent paused too long, a team falling behind with no call).
 * Evaluations run one at a time, so a burst of events never piles up concurrent writers.
 */
export class AlertWatch {
  private readonly subscriptions: Array<LiveSubscription<unknown>> = [];
  /** Agents whose KPIs moved since the evaluation queued for them started: one evaluation takes them all. */
  private readonly movedAgents = new Set<number>();
  private queue: Promise<unknown> = Promise.resolve();
  /** The KPI-driven evaluation waiting for its turn (its gap, then the queue), until it starts. */
  private scheduled: Promise<unknown> | undefined;
  private lastKpiEvaluation = -Infinity;
  private gapMs = ALERT_EVALUATION_GAP_MS;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly alerts: AlertService,
    private readonly events: FloorEvents,
    private readonly orm: Orm,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  async start(options: AlertWatchOptions): Promise<void> {
    this.gapMs = options.gapMs ?? ALERT_EVALUATION_GAP_MS;
    if (options.live) {
      const kpis = await this.events.listen('kpiUpdated', KPI_TOPIC_KEY);
      this.subscriptions.push(kpis as LiveSubscription<unknown>);
      const refusals = await this.events.listen('contactRefused', CONTACT_REFUSED_KEY);
      this.subscriptions.push(refusals as LiveSubscription<unknown>);
      void this.drain(kpis, (event: KpiChangedEvent) => this.kpisChanged(event.agentIds));
      void this.drain(refusals, (event: ContactRefusedEvent) => void this.run(() => this.alerts.onContactRefused(this.orm.em.fork(), event)));
    }
    if (options.sweepSeconds > 0) {
      this.timer = setInterval(() => void this.run(() => this.alerts.sweep(this.orm.em.fork())), options.sweepSeconds * 1000);
      this.timer.unref();
    }
  }

  /** Stops listening and waits for the evaluation under way, so nothing touches a closed database. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all(this.subscriptions.map((s) => s.return()));
    await this.queue;
  }

  /** Resolves once every evaluation queued or scheduled so far has finished (tests wait on it). */
  async idle(): Promise<void> {
    while (this.scheduled) await this.scheduled;
    await this.queue;
  }

  /**
   * A busy floor moves KPIs hundreds of times a second; each change queuing its own evaluation would grow
   * the queue without bound. Changes that arrive while one is scheduled join it instead, and it starts no
   * sooner than the gap after the previous one started.
   */
  private kpisChanged(agentIds: readonly number[]): void {
    for (const id of agentIds) this.movedAgents.add(id);
    if (this.scheduled || this.movedAgents.size === 0) return;
    const wait = Math.max(0, this.lastKpiEvaluation + this.gapMs - performance.now());
    this.scheduled = new Promise((resolve) => setTimeout(resolve, wait).unref()).then(() =>
      this.run(() => {
        // From here on, changes schedule the next evaluation.
        this.scheduled = undefined;
        this.lastKpiEvaluation = performance.now();
        return this.alerts.onKpisChanged(this.orm.em.fork(), this.takeMovedAgents());
      }),
    );
  }

  private takeMovedAgents(): number[] {
    const ids = [...this.movedAgents];
    this.movedAgents.clear();
    return ids;
  }

  private async drain<T>(live: LiveSubscription<T>, handle: (event: T) => void): Promise<void> {
    for (;;) {
      const { value, done } = await live.next();
      if (done || this.stopped) return;
      handle(value);
    }
  }

  private run(evaluate: () => Promise<unknown>): Promise<unknown> {
    this.queue = this.queue.then(async () => {
      if (this.stopped) return;
      try {
        await evaluate();
      } catch (error) {
        // A failed evaluation is retried by the next event or sweep; it never stops the watch.
        this.logger.error({ err: error }, 'alert rules could not be evaluated');
      }
    });
    return this.queue;
  }
}
