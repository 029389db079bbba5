import { OptimisticLockError, type EntityManager } from '@mikro-orm/core';
import { accountInReachSql } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import type { ContactPointFacts } from '../compliance/contact-facts.js';
import { Account } from '../accounts/account.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { ContactPoint, ContactPointKind } from '../customers/contact-point.entity.js';
import { booleanOf, instantOf, sqlRows, sqlRun } from '../db/sql.js';
import { notFound } from '../graphql/errors.js';
import { Call, type CallDirection } from './call.entity.js';
import type { Disposition } from './dispositions.js';

/**
 * The statements every recordCall runs, as SQL in the request's transaction: for a call with no
 * promise, payment, plan, referral or dispute (most of a dialer's traffic) they are all of it. The ORM
 * would build, hydrate and diff entities for rows that are read once and written once; the rules stay
 * in CallRecordingService.
 */

/** What recordCall needs of the account it records a call on. */
export interface AccountToCall {
  id: number;
  customerId: number;
  teamId: number | null;
  version: number;
  /** When the account's last call started; null when it has none. */
  lastCallStartedAt: Date | null;
}

/** The account within the viewer's reach (accountForChange), or NOT_FOUND. */
export async function accountToCall(tx: EntityManager, viewer: Viewer, accountId: number): Promise<AccountToCall> {
  const reach = accountInReachSql(viewer, 'a');
  const [row] = await sqlRows(
    tx,
    `select a.id, a.customer_id, a.team_id, a.version, lc.started_at as last_call_started_at
     from account a left join call lc on lc.id = a.last_call_id
     where a.id = ?${reach ? ` and ${reach.sql}` : ''}`,
    [accountId, ...(reach?.params ?? [])],
  );
  if (!row) throw notFound('Account');
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    teamId: row.team_id == null ? null : Number(row.team_id),
    version: Number(row.version),
    lastCallStartedAt: instantOf(row.last_call_started_at),
  };
}

/** A phone or address of a customer, as the call and the contact rules need it. */
export interface ContactPointRow extends ContactPointFacts {
  id: number;
  value: string;
}

/** The customer's phones and addresses: the phone dialled is among them, and the contact rules read them all. */
export async function phonesAndAddressesOf(tx: EntityManager, customerId: number): Promise<ContactPointRow[]> {
  const rows = await sqlRows(
    tx,
    `select id, kind, value, phone_type, time_zone, status, do_not_call, dialer_consent from contact_point
     where customer_id = ? and kind in (?, ?) order by id`,
    [customerId, ContactPointKind.PHONE, ContactPointKind.ADDRESS],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as ContactPointRow['kind'],
    value: String(r.value),
    phoneType: (r.phone_type ?? null) as ContactPointRow['phoneType'],
    timeZone: (r.time_zone as string | null) ?? null,
    status: r.status as ContactPointRow['status'],
    doNotCall: booleanOf(r.do_not_call),
    dialerConsent: booleanOf(r.dialer_consent),
  }));
}

/** A call row as it is inserted. */
export interface NewCall {
  accountId: number;
  agentId: number;
  teamId: number | null;
  direction: CallDirection;
  phoneId: number | null;
  phoneNumber: string;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  talkSeconds: number;
  wrapSeconds: number;
  disposition: Disposition;
  reasonCode: string | null;
  notes: string | null;
  scriptVersion: string | null;
  callbackAt: Date | null;
  createdAt: Date;
}

/** Inserts the call; its id. */
export async function insertCall(tx: EntityManager, c: NewCall): Promise<number> {
  const [row] = await sqlRows(
    tx,
    `insert into call (account_id, agent_id, team_id, direction, phone_id, phone_number, started_at, answered_at, ended_at,
       talk_seconds, wrap_seconds, disposition, reason_code, notes, script_version, callback_at, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [
      c.accountId, c.agentId, c.teamId, c.direction, c.phoneId, c.phoneNumber, c.startedAt, c.answeredAt, c.endedAt,
      c.talkSeconds, c.wrapSeconds, c.disposition, c.reasonCode, c.notes, c.scriptVersion, c.callbackAt, c.createdAt,
    ],
  );
  return Number(row!.id);
}

/**
 * The inserted call as the Call the API answers with and the counters, the audit and the events read. It
 * is not in the transaction's unit of work (the ORM has nothing to write for it), and its relations are
 * bare instances holding their id: all anyone reads of them (GraphQL resolves them through the loaders).
 * Managed references would cost more than the rest of the call's JavaScript.
 */
export function insertedCall(c: NewCall, id: number): Call {
  const { accountId, agentId, phoneId, ...fields } = c;
  return Object.assign(new Call(), fields, {
    id,
    account: withId(Account, accountId),
    agent: withId(Agent, agentId),
    phone: phoneId == null ? null : withId(ContactPoint, phoneId),
  });
}

const withId = <T extends object>(entity: new () => T, id: number): T => Object.assign(new entity(), { id });

/**
 * Makes the call the account's last call, moving its version on as the ORM would; a version changed since
 * the account was read (a concurrent change) is the ORM's OptimisticLockError, answered as CONFLICT.
 */
export async function moveLastCall(tx: EntityManager, account: AccountToCall, call: Call): Promise<void> {
  const updated = await sqlRows(
    tx,
    'update account set last_call_id = ?, updated_at = ?, version = version + 1 where id = ? and version = ? returning version',
    // updated_at keeps the wall clock, as the entity's onUpdate writes it.
    [call.id, new Date(), account.id, account.version],
  );
  if (updated.length === 0) throw OptimisticLockError.lockFailed('Account');
}

/** The nextAccount lease the caller held on the account, if any. */
export async function releaseLease(tx: EntityManager, accountId: number, agentId: number): Promise<void> {
  await sqlRun(tx, 'delete from account_lease where account_id = ? and agent_id = ?', [accountId, agentId]);
}
