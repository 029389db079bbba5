import { decodeJwt } from 'jose';
import type { Clock } from '../shared/clock.js';

/** graphql-ws's close code for an unauthorized socket; clients do not retry it. */
export const SESSION_EXPIRED_CLOSE_CODE = 4401;
const SESSION_EXPIRED_REASON = 'Session expired';

export interface ClosableSocket {
  close(code: number, reason: string): void;
}

/**
 * WebSocket connections live longer than the token that opened them: a token is checked once, at
 * connection_init. Each connection's expiry is kept here and the socket is closed with 4401 once the
 * server clock passes it: on a sweep every second, and before any event is sent, so a client never
 * receives data after its session ended. Time is the injected clock, so a test moves it and sweeps.
 */
export class LiveSessions {
  private readonly expiries = new Map<ClosableSocket, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly clock: Clock) {}

  /** Remembers when the session behind `authorization` ends (API keys and anonymous sockets: never). */
  track(socket: ClosableSocket, authorization: string | undefined): void {
    const expiresAt = tokenExpiry(authorization);
    if (expiresAt !== undefined) this.expiries.set(socket, expiresAt);
  }

  forget(socket: ClosableSocket): void {
    this.expiries.delete(socket);
  }

  /** Closes `socket` with 4401 when its session has ended; true when it did. */
  closeIfExpired(socket: ClosableSocket): boolean {
    const expiresAt = this.expiries.get(socket);
    if (expiresAt === undefined || this.clock.now().getTime() < expiresAt) return false;
    this.expiries.delete(socket);
    socket.close(SESSION_EXPIRED_CLOSE_CODE, SESSION_EXPIRED_REASON);
    return true;
  }

  /** Closes every socket whose session has ended; returns how many. */
  sweep(): number {
    let closed = 0;
    for (const socket of [...this.expiries.keys()]) if (this.closeIfExpired(socket)) closed += 1;
    return closed;
  }

  start(intervalMs = 1_000): void {
    this.stop();
    this.timer = setInterval(() => this.sweep(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The `exp` of a bearer JWT (already verified by the caller), in ms; undefined for API keys and no token. */
function tokenExpiry(authorization: string | undefined): number | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
  if (!token || token.startsWith('ofk_')) return undefined;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
