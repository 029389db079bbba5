/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

/** All given conditions must hold. */
export type AccountFilter = {
  /** The assigned agent. */
  agentId?: InputMaybe<Scalars['ID']['input']>;
  /** Outstanding balance, in the account currency. */
  balance?: InputMaybe<AmountRange>;
  buckets?: InputMaybe<Array<Bucket>>;
  /** ISO 4217 code. */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** Days past due. */
  dpd?: InputMaybe<IntRange>;
  products?: InputMaybe<Array<Product>>;
  /** Part of the customer name, or the start of the external reference. */
  search?: InputMaybe<Scalars['String']['input']>;
  statuses?: InputMaybe<Array<AccountStatus>>;
  teamId?: InputMaybe<Scalars['ID']['input']>;
  /** true: only accounts with no assigned agent. */
  unassigned?: InputMaybe<Scalars['Boolean']['input']>;
};

export type AccountOrder = {
  direction: OrderDirection;
  field: AccountOrderField;
};

export type AccountOrderField =
  | 'BALANCE'
  | 'DPD'
  | 'EXTERNAL_REF'
  | 'ID'
  | 'UPDATED_AT';

export type AccountStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'DISPUTED'
  | 'IN_ARRANGEMENT'
  | 'LEGAL'
  | 'PAID_OFF'
  | 'ROUTED'
  | 'WRITTEN_OFF';

export type AgentFilter = {
  roles?: InputMaybe<Array<Role>>;
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** An inclusive range of decimal amounts ("1234.56"); either end may be left open. */
export type AmountRange = {
  max?: InputMaybe<Scalars['String']['input']>;
  min?: InputMaybe<Scalars['String']['input']>;
};

/** Delinquency bucket by days past due (DOMAIN.md §2). */
export type Bucket =
  | 'B1'
  | 'B2'
  | 'B3'
  | 'B4'
  | 'B5'
  | 'B6'
  | 'CHARGE_OFF'
  | 'CURRENT';

export type CallDirection =
  | 'INBOUND'
  | 'OUTBOUND';

export type CallFilter = {
  accountId?: InputMaybe<Scalars['ID']['input']>;
  agentId?: InputMaybe<Scalars['ID']['input']>;
  direction?: InputMaybe<CallDirection>;
  dispositions?: InputMaybe<Array<Disposition>>;
  /** Calls started in [from, to). */
  startedAt?: InputMaybe<TimeRange>;
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

export type ContactPointChangeKind =
  | 'ADDED'
  | 'INVALIDATED'
  | 'UPDATED'
  | 'VERIFIED';

export type ContactPointKind =
  | 'ADDRESS'
  | 'EMAIL'
  | 'PHONE';

export type ContactPointStatus =
  | 'INVALID'
  | 'UNVERIFIED'
  | 'VERIFIED';

export type CustomerFilter = {
  locatable?: InputMaybe<LocatableStatus>;
  /** Part of the customer name. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** DOMAIN.md §3 */
export type Disposition =
  | 'ALREADY_PAID'
  | 'ANSWERING_MACHINE_MESSAGE'
  | 'ANSWERING_MACHINE_NO_MESSAGE'
  | 'ATTORNEY_REPRESENTED'
  | 'BANKRUPTCY'
  | 'BUSY'
  | 'CALLBACK_REQUESTED'
  | 'CEASE_REQUEST'
  | 'DECEASED'
  | 'DISCONNECTED_NUMBER'
  | 'DISPUTE'
  | 'DROPPED'
  | 'HARDSHIP'
  | 'NO_ANSWER'
  | 'PAYMENT_PLAN'
  | 'PAYMENT_TAKEN'
  | 'PROMISE_TO_PAY'
  | 'REFUSED_TO_PAY'
  | 'ROUTED'
  | 'THIRD_PARTY_MESSAGE'
  | 'THIRD_PARTY_NO_MESSAGE'
  | 'WRONG_NUMBER';

export type DisputeChannel =
  | 'BRANCH'
  | 'EMAIL'
  | 'LETTER'
  | 'PHONE'
  | 'WEB';

export type DisputeKind =
  | 'DISPUTE'
  | 'PAYMENT_INVESTIGATION';

export type DisputeStatus =
  | 'NOT_VALID'
  | 'OPEN'
  | 'VALID';

export type InstalmentStatus =
  | 'MISSED'
  | 'PAID'
  | 'PARTIALLY_PAID'
  | 'PENDING';

/** An inclusive range of whole numbers; either end may be left open. */
export type IntRange = {
  max?: InputMaybe<Scalars['Int']['input']>;
  min?: InputMaybe<Scalars['Int']['input']>;
};

export type LocatableStatus =
  | 'LOCATABLE'
  | 'UNLOCATABLE';

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type PauseReason =
  | 'BREAK'
  | 'COACHING'
  | 'LUNCH'
  | 'MEETING'
  | 'TRAINING';

export type PaymentMethod =
  | 'BANK_TRANSFER'
  | 'CARD_TERMINAL'
  | 'CASH'
  | 'CHECK'
  | 'ONLINE';

export type PaymentStatus =
  | 'POSTED'
  | 'REVERSED';

export type PhoneType =
  | 'LANDLINE'
  | 'MOBILE'
  | 'WORK';

export type PlanStatus =
  | 'ACTIVE'
  | 'BROKEN'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PENDING_APPROVAL'
  | 'PROPOSED';

export type Presence =
  | 'AVAILABLE'
  | 'OFFLINE'
  | 'ON_CALL'
  | 'PAUSED'
  | 'WRAP_UP';

export type Product =
  | 'AUTO_LOAN'
  | 'CREDIT_CARD'
  | 'INSURANCE_PREMIUM'
  | 'MORTGAGE'
  | 'OVERDRAFT'
  | 'PERSONAL_LOAN';

export type PromiseStatus =
  | 'BROKEN'
  | 'CANCELLED'
  | 'KEPT'
  | 'PARTIALLY_KEPT'
  | 'PENDING'
  | 'PENDING_APPROVAL';

export type ReferralQueue =
  | 'CUSTOMER_SERVICE'
  | 'LEGAL'
  | 'OUTSIDE_AGENCY'
  | 'PHONE_BANKING'
  | 'REMEDIAL'
  | 'RETENTION'
  | 'SUPERVISOR';

export type ReferralStatus =
  | 'ACCEPTED'
  | 'OPEN'
  | 'RESOLVED'
  | 'RETURNED';

/** DOMAIN.md §1 */
export type Role =
  | 'ADMIN'
  | 'AGENT'
  | 'ANALYST'
  | 'MANAGER'
  | 'SUPERVISOR';

/** An instant range [from, to). */
export type TimeRange = {
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

export type WriteOffStatus =
  | 'APPROVED'
  | 'REJECTED'
  | 'REQUESTED';

export type LoginMutationVariables = Exact<{
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type LoginMutation = { login: { token: string, expiresAt: string, agent: { id: string, name: string, role: Role } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, name: string, role: Role, team?: { id: string, name: string } | null } };

export type PortfolioQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountFilter>;
  orderBy?: InputMaybe<AccountOrder>;
}>;


export type PortfolioQuery = { accounts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ cursor: string, node: { id: string, externalRef: string, bucket: Bucket, dpd: number, status: AccountStatus, balance: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string }, assignedAgent?: { id: string, name: string } | null, lastCall?: { id: string, disposition: Disposition, startedAt: string } | null, openPromise?: { id: string, dueDate: string, amount: { amount: string, currencyCode: string } } | null } }> } };


export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const PortfolioDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Portfolio"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignedAgent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastCall"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"disposition"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openPromise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortfolioQuery, PortfolioQueryVariables>;