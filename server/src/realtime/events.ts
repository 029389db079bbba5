import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Logger } from 'pino';
import type { Agent } from '../agents/agent.entity.js';
import type { AgentStatusChange } from '../agents/agent-status-change.entity.js';
import type { Call } from '../calls/call.entity.js';
import type { DatabaseKind } from '../config.js';
import { afterCommit } from '../db/after-commit.js';
import { LiveSubscription } from './live-subscription.js';
import type { EventBus, FloorPubSub } from './pubsub.js';
import type { AlertRaisedEvent, FloorTopic, FloorTopics, JsonSafe } from './topics.js';

/** Refusals go out on one floor-wide key: the alert rules count them per agent, whatever the team. */
export const CONTACT_REFUSED_KEY = 'floor';

/** Namespace of the advisory locks that keep each team's call log in commit order (PostgreSQL). */
const CALL_LOG_LOCK = 0x434c4f47; // "CLOG"

/**
 * The floor's event bus as the rest of the server sees it: publish after commit, subscribe per key.
 *
 * Publishing goes through `publishAfterCommit` only: the event leaves when the transaction the given
 * EntityManager works in has committed (at once when it works in none), and never if it rolls back.
 * Subscribers hear events of one `topic:key`, from this instance or (with REDIS_URL) any other.
 */
export class FloorEvents {
  private listening = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly database: DatabaseKind,
  ) {}

  /** Handed to type-graphql's buildSchema, for `@Subscription({ topics })` resolvers. */
  get pubSub(): FloorPubSub {
    return this.bus.pubSub;
  }

  get transport(): EventBus['transport'] {
    return this.bus.transport;
  }

  /**
   * Publishes `payload` on `topic:key` once the transaction of `em` commits. Call it inside the
   * transaction that makes the change, with its EntityManager. The payload must be plain JSON (ISO
   * strings for instants): it may cross Redis to another instance.
   */
  publishAfterCommit<T extends FloorTopic>(em: EntityManager, topic: T, key: string | number, payload: JsonSafe<FloorTopics[T]>): void {
    afterCommit(em, () => this.publishNow(topic, key, payload));
  }

  /** Listens on `topic:key` from now on; await `ready` before relying on hearing what is published next. */
  subscribe<T extends FloorTopic>(topic: T, key: string | number): LiveSubscription<FloorTopics[T]> {
    this.listening += 1;
    return new LiveSubscription<FloorTopics[T]>(this.bus.target, `${topic}:${key}`, (name) => this.bus.ready(name), () => (this.listening -= 1));
  }

  /** Listeners on the bus now (subscriptions not yet returned): what live subscribers cost this instance. */
  get listeners(): number {
    return this.listening;
  }

  /**
   * Listens on `topic:key` and resolves once the bus hears it, so nothing published after this resolves
   * is missed; a subscription the bus cannot confirm (Redis down) is ended and its error thrown.
   */
  async listen<T extends FloorTopic>(topic: T, key: string | number): Promise<LiveSubscription<FloorTopics[T]>> {
    const live = this.subscribe(topic, key);
    try {
      await live.ready;
    } catch (error) {
      await live.return();
      throw error;
    }
    return live;
  }

  /** A recorded call, for `callLogged` (calls without a team are in no team's log). */
  callLogged(em: EntityManager, call: Call): void {
    if (call.teamId == null) return;
    this.publishAfterCommit(em, 'callLogged', call.teamId, {
      callId: call.id,
      teamId: call.teamId,
      agentId: call.agent.id,
      accountId: call.account.id,
      direction: call.direction,
      disposition: call.disposition,
      startedAt: call.startedAt.toISOString(),
      recordedAt: call.createdAt.toISOString(),
    });
  }

  /** A presence change, for `agentStatusChanged` (agents without a team are in no team's view). */
  agentStatusChanged(em: EntityManager, agent: Agent, change: AgentStatusChange): void {
    const teamId = agent.team?.id;
    if (teamId == null) return;
    this.publishAfterCommit(em, 'agentStatusChanged', teamId, {
      agentId: agent.id,
      teamId,
      status: change.status,
      pauseReason: change.pauseReason ?? null,
      at: change.at.toISOString(),
    });
  }

  /** An alert, for `alertRaised`; publish it in the transaction that stores it. */
  alertRaised(em: EntityManager, alert: AlertRaisedEvent): void {
    this.publishAfterCommit(em, 'alertRaised', alert.teamId, alert);
  }

  /** A call the contact policy refused; nothing was written, so it leaves at once. */
  contactRefused(event: JsonSafe<FloorTopics['contactRefused']>): void {
    this.publishNow('contactRefused', CONTACT_REFUSED_KEY, event);
  }

  /**
   * Makes the calls of one team commit in the order of their ids, so `callLogged(after: cursor)` can
   * resume from the last id a subscriber saw without skipping a call that committed late. Take it in
   * recordCall's transaction right before the call is inserted; it is held until commit. SQLite has one
   * writer at a time, so its ids are in commit order already.
   */
  async lockCallLog(em: EntityManager, teamId: number | null | undefined): Promise<void> {
    if (teamId == null || this.database !== 'postgresql') return;
    await (em as SqlEntityManager).execute('select pg_advisory_xact_lock(?, ?)', [CALL_LOG_LOCK, teamId]);
  }

  close(): Promise<void> {
    return this.bus.close();
  }

  private publishNow(topic: string, key: string | number, payload: unknown): void {
    try {
      this.bus.pubSub.publish(topic, key, payload);
    } catch (error) {
      // The change is committed; a lost event is logged, never turned into a failed mutation.
      this.logger.error({ topic, key, error: (error as Error).message }, 'an event could not be published');
    }
  }
}
