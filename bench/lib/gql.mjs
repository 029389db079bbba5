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
