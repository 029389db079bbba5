/**
 * A small GraphQL-over-HTTP client: one POST per operation, as any client of the API sends it. Errors
 * come back as SimulatorRequestError with the server's `extensions.code`, so the agent loop can tell a
 * refusal the floor expects (CONTACT_NOT_ALLOWED, CONFLICT) from a failure.
 */

export class SimulatorRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly operation: string,
  ) {
    super(message);
  }
}

export interface GraphQLClient {
  request<T>(operation: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
}

const REQUEST_TIMEOUT_MS = 30_000;

export function httpClient(url: string, headers: Record<string, string> = {}): GraphQLClient {
  return {
    async request<T>(operation: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables, operationName: operation }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        // fetch says only "fetch failed"; the reason (ECONNREFUSED, a reset, a timeout) is its cause.
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : '';
        throw new SimulatorRequestError('NETWORK', `${error instanceof Error ? error.message : String(error)}${cause}`, operation);
      }
      let body: { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      try {
        body = (await response.json()) as typeof body;
      } catch {
        throw new SimulatorRequestError(`HTTP_${response.status}`, `not a GraphQL answer (HTTP ${response.status})`, operation);
      }
      const error = body.errors?.[0];
      if (error) throw new SimulatorRequestError(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR', error.message, operation);
      if (!body.data) throw new SimulatorRequestError(`HTTP_${response.status}`, 'no data in the answer', operation);
      return body.data;
    },
  };
}
