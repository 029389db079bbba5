/** The GraphQL documents the scenarios send; the baseline server answers the same text. */

/** Scenario 2: an agent's portfolio page (the viewer's own accounts: the agent is the filter). */
export const PORTFOLIO = `query Portfolio($first: Int!, $filter: AccountFilter, $orderBy: AccountOrder) {
  accounts(first: $first, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id externalRef product status bucket dpd
        balance { amount currencyCode }
        customer { id firstName lastName }
        lastCall { id disposition direction createdAt }
        openPromise { id status dueDate amount { amount currencyCode } }
      }
    }
  }
}`;

export const portfolioVariables = (first = 50) => ({ first, filter: { statuses: ['ACTIVE'] }, orderBy: { field: 'BALANCE', direction: 'DESC' } });

/** Scenario 1: one call outcome. */
export const RECORD_CALL = `mutation RecordCall($input: RecordCallInput!) { recordCall(input: $input) { id createdAt } }`;
