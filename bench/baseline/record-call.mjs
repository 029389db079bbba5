import { fromGlobalId, toGlobalId } from 'graphql-relay';

const DAY_MS = 86_400_000;
const RIGHT_PARTY = new Set(['PROMISE_TO_PAY', 'PAYMENT_TAKEN', 'PAYMENT_PLAN', 'REFUSED_TO_PAY', 'HARDSHIP', 'DISPUTE', 'CALLBACK_REQUESTED', 'ROUTED', 'ALREADY_PAID', 'CEASE_REQUEST']);
const CONTACT = new Set([...RIGHT_PARTY, 'THIRD_PARTY_MESSAGE', 'THIRD_PARTY_NO_MESSAGE', 'WRONG_NUMBER']);
const now = () => (process.env.CLOCK_NOW ? new Date(process.env.CLOCK_NOW) : new Date());
const dayOf = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: process.env.FLOOR_TIMEZONE ?? 'America/Mexico_City' }).format(date);

/**
 * recordCall by hand, for the call outcomes the benchmark records (no promise, payment or plan): in one
 * transaction the account (the caller's own), the phone, the policy's reads (the customer's flags,
 * the phone's state, attempts in the last 7 days), the call, the account's last call, the lease
 * released, an audit row and the agent's day counter. The same writes as the product, none of its
 * framework.
 */
export async function recordCall(db, viewer, input) {
  const accountId = Number(fromGlobalId(input.accountId).id);
  const phoneId = Number(fromGlobalId(input.phoneId).id);
  const at = now();
  const startedAt = new Date(input.startedAt);
  const sqlite = db.kind === 'sqlite';
  const time = (d) => (sqlite ? d.getTime() : d);
  return db.transaction(async (tx) => {
    const [account] = await tx.all('select id, customer_id, team_id, version from account where id = ? and assigned_agent_id = ?', [accountId, viewer.agentId]);
    if (!account) throw new Error('NOT_FOUND');
    const [phone] = await tx.all("select id, value, status, do_not_call, phone_type, dialer_consent from contact_point where id = ? and customer_id = ? and kind = 'PHONE'", [phoneId, account.customer_id]);
    if (!phone) throw new Error('NOT_FOUND');
    const [customer] = await tx.all('select cease_communication, attorney_represented, bankrupt, deceased from customer where id = ?', [account.customer_id]);
    const [{ n: attempts }] = await tx.all('select count(*) as n from call where account_id = ? and started_at >= ?', [accountId, time(new Date(startedAt.getTime() - 7 * DAY_MS))]);
    const [dispute] = await tx.all("select id from dispute where account_id = ? and status = 'OPEN' limit 1", [accountId]);
    const phoneBlocked = phone.status === 'INVALID' || phone.do_not_call || (phone.phone_type === 'MOBILE' && !phone.dialer_consent);
    if (customer.cease_communication || customer.attorney_represented || customer.bankrupt || customer.deceased || dispute || phoneBlocked || Number(attempts) >= 7) {
      throw new Error('CONTACT_NOT_ALLOWED');
    }
    if (!sqlite) await tx.all('select pg_advisory_xact_lock(?, ?)', [1, account.team_id]);
    const values = [
      accountId, viewer.agentId, viewer.teamId ?? account.team_id, input.direction, phoneId, phone.value,
      time(startedAt), input.answeredAt ? time(new Date(input.answeredAt)) : null, time(new Date(input.endedAt)),
      input.talkSeconds, input.wrapSeconds, input.disposition, time(at),
    ];
    const insert = `insert into call (account_id, agent_id, team_id, direction, phone_id, phone_number, started_at, answered_at, ended_at, talk_seconds, wrap_seconds, disposition, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    const callId = sqlite
      ? Number((await tx.run(insert, values)).lastInsertRowid)
      : Number((await tx.all(`${insert} returning id`, values))[0].id);
    await tx.run('update account set last_call_id = ?, version = version + 1, updated_at = ? where id = ?', [callId, time(at), accountId]);
    await tx.run('delete from account_lease where account_id = ? and agent_id = ?', [accountId, viewer.agentId]);
    await tx.run(
      `insert into audit_event (actor_agent_id, actor_role, action, entity_type, entity_id, after, at) values (?, 'AGENT', 'recordCall', 'Call', ?, ?, ?)`,
      [viewer.agentId, callId, JSON.stringify({ ...input, accountId, phoneId }), time(at)],
    );
    const contact = CONTACT.has(input.disposition) ? 1 : 0;
    const rightParty = RIGHT_PARTY.has(input.disposition) ? 1 : 0;
    const counter = [input.direction === 'OUTBOUND' ? 1 : 0, contact, rightParty, input.talkSeconds > 0 ? 1 : 0, input.talkSeconds, input.wrapSeconds];
    await tx.run(
      `insert into agent_day_counter (agent_id, "day", attempts, contacts, right_party_contacts, calls, calls_with_talk, talk_seconds, wrap_seconds,
         promises, promised_amount_minor, promises_kept, promises_partially_kept, promises_broken, collected_amount_minor, connected_seconds, paused_seconds, version)
       values (?, ?, ?, ?, ?, 1, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 1)
       on conflict (agent_id, "day") do update set attempts = agent_day_counter.attempts + excluded.attempts, contacts = agent_day_counter.contacts + excluded.contacts,
         right_party_contacts = agent_day_counter.right_party_contacts + excluded.right_party_contacts, calls = agent_day_counter.calls + 1,
         calls_with_talk = agent_day_counter.calls_with_talk + excluded.calls_with_talk, talk_seconds = agent_day_counter.talk_seconds + excluded.talk_seconds,
         wrap_seconds = agent_day_counter.wrap_seconds + excluded.wrap_seconds, version = agent_day_counter.version + 1`,
      [viewer.agentId, dayOf(at), ...counter],
    );
    return { id: toGlobalId('Call', String(callId)), createdAt: at.toISOString() };
  });
}
