import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Topic, key (a team id), payload: events are published and heard per `topic:key`. */
export type FloorPubSub = PubSub<Record<string, [string | number, unknown]>>;

export type BusListener = (event: CustomEvent<unknown>) => void;

/** The event target both the PubSub and FloorEvents work on; event names are `topic:key`. */
export interface BusTarget {
  addEventListener(type: string, listener: BusListener): void;
  removeEventListener(type: string, listener: BusListener): void;
  dispatchEvent(event: CustomEvent<unknown>): boolean;
}

/**
 * The transport under the floor's events: the PubSub handed to type-graphql, and the event target
 * beneath it, which `FloorEvents.subscribe` listens on directly so it knows when a listener is live.
 */
export interface EventBus {
  readonly transport: 'in-process' | 'redis';
  readonly pubSub: FloorPubSub;
  readonly target: BusTarget;
  /**
   * Resolves once an event published from now on under `eventName` reaches listeners added before the
   * call. At once in-process; over Redis, when Redis has confirmed the channel's subscription.
   */
  ready(eventName: string): Promise<void>;
  close(): Promise<void>;
}

export interface EventBusOptions {
  redisUrl?: string;
  /** Prepended to every Redis channel, so deployments (and test runs) sharing one Redis never cross. */
  channelPrefix?: string;
  logger: Logger;
}

/** In-process by default; across instances through Redis when `redisUrl` is set. */
export async function createEventBus(options: EventBusOptions): Promise<EventBus> {
  return options.redisUrl ? createRedisBus(options.redisUrl, options.channelPrefix ?? 'openfloor:', options.logger) : createInProcessBus();
}

/**
 * One process. Payloads are round-tripped through JSON as Redis would, so what works on one instance
 * works on many (a Date in a payload would arrive as a string there: it does so here too).
 */
export function createInProcessBus(): EventBus {
  const inner = new EventTarget();
  const target: BusTarget = {
    addEventListener: (type, listener) => inner.addEventListener(type, listener as never),
    removeEventListener: (type, listener) => inner.removeEventListener(type, listener as never),
    dispatchEvent: (event) => inner.dispatchEvent(new CustomEvent(event.type, { detail: roundTrip(event.detail) })),
  };
  return {
    transport: 'in-process',
    pubSub: createPubSub({ eventTarget: target as never }) as FloorPubSub,
    target,
    ready: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

const roundTrip = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

async function createRedisBus(url: string, prefix: string, logger: Logger): Promise<EventBus> {
  // Commands wait out a Redis restart instead of failing: the event target fires its SUBSCRIBE and
  // UNSUBSCRIBE without awaiting them, and a rejected one would be an unhandled rejection.
  const options = { lazyConnect: true, maxRetriesPerRequest: null, connectionName: 'openfloor-events' } as const;
  const publishClient = new Redis(url, options);
  const subscribeClient = new Redis(url, options);
  for (const [role, client] of [['publish', publishClient], ['subscribe', subscribeClient]] as const) {
    client.on('error', (error: Error) => logger.warn({ redis: role, error: error.message }, 'Redis connection problem; retrying'));
  }
  try {
    await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  } catch (error) {
    publishClient.disconnect();
    subscribeClient.disconnect();
    throw new Error(`REDIS_URL: cannot connect to Redis (${(error as Error).message})`);
  }

  const inner = createRedisEventTarget<CustomEvent<unknown>>({ publishClient, subscribeClient });
  let closed = false;
  const target: BusTarget = {
    addEventListener: (type, listener) => {
      if (!closed) inner.addEventListener(prefix + type, listener);
    },
    // Subscriptions still winding down after close() must not touch the closed connections.
    removeEventListener: (type, listener) => {
      if (!closed) inner.removeEventListener(prefix + type, listener);
    },
    // Published here rather than by the library, which drops the promise: a failed PUBLISH is logged.
    dispatchEvent: (event) => {
      if (closed) return false;
      publishClient.publish(prefix + event.type, JSON.stringify(event.detail ?? null)).catch((error: Error) => {
        logger.error({ channel: event.type, error: error.message }, 'an event could not be published to Redis');
      });
      return true;
    },
  };
  return {
    transport: 'redis',
    pubSub: createPubSub({ eventTarget: target as never }) as FloorPubSub,
    target,
    // Redis answers commands on one connection in order: once our SUBSCRIBE is confirmed, so is the
    // listener's (subscribing twice to one channel is a no-op for Redis).
    ready: async (eventName) => {
      if (!closed) await subscribeClient.subscribe(prefix + eventName);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
