import WebSocket from 'ws';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';

/**
 * One graphql-ws subscription as a test sees it: every result with the moment it arrived, waits with a
 * deadline, and a way to know the subscription is live before measuring anything.
 */
export class Subscriber {
  readonly received: Array<{ at: number; result: FormattedExecutionResult<any, unknown> }> = [];
  /** The server completed the subscription (or the client did, through `unsubscribe`). */
  completed = false;
  /** Set once the socket has closed, with its close code. */
  closeCode: number | undefined;
  private readonly client: Client;
  private readonly stop: () => void;
  private wake: () => void = () => undefined;

  constructor(wsUrl: string, token: string, query: string, variables: Record<string, unknown> = {}) {
    this.client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      // A socket the server closes (an ended session) reaches the subscription's error callback; no console noise.
      onNonLazyError: () => undefined,
    });
    this.client.on('closed', (event) => {
      this.closeCode = (event as { code: number }).code;
      this.wake();
    });
    this.stop = this.client.subscribe(
      { query, variables },
      {
        next: (result) => {
          this.received.push({ at: performance.now(), result });
          this.wake();
        },
        error: (error) => {
          this.received.push({ at: performance.now(), result: { errors: Array.isArray(error) ? error : [error as never] } });
          this.wake();
        },
        complete: () => {
          this.completed = true;
          this.wake();
        },
      },
    );
  }

  /** Waits until `count` results arrived, or `ms` passed. */
  async until(count: number, ms = 3_000): Promise<void> {
    const deadline = performance.now() + ms;
    while (this.received.length < count && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, Math.max(1, deadline - performance.now()));
      });
    }
  }

  /**
   * A subscription is live once the server has started it, which a client cannot see: poke (make a change
   * the subscription hears) until an update arrives, let a coalesced one follow, and start from nothing.
   */
  async live(poke: () => Promise<unknown>, settleMs = 500): Promise<void> {
    const deadline = performance.now() + 15_000;
    while (performance.now() < deadline) {
      await poke();
      await this.until(1, 500);
      if (this.received.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        this.received.length = 0;
        return;
      }
    }
    throw new Error('the subscription never went live');
  }

  /** Completes the subscription from the client's side; the socket stays open. */
  unsubscribe(): void {
    this.stop();
  }

  close(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}
