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
  /** A local date string (i.e., with no associated timezone) in `YYYY-MM-DD` format, e.g. `2020-01-01`. */
  LocalDate: { input: string; output: string; }
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

/** A phone, email or address found for a customer (skip tracing, DOMAIN.md §5). */
export type AddContactPointInput = {
  /** ADDRESS only, required there. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2; required for an ADDRESS, the phone’s country for a PHONE. */
  country?: InputMaybe<Scalars['String']['input']>;
  /** PHONE only: the customer consented to dialer calls on it. */
  dialerConsent?: InputMaybe<Scalars['Boolean']['input']>;
  kind: ContactPointKind;
  /** PHONE only. */
  phoneType?: InputMaybe<PhoneType>;
  /** ADDRESS only. */
  postalCode?: InputMaybe<Scalars['String']['input']>;
  /** Why it is added. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** ADDRESS only. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** Where it came from (customer, bureau, skip-trace vendor, ...), 1-100 characters. */
  source: Scalars['String']['input'];
  /** IANA zone of the phone area or the address, e.g. "America/Monterrey". */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  /** PHONE: E.164 ("+525512345678"); EMAIL: the address; ADDRESS: the street line. */
  value: Scalars['String']['input'];
};

export type AgentFilter = {
  roles?: InputMaybe<Array<Role>>;
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** How the aging report groups accounts: by product, by team, or by assigned agent. */
export type AgingGroupBy =
  | 'AGENT'
  | 'PRODUCT'
  | 'TEAM';

/** The floor’s alert rules, each set by a manager (alertRules). */
export type AlertKind =
  | 'AGENT_IN_WRAP_UP_TOO_LONG'
  | 'AGENT_PAUSED_TOO_LONG'
  | 'BROKEN_PROMISE'
  | 'CONTACT_REFUSALS_BURST'
  | 'TEAM_BEHIND_PACE';

/** A change to one alert rule: give only the thresholds of its kind; what is left out stays as it is. */
export type AlertRuleInput = {
  /** BROKEN_PROMISE: the smallest promise that alerts, in the floor currency. */
  amount?: InputMaybe<MoneyInput>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** The version you read; a rule changed since is CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  kind: AlertKind;
  /** TEAM_BEHIND_PACE: the KPIs to watch, at least one. */
  kpis?: InputMaybe<Array<Kpi>>;
  /** AGENT_PAUSED_TOO_LONG, AGENT_IN_WRAP_UP_TOO_LONG: seconds, 1-86400. */
  limitSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** CONTACT_REFUSALS_BURST: refusals of one agent, 1-1000 ... */
  refusalCount?: InputMaybe<Scalars['Int']['input']>;
  /** TEAM_BEHIND_PACE: share of the shift, greater than 0 and at most 1. */
  shiftShare?: InputMaybe<Scalars['Float']['input']>;
  /** CONTACT_REFUSALS_BURST: ... within this many seconds, 1-86400. */
  windowSeconds?: InputMaybe<Scalars['Int']['input']>;
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

/** Which pre-aggregated bucket figure: accounts going from bucket to bucket, or payments collected per opening bucket. */
export type BucketFigureKind =
  /** Posted, unreversed payments received in a month on the accounts of its opening snapshot, per bucket there. */
  | 'COLLECTED'
  /** Accounts (and balances) from a bucket of a month-opening snapshot to a bucket of a later snapshot or of now. */
  | 'FLOW';

/** What a bucket goal is set on (DOMAIN.md §7). */
export type BucketGoalMetric =
  /** Posted, unreversed payments received in the month on the opening accounts, in the floor currency. */
  | 'COLLECTED_AMOUNT'
  /** Share of the opening accounts now CURRENT; a fraction 0-1, higher is better. */
  | 'CURE_RATE'
  /** Share of the opening accounts now in a worse bucket; a fraction 0-1, a ceiling: lower is better. */
  | 'ROLL_RATE';

export type CallDirection =
  | 'INBOUND'
  | 'OUTBOUND';

/** A dispute (DISPUTE) or a payment investigation (ALREADY_PAID) opened on the call. */
export type CallDisputeInput = {
  channel?: DisputeChannel;
  reason: Scalars['String']['input'];
};

export type CallFilter = {
  accountId?: InputMaybe<Scalars['ID']['input']>;
  agentId?: InputMaybe<Scalars['ID']['input']>;
  direction?: InputMaybe<CallDirection>;
  dispositions?: InputMaybe<Array<Disposition>>;
  /** Calls started in [from, to). */
  startedAt?: InputMaybe<TimeRange>;
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

export type CallReferralInput = {
  reason: Scalars['String']['input'];
  to: ReferralQueue;
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

/** Changes to a contact profile; fields left out keep their value. */
export type ContactProfileInput = {
  /** The rolling window attempts are counted in, seconds (at most 90 days). */
  attemptWindowSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** A callback counts as "now" from this many minutes before the time chosen (0-1440) ... */
  callbackEarlyMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** ... to this many after (0-1440). */
  callbackLateMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Outbound attempts allowed in the attempt window, at least 1. */
  maxAttempts?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** Quiet after a right-party conversation, seconds (at most 90 days). */
  quietAfterConversationSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** Calling window end (exclusive), minutes after local midnight: 1 to 1440 (24:00), after the start. */
  windowEndMinute?: InputMaybe<Scalars['Int']['input']>;
  /** Calling window start, minutes after local midnight: 0 (00:00) to 1439. */
  windowStartMinute?: InputMaybe<Scalars['Int']['input']>;
};

/** The rules of DOMAIN.md §6 that can block an outbound call. */
export type ContactRule =
  | 'AFTER_CONVERSATION'
  | 'BANKRUPTCY'
  | 'CEASE'
  | 'DECEASED'
  | 'DISPUTE'
  | 'FREQUENCY'
  | 'PHONE'
  | 'REPRESENTED'
  | 'TIME_WINDOW';

export type CreatePromiseInput = {
  accountId: Scalars['ID']['input'];
  /** In the account currency; more than zero and at most the balance. */
  amount: MoneyInput;
  /** YYYY-MM-DD, from today to today + 30 days. */
  dueDate: Scalars['String']['input'];
  /** The account version you saw; a newer one makes this CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};

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

/** All given conditions must hold. */
export type DisputeFilter = {
  accountId?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<DisputeKind>;
  status?: InputMaybe<DisputeStatus>;
};

export type DisputeKind =
  | 'DISPUTE'
  | 'PAYMENT_INVESTIGATION';

export type DisputeOutcome =
  | 'NOT_VALID'
  | 'VALID';

export type DisputeStatus =
  | 'NOT_VALID'
  | 'OPEN'
  | 'VALID';

/** Data that cannot be right (DOMAIN.md §5). */
export type InconsistencyKind =
  /** More due than the whole balance. */
  | 'AMOUNT_DUE_ABOVE_BALANCE'
  /** Amount due or oldest unpaid due date differ from the unpaid instalments. */
  | 'AMOUNT_DUE_DISAGREES_WITH_DUES'
  /** Balance differs from the opening balance less posted payments less valid dispute adjustments. */
  | 'BALANCE_DISAGREES_WITH_PAYMENTS'
  /** DPD or bucket differ from what the oldest unpaid due date gives on the business date (written off: CHARGE_OFF). */
  | 'BUCKET_DISAGREES_WITH_DPD'
  /** A posted payment whose external reference an earlier posted payment already carries. */
  | 'DUPLICATE_PAYMENT_REFERENCE'
  /** A KEPT promise with no posted payment on its account from its creation to the end of its grace period. */
  | 'KEPT_PROMISE_WITHOUT_PAYMENT'
  /** A balance below zero. */
  | 'NEGATIVE_BALANCE'
  /** A PAID_OFF account with a balance above zero. */
  | 'PAID_OFF_WITH_BALANCE';

export type InstalmentInput = {
  amount: MoneyInput;
  /** YYYY-MM-DD; instalments fall due in order, from today. */
  dueDate: Scalars['String']['input'];
};

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

export type Kpi =
  | 'ATTEMPTS'
  | 'AVERAGE_HANDLE_SECONDS'
  | 'CALLS_PER_HOUR'
  | 'COLLECTED_AMOUNT'
  | 'COLLECTED_PER_HOUR'
  | 'CONNECTED_SECONDS'
  | 'CONTACTS'
  | 'CONTACT_RATE'
  | 'HANDLE_SECONDS'
  | 'OCCUPANCY'
  | 'PROMISED_AMOUNT'
  | 'PROMISES'
  | 'PROMISES_KEPT'
  | 'PROMISE_KEPT_RATE'
  | 'PTP_RATE'
  | 'RIGHT_PARTY_CONTACTS'
  | 'RPC_RATE'
  | 'TALK_SECONDS';

export type KpiPeriod =
  | 'DAY'
  | 'MONTH';

export type KpiScope =
  | 'AGENT'
  | 'FLOOR'
  | 'TEAM';

/** Pace against the target: AHEAD (>= 1), ON_TRACK (0.9-1), BEHIND (< 0.9). */
export type KpiStatus =
  | 'AHEAD'
  | 'BEHIND'
  | 'ON_TRACK';

export type LocatableStatus =
  | 'LOCATABLE'
  | 'UNLOCATABLE';

/** An exact amount: a decimal string and its ISO 4217 currency. */
export type MoneyInput = {
  /** Decimal string, e.g. "150.00". */
  amount: Scalars['String']['input'];
  currencyCode: Scalars['String']['input'];
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type PauseReason =
  | 'BREAK'
  | 'COACHING'
  | 'LUNCH'
  | 'MEETING'
  | 'TRAINING';

/** A payment taken on an account (DOMAIN.md §4). */
export type PaymentInput = {
  /** In the account currency; more than zero and at most the balance. */
  amount: MoneyInput;
  /** Last four digits of the card (CARD_TERMINAL); never more. */
  cardLast4?: InputMaybe<Scalars['String']['input']>;
  /** The reference of the processor or bank. */
  externalReference?: InputMaybe<Scalars['String']['input']>;
  /** The same key always returns the first payment and never posts twice. */
  idempotencyKey: Scalars['String']['input'];
  method: PaymentMethod;
};

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

/** A payment plan: 2-24 instalments adding up exactly to the total (DOMAIN.md §4). */
export type PlanInput = {
  instalments: Array<InstalmentInput>;
  /** Below the balance, the plan is a settlement. */
  total: MoneyInput;
};

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

/** A promise to pay (DOMAIN.md §4). */
export type PromiseInput = {
  /** In the account currency; more than zero and at most the balance. */
  amount: MoneyInput;
  /** YYYY-MM-DD, from today to today + 30 days. */
  dueDate: Scalars['String']['input'];
};

export type PromiseStatus =
  | 'BROKEN'
  | 'CANCELLED'
  | 'KEPT'
  | 'PARTIALLY_KEPT'
  | 'PENDING'
  | 'PENDING_APPROVAL';

export type ProposePlanInput = {
  accountId: Scalars['ID']['input'];
  /** The account version you saw; a newer one makes this CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  instalments: Array<InstalmentInput>;
  /** Below the balance, the plan is a settlement. */
  total: MoneyInput;
};

export type ReconciliationStatus =
  /** A posted payment whose reference has a ledger line with another amount or currency. */
  | 'DISCREPANCY'
  /** A ledger line posted in the period whose reference no posted payment carries. */
  | 'LEDGER_ONLY'
  /** A posted payment whose reference has a ledger line with the same amount and currency. */
  | 'MATCHED'
  /** A posted payment whose reference has no ledger line (or that has no reference). */
  | 'UNMATCHED';

/** One call and whatever its disposition implies (DOMAIN.md §3), recorded in one transaction. */
export type RecordCallInput = {
  accountId: Scalars['ID']['input'];
  /** When someone (or a machine) answered. */
  answeredAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** CALLBACK_REQUESTED: the time the customer chose. */
  callbackAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  direction: CallDirection;
  disposition: Disposition;
  /** DISPUTE or ALREADY_PAID */
  dispute?: InputMaybe<CallDisputeInput>;
  endedAt: Scalars['DateTimeISO']['input'];
  /** The account version you saw; a newer one makes this CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  notes?: InputMaybe<Scalars['String']['input']>;
  /** PAYMENT_TAKEN */
  payment?: InputMaybe<PaymentInput>;
  /** The customer’s phone (a ContactPoint); required for OUTBOUND. */
  phoneId?: InputMaybe<Scalars['ID']['input']>;
  /** Caller id of an INBOUND call from an unknown number. */
  phoneNumber?: InputMaybe<Scalars['String']['input']>;
  /** PAYMENT_PLAN */
  plan?: InputMaybe<PlanInput>;
  /** PROMISE_TO_PAY */
  promise?: InputMaybe<PromiseInput>;
  /** The excuse given, when the right party was reached; required for HARDSHIP. */
  reasonCode?: InputMaybe<Scalars['String']['input']>;
  /** ROUTED */
  referral?: InputMaybe<CallReferralInput>;
  /** Call model (script) version used. */
  scriptVersion?: InputMaybe<Scalars['String']['input']>;
  startedAt: Scalars['DateTimeISO']['input'];
  /** Whole seconds from answeredAt to endedAt; 0 when unanswered. */
  talkSeconds: Scalars['Int']['input'];
  wrapSeconds: Scalars['Int']['input'];
};

export type RecordPaymentInput = {
  accountId: Scalars['ID']['input'];
  /** In the account currency; more than zero and at most the balance. */
  amount: MoneyInput;
  /** Last four digits of the card (CARD_TERMINAL); never more. */
  cardLast4?: InputMaybe<Scalars['String']['input']>;
  /** The account version you saw; a newer one makes this CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The reference of the processor or bank. */
  externalReference?: InputMaybe<Scalars['String']['input']>;
  /** The same key always returns the first payment and never posts twice. */
  idempotencyKey: Scalars['String']['input'];
  method: PaymentMethod;
};

/** All given conditions must hold. */
export type ReferralFilter = {
  accountId?: InputMaybe<Scalars['ID']['input']>;
  /** The owner queue. */
  queue?: InputMaybe<ReferralQueue>;
  status?: InputMaybe<ReferralStatus>;
};

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

/** Why an account is on the worklist, in the order reasons are worked. */
export type WorklistReason =
  /** The customer asked to be called back about now (within the contact profile’s callback window). */
  | 'CALLBACK_DUE'
  /** The account’s ACTIVE plan has a MISSED instalment. */
  | 'PLAN_INSTALMENT_MISSED'
  /** Nothing is due: ordered by the bucket’s treatment strategy, then expected value. */
  | 'PRIORITY'
  /** A promise whose grace ended yesterday was found short by today’s rollover (BROKEN or PARTIALLY_KEPT). */
  | 'PROMISE_BROKEN_YESTERDAY'
  /** A PENDING promise falls due today. */
  | 'PROMISE_DUE_TODAY';

export type WriteOffStatus =
  | 'APPROVED'
  | 'REJECTED'
  | 'REQUESTED';

export type PortfolioQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountFilter>;
  orderBy?: InputMaybe<AccountOrder>;
}>;


export type PortfolioQuery = { accounts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ cursor: string, node: { id: string, externalRef: string, bucket: Bucket, dpd: number, status: AccountStatus, balance: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string }, assignedAgent?: { id: string, name: string } | null, lastCall?: { id: string, disposition: Disposition, startedAt: string } | null, openPromise?: { id: string, dueDate: string, amount: { amount: string, currencyCode: string } } | null } }> } };

export type ApprovalAccountFieldsFragment = { id: string, externalRef: string, bucket: Bucket, balance: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string } };

export type ApprovePaymentPlanMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ApprovePaymentPlanMutation = { approvePaymentPlan: { id: string, status: PlanStatus, version: number } };

export type ApprovePromiseMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ApprovePromiseMutation = { approvePromise: { id: string, status: PromiseStatus, version: number } };

export type ApproveWriteOffMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
}>;


export type ApproveWriteOffMutation = { approveWriteOff: { id: string, status: WriteOffStatus } };

export type PlansAwaitingApprovalQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PlansAwaitingApprovalQuery = { plansAwaitingApproval: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ id: string, status: PlanStatus, version: number, instalmentCount: number, isSettlement: boolean, createdAt: string, total: { amount: string, currencyCode: string }, account?: { id: string, externalRef: string, bucket: Bucket, balance: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string } } | null }> } };

export type PromisesAwaitingApprovalQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PromisesAwaitingApprovalQuery = { promisesAwaitingApproval: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ id: string, status: PromiseStatus, version: number, dueDate: string, createdAt: string, amount: { amount: string, currencyCode: string }, agent?: { id: string, name: string } | null, account?: { id: string, externalRef: string, bucket: Bucket, balance: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string } } | null }> } };

export type RejectPaymentPlanMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type RejectPaymentPlanMutation = { rejectPaymentPlan: { id: string, status: PlanStatus, version: number } };

export type RejectPromiseMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type RejectPromiseMutation = { rejectPromise: { id: string, status: PromiseStatus, version: number } };

export type RejectWriteOffMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  note: Scalars['String']['input'];
}>;


export type RejectWriteOffMutation = { rejectWriteOff: { id: string, status: WriteOffStatus } };

export type WriteOffsAwaitingDecisionQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type WriteOffsAwaitingDecisionQuery = { writeOffsAwaitingDecision: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ id: string, status: WriteOffStatus, reason: string, requestedAt: string, amount: { amount: string, currencyCode: string }, requestedBy?: { id: string, name: string } | null, account?: { id: string, externalRef: string, bucket: Bucket, balance: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string } } | null }> } };

export type ContactCheckQueryVariables = Exact<{
  accountId: Scalars['ID']['input'];
  phoneId: Scalars['ID']['input'];
}>;


export type ContactCheckQuery = { contactCheck: { allowed: boolean, blockedBy: Array<ContactRule>, nextAllowedAt?: string | null } };

export type ContactHistoryQueryVariables = Exact<{
  customerId: Scalars['ID']['input'];
}>;


export type ContactHistoryQuery = { contactHistory: { nodes: Array<{ id: string, at: string, change: ContactPointChangeKind, oldValue?: string | null, newValue?: string | null, reason?: string | null, source: string, changedBy?: { id: string, name: string } | null }> } };

export type DeskAccountQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeskAccountQuery = { account: { id: string, externalRef: string, version: number, product: Product, status: AccountStatus, bucket: Bucket, dpd: number, currency: string, oldestUnpaidDueDate?: string | null, balance: { amount: string, currencyCode: string }, amountDue: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string, timeZone: string, locatable: LocatableStatus, ceaseCommunication: boolean, contactPoints: Array<{ id: string, kind: ContactPointKind, value: string, status: ContactPointStatus, phoneType?: PhoneType | null, doNotCall: boolean, source: string, verifiedAt?: string | null }> }, promises: { nodes: Array<{ id: string, dueDate: string, status: PromiseStatus, amount: { amount: string, currencyCode: string }, paidAmount: { amount: string, currencyCode: string } }> }, plans: { nodes: Array<{ id: string, instalmentCount: number, status: PlanStatus, isSettlement: boolean, total: { amount: string, currencyCode: string } }> }, payments: { nodes: Array<{ id: string, method: PaymentMethod, status: PaymentStatus, receivedAt: string, amount: { amount: string, currencyCode: string } }> }, calls: { nodes: Array<{ id: string, startedAt: string, direction: CallDirection, disposition: Disposition, talkSeconds: number, notes?: string | null, agent: { id: string, name: string } }> } } };

export type NextAccountMutationVariables = Exact<{ [key: string]: never; }>;


export type NextAccountMutation = { nextAccount?: { rank: number, reason: WorklistReason, detail: string, leaseExpiresAt?: string | null, expectedValue: { amount: string, currencyCode: string }, phone: { id: string, value: string }, account: { id: string, externalRef: string, bucket: Bucket, dpd: number, balance: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string }, assignedAgent?: { id: string } | null } } | null };

export type RecordCallMutationVariables = Exact<{
  input: RecordCallInput;
}>;


export type RecordCallMutation = { recordCall: { id: string, disposition: Disposition } };

export type SetAgentStatusMutationVariables = Exact<{
  status: Presence;
  pauseReason?: InputMaybe<PauseReason>;
}>;


export type SetAgentStatusMutation = { setAgentStatus: { id: string, presence: Presence, pauseReason?: PauseReason | null } };

export type WorklistQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type WorklistQuery = { worklist: Array<{ rank: number, reason: WorklistReason, detail: string, leaseExpiresAt?: string | null, expectedValue: { amount: string, currencyCode: string }, phone: { id: string, value: string }, account: { id: string, externalRef: string, bucket: Bucket, dpd: number, balance: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string }, assignedAgent?: { id: string } | null } }> };

export type WorklistItemFieldsFragment = { rank: number, reason: WorklistReason, detail: string, leaseExpiresAt?: string | null, expectedValue: { amount: string, currencyCode: string }, phone: { id: string, value: string }, account: { id: string, externalRef: string, bucket: Bucket, dpd: number, balance: { amount: string, currencyCode: string }, customer: { id: string, firstName: string, lastName: string }, assignedAgent?: { id: string } | null } };

export type AcknowledgeAlertMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AcknowledgeAlertMutation = { acknowledgeAlert: { id: string, kind: AlertKind, message: string, raisedAt: string, acknowledgedAt?: string | null, acknowledgedBy?: { id: string, name: string } | null, agent?: { id: string, name: string } | null, account?: { id: string, externalRef: string } | null } };

export type AgentStatusChangedSubscriptionVariables = Exact<{
  teamId: Scalars['ID']['input'];
}>;


export type AgentStatusChangedSubscription = { agentStatusChanged: { at: string, status: Presence, pauseReason?: PauseReason | null, agent: { id: string, name: string } } };

export type AlertFieldsFragment = { id: string, kind: AlertKind, message: string, raisedAt: string, acknowledgedAt?: string | null, acknowledgedBy?: { id: string, name: string } | null, agent?: { id: string, name: string } | null, account?: { id: string, externalRef: string } | null };

export type AlertRaisedSubscriptionVariables = Exact<{
  teamId: Scalars['ID']['input'];
}>;


export type AlertRaisedSubscription = { alertRaised: { id: string, kind: AlertKind, message: string, raisedAt: string, acknowledgedAt?: string | null, acknowledgedBy?: { id: string, name: string } | null, agent?: { id: string, name: string } | null, account?: { id: string, externalRef: string } | null } };

export type BucketMetricsQueryVariables = Exact<{
  month: Scalars['String']['input'];
}>;


export type BucketMetricsQuery = { bucketMetrics: { month: string, asOf: string, currencyCode: string, buckets: Array<{ bucket: Bucket, openingAccounts: number, cured: number, rolledForward: number, cureRate?: number | null, rollRate?: number | null, openingBalance: { amount: string, currencyCode: string }, collected: { amount: string, currencyCode: string }, cureRateGoal?: { goal: number, attainment?: number | null, met?: boolean | null } | null, rollRateGoal?: { goal: number, attainment?: number | null, met?: boolean | null } | null, collectedGoal?: { attainment?: number | null, met?: boolean | null, goal: { amount: string, currencyCode: string } } | null }> } };

export type BucketMetricsFieldsFragment = { month: string, asOf: string, currencyCode: string, buckets: Array<{ bucket: Bucket, openingAccounts: number, cured: number, rolledForward: number, cureRate?: number | null, rollRate?: number | null, openingBalance: { amount: string, currencyCode: string }, collected: { amount: string, currencyCode: string }, cureRateGoal?: { goal: number, attainment?: number | null, met?: boolean | null } | null, rollRateGoal?: { goal: number, attainment?: number | null, met?: boolean | null } | null, collectedGoal?: { attainment?: number | null, met?: boolean | null, goal: { amount: string, currencyCode: string } } | null }> };

export type BucketMetricsUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type BucketMetricsUpdatedSubscription = { bucketMetricsUpdated: { month: string, asOf: string, currencyCode: string, buckets: Array<{ bucket: Bucket, openingAccounts: number, cured: number, rolledForward: number, cureRate?: number | null, rollRate?: number | null, openingBalance: { amount: string, currencyCode: string }, collected: { amount: string, currencyCode: string }, cureRateGoal?: { goal: number, attainment?: number | null, met?: boolean | null } | null, rollRateGoal?: { goal: number, attainment?: number | null, met?: boolean | null } | null, collectedGoal?: { attainment?: number | null, met?: boolean | null, goal: { amount: string, currencyCode: string } } | null }> } };

export type CallLoggedSubscriptionVariables = Exact<{
  teamId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CallLoggedSubscription = { callLogged: { callId: string, cursor: string, disposition: Disposition, contact: boolean, rightPartyContact: boolean, direction: CallDirection, recordedAt: string, talkSeconds: number, agent: { id: string, name: string }, account?: { id: string, externalRef: string } | null, promiseAmount?: { amount: string, currencyCode: string } | null, paymentAmount?: { amount: string, currencyCode: string } | null, planTotal?: { amount: string, currencyCode: string } | null } };

export type KpiFigureFieldsFragment = { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null };

export type KpiAmountFieldsFragment = { kpi: Kpi, attainment?: number | null, pace?: number | null, status?: KpiStatus | null, value?: { amount: string, currencyCode: string } | null, target?: { amount: string, currencyCode: string } | null, expectedByNow?: { amount: string, currencyCode: string } | null };

export type KpiCardsFieldsFragment = { asOf: string, scope: KpiScope, scopeId?: string | null, period: KpiPeriod, from: string, to: string, elapsedShare: number, currencyCode: string, calls: number, attempts: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, contacts: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, rightPartyContacts: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, promises: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, contactRate: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, rpcRate: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, ptpRate: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, promisedAmount: { kpi: Kpi, attainment?: number | null, pace?: number | null, status?: KpiStatus | null, value?: { amount: string, currencyCode: string } | null, target?: { amount: string, currencyCode: string } | null, expectedByNow?: { amount: string, currencyCode: string } | null }, collectedAmount: { kpi: Kpi, attainment?: number | null, pace?: number | null, status?: KpiStatus | null, value?: { amount: string, currencyCode: string } | null, target?: { amount: string, currencyCode: string } | null, expectedByNow?: { amount: string, currencyCode: string } | null } };

export type KpiUpdatedSubscriptionVariables = Exact<{
  scope: KpiScope;
  scopeId?: InputMaybe<Scalars['ID']['input']>;
  period: KpiPeriod;
}>;


export type KpiUpdatedSubscription = { kpiUpdated: { asOf: string, scope: KpiScope, scopeId?: string | null, period: KpiPeriod, from: string, to: string, elapsedShare: number, currencyCode: string, calls: number, attempts: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, contacts: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, rightPartyContacts: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, promises: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, contactRate: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, rpcRate: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, ptpRate: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, promisedAmount: { kpi: Kpi, attainment?: number | null, pace?: number | null, status?: KpiStatus | null, value?: { amount: string, currencyCode: string } | null, target?: { amount: string, currencyCode: string } | null, expectedByNow?: { amount: string, currencyCode: string } | null }, collectedAmount: { kpi: Kpi, attainment?: number | null, pace?: number | null, status?: KpiStatus | null, value?: { amount: string, currencyCode: string } | null, target?: { amount: string, currencyCode: string } | null, expectedByNow?: { amount: string, currencyCode: string } | null } } };

export type LeaderboardQueryVariables = Exact<{
  teamId: Scalars['ID']['input'];
  kpi: Kpi;
  period: KpiPeriod;
  date: Scalars['LocalDate']['input'];
}>;


export type LeaderboardQuery = { leaderboard: { asOf: string, kpi: Kpi, entries: Array<{ agentId: string, name: string, rank: number, value?: number | null, amount?: { amount: string, currencyCode: string } | null }> } };

export type OpenAlertsQueryVariables = Exact<{
  teamId: Scalars['ID']['input'];
}>;


export type OpenAlertsQuery = { alerts: { totalCount: number, nodes: Array<{ id: string, kind: AlertKind, message: string, raisedAt: string, acknowledgedAt?: string | null, acknowledgedBy?: { id: string, name: string } | null, agent?: { id: string, name: string } | null, account?: { id: string, externalRef: string } | null }> } };

export type RecentCallsQueryVariables = Exact<{
  teamId: Scalars['ID']['input'];
}>;


export type RecentCallsQuery = { calls: { nodes: Array<{ id: string, disposition: Disposition, direction: CallDirection, createdAt: string, talkSeconds: number, agent: { id: string, name: string }, account?: { id: string, externalRef: string } | null }> } };

export type TeamAgentsQueryVariables = Exact<{
  teamId: Scalars['ID']['input'];
}>;


export type TeamAgentsQuery = { agents: { nodes: Array<{ id: string, name: string, presence: Presence, pauseReason?: PauseReason | null, presenceSince?: string | null }> } };

export type TeamKpisQueryVariables = Exact<{
  scope: KpiScope;
  scopeId?: InputMaybe<Scalars['ID']['input']>;
  period: KpiPeriod;
  date: Scalars['LocalDate']['input'];
}>;


export type TeamKpisQuery = { kpis: { asOf: string, scope: KpiScope, scopeId?: string | null, period: KpiPeriod, from: string, to: string, elapsedShare: number, currencyCode: string, calls: number, attempts: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, contacts: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, rightPartyContacts: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, promises: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, contactRate: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, rpcRate: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, ptpRate: { kpi: Kpi, value?: number | null, target?: number | null, expectedByNow?: number | null, attainment?: number | null, pace?: number | null, status?: KpiStatus | null }, promisedAmount: { kpi: Kpi, attainment?: number | null, pace?: number | null, status?: KpiStatus | null, value?: { amount: string, currencyCode: string } | null, target?: { amount: string, currencyCode: string } | null, expectedByNow?: { amount: string, currencyCode: string } | null }, collectedAmount: { kpi: Kpi, attainment?: number | null, pace?: number | null, status?: KpiStatus | null, value?: { amount: string, currencyCode: string } | null, target?: { amount: string, currencyCode: string } | null, expectedByNow?: { amount: string, currencyCode: string } | null } } };

export type TeamsQueryVariables = Exact<{ [key: string]: never; }>;


export type TeamsQuery = { teams: { nodes: Array<{ id: string, name: string, supervisor?: { id: string, name: string } | null }> } };

export type AlertRuleFieldsFragment = { id: string, kind: AlertKind, enabled: boolean, shiftShare?: number | null, kpis?: Array<Kpi> | null, limitSeconds?: number | null, refusalCount?: number | null, windowSeconds?: number | null, version: number, updatedAt: string, amount?: { amount: string, currencyCode: string } | null, updatedBy?: { id: string, name: string } | null };

export type AlertRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertRulesQuery = { alertRules: Array<{ id: string, kind: AlertKind, enabled: boolean, shiftShare?: number | null, kpis?: Array<Kpi> | null, limitSeconds?: number | null, refusalCount?: number | null, windowSeconds?: number | null, version: number, updatedAt: string, amount?: { amount: string, currencyCode: string } | null, updatedBy?: { id: string, name: string } | null }> };

export type SetBucketGoalMutationVariables = Exact<{
  bucket: Bucket;
  metric: BucketGoalMetric;
  month: Scalars['String']['input'];
  value: Scalars['String']['input'];
}>;


export type SetBucketGoalMutation = { setBucketGoal: { bucket: Bucket, metric: BucketGoalMetric, month: string } };

export type SetTargetMutationVariables = Exact<{
  scope: KpiScope;
  scopeId?: InputMaybe<Scalars['ID']['input']>;
  kpi: Kpi;
  period: KpiPeriod;
  date: Scalars['LocalDate']['input'];
  value?: InputMaybe<Scalars['Float']['input']>;
  amount?: InputMaybe<MoneyInput>;
}>;


export type SetTargetMutation = { setTarget: { id: string, kpi: Kpi, period: KpiPeriod, scope: KpiScope, scopeId?: string | null, value?: number | null, amount?: { amount: string, currencyCode: string } | null } };

export type UpdateAlertRuleMutationVariables = Exact<{
  input: AlertRuleInput;
}>;


export type UpdateAlertRuleMutation = { updateAlertRule: { id: string, kind: AlertKind, enabled: boolean, shiftShare?: number | null, kpis?: Array<Kpi> | null, limitSeconds?: number | null, refusalCount?: number | null, windowSeconds?: number | null, version: number, updatedAt: string, amount?: { amount: string, currencyCode: string } | null, updatedBy?: { id: string, name: string } | null } };

export type LoginMutationVariables = Exact<{
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type LoginMutation = { login: { token: string, expiresAt: string, agent: { id: string, name: string, role: Role } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, name: string, role: Role, presence: Presence, team?: { id: string, name: string } | null } };

export const ApprovalAccountFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<ApprovalAccountFieldsFragment, unknown>;
export const WorklistItemFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorklistItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorklistItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"leaseExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"expectedValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignedAgent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<WorklistItemFieldsFragment, unknown>;
export const AlertFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Alert"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}}]}}]}}]} as unknown as DocumentNode<AlertFieldsFragment, unknown>;
export const BucketMetricsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BucketMetricsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BucketMetrics"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"openingAccounts"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cured"}},{"kind":"Field","name":{"kind":"Name","value":"rolledForward"}},{"kind":"Field","name":{"kind":"Name","value":"cureRate"}},{"kind":"Field","name":{"kind":"Name","value":"rollRate"}},{"kind":"Field","name":{"kind":"Name","value":"collected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cureRateGoal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rollRateGoal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collectedGoal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}}]}}]}}]} as unknown as DocumentNode<BucketMetricsFieldsFragment, unknown>;
export const KpiFigureFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiFigureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KpiFigure"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedByNow"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"pace"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<KpiFigureFieldsFragment, unknown>;
export const KpiAmountFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiAmountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KpiAmount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expectedByNow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"pace"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<KpiAmountFieldsFragment, unknown>;
export const KpiCardsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiCardsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Kpis"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"scopeId"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedShare"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"calls"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rightPartyContacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"promises"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contactRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rpcRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ptpRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"promisedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiAmountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collectedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiAmountFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiFigureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KpiFigure"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedByNow"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"pace"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiAmountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KpiAmount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expectedByNow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"pace"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<KpiCardsFieldsFragment, unknown>;
export const AlertRuleFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlertRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"shiftShare"}},{"kind":"Field","name":{"kind":"Name","value":"kpis"}},{"kind":"Field","name":{"kind":"Name","value":"limitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusalCount"}},{"kind":"Field","name":{"kind":"Name","value":"windowSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AlertRuleFieldsFragment, unknown>;
export const PortfolioDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Portfolio"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignedAgent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastCall"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"disposition"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openPromise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortfolioQuery, PortfolioQueryVariables>;
export const ApprovePaymentPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApprovePaymentPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approvePaymentPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ApprovePaymentPlanMutation, ApprovePaymentPlanMutationVariables>;
export const ApprovePromiseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApprovePromise"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approvePromise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ApprovePromiseMutation, ApprovePromiseMutationVariables>;
export const ApproveWriteOffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveWriteOff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveWriteOff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ApproveWriteOffMutation, ApproveWriteOffMutationVariables>;
export const PlansAwaitingApprovalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlansAwaitingApproval"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plansAwaitingApproval"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"instalmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"isSettlement"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalAccountFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<PlansAwaitingApprovalQuery, PlansAwaitingApprovalQueryVariables>;
export const PromisesAwaitingApprovalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PromisesAwaitingApproval"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"promisesAwaitingApproval"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalAccountFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<PromisesAwaitingApprovalQuery, PromisesAwaitingApprovalQueryVariables>;
export const RejectPaymentPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectPaymentPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectPaymentPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<RejectPaymentPlanMutation, RejectPaymentPlanMutationVariables>;
export const RejectPromiseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectPromise"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectPromise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<RejectPromiseMutation, RejectPromiseMutationVariables>;
export const RejectWriteOffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectWriteOff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectWriteOff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RejectWriteOffMutation, RejectWriteOffMutationVariables>;
export const WriteOffsAwaitingDecisionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WriteOffsAwaitingDecision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"writeOffsAwaitingDecision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApprovalAccountFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApprovalAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<WriteOffsAwaitingDecisionQuery, WriteOffsAwaitingDecisionQueryVariables>;
export const ContactCheckDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContactCheck"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phoneId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contactCheck"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"phoneId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phoneId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}},{"kind":"Field","name":{"kind":"Name","value":"nextAllowedAt"}}]}}]}}]} as unknown as DocumentNode<ContactCheckQuery, ContactCheckQueryVariables>;
export const ContactHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContactHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contactHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"changedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContactHistoryQuery, ContactHistoryQueryVariables>;
export const DeskAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeskAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"product"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldestUnpaidDueDate"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"locatable"}},{"kind":"Field","name":{"kind":"Name","value":"ceaseCommunication"}},{"kind":"Field","name":{"kind":"Name","value":"contactPoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"doNotCall"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"promises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paidAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"plans"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"instalmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isSettlement"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"disposition"}},{"kind":"Field","name":{"kind":"Name","value":"talkSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DeskAccountQuery, DeskAccountQueryVariables>;
export const NextAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"NextAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nextAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorklistItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorklistItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorklistItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"leaseExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"expectedValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignedAgent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<NextAccountMutation, NextAccountMutationVariables>;
export const RecordCallDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordCall"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordCallInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCall"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"disposition"}}]}}]}}]} as unknown as DocumentNode<RecordCallMutation, RecordCallMutationVariables>;
export const SetAgentStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAgentStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Presence"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pauseReason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PauseReason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAgentStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"pauseReason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pauseReason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"presence"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}}]}}]}}]} as unknown as DocumentNode<SetAgentStatusMutation, SetAgentStatusMutationVariables>;
export const WorklistDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Worklist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"worklist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WorklistItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WorklistItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorklistItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"leaseExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"expectedValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignedAgent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<WorklistQuery, WorklistQueryVariables>;
export const AcknowledgeAlertDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcknowledgeAlert"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acknowledgeAlert"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Alert"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}}]}}]}}]} as unknown as DocumentNode<AcknowledgeAlertMutation, AcknowledgeAlertMutationVariables>;
export const AgentStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AgentStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"teamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<AgentStatusChangedSubscription, AgentStatusChangedSubscriptionVariables>;
export const AlertRaisedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AlertRaised"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertRaised"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"teamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Alert"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}}]}}]}}]} as unknown as DocumentNode<AlertRaisedSubscription, AlertRaisedSubscriptionVariables>;
export const BucketMetricsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BucketMetrics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucketMetrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BucketMetricsFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BucketMetricsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BucketMetrics"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"openingAccounts"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cured"}},{"kind":"Field","name":{"kind":"Name","value":"rolledForward"}},{"kind":"Field","name":{"kind":"Name","value":"cureRate"}},{"kind":"Field","name":{"kind":"Name","value":"rollRate"}},{"kind":"Field","name":{"kind":"Name","value":"collected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cureRateGoal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rollRateGoal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collectedGoal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}}]}}]}}]} as unknown as DocumentNode<BucketMetricsQuery, BucketMetricsQueryVariables>;
export const BucketMetricsUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BucketMetricsUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucketMetricsUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BucketMetricsFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BucketMetricsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BucketMetrics"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"openingAccounts"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cured"}},{"kind":"Field","name":{"kind":"Name","value":"rolledForward"}},{"kind":"Field","name":{"kind":"Name","value":"cureRate"}},{"kind":"Field","name":{"kind":"Name","value":"rollRate"}},{"kind":"Field","name":{"kind":"Name","value":"collected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cureRateGoal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rollRateGoal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collectedGoal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}}]}}]}}]} as unknown as DocumentNode<BucketMetricsUpdatedSubscription, BucketMetricsUpdatedSubscriptionVariables>;
export const CallLoggedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CallLogged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callLogged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"teamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"disposition"}},{"kind":"Field","name":{"kind":"Name","value":"contact"}},{"kind":"Field","name":{"kind":"Name","value":"rightPartyContact"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}},{"kind":"Field","name":{"kind":"Name","value":"talkSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"promiseAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paymentAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"planTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}}]}}]}}]} as unknown as DocumentNode<CallLoggedSubscription, CallLoggedSubscriptionVariables>;
export const KpiUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"KpiUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiScope"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scopeId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiPeriod"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpiUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}},{"kind":"Argument","name":{"kind":"Name","value":"scopeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scopeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiCardsFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiFigureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KpiFigure"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedByNow"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"pace"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiAmountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KpiAmount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expectedByNow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"pace"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiCardsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Kpis"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"scopeId"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedShare"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"calls"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rightPartyContacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"promises"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contactRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rpcRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ptpRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"promisedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiAmountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collectedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiAmountFields"}}]}}]}}]} as unknown as DocumentNode<KpiUpdatedSubscription, KpiUpdatedSubscriptionVariables>;
export const LeaderboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Leaderboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kpi"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Kpi"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiPeriod"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"date"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaderboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"teamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"kpi"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kpi"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LeaderboardQuery, LeaderboardQueryVariables>;
export const OpenAlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenAlerts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"teamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"acknowledged"},"value":{"kind":"BooleanValue","value":false}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Alert"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}}]}}]}}]} as unknown as DocumentNode<OpenAlertsQuery, OpenAlertsQueryVariables>;
export const RecentCallsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentCalls"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"calls"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"15"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"teamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"disposition"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"talkSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalRef"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecentCallsQuery, RecentCallsQueryVariables>;
export const TeamAgentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TeamAgents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"teamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"roles"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"AGENT"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"presence"}},{"kind":"Field","name":{"kind":"Name","value":"pauseReason"}},{"kind":"Field","name":{"kind":"Name","value":"presenceSince"}}]}}]}}]}}]} as unknown as DocumentNode<TeamAgentsQuery, TeamAgentsQueryVariables>;
export const TeamKpisDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TeamKpis"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiScope"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scopeId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiPeriod"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"date"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpis"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}},{"kind":"Argument","name":{"kind":"Name","value":"scopeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scopeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiCardsFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiFigureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KpiFigure"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedByNow"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"pace"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiAmountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KpiAmount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expectedByNow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"pace"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KpiCardsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Kpis"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"scopeId"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedShare"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"calls"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rightPartyContacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"promises"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contactRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rpcRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ptpRate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiFigureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"promisedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiAmountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collectedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"KpiAmountFields"}}]}}]}}]} as unknown as DocumentNode<TeamKpisQuery, TeamKpisQueryVariables>;
export const TeamsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"teams"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"supervisor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TeamsQuery, TeamsQueryVariables>;
export const AlertRulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertRuleFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlertRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"shiftShare"}},{"kind":"Field","name":{"kind":"Name","value":"kpis"}},{"kind":"Field","name":{"kind":"Name","value":"limitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusalCount"}},{"kind":"Field","name":{"kind":"Name","value":"windowSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AlertRulesQuery, AlertRulesQueryVariables>;
export const SetBucketGoalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetBucketGoal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Bucket"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metric"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BucketGoalMetric"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setBucketGoal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bucket"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}}},{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metric"}}},{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"month"}}]}}]}}]} as unknown as DocumentNode<SetBucketGoalMutation, SetBucketGoalMutationVariables>;
export const SetTargetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetTarget"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiScope"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scopeId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kpi"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Kpi"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiPeriod"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"date"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MoneyInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setTarget"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}},{"kind":"Argument","name":{"kind":"Name","value":"scopeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scopeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"kpi"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kpi"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"date"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}},{"kind":"Argument","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"scopeId"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}}]}}]}}]} as unknown as DocumentNode<SetTargetMutation, SetTargetMutationVariables>;
export const UpdateAlertRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAlertRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AlertRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAlertRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertRuleFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlertRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"shiftShare"}},{"kind":"Field","name":{"kind":"Name","value":"kpis"}},{"kind":"Field","name":{"kind":"Name","value":"limitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusalCount"}},{"kind":"Field","name":{"kind":"Name","value":"windowSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<UpdateAlertRuleMutation, UpdateAlertRuleMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"presence"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;