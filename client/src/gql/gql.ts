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
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    agent {\n      id\n      name\n      role\n    }\n  }\n}": typeof types.LoginDocument,
    "query Me {\n  me {\n    id\n    name\n    role\n    team {\n      id\n      name\n    }\n  }\n}": typeof types.MeDocument,
    "query Portfolio($first: Int!, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {\n  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalRef\n        bucket\n        dpd\n        status\n        balance {\n          amount\n          currencyCode\n        }\n        customer {\n          id\n          firstName\n          lastName\n        }\n        assignedAgent {\n          id\n          name\n        }\n        lastCall {\n          id\n          disposition\n          startedAt\n        }\n        openPromise {\n          id\n          amount {\n            amount\n            currencyCode\n          }\n          dueDate\n        }\n      }\n    }\n  }\n}": typeof types.PortfolioDocument,
};
const documents: Documents = {
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    agent {\n      id\n      name\n      role\n    }\n  }\n}": types.LoginDocument,
    "query Me {\n  me {\n    id\n    name\n    role\n    team {\n      id\n      name\n    }\n  }\n}": types.MeDocument,
    "query Portfolio($first: Int!, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {\n  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalRef\n        bucket\n        dpd\n        status\n        balance {\n          amount\n          currencyCode\n        }\n        customer {\n          id\n          firstName\n          lastName\n        }\n        assignedAgent {\n          id\n          name\n        }\n        lastCall {\n          id\n          disposition\n          startedAt\n        }\n        openPromise {\n          id\n          amount {\n            amount\n            currencyCode\n          }\n          dueDate\n        }\n      }\n    }\n  }\n}": types.PortfolioDocument,
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
export function graphql(source: "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    agent {\n      id\n      name\n      role\n    }\n  }\n}"): (typeof documents)["mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    agent {\n      id\n      name\n      role\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    id\n    name\n    role\n    team {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["query Me {\n  me {\n    id\n    name\n    role\n    team {\n      id\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Portfolio($first: Int!, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {\n  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalRef\n        bucket\n        dpd\n        status\n        balance {\n          amount\n          currencyCode\n        }\n        customer {\n          id\n          firstName\n          lastName\n        }\n        assignedAgent {\n          id\n          name\n        }\n        lastCall {\n          id\n          disposition\n          startedAt\n        }\n        openPromise {\n          id\n          amount {\n            amount\n            currencyCode\n          }\n          dueDate\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query Portfolio($first: Int!, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {\n  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        externalRef\n        bucket\n        dpd\n        status\n        balance {\n          amount\n          currencyCode\n        }\n        customer {\n          id\n          firstName\n          lastName\n        }\n        assignedAgent {\n          id\n          name\n        }\n        lastCall {\n          id\n          disposition\n          startedAt\n        }\n        openPromise {\n          id\n          amount {\n            amount\n            currencyCode\n          }\n          dueDate\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;