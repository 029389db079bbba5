import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoalescedUpdates } from './coalesced-updates.js';
import { LiveSubscription } from './live-subscription.js';
import { createInProcessBus, type EventBus } from './pubsub.js';

const T0 = 1_700_000_000_000;

/** The rate rule of live updates (kpiUpdated: at most 4 a second), on a clock the test moves. */
describe('CoalescedUpdates', () => {
  let bus: EventBus;
  let reads: number;
  let heard: number[];

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    bus = createInProcessBus();
    reads = 0;
    heard = [];
  });
  afterEach(() => vi.useRealTimers());

  const publish = (n: number) => bus.target.dispatchEvent(new CustomEvent('t:k', { detail: n }));

  function updates(interval = 250, concerns = (n: number) => n >= 0) {
    const live = new LiveSubscription<number>(bus.target, 't:k', bus.ready);
    return new CoalescedUpdates<number, number>(
      live,
      (n) => {
        heard.push(n);
        return Promise.resolve(concerns(n));
      },
      () => Promise.resolve(++reads),
      interval,
    );
  }

  /** Reads the next update, letting fake time run until it comes; returns when (ms) it came. */
  async function nextAt(it: CoalescedUpdates<number, number>): Promise<{ at: number; value: number | undefined }> {
    const next = it.next();
    await vi.runAllTimersAsync();
    const result = await next;
    return { at: Date.now() - T0, value: result.value };
  }

  it('sends the first update at once', async () => {
    const it = updates();
    publish(1);
    expect(await nextAt(it)).toEqual({ at: 0, value: 1 });
  });

  it('folds a burst into one update per interval, never two closer than the interval', async () => {
    const it = updates();
    publish(1);
    const first = await nextAt(it);
    for (let i = 2; i <= 12; i++) publish(i);
    const second = await nextAt(it);
    expect(first.at).toBe(0);
    expect(second.at).toBe(250);
    // Everything that arrived while waiting was swallowed into the second read.
    expect(reads).toBe(2);
    publish(13);
    const third = await nextAt(it);
    expect(third.at).toBe(500);
    expect(reads).toBe(3);
  });

  it('sends at once again after a quiet interval', async () => {
    const it = updates();
    publish(1);
    await nextAt(it);
    await vi.advanceTimersByTimeAsync(1_000);
    publish(2);
    expect((await nextAt(it)).at).toBe(1_000);
  });

  it('at most four updates a second under a steady stream', async () => {
    const it = updates();
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      publish(i);
      publish(i + 100);
      times.push((await nextAt(it)).at);
    }
    for (let i = 4; i < times.length; i++) expect(times[i]! - times[i - 4]!).toBeGreaterThanOrEqual(1_000);
  });

  it('skips events that do not concern the scope', async () => {
    const it = updates(250, (n) => n % 2 === 0);
    publish(1);
    publish(3);
    publish(4);
    expect((await nextAt(it)).value).toBe(1);
    expect(heard).toEqual([1, 3, 4]);
  });

  it('asks about what piled up all at once, so a slow question is waited for once, not once per event', async () => {
    const live = new LiveSubscription<number>(bus.target, 't:k', bus.ready);
    const asked: number[] = [];
    // Each answer takes 100 ms (a read of the database); only event 9 concerns the scope.
    const it = new CoalescedUpdates<number, number>(
      live,
      (n) => {
        asked.push(n);
        return new Promise((resolve) => setTimeout(() => resolve(n === 9), 100));
      },
      () => Promise.resolve(++reads),
      250,
    );
    for (let i = 0; i < 10; i++) publish(i);
    const first = await nextAt(it);
    expect(first).toEqual({ at: 100, value: 1 });
    expect(asked).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Nothing that concerns the scope: no update, and everything was heard.
    for (let i = 10; i < 15; i++) publish(i);
    const pending = it.next();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toHaveLength(15);
    publish(9);
    await vi.runAllTimersAsync();
    expect((await pending).value).toBe(2);
  });

  it('ends a waiting read when returned', async () => {
    const it = updates();
    const pending = it.next();
    await it.return();
    expect(await pending).toEqual({ value: undefined, done: true });
  });
});
