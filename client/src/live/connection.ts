import { useSyncExternalStore } from 'react';

/**
 * The state of the live (WebSocket) link, for the indicator every live screen shows, and a
 * generation that moves on each reconnect so screens can catch up on what they missed.
 */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

interface LiveState {
  status: LiveStatus;
  /** 0 before the first connection; +1 on every (re)connection. */
  generation: number;
}

let state: LiveState = { status: 'idle', generation: 0 };
const listeners = new Set<() => void>();

function set(next: LiveState): void {
  state = next;
  for (const l of listeners) l();
}

export function liveConnecting(): void {
  set({ ...state, status: state.generation > 0 ? 'reconnecting' : 'connecting' });
}

export function liveConnected(): void {
  set({ status: 'connected', generation: state.generation + 1 });
}

export function liveClosed(): void {
  // A close after a connection is a drop until the retry connects again.
  set({ ...state, status: state.generation > 0 ? 'reconnecting' : 'idle' });
}

export function resetLive(): void {
  set({ status: 'idle', generation: 0 });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLive(): LiveState {
  return useSyncExternalStore(subscribe, () => state);
}
