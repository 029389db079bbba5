/** A GraphQL request over HTTP; throws with the errors when there are any. Returns { data, extensions }. */
export async function request(url, query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${body.errors[0]?.extensions?.code ?? 'ERROR'}: ${body.errors[0]?.message}`);
  return body;
}

export async function gql(url, query, variables, token) {
  return (await request(url, query, variables, token)).data;
}

/** Every user of a seeded floor has the password "demo". */
export async function login(url, email) {
  return (await gql(url, 'mutation($e: String!) { login(email: $e, password: "demo") { token } }', { e: email })).login.token;
}

/**
 * A session token for an agent id, signed as the server signs them (HS256, the benchmark's secret,
 * issued at the server's `now`). Signing in 500 agents through `login` would spend a minute in
 * bcrypt before any scenario starts; the token is the same either way.
 */
export async function tokenFor(agentId, secret, now, ttlSeconds = 8 * 3600) {
  const { SignJWT } = await import('jose');
  const issuedAt = Math.floor(new Date(now).getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(agentId))
    .setIssuer('openfloor')
    .setAudience('openfloor-api')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
