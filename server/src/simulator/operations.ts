/** The GraphQL operations a simulated agent sends: the same ones the agent desk of a real client would. */

const ACCOUNT_FIELDS = `
  id version status product bucket currency
  assignedAgent { id }
  balance { amount }
  amountDue { amount }
  openPromise { id }
  plans(first: 5) { nodes { status } }`;

export const LOGIN = `mutation SimLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) { token agent { id } }
}`;

/** The agent's own figures for the day: what their desk shows, and the server's "now" (asOf). */
export const MY_DAY = `query SimMyDay($agentId: ID!, $date: LocalDate!) {
  kpis(scope: AGENT, scopeId: $agentId, period: DAY, date: $date) { asOf calls }
}`;

export const SET_STATUS = `mutation SimSetStatus($status: Presence!, $pauseReason: PauseReason) {
  setAgentStatus(status: $status, pauseReason: $pauseReason) { presence }
}`;

export const STRATEGIES = `query SimStrategies { treatmentStrategies { bucket maxDiscount maxInstalments } }`;

export const NEXT_ACCOUNT = `mutation SimNextAccount {
  nextAccount { reason leaseExpiresAt phone { id } account { ${ACCOUNT_FIELDS} } }
}`;

export const CONTACT_CHECK = `query SimContactCheck($accountId: ID!, $phoneId: ID!) {
  contactCheck(accountId: $accountId, phoneId: $phoneId) { allowed blockedBy nextAllowedAt }
}`;

/** The accounts a customer of this agent might ring in about. */
export const PORTFOLIO = `query SimPortfolio {
  accounts(first: 100, filter: { statuses: [ACTIVE, IN_ARRANGEMENT], balance: { min: "1" } }) { nodes { id } }
}`;

export const ACCOUNT = `query SimAccount($id: ID!) {
  account(id: $id) { ${ACCOUNT_FIELDS} customer { contactPoints { id kind status } } }
}`;

export const RECORD_CALL = `mutation SimRecordCall($input: RecordCallInput!) {
  recordCall(input: $input) { id createdAt }
}`;

export interface AccountView {
  id: string;
  version: number;
  status: string;
  product: string;
  bucket: string;
  currency: string;
  assignedAgent: { id: string } | null;
  balance: { amount: string };
  amountDue: { amount: string };
  openPromise: { id: string } | null;
  plans: { nodes: Array<{ status: string }> };
  customer?: { contactPoints: Array<{ id: string; kind: string; status: string }> };
}

export interface WorklistItemView {
  reason: string;
  leaseExpiresAt: string | null;
  phone: { id: string };
  account: AccountView;
}
