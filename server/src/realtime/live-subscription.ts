import type { BusListener, BusTarget } from './pubsub.js';

/** A subscriber that stops reading cannot make the server hold events without bound. */
export const MAX_BUFFERED = 1_000;

/**
 * The events of one `topic:key` from the moment it is created: listening starts in the constructor
 * (not on the first `next()`, as with a lazy Repeater), and events wait in a buffer until read, so a
 * caller can subscribe first and replay history second without losing what arrives in between.
 *
 * `return()` ends it at once, also while a `next()` is waiting; an async generator could not (its
 * return waits for the body's next `yield`), and graphql-ws returns subscriptions when a socket closes.
 */
export class LiveSubscription<T> implements AsyncIterableIterator<T> {
  /** Resolves once events published from now on are heard (see EventBus.ready). */
  readonly ready: Promise<void>;
  /** Set when the buffer overflowed and the oldest events were dropped. */
  overflowed = false;
  private readonly buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private ended = false;
  private readonly listener: BusListener;

  constructor(
    private readonly target: BusTarget,
    private readonly eventName: string,
    ready: (eventName: string) => Promise<void>,
    private readonly released?: () => void,
  ) {
    this.listener = (event) => this.push(event.detail as T);
    target.addEventListener(eventName, this.listener);
    this.ready = ready(eventName);
    // Nobody may await `ready` (a caller that failed before); its rejection must not go unhandled.
    this.ready.catch(() => undefined);
  }

  private push(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
      return;
    }
    if (this.buffer.length >= MAX_BUFFERED) {
      this.buffer.shift();
      this.overflowed = true;
    }
    this.buffer.push(value);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Events already buffered, without waiting. */
  drain(): T[] {
    return this.buffer.splice(0);
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.ended = true;
      this.buffer.length = 0;
      this.target.removeEventListener(this.eventName, this.listener);
      this.released?.();
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve?.({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
