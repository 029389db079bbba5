/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Portfolio($first: Int!, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {\n  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalRef\n        bucket\n        dpd\n        status\n        balance {\n          amount\n          currencyCode\n        }\n        customer {\n          id\n          firstName\n          lastName\n        }\n        assignedAgent {\n          id\n          name\n        }\n        lastCall {\n          id\n          disposition\n          startedAt\n        }\n        openPromise {\n          id\n          amount {\n            amount\n            currencyCode\n          }\n          dueDate\n        }\n      }\n    }\n  }\n}": typeof types.PortfolioDocument,
    "subscription AgentStatusChanged($teamId: ID!) {\n  agentStatusChanged(teamId: $teamId) {\n    at\n    status\n    pauseReason\n    agent {\n      id\n      name\n    }\n  }\n}": typeof types.AgentStatusChangedDocument,
    "subscription AlertRaised($teamId: ID!) {\n  alertRaised(teamId: $teamId) {\n    id\n    kind\n    message\n    raisedAt\n    agent {\n      id\n      name\n    }\n    account {\n      id\n      externalRef\n    }\n  }\n}": typeof types.AlertRaisedDocument,
    "query BucketMetrics($month: String!) {\n  bucketMetrics(month: $month) {\n    month\n    asOf\n    currencyCode\n    buckets {\n      bucket\n      openingAccounts\n      openingBalance {\n        amount\n        currencyCode\n      }\n      cured\n      rolledForward\n      cureRate\n      rollRate\n      collected {\n        amount\n        currencyCode\n      }\n      cureRateGoal {\n        goal\n        attainment\n        met\n      }\n      rollRateGoal {\n        goal\n        attainment\n        met\n      }\n      collectedGoal {\n        goal {\n          amount\n          currencyCode\n        }\n        attainment\n        met\n      }\n    }\n  }\n}": typeof types.BucketMetricsDocument,
    "subscription CallLogged($teamId: ID!, $after: String) {\n  callLogged(teamId: $teamId, after: $after) {\n    callId\n    cursor\n    disposition\n    contact\n    rightPartyContact\n    direction\n    recordedAt\n    talkSeconds\n    agent {\n      id\n      name\n    }\n    account {\n      id\n      externalRef\n    }\n    promiseAmount {\n      amount\n      currencyCode\n    }\n    paymentAmount {\n      amount\n      currencyCode\n    }\n    planTotal {\n      amount\n      currencyCode\n    }\n  }\n}": typeof types.CallLoggedDocument,
    "fragment KpiFigureFields on KpiFigure {\n  kpi\n  value\n  target\n  expectedByNow\n  attainment\n  pace\n  status\n}\n\nfragment KpiAmountFields on KpiAmount {\n  kpi\n  value {\n    amount\n    currencyCode\n  }\n  target {\n    amount\n    currencyCode\n  }\n  expectedByNow {\n    amount\n    currencyCode\n  }\n  attainment\n  pace\n  status\n}\n\nfragment KpiCardsFields on Kpis {\n  asOf\n  scope\n  scopeId\n  period\n  from\n  to\n  elapsedShare\n  currencyCode\n  calls\n  attempts {\n    ...KpiFigureFields\n  }\n  contacts {\n    ...KpiFigureFields\n  }\n  rightPartyContacts {\n    ...KpiFigureFields\n  }\n  promises {\n    ...KpiFigureFields\n  }\n  contactRate {\n    ...KpiFigureFields\n  }\n  rpcRate {\n    ...KpiFigureFields\n  }\n  ptpRate {\n    ...KpiFigureFields\n  }\n  promisedAmount {\n    ...KpiAmountFields\n  }\n  collectedAmount {\n    ...KpiAmountFields\n  }\n}": typeof types.KpiFigureFieldsFragmentDoc,
    "subscription KpiUpdated($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!) {\n  kpiUpdated(scope: $scope, scopeId: $scopeId, period: $period) {\n    ...KpiCardsFields\n  }\n}": typeof types.KpiUpdatedDocument,
    "query Leaderboard($teamId: ID!, $kpi: Kpi!, $period: KpiPeriod!, $date: LocalDate!) {\n  leaderboard(teamId: $teamId, kpi: $kpi, period: $period, date: $date) {\n    asOf\n    kpi\n    entries {\n      agentId\n      name\n      rank\n      value\n      amount {\n        amount\n        currencyCode\n      }\n    }\n  }\n}": typeof types.LeaderboardDocument,
    "query TeamAgents($teamId: ID!) {\n  agents(first: 100, filter: {teamId: $teamId, roles: [AGENT]}) {\n    nodes {\n      id\n      name\n      presence\n      pauseReason\n    }\n  }\n}": typeof types.TeamAgentsDocument,
    "query TeamKpis($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!, $date: LocalDate!) {\n  kpis(scope: $scope, scopeId: $scopeId, period: $period, date: $date) {\n    ...KpiCardsFields\n  }\n}": typeof types.TeamKpisDocument,
    "query Teams {\n  teams(first: 100) {\n    nodes {\n      id\n      name\n      supervisor {\n        id\n        name\n      }\n    }\n  }\n}": typeof types.TeamsDocument,
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    agent {\n      id\n      name\n      role\n    }\n  }\n}": typeof types.LoginDocument,
    "query Me {\n  me {\n    id\n    name\n    role\n    team {\n      id\n      name\n    }\n  }\n}": typeof types.MeDocument,
};
const documents: Documents = {
    "query Portfolio($first: Int!, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {\n  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalRef\n        bucket\n        dpd\n        status\n        balance {\n          amount\n          currencyCode\n        }\n        customer {\n          id\n          firstName\n          lastName\n        }\n        assignedAgent {\n          id\n          name\n        }\n        lastCall {\n          id\n          disposition\n          startedAt\n        }\n        openPromise {\n          id\n          amount {\n            amount\n            currencyCode\n          }\n          dueDate\n        }\n      }\n    }\n  }\n}": types.PortfolioDocument,
    "subscription AgentStatusChanged($teamId: ID!) {\n  agentStatusChanged(teamId: $teamId) {\n    at\n    status\n    pauseReason\n    agent {\n      id\n      name\n    }\n  }\n}": types.AgentStatusChangedDocument,
    "subscription AlertRaised($teamId: ID!) {\n  alertRaised(teamId: $teamId) {\n    id\n    kind\n    message\n    raisedAt\n    agent {\n      id\n      name\n    }\n    account {\n      id\n      externalRef\n    }\n  }\n}": types.AlertRaisedDocument,
    "query BucketMetrics($month: String!) {\n  bucketMetrics(month: $month) {\n    month\n    asOf\n    currencyCode\n    buckets {\n      bucket\n      openingAccounts\n      openingBalance {\n        amount\n        currencyCode\n      }\n      cured\n      rolledForward\n      cureRate\n      rollRate\n      collected {\n        amount\n        currencyCode\n      }\n      cureRateGoal {\n        goal\n        attainment\n        met\n      }\n      rollRateGoal {\n        goal\n        attainment\n        met\n      }\n      collectedGoal {\n        goal {\n          amount\n          currencyCode\n        }\n        attainment\n        met\n      }\n    }\n  }\n}": types.BucketMetricsDocument,
    "subscription CallLogged($teamId: ID!, $after: String) {\n  callLogged(teamId: $teamId, after: $after) {\n    callId\n    cursor\n    disposition\n    contact\n    rightPartyContact\n    direction\n    recordedAt\n    talkSeconds\n    agent {\n      id\n      name\n    }\n    account {\n      id\n      externalRef\n    }\n    promiseAmount {\n      amount\n      currencyCode\n    }\n    paymentAmount {\n      amount\n      currencyCode\n    }\n    planTotal {\n      amount\n      currencyCode\n    }\n  }\n}": types.CallLoggedDocument,
    "fragment KpiFigureFields on KpiFigure {\n  kpi\n  value\n  target\n  expectedByNow\n  attainment\n  pace\n  status\n}\n\nfragment KpiAmountFields on KpiAmount {\n  kpi\n  value {\n    amount\n    currencyCode\n  }\n  target {\n    amount\n    currencyCode\n  }\n  expectedByNow {\n    amount\n    currencyCode\n  }\n  attainment\n  pace\n  status\n}\n\nfragment KpiCardsFields on Kpis {\n  asOf\n  scope\n  scopeId\n  period\n  from\n  to\n  elapsedShare\n  currencyCode\n  calls\n  attempts {\n    ...KpiFigureFields\n  }\n  contacts {\n    ...KpiFigureFields\n  }\n  rightPartyContacts {\n    ...KpiFigureFields\n  }\n  promises {\n    ...KpiFigureFields\n  }\n  contactRate {\n    ...KpiFigureFields\n  }\n  rpcRate {\n    ...KpiFigureFields\n  }\n  ptpRate {\n    ...KpiFigureFields\n  }\n  promisedAmount {\n    ...KpiAmountFields\n  }\n  collectedAmount {\n    ...KpiAmountFields\n  }\n}": types.KpiFigureFieldsFragmentDoc,
    "subscription KpiUpdated($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!) {\n  kpiUpdated(scope: $scope, scopeId: $scopeId, period: $period) {\n    ...KpiCardsFields\n  }\n}": types.KpiUpdatedDocument,
    "query Leaderboard($teamId: ID!, $kpi: Kpi!, $period: KpiPeriod!, $date: LocalDate!) {\n  leaderboard(teamId: $teamId, kpi: $kpi, period: $period, date: $date) {\n    asOf\n    kpi\n    entries {\n      agentId\n      name\n      rank\n      value\n      amount {\n        amount\n        currencyCode\n      }\n    }\n  }\n}": types.LeaderboardDocument,
    "query TeamAgents($teamId: ID!) {\n  agents(first: 100, filter: {teamId: $teamId, roles: [AGENT]}) {\n    nodes {\n      id\n      name\n      presence\n      pauseReason\n    }\n  }\n}": types.TeamAgentsDocument,
    "query TeamKpis($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!, $date: LocalDate!) {\n  kpis(scope: $scope, scopeId: $scopeId, period: $period, date: $date) {\n    ...KpiCardsFields\n  }\n}": types.TeamKpisDocument,
    "query Teams {\n  teams(first: 100) {\n    nodes {\n      id\n      name\n      supervisor {\n        id\n        name\n      }\n    }\n  }\n}": types.TeamsDocument,
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    agent {\n      id\n      name\n      role\n    }\n  }\n}": types.LoginDocument,
    "query Me {\n  me {\n    id\n    name\n    role\n    team {\n      id\n      name\n    }\n  }\n}": types.MeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Portfolio($first: Int!, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {\n  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalRef\n        bucket\n        dpd\n        status\n        balance {\n          amount\n          currencyCode\n        }\n        customer {\n          id\n          firstName\n          lastName\n        }\n        assignedAgent {\n          id\n          name\n        }\n        lastCall {\n          id\n          disposition\n          startedAt\n        }\n        openPromise {\n          id\n          amount {\n            amount\n            currencyCode\n          }\n          dueDate\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query Portfolio($first: Int!, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {\n  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalRef\n        bucket\n        dpd\n        status\n        balance {\n          amount\n          currencyCode\n        }\n        customer {\n          id\n          firstName\n          lastName\n        }\n        assignedAgent {\n          id\n          name\n        }\n        lastCall {\n          id\n          disposition\n          startedAt\n        }\n        openPromise {\n          id\n          amount {\n            amount\n            currencyCode\n          }\n          dueDate\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AgentStatusChanged($teamId: ID!) {\n  agentStatusChanged(teamId: $teamId) {\n    at\n    status\n    pauseReason\n    agent {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["subscription AgentStatusChanged($teamId: ID!) {\n  agentStatusChanged(teamId: $teamId) {\n    at\n    status\n    pauseReason\n    agent {\n      id\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AlertRaised($teamId: ID!) {\n  alertRaised(teamId: $teamId) {\n    id\n    kind\n    message\n    raisedAt\n    agent {\n      id\n      name\n    }\n    account {\n      id\n      externalRef\n    }\n  }\n}"): (typeof documents)["subscription AlertRaised($teamId: ID!) {\n  alertRaised(teamId: $teamId) {\n    id\n    kind\n    message\n    raisedAt\n    agent {\n      id\n      name\n    }\n    account {\n      id\n      externalRef\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BucketMetrics($month: String!) {\n  bucketMetrics(month: $month) {\n    month\n    asOf\n    currencyCode\n    buckets {\n      bucket\n      openingAccounts\n      openingBalance {\n        amount\n        currencyCode\n      }\n      cured\n      rolledForward\n      cureRate\n      rollRate\n      collected {\n        amount\n        currencyCode\n      }\n      cureRateGoal {\n        goal\n        attainment\n        met\n      }\n      rollRateGoal {\n        goal\n        attainment\n        met\n      }\n      collectedGoal {\n        goal {\n          amount\n          currencyCode\n        }\n        attainment\n        met\n      }\n    }\n  }\n}"): (typeof documents)["query BucketMetrics($month: String!) {\n  bucketMetrics(month: $month) {\n    month\n    asOf\n    currencyCode\n    buckets {\n      bucket\n      openingAccounts\n      openingBalance {\n        amount\n        currencyCode\n      }\n      cured\n      rolledForward\n      cureRate\n      rollRate\n      collected {\n        amount\n        currencyCode\n      }\n      cureRateGoal {\n        goal\n        attainment\n        met\n      }\n      rollRateGoal {\n        goal\n        attainment\n        met\n      }\n      collectedGoal {\n        goal {\n          amount\n          currencyCode\n        }\n        attainment\n        met\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription CallLogged($teamId: ID!, $after: String) {\n  callLogged(teamId: $teamId, after: $after) {\n    callId\n    cursor\n    disposition\n    contact\n    rightPartyContact\n    direction\n    recordedAt\n    talkSeconds\n    agent {\n      id\n      name\n    }\n    account {\n      id\n      externalRef\n    }\n    promiseAmount {\n      amount\n      currencyCode\n    }\n    paymentAmount {\n      amount\n      currencyCode\n    }\n    planTotal {\n      amount\n      currencyCode\n    }\n  }\n}"): (typeof documents)["subscription CallLogged($teamId: ID!, $after: String) {\n  callLogged(teamId: $teamId, after: $after) {\n    callId\n    cursor\n    disposition\n    contact\n    rightPartyContact\n    direction\n    recordedAt\n    talkSeconds\n    agent {\n      id\n      name\n    }\n    account {\n      id\n      externalRef\n    }\n    promiseAmount {\n      amount\n      currencyCode\n    }\n    paymentAmount {\n      amount\n      currencyCode\n    }\n    planTotal {\n      amount\n      currencyCode\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment KpiFigureFields on KpiFigure {\n  kpi\n  value\n  target\n  expectedByNow\n  attainment\n  pace\n  status\n}\n\nfragment KpiAmountFields on KpiAmount {\n  kpi\n  value {\n    amount\n    currencyCode\n  }\n  target {\n    amount\n    currencyCode\n  }\n  expectedByNow {\n    amount\n    currencyCode\n  }\n  attainment\n  pace\n  status\n}\n\nfragment KpiCardsFields on Kpis {\n  asOf\n  scope\n  scopeId\n  period\n  from\n  to\n  elapsedShare\n  currencyCode\n  calls\n  attempts {\n    ...KpiFigureFields\n  }\n  contacts {\n    ...KpiFigureFields\n  }\n  rightPartyContacts {\n    ...KpiFigureFields\n  }\n  promises {\n    ...KpiFigureFields\n  }\n  contactRate {\n    ...KpiFigureFields\n  }\n  rpcRate {\n    ...KpiFigureFields\n  }\n  ptpRate {\n    ...KpiFigureFields\n  }\n  promisedAmount {\n    ...KpiAmountFields\n  }\n  collectedAmount {\n    ...KpiAmountFields\n  }\n}"): (typeof documents)["fragment KpiFigureFields on KpiFigure {\n  kpi\n  value\n  target\n  expectedByNow\n  attainment\n  pace\n  status\n}\n\nfragment KpiAmountFields on KpiAmount {\n  kpi\n  value {\n    amount\n    currencyCode\n  }\n  target {\n    amount\n    currencyCode\n  }\n  expectedByNow {\n    amount\n    currencyCode\n  }\n  attainment\n  pace\n  status\n}\n\nfragment KpiCardsFields on Kpis {\n  asOf\n  scope\n  scopeId\n  period\n  from\n  to\n  elapsedShare\n  currencyCode\n  calls\n  attempts {\n    ...KpiFigureFields\n  }\n  contacts {\n    ...KpiFigureFields\n  }\n  rightPartyContacts {\n    ...KpiFigureFields\n  }\n  promises {\n    ...KpiFigureFields\n  }\n  contactRate {\n    ...KpiFigureFields\n  }\n  rpcRate {\n    ...KpiFigureFields\n  }\n  ptpRate {\n    ...KpiFigureFields\n  }\n  promisedAmount {\n    ...KpiAmountFields\n  }\n  collectedAmount {\n    ...KpiAmountFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription KpiUpdated($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!) {\n  kpiUpdated(scope: $scope, scopeId: $scopeId, period: $period) {\n    ...KpiCardsFields\n  }\n}"): (typeof documents)["subscription KpiUpdated($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!) {\n  kpiUpdated(scope: $scope, scopeId: $scopeId, period: $period) {\n    ...KpiCardsFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Leaderboard($teamId: ID!, $kpi: Kpi!, $period: KpiPeriod!, $date: LocalDate!) {\n  leaderboard(teamId: $teamId, kpi: $kpi, period: $period, date: $date) {\n    asOf\n    kpi\n    entries {\n      agentId\n      name\n      rank\n      value\n      amount {\n        amount\n        currencyCode\n      }\n    }\n  }\n}"): (typeof documents)["query Leaderboard($teamId: ID!, $kpi: Kpi!, $period: KpiPeriod!, $date: LocalDate!) {\n  leaderboard(teamId: $teamId, kpi: $kpi, period: $period, date: $date) {\n    asOf\n    kpi\n    entries {\n      agentId\n      name\n      rank\n      value\n      amount {\n        amount\n        currencyCode\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TeamAgents($teamId: ID!) {\n  agents(first: 100, filter: {teamId: $teamId, roles: [AGENT]}) {\n    nodes {\n      id\n      name\n      presence\n      pauseReason\n    }\n  }\n}"): (typeof documents)["query TeamAgents($teamId: ID!) {\n  agents(first: 100, filter: {teamId: $teamId, roles: [AGENT]}) {\n    nodes {\n      id\n      name\n      presence\n      pauseReason\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TeamKpis($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!, $date: LocalDate!) {\n  kpis(scope: $scope, scopeId: $scopeId, period: $period, date: $date) {\n    ...KpiCardsFields\n  }\n}"): (typeof documents)["query TeamKpis($scope: KpiScope!, $scopeId: ID, $period: KpiPeriod!, $date: LocalDate!) {\n  kpis(scope: $scope, scopeId: $scopeId, period: $period, date: $date) {\n    ...KpiCardsFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Teams {\n  teams(first: 100) {\n    nodes {\n      id\n      name\n      supervisor {\n        id\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query Teams {\n  teams(first: 100) {\n    nodes {\n      id\n      name\n      supervisor {\n        id\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    agent {\n      id\n      name\n      role\n    }\n  }\n}"): (typeof documents)["mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    agent {\n      id\n      name\n      role\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    id\n    name\n    role\n    team {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["query Me {\n  me {\n    id\n    name\n    role\n    team {\n      id\n      name\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;