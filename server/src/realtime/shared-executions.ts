import {
  createSourceEventStream,
  execute,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  print,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { AppError } from '../graphql/errors.js';
import { MAX_BUFFERED } from './live-subscription.js';

/** A live operation as the sharing policy sees it: its one root field, that field's arguments, the subscriber's context. */
export interface LiveOperation {
  field: string;
  args: Readonly<Record<string, unknown>>;
  contextValue: unknown;
}

export interface SharedExecutionsOptions {
  /** Off: every subscription runs alone, as graphql-js's own `subscribe` would run it. */
  enabled: boolean;
  /** Who may receive this operation's results besides its subscriber (a key of the viewer's reach), or null: nobody. */
  audienceOf(operation: LiveOperation): string | null;
  /** Results one subscriber may have waiting before it is ended as too slow. */
  maxBuffered?: number;
}

export interface LiveStats {
  /** Selection sets executed for events since start, shared or not. */
  executions: number;
  /** Results handed to subscribers since start. */
  deliveries: number;
  /** Live subscriptions now open, shared or not. */
  subscriptions: number;
  /** Shared sources now open (one source stream and one execution per event each). */
  sharedStreams: number;
}

type Subscribed = AsyncGenerator<ExecutionResult, void, void> | ExecutionResult;

/**
 * graphql-ws's `subscribe`, with subscriptions that would compute the same results sharing the work.
 *
 * Subscribers whose operation (printed document, operation name, coerced variables) and audience
 * (the policy's key of the viewer's reach) are equal get one source stream and one execution per
 * event between them, each result multicast to all. Each subscriber still runs the field's own
 * `subscribe` first, with its own context: authentication, reach and argument checks refuse it alone,
 * exactly as before. A subscriber joining a running stream drops the source it opened for those checks
 * and receives from the stream's next result on.
 *
 * Every subscriber reads from a queue of its own, so a slow socket never holds the others back; one
 * that lets `maxBuffered` results pile up is detached, gets what it had waiting, then an error
 * SUBSCRIBER_TOO_SLOW (a callLogged client resumes from its last cursor with `after`, losing nothing).
 * The shared source is returned when the last subscriber leaves.
 */
export class SharedExecutions {
  private readonly streams = new Map<string, SharedStream>();
  private readonly maxBuffered: number;
  private executions = 0;
  private deliveries = 0;
  private alone = 0;

  constructor(private readonly options: SharedExecutionsOptions) {
    this.maxBuffered = options.maxBuffered ?? MAX_BUFFERED;
  }

  readonly subscribe = async (args: ExecutionArgs): Promise<Subscribed> => {
    const key = this.options.enabled ? this.keyOf(args) : null;
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    return key === null ? this.runAlone(source[Symbol.asyncIterator](), args) : this.join(key, source[Symbol.asyncIterator](), args);
  };

  stats(): LiveStats {
    let sharing = 0;
    for (const stream of this.streams.values()) sharing += stream.size;
    return { executions: this.executions, deliveries: this.deliveries, subscriptions: this.alone + sharing, sharedStreams: this.streams.size };
  }

  /** The sharing key of a subscription, or null when it runs alone (also whenever its shape is unusual). */
  private keyOf(args: ExecutionArgs): string | null {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation || operation.operation !== 'subscription') return null;
    const [root, ...more] = operation.selectionSet.selections;
    if (!root || more.length > 0 || root.kind !== Kind.FIELD || root.directives?.length) return null;
    const field = args.schema.getSubscriptionType()?.getFields()[root.name.value];
    if (!field) return null;
    const variables = getVariableValues(args.schema, operation.variableDefinitions ?? [], (args.variableValues ?? {}) as Record<string, unknown>);
    if (variables.errors) return null;
    let fieldArgs: Record<string, unknown>;
    try {
      fieldArgs = getArgumentValues(field, root, variables.coerced);
    } catch {
      return null;
    }
    const audience = this.options.audienceOf({ field: root.name.value, args: fieldArgs, contextValue: args.contextValue });
    if (audience === null) return null;
    return operationKey(print(args.document), args.operationName ?? null, variables.coerced, audience);
  }

  private join(key: string, source: AsyncIterator<unknown>, args: ExecutionArgs): Subscribed {
    const running = this.streams.get(key);
    if (running) {
      returnQuietly(source);
      return running.add();
    }
    const stream = new SharedStream(source, args, this.maxBuffered, {
      executed: (receivers) => {
        this.executions += 1;
        this.deliveries += receivers;
      },
      closed: () => {
        if (this.streams.get(key) === stream) this.streams.delete(key);
      },
    });
    this.streams.set(key, stream);
    const subscriber = stream.add();
    void stream.run();
    return subscriber;
  }

  /** One subscriber, one execution per event: graphql-js's own mapping of a source stream, counted. */
  private runAlone(source: AsyncIterator<unknown>, args: ExecutionArgs): AsyncGenerator<ExecutionResult, void, void> {
    this.alone += 1;
    let open = true;
    const leave = () => {
      if (open) this.alone -= 1;
      open = false;
    };
    const done = (): IteratorResult<ExecutionResult, void> => ({ value: undefined, done: true });
    const generator: AsyncGenerator<ExecutionResult, void, void> = {
      next: async () => {
        let event: IteratorResult<unknown>;
        try {
          event = await source.next();
        } catch (error) {
          leave();
          throw error;
        }
        if (event.done) {
          leave();
          return done();
        }
        let result: ExecutionResult;
        try {
          result = await execute({ ...args, rootValue: event.value });
        } catch (error) {
          // As graphql-js does: a failed execution ends the subscription and gives its source back.
          leave();
          returnQuietly(source);
          throw error;
        }
        this.executions += 1;
        this.deliveries += 1;
        return { value: result, done: false };
      },
      return: async () => {
        leave();
        await source.return?.();
        return done();
      },
      throw: async (error) => {
        leave();
        await source.return?.();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return generator;
      },
    };
    return generator;
  }
}

/**
 * The identity of a shareable operation: equal keys, equal results. The variables are graphql-js's
 * coerced values, built in the order the document declares them (input objects in the schema's field
 * order, unknown variables dropped), so equal operations give equal JSON whatever order a client sent.
 */
function operationKey(printedDocument: string, operationName: string | null, variables: Readonly<Record<string, unknown>>, audience: string): string {
  return JSON.stringify([printedDocument, operationName, variables, audience]);
}

interface StreamHooks {
  executed(receivers: number): void;
  closed(): void;
}

/** One source stream, one execution per event, every result pushed to each subscriber's own queue. */
class SharedStream {
  private readonly subscribers = new Set<SubscriberQueue>();
  private closed = false;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly args: ExecutionArgs,
    private readonly maxBuffered: number,
    private readonly hooks: StreamHooks,
  ) {}

  add(): SubscriberQueue {
    const subscriber = new SubscriberQueue(this.maxBuffered, () => this.remove(subscriber));
    this.subscribers.add(subscriber);
    return subscriber;
  }

  /** Subscribers still reading; a stream leaves the registry when this falls to zero. */
  get size(): number {
    return this.subscribers.size;
  }

  async run(): Promise<void> {
    try {
      for (;;) {
        const event = await this.source.next();
        if (event.done || this.closed) break;
        const result = await execute({ ...this.args, rootValue: event.value });
        if (this.closed) break;
        const receivers = [...this.subscribers];
        this.hooks.executed(receivers.length);
        for (const subscriber of receivers) subscriber.push(result);
      }
      this.end((subscriber) => subscriber.end());
    } catch (error) {
      this.end((subscriber) => subscriber.fail(error));
    }
  }

  private remove(subscriber: SubscriberQueue): void {
    if (!this.subscribers.delete(subscriber)) return;
    if (this.subscribers.size === 0) this.close();
  }

  /** The last subscriber left: nobody joins this stream any more, and its source is given back. */
  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.hooks.closed();
    returnQuietly(this.source);
  }

  /** The source ended (or failed) on its own: every subscriber finishes what it has, then ends the same way. */
  private end(finish: (subscriber: SubscriberQueue) => void): void {
    const remaining = [...this.subscribers];
    this.subscribers.clear();
    for (const subscriber of remaining) finish(subscriber);
    this.close();
  }
}

/**
 * One subscriber's results, read by graphql-ws at the pace of its socket. `return()` (the client
 * completed, or its socket closed) leaves the stream at once, also while a `next()` is waiting.
 */
class SubscriberQueue implements AsyncGenerator<ExecutionResult, void, void> {
  private readonly buffer: ExecutionResult[] = [];
  private waiting: { resolve: (result: IteratorResult<ExecutionResult, void>) => void; reject: (error: unknown) => void } | undefined;
  private state: 'open' | 'ending' | 'failing' | 'done' = 'open';
  private error: unknown;

  constructor(
    private readonly maxBuffered: number,
    private readonly leave: () => void,
  ) {}

  push(result: ExecutionResult): void {
    if (this.state !== 'open') return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting.resolve({ value: result, done: false });
      return;
    }
    if (this.buffer.length >= this.maxBuffered) {
      this.fail(new AppError('SUBSCRIBER_TOO_SLOW', `More than ${this.maxBuffered} results were waiting to be sent; subscribe again (callLogged: with after set to the last cursor received).`));
      this.leave();
      return;
    }
    this.buffer.push(result);
  }

  /** No more results: what is buffered is still delivered, then the subscription completes. */
  end(): void {
    if (this.state !== 'open') return;
    this.state = 'ending';
    this.settleWaiting();
  }

  /** No more results: what is buffered is still delivered, then `error`. */
  fail(error: unknown): void {
    if (this.state !== 'open') return;
    this.state = 'failing';
    this.error = error;
    this.settleWaiting();
  }

  next(): Promise<IteratorResult<ExecutionResult, void>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.state === 'failing') {
      this.state = 'done';
      return Promise.reject(this.error);
    }
    if (this.state !== 'open') {
      this.state = 'done';
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<ExecutionResult, void>> {
    const wasOpen = this.state === 'open';
    this.state = 'done';
    this.buffer.length = 0;
    if (wasOpen) this.leave();
    this.settleWaiting();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<ExecutionResult, void>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private settleWaiting(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    if (this.state === 'failing') {
      this.state = 'done';
      waiting.reject(this.error);
    } else {
      if (this.state === 'ending') this.state = 'done';
      waiting.resolve({ value: undefined, done: true });
    }
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}

function returnQuietly(source: AsyncIterator<unknown>): void {
  void Promise.resolve()
    .then(() => source.return?.())
    .catch(() => undefined);
}
