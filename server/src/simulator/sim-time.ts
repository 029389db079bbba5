/**
 * The simulator's two notions of time: the server's clock (every instant sent to the API) and waiting
 * (how agents spend the floor seconds of a call, a break or an idle spell).
 */

export interface SimTime {
  /** The server's clock, as well as the simulator knows it: never ahead of it. */
  now(): Date;
  /** Waits `ms` (already scaled to the wall clock), or until `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** A server instant read from an answer (a lease's start), for clocks that learn from them. */
  observe?(serverNow: Date): void;
  /** Agent loops join before their first step and leave after their last (virtual time needs the count). */
  join(): void;
  leave(): void;
}

const realSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** In-process (`pnpm start`): the server's own clock, real waits. */
export function realTime(clock: { now(): Date }): SimTime {
  return { now: () => clock.now(), sleep: realSleep, join() {}, leave() {} };
}

/**
 * A remote server's clock, learned from the instants its answers carry. Each observation is a lower
 * bound of the server's "now"; between observations the estimate runs at the rate the server's clock
 * has been seen to run (0 for a clock that stands still, as with CLOCK_NOW; at most real time), less a
 * second of margin for the round trip, and never below the latest observation.
 */
export class ServerClockEstimate {
  private first: { server: number; local: number } | null = null;
  private last: { server: number; local: number } | null = null;

  constructor(private readonly localNow: () => number = Date.now) {}

  observe(serverNow: Date): void {
    const o = { server: serverNow.getTime(), local: this.localNow() };
    this.first ??= o;
    if (!this.last || o.server >= this.last.server) this.last = o;
  }

  /** How many server milliseconds pass per local millisecond, 0-1; 0 until seen over 10 seconds. */
  rate(): number {
    if (!this.first || !this.last) return 0;
    const local = this.last.local - this.first.local;
    if (local < 10_000) return 0;
    return Math.max(0, Math.min(1, (this.last.server - this.first.server) / local));
  }

  now(): Date {
    if (!this.last) return new Date(this.localNow() - 1000);
    const ahead = this.rate() * (this.localNow() - this.last.local) - 1000;
    return new Date(this.last.server + Math.max(0, ahead));
  }
}

/** `pnpm simulate` against a server over HTTP: its clock estimated from leases, real waits. */
export function remoteTime(estimate = new ServerClockEstimate()): SimTime {
  return { now: () => estimate.now(), observe: (at) => estimate.observe(at), sleep: realSleep, join() {}, leave() {} };
}

/**
 * Virtual time over a clock the caller may move (a test's FixedClock): while any agent is busy
 * (waiting on the server) time stands still; when every agent sleeps, the clock jumps to the earliest
 * wake-up (taking along those due within `quantumMs` of it). Agents then live through minutes of floor
 * time in milliseconds, the clock never behind what any agent expects, and nothing depends on the wall
 * clock.
 */
export function virtualTime(clock: { now(): Date; advance(ms: number): void }, quantumMs = 30_000): SimTime {
  let members = 0;
  let sleepers: Array<{ wakeAt: number; resolve: () => void }> = [];
  let scheduled = false;

  const wakeEarliest = () => {
    scheduled = false;
    if (sleepers.length === 0 || sleepers.length < members) return;
    // Everyone due within the quantum wakes together (a little late, as people do): they work side by side.
    const earliest = Math.min(...sleepers.map((s) => s.wakeAt));
    const due = sleepers.filter((s) => s.wakeAt <= earliest + quantumMs);
    sleepers = sleepers.filter((s) => !due.includes(s));
    const wakeAt = Math.max(...due.map((s) => s.wakeAt));
    const ahead = wakeAt - clock.now().getTime();
    if (ahead > 0) clock.advance(ahead);
    for (const s of due) s.resolve();
  };
  // Checked on the next turn of the event loop, so an agent that just woke has run up to its next request.
  const maybeAdvance = () => {
    if (!scheduled && sleepers.length > 0 && sleepers.length >= members) {
      scheduled = true;
      setImmediate(wakeEarliest);
    }
  };

  return {
    now: () => clock.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const sleeper = {
          wakeAt: clock.now().getTime() + Math.max(0, Math.round(ms)),
          resolve: () => {
            signal.removeEventListener('abort', abort);
            resolve();
          },
        };
        const abort = () => {
          sleepers = sleepers.filter((s) => s !== sleeper);
          sleeper.resolve();
        };
        signal.addEventListener('abort', abort, { once: true });
        sleepers.push(sleeper);
        maybeAdvance();
      }),
    join: () => {
      members++;
    },
    leave: () => {
      members--;
      maybeAdvance();
    },
  };
}
