import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { authorization, EXPIRED_NOTICE, getToken, signOut, subscribe } from './auth';
import { readableErrors } from './errors';
import { liveClosed, liveConnected, liveConnecting, resetLive } from './live/connection';

/** Same origin as the page: the server serves the app and GraphQL, and `vite dev` proxies /graphql. */
export const GRAPHQL_PATH = '/graphql';

export function graphqlWsUrl(location: Location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}${GRAPHQL_PATH}`;
}

const SESSION_REFUSED = new Set([4401, 4403]);

function isSessionRefusal(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'code' in event && SESSION_REFUSED.has((event as { code: number }).code);
}

export function createApolloClient(): ApolloClient {
  const wsClient = createClient({
    url: graphqlWsUrl(window.location),
    // Read at every (re)connect, so a new sign-in is picked up without rebuilding the client.
    connectionParams: () => {
      const value = authorization();
      return value ? { authorization: value } : {};
    },
    lazy: true,
    // A floor screen stays open all shift: keep retrying through server restarts and network drops.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !isSessionRefusal(event),
    retryWait: async (retries) => {
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 5_000)));
    },
    keepAlive: 10_000,
    on: {
      connecting: liveConnecting,
      connected: liveConnected,
      closed: (event) => {
        liveClosed();
        // The server closes with 4401 when the session expires and 4403 when it refuses the token.
        if (isSessionRefusal(event) && getToken() !== null) signOut(EXPIRED_NOTICE);
      },
    },
  });

  const httpLink = new HttpLink({ uri: GRAPHQL_PATH });

  const authLink = new SetContextLink((prevContext, operation) => {
    const value = authorization();
    // A stale token on the login request would make the server reject the login itself.
    if (!value || operation.operationName === 'Login') return {};
    return { headers: { ...prevContext.headers, authorization: value } };
  });

  // A rejected token ends the session wherever it is noticed; the sign-in page then says why.
  const sessionLink = new ErrorLink(({ error, operation }) => {
    if (operation.operationName === 'Login') return;
    const unauthenticated = readableErrors(error).find((e) => e.code === 'UNAUTHENTICATED');
    if (unauthenticated && getToken() !== null) signOut(unauthenticated.message);
  });

  const transport = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(wsClient),
    ApolloLink.from([authLink, httpLink]),
  );

  const client = new ApolloClient({
    link: ApolloLink.from([sessionLink, transport]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            accounts: relayStylePagination(['filter', 'orderBy']),
          },
        },
      },
    }),
  });

  let signedInAs = getToken();
  subscribe(() => {
    const now = getToken();
    if (now === signedInAs) return;
    signedInAs = now;
    // Nothing one agent fetched may show to the next; live subscriptions reconnect with the new token.
    void client.clearStore();
    resetLive();
    wsClient.terminate();
  });

  return client;
}
