import type { LiveSubscription } from './live-subscription.js';

/**
 * The events of the floor, read one at a time: an event that concerns the scope waits out what is left of
 * the interval since the last update, swallows every event that came meanwhile, and becomes one read.
 */
export class CoalescedUpdates<T, E> implements AsyncIterableIterator<T> {
  private lastUpdate = 0;
  private ended = false;

  constructor(
    private readonly live: LiveSubscription<E>,
    private readonly concerns: (event: E) => Promise<boolean>,
    private readonly read: () => Promise<T>,
    private readonly intervalMs: number,
  ) {}

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      const event = await this.live.next();
      if (event.done || this.ended) return this.finished();
      // What piled up while the last update was read or sent is asked about at once, not one event after
      // another: a question may need the database (kpiUpdated: the teams of a change's agents), and a
      // subscription that waited out one answer per event would fall ever further behind a busy floor.
      const waiting = [event.value, ...this.live.drain()];
      const answers = await Promise.all(waiting.map((e) => this.concerns(e)));
      if (this.ended) return this.finished();
      if (!answers.includes(true)) continue;
      const wait = this.lastUpdate + this.intervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (this.ended) return this.finished();
      // Everything that arrived while waiting is committed, so the read below includes it.
      this.live.drain();
      const value = await this.read();
      // Counted from when the update leaves, so updates leave at least the interval apart however long a read takes.
      this.lastUpdate = Date.now();
      return { value, done: false };
    }
  }

  async return(): Promise<IteratorResult<T>> {
    this.ended = true;
    await this.live.return();
    return this.finished();
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finished(): IteratorResult<T> {
    return { value: undefined, done: true };
  }
}
