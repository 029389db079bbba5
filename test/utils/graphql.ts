import type { GraphQLFormattedError } from 'graphql';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, any>;
}

/** POSTs one operation the way any GraphQL client would. */
export async function gql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  auth?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

export const errorCode = (r: GraphQLResponse): unknown => r.errors?.[0]?.extensions?.code;

/** Signs in a demo login (password "demo") and returns its token. */
export async function login(url: string, email: string, password = 'demo'): Promise<string> {
  const r = await gql<{ login: { token: string } }>(url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
    e: email,
    p: password,
  });
  if (!r.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(r.errors)}`);
  return r.data.login.token;
}

/** Fails the test with the server's errors when a query that should succeed did not. */
export function ok<T>(r: GraphQLResponse<T>): T {
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** Signs each demo login in once per test file and reuses its token; `tokens.clear()` forces new sign-ins. */
export function tokenCache(url: () => string): { tokens: Map<string, string>; tokenOf: (email: string) => Promise<string> } {
  const tokens = new Map<string, string>();
  const tokenOf = async (email: string): Promise<string> => tokens.get(email) ?? tokens.set(email, await login(url(), email)).get(email)!;
  return { tokens, tokenOf };
}
