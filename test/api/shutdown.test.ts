import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { login } from '../utils/graphql.js';
import { startTestServer } from '../utils/server.js';

describe('graceful shutdown', () => {
  it('closes WebSockets as going away and stops listening', async () => {
    const server = await startTestServer();
    const token = await login(server.url, 'manager@demo.test');
    const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    const closed = new Promise<number>((resolve) => client.on('closed', (e) => resolve((e as { code: number }).code)));
    await server.stop();
    expect(await closed).toBe(1001);
    await expect(fetch(`${server.origin}/healthz`)).rejects.toThrow();
    await client.dispose();
  });
});
