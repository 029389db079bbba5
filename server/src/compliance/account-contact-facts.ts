import type { EntityManager } from '@mikro-orm/core';
import { Disposition } from '../calls/dispositions.js';
import { booleanOf, instantOf, sqlRows } from '../db/sql.js';
import { DisputeStatus } from '../disputes/dispute.entity.js';
import { contactHistory, lookbackSeconds, type ContactHistory, type ContactPointFacts } from './contact-facts.js';

// Driven from the account row, each join a primary-key look-up.
const PROFILE_AND_FLAGS = `select c.time_zone, c.cease_communication, c.attorney_represented, c.bankrupt, c.deceased,
    p.window_start_minute, p.window_end_minute, p.max_attempts, p.attempt_window_seconds, p.quiet_after_conversation_seconds,
    p.callback_early_minutes, p.callback_late_minutes,
    exists (select 1 from dispute d where d.account_id = a.id and d.status = ?) as open_dispute
  from account a
  join customer c on c.id = a.customer_id
  join portfolio f on f.id = a.portfolio_id
  join contact_profile p on p.id = f.contact_profile_id
  where a.id = ?`;

// One pass over the account's calls (the account_id, started_at index) serves both look-ups: a callback
// request counts whenever it was made.
const HISTORY = `select direction, disposition, started_at, callback_at from call
  where account_id = ? and ((started_at > ? and started_at <= ?) or (disposition = ? and callback_at is not null))`;

/**
 * loadContactFacts for the one account a call is being recorded on, in two statements and without
 * entities: recordCall runs it on every outbound call, the worklist's batch reader suits many accounts.
 * The customer's phones and addresses come from the caller, who has read them to find the phone dialled.
 */
export async function loadAccountContactFacts(em: EntityManager, accountId: number, points: readonly ContactPointFacts[], at: Date): Promise<ContactHistory> {
  const [row] = await sqlRows(em, PROFILE_AND_FLAGS, [DisputeStatus.OPEN, accountId]);
  if (!row) throw new Error(`Account ${accountId} was not found`);
  const rules = {
    windowStartMinute: Number(row.window_start_minute),
    windowEndMinute: Number(row.window_end_minute),
    maxAttempts: Number(row.max_attempts),
    attemptWindowSeconds: Number(row.attempt_window_seconds),
    quietAfterConversationSeconds: Number(row.quiet_after_conversation_seconds),
    callbackEarlyMinutes: Number(row.callback_early_minutes),
    callbackLateMinutes: Number(row.callback_late_minutes),
  };
  const since = new Date(at.getTime() - lookbackSeconds(rules) * 1000);
  const rows = await sqlRows(em, HISTORY, [accountId, since, at, Disposition.CALLBACK_REQUESTED]);
  const calls = rows.map((r) => ({
    direction: String(r.direction),
    disposition: r.disposition as Disposition,
    startedAt: instantOf(r.started_at)!,
    callbackAt: instantOf(r.callback_at),
  }));
  return contactHistory({
    rules,
    customer: {
      timeZone: String(row.time_zone),
      ceaseCommunication: booleanOf(row.cease_communication),
      attorneyRepresented: booleanOf(row.attorney_represented),
      bankrupt: booleanOf(row.bankrupt),
      deceased: booleanOf(row.deceased),
    },
    points,
    calls: calls.filter((c) => c.startedAt > since && c.startedAt <= at),
    callbacks: calls.filter((c) => c.disposition === Disposition.CALLBACK_REQUESTED && c.callbackAt).map((c) => c.callbackAt!),
    openDispute: booleanOf(row.open_dispute),
  });
}
