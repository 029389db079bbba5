import { startProcess } from '../lib/process.mjs';

/** The portfolio page in PostGraphile's schema of the same tables: same rows, same order, same fields. */
export const POSTGRAPHILE_PORTFOLIO = `query Portfolio($agent: Int!, $first: Int!) {
  allAccounts(first: $first, condition: { assignedAgentId: $agent, status: "ACTIVE" }, orderBy: [BALANCE_MINOR_DESC, ID_DESC]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        nodeId externalRef product status bucket dpd balanceMinor currency
        customerByCustomerId { nodeId firstName lastName }
        callByLastCallId { nodeId disposition direction createdAt }
        promiseToPaysByAccountId(first: 1, condition: { status: "PENDING" }, orderBy: [DUE_DATE_ASC, ID_ASC]) {
          nodes { nodeId status dueDate amountMinor currency }
        }
      }
    }
  }
}`;

export const postGraphileVariables = (agentId, first) => ({ agent: agentId, first });

/** PostGraphile as its own process on the floor's database; resolves once its schema is built. */
export async function startPostGraphile(databaseUrl) {
  const peer = await startProcess({ script: new URL('./postgraphile/serve.mjs', import.meta.url).pathname, name: 'postgraphile', env: { DATABASE_URL: databaseUrl, NODE_ENV: 'production' } });
  // The schema is introspected on the first request; make that happen before anything is timed.
  const response = await fetch(peer.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  if (!response.ok) throw new Error(`PostGraphile did not answer: ${response.status} ${peer.output()}`);
  return peer;
}
