import { useSyncExternalStore } from 'react';

/**
 * The session token, kept in localStorage so a reload stays signed in. Every reader (the Apollo
 * links, the React tree, other tabs through the `storage` event) sees the same value.
 */
const TOKEN_KEY = 'openfloor.token';

type Listener = () => void;
const listeners = new Set<Listener>();

let token: string | null = readStoredToken();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
/** Why the last session ended when the user did not ask for it; shown on the sign-in page. */
let signOutNotice: string | null = null;

function readStoredToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage can be disabled (privacy modes); the session then lasts as long as the page.
    return null;
  }
}

function writeStoredToken(value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(TOKEN_KEY);
    else window.localStorage.setItem(TOKEN_KEY, value);
  } catch {
    // See readStoredToken.
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** The token's `exp` (ms since epoch), read without verifying: the server stays the judge. */
export function tokenExpiry(value: string): number | null {
  const part = value.split('.')[1];
  if (!part) return null;
  try {
    const json: unknown = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
    const exp = json && typeof json === 'object' && 'exp' in json ? json.exp : undefined;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export const EXPIRED_NOTICE = 'SESSION_EXPIRED';

/** Ends the session when its token runs out, rather than at the next failed request. */
function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  if (!token) return;
  const expiry = tokenExpiry(token);
  if (expiry === null) return;
  const left = expiry - Date.now();
  if (left <= 0) {
    signOut(EXPIRED_NOTICE);
    return;
  }
  // setTimeout holds at most ~24.8 days.
  expiryTimer = setTimeout(scheduleExpiry, Math.min(left, 2 ** 31 - 1));
}

export function getToken(): string | null {
  return token;
}

/** The value for `Authorization` (HTTP) and `connectionParams.authorization` (WebSocket). */
export function authorization(): string | undefined {
  return token ? `Bearer ${token}` : undefined;
}

export function signIn(newToken: string): void {
  token = newToken;
  signOutNotice = null;
  writeStoredToken(newToken);
  scheduleExpiry();
  notify();
}

/** `notice` is set when the server ended the session (expired or revoked token). */
export function signOut(notice?: string): void {
  if (token === null && notice === undefined) return;
  token = null;
  signOutNotice = notice ?? null;
  writeStoredToken(null);
  clearTimeout(expiryTimer);
  notify();
}

export function getSignOutNotice(): string | null {
  return signOutNotice;
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Signing in or out in another tab applies here too.
window.addEventListener('storage', (event) => {
  if (event.key !== TOKEN_KEY && event.key !== null) return;
  const stored = readStoredToken();
  if (stored === token) return;
  token = stored;
  scheduleExpiry();
  notify();
});

scheduleExpiry();

export function useToken(): string | null {
  return useSyncExternalStore(subscribe, getToken);
}
