import { describe, expect, it } from 'vitest';
import {
  GraphQLError,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionResult,
} from 'graphql';
import { SharedExecutions } from './shared-executions.js';

/** A source stream of numbers the test pushes into, per channel; knows which sources are open. */
class Hub {
  readonly open = new Set<Source>();
  opened = 0;

  source(channel: string): Source {
    const source = new Source(channel, this);
    this.open.add(source);
    this.opened += 1;
    return source;
  }

  publish(channel: string, value: number): void {
    for (const source of this.open) if (source.channel === channel) source.push(value);
  }

  end(channel: string): void {
    for (const source of [...this.open]) if (source.channel === channel) source.finish();
  }

  fail(channel: string, error: Error): void {
    for (const source of [...this.open]) if (source.channel === channel) source.fail(error);
  }

  openOn(channel: string): number {
    return [...this.open].filter((s) => s.channel === channel).length;
  }
}

class Source implements AsyncIterableIterator<number> {
  private readonly queue: number[] = [];
  private waiting: ((r: IteratorResult<number>) => void) | undefined;
  private failing: ((error: Error) => void) | undefined;
  private failure: Error | undefined;
  private done = false;

  constructor(
    readonly channel: string,
    private readonly hub: Hub,
  ) {}

  push(value: number): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value, done: false });
    } else this.queue.push(value);
  }

  finish(): void {
    this.done = true;
    this.hub.open.delete(this);
    this.waiting?.({ value: undefined, done: true });
  }

  /** The bus broke: the pending read (or the next one) rejects. */
  fail(error: Error): void {
    this.failure = error;
    this.hub.open.delete(this);
    this.failing?.(error);
  }

  next(): Promise<IteratorResult<number>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failing = reject;
    });
  }

  return(): Promise<IteratorResult<number>> {
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

interface Ctx {
  reach: string;
  refuse?: boolean;
}

function setup(options: { enabled?: boolean; maxBuffered?: number } = {}) {
  const hub = new Hub();
  let resolved = 0;
  const Tick = new GraphQLObjectType({
    name: 'Tick',
    fields: {
      n: { type: GraphQLInt },
      seenAs: { type: GraphQLString, resolve: (_root, _args, ctx: Ctx) => ctx.reach },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        ticks: {
          type: Tick,
          args: { channel: { type: new GraphQLNonNull(GraphQLString) }, after: { type: GraphQLInt } },
          subscribe: (_root, args: { channel: string }, ctx: Ctx) => {
            if (ctx.refuse) throw new GraphQLError('You may not follow this channel.', { extensions: { code: 'FORBIDDEN' } });
            return hub.source(args.channel);
          },
          resolve: (n: number) => {
            resolved += 1;
            return { n };
          },
        },
      },
    }),
  });
  const shared = new SharedExecutions({
    enabled: options.enabled ?? true,
    maxBuffered: options.maxBuffered,
    audienceOf: ({ field, args, contextValue }) => (field === 'ticks' && args.after == null ? (contextValue as Ctx).reach : null),
  });
  const TICKS = 'subscription($channel: String!, $after: Int) { ticks(channel: $channel, after: $after) { n seenAs } }';
  const subscribe = async (variables: Record<string, unknown>, ctx: Ctx, query = TICKS) =>
    shared.subscribe({ schema, document: parse(query), variableValues: variables, contextValue: ctx });
  return { hub, shared, subscribe, resolved: () => resolved, TICKS };
}

type Subscribed = Awaited<ReturnType<ReturnType<typeof setup>['subscribe']>>;

/** Reads a subscription in the background, as graphql-ws does. */
function reader(subscribed: Subscribed) {
  const results: ExecutionResult[] = [];
  let error: unknown;
  let completed = false;
  const iterator = subscribed as AsyncGenerator<ExecutionResult>;
  const done = (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        results.push(next.value);
      }
      completed = true;
    } catch (e) {
      error = e;
    }
  })();
  return {
    results,
    values: () => results.map((r) => (r.data as { ticks: { n: number } }).ticks.n),
    error: () => error,
    completed: () => completed,
    done,
    leave: () => iterator.return(undefined),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SharedExecutions', () => {
  it('gives subscribers of one operation and audience one source and one execution per event, the same result to each', async () => {
    const { hub, shared, subscribe, resolved } = setup();
    const readers = [];
    for (let i = 0; i < 20; i++) readers.push(reader(await subscribe({ channel: 'team-1' }, { reach: 'SUPERVISOR;team=1' })));
    await settle();
    expect(hub.openOn('team-1')).toBe(1);
    expect(hub.opened).toBe(20);

    hub.publish('team-1', 7);
    await settle();
    expect(resolved()).toBe(1);
    for (const r of readers) expect(r.results).toEqual([{ data: { ticks: { n: 7, seenAs: 'SUPERVISOR;team=1' } } }]);
    expect(new Set(readers.map((r) => r.results[0])).size).toBe(1);
    expect(shared.stats()).toEqual({ executions: 1, deliveries: 20, subscriptions: 20, sharedStreams: 1 });
  });

  it('treats formatting and the order of variables as the same operation', async () => {
    const { hub, subscribe, TICKS } = setup();
    const a = reader(await subscribe({ channel: 'c', after: null }, { reach: 'r' }));
    const b = reader(await subscribe({ after: null, channel: 'c', unused: 1 }, { reach: 'r' }, TICKS.replace(/\s+/g, '  \n ')));
    await settle();
    expect(hub.openOn('c')).toBe(1);
    hub.publish('c', 1);
    await settle();
    expect([a.values(), b.values()]).toEqual([[1], [1]]);
  });

  it('keeps other arguments, other audiences, replays and a switched-off sharing apart', async () => {
    const { hub, subscribe } = setup();
    await subscribe({ channel: 'a' }, { reach: 'r1' });
    await subscribe({ channel: 'a' }, { reach: 'r2' });
    await subscribe({ channel: 'b' }, { reach: 'r1' });
    await subscribe({ channel: 'a', after: 3 }, { reach: 'r1' });
    await subscribe({ channel: 'a', after: 3 }, { reach: 'r1' });
    await settle();
    expect(hub.openOn('a')).toBe(4);
    expect(hub.openOn('b')).toBe(1);

    const off = setup({ enabled: false });
    const readers = [reader(await off.subscribe({ channel: 'a' }, { reach: 'r' })), reader(await off.subscribe({ channel: 'a' }, { reach: 'r' }))];
    off.hub.publish('a', 5);
    await settle();
    expect(off.hub.openOn('a')).toBe(2);
    expect(readers.map((r) => r.values())).toEqual([[5], [5]]);
    expect(off.shared.stats()).toMatchObject({ executions: 2, sharedStreams: 0, subscriptions: 2 });
  });

  it('refuses a subscriber at subscribe time on its own, leaving the stream it would have joined alone', async () => {
    const { hub, subscribe } = setup();
    const member = reader(await subscribe({ channel: 'a' }, { reach: 'r' }));
    const refused = await subscribe({ channel: 'a' }, { reach: 'r', refuse: true });
    expect(Symbol.asyncIterator in (refused as object)).toBe(false);
    expect((refused as ExecutionResult).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    hub.publish('a', 1);
    await settle();
    expect(member.values()).toEqual([1]);
  });

  it('fails every subscriber of a stream whose source fails, and the next subscriber opens a fresh one', async () => {
    const { hub, shared, subscribe } = setup();
    const a = await subscribe({ channel: 'x' }, { reach: 'r' });
    const b = await subscribe({ channel: 'x' }, { reach: 'r' });
    await settle();
    const reads = [a, b].map((s) => (s as AsyncGenerator<ExecutionResult>).next());
    hub.fail('x', new Error('bus down'));
    for (const read of reads) await expect(read).rejects.toThrow('bus down');
    await settle();
    expect(shared.stats()).toMatchObject({ subscriptions: 0, sharedStreams: 0 });

    const opened = hub.opened;
    const c = reader(await subscribe({ channel: 'x' }, { reach: 'r' }));
    await settle();
    expect(hub.opened).toBe(opened + 1);
    hub.publish('x', 3);
    await settle();
    expect(c.values()).toEqual([3]);
  });

  it('keeps delivering to the others when one leaves, and gives the source back when the last one does', async () => {
    const { hub, shared, subscribe } = setup();
    const [a, b, c] = [reader(await subscribe({ channel: 'a' }, { reach: 'r' })), reader(await subscribe({ channel: 'a' }, { reach: 'r' })), reader(await subscribe({ channel: 'a' }, { reach: 'r' }))];
    await a.leave();
    hub.publish('a', 1);
    await settle();
    expect([a.values(), b.values(), c.values()]).toEqual([[], [1], [1]]);
    expect(a.completed()).toBe(true);

    await b.leave();
    await c.leave();
    await settle();
    expect(hub.openOn('a')).toBe(0);
    expect(shared.stats()).toMatchObject({ subscriptions: 0, sharedStreams: 0 });

    // The next subscriber starts a stream of its own.
    const d = reader(await subscribe({ channel: 'a' }, { reach: 'r' }));
    await settle();
    expect(hub.openOn('a')).toBe(1);
    hub.publish('a', 2);
    await settle();
    expect(d.values()).toEqual([2]);
  });

  it('lets a subscriber join a running stream and receive from its next event on, none lost', async () => {
    const { hub, subscribe } = setup();
    const first = reader(await subscribe({ channel: 'a' }, { reach: 'r' }));
    hub.publish('a', 1);
    await settle();
    const late = reader(await subscribe({ channel: 'a' }, { reach: 'r' }));
    for (let n = 2; n <= 50; n++) hub.publish('a', n);
    await settle();
    expect(first.values()).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(late.values()).toEqual(Array.from({ length: 49 }, (_, i) => i + 2));
  });

  it('ends a subscriber that lets too many results wait, after what it had, without holding back the others', async () => {
    const { hub, shared, subscribe } = setup({ maxBuffered: 3 });
    const fast = reader(await subscribe({ channel: 'a' }, { reach: 'r' }));
    const slow = (await subscribe({ channel: 'a' }, { reach: 'r' })) as AsyncGenerator<ExecutionResult>;
    for (let n = 1; n <= 6; n++) hub.publish('a', n);
    await settle();
    expect(fast.values()).toEqual([1, 2, 3, 4, 5, 6]);
    const got: number[] = [];
    await expect(
      (async () => {
        for (;;) {
          const next = await slow.next();
          if (next.done) return;
          got.push((next.value.data as { ticks: { n: number } }).ticks.n);
        }
      })(),
    ).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    expect(got).toEqual([1, 2, 3]);
    expect(shared.stats()).toMatchObject({ subscriptions: 1, sharedStreams: 1 });
  });

  it('completes every subscriber, after what it had waiting, when the source ends', async () => {
    const { hub, shared, subscribe } = setup();
    const a = reader(await subscribe({ channel: 'a' }, { reach: 'r' }));
    const b = reader(await subscribe({ channel: 'a' }, { reach: 'r' }));
    hub.publish('a', 1);
    hub.end('a');
    await Promise.all([a.done, b.done]);
    expect([a.values(), b.values(), a.completed(), b.completed()]).toEqual([[1], [1], true, true]);
    expect(shared.stats()).toMatchObject({ subscriptions: 0, sharedStreams: 0 });
  });
});
