import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok, type GraphQLResponse } from '../utils/graphql.js';
import { agentId, globalId, localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';

let server: TestServer;
const tokens = new Map<string, string>();
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function as(email: string): Promise<string> {
  if (!tokens.has(email)) tokens.set(email, await login(server.url, email));
  return tokens.get(email)!;
}

const DISPUTE = `id kind channel reason status resolutionNote openedAt resolvedAt
  adjustment { amount currencyCode } openedBy { email } resolvedBy { email }
  account { id status version balance { amount currencyCode } }`;
const OPEN = `mutation($accountId: ID!, $channel: DisputeChannel!, $reason: String!, $kind: DisputeKind, $v: Int) {
  openDispute(accountId: $accountId, channel: $channel, reason: $reason, kind: $kind, expectedVersion: $v) { ${DISPUTE} } }`;
const RESOLVE = `mutation($id: ID!, $outcome: DisputeOutcome!, $note: String!, $adjustment: String) {
  resolveDispute(id: $id, outcome: $outcome, note: $note, adjustment: $adjustment) { ${DISPUTE} } }`;

/** ACTIVE accounts with no open dispute or referral and a balance to dispute. */
const FREE = `a.status = 'ACTIVE' and a.assigned_agent_id is not null and a.balance_minor > 1000
  and not exists (select 1 from referral r where r.account_id = a.id and r.status in ('OPEN', 'ACCEPTED'))
  and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')
  and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status = 'ACTIVE')`;

const used = new Set<number>();
async function pick(where: string, params: unknown[] = []): Promise<number> {
  const rows = await sql(server, `select a.id from account a where ${where} order by a.id`, params);
  const id = rows.map((r) => Number(r.id)).find((candidate) => !used.has(candidate));
  if (id === undefined) throw new Error(`the seed has no unused account where ${where}`);
  used.add(id);
  return id;
}

async function ownerOf(accountId: number): Promise<string> {
  const [row] = await sql(server, 'select g.email from account a join agent g on g.id = a.assigned_agent_id where a.id = ?', [accountId]);
  return String(row!.email);
}

async function supervisorOf(accountId: number): Promise<string> {
  const [row] = await sql(server, 'select s.email from account a join team t on t.id = a.team_id join agent s on s.id = t.supervisor_id where a.id = ?', [accountId]);
  return String(row!.email);
}

async function otherSupervisor(accountId: number): Promise<string> {
  const [row] = await sql(server, "select email from agent where role = 'SUPERVISOR' and team_id <> (select team_id from account where id = ?) order by id limit 1", [accountId]);
  return String(row!.email);
}

async function accountRow(id: number): Promise<{ status: string; version: number; balanceMinor: number; currency: string }> {
  const [row] = await sql(server, 'select status, version, balance_minor, currency from account where id = ?', [id]);
  return { status: String(row!.status), version: Number(row!.version), balanceMinor: Number(row!.balance_minor), currency: String(row!.currency) };
}

/** Minor units to the API's decimal string, without a float (both seeded currencies have 2 decimals). */
const decimal = (minor: number): string => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const json = (value: unknown): any => (typeof value === 'string' ? JSON.parse(value) : value);

async function auditOf(entityType: string, entityId: number): Promise<Array<{ action: string; actorAgentId: number | null; actorRole: string; before: any; after: any }>> {
  const rows = await sql(server, 'select action, actor_agent_id, actor_role, before, after from audit_event where entity_type = ? and entity_id = ? order by id', [entityType, entityId]);
  return rows.map((r) => ({
    action: String(r.action),
    actorAgentId: r.actor_agent_id == null ? null : Number(r.actor_agent_id),
    actorRole: String(r.actor_role),
    before: json(r.before),
    after: json(r.after),
  }));
}

async function openAs(email: string, accountId: number, extra: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  return gql(server.url, OPEN, { accountId: globalId('Account', accountId), channel: 'LETTER', reason: 'Fees charged twice', ...extra }, await as(email));
}

/** Opens a dispute as the account's agent and returns its id. */
async function opened(accountId: number): Promise<string> {
  return ok(await openAs(await ownerOf(accountId), accountId)).openDispute.id;
}

async function resolve(email: string, id: string, outcome: string, adjustment?: string, note = 'Reviewed the statements'): Promise<GraphQLResponse> {
  return gql(server.url, RESOLVE, { id, outcome, note, adjustment }, await as(email));
}

async function refusedWithNothingWritten(request: () => Promise<GraphQLResponse>, code: string, argument?: string): Promise<GraphQLResponse> {
  const r = await expectNothingWritten(server, request);
  expect(errorCode(r), JSON.stringify(r.errors)).toBe(code);
  if (argument) expect(r.errors![0]!.extensions?.argument).toBe(argument);
  return r;
}

describe('opening a dispute (DOMAIN.md §5)', () => {
  it('an agent opens one on their account: OPEN, the account DISPUTED, both audited', async () => {
    const id = await pick(FREE);
    const email = await ownerOf(id);
    const before = await accountRow(id);
    server.clock.set(new Date('2026-11-18T16:10:00.000Z'));
    const d = ok(await openAs(email, id, { channel: 'EMAIL', reason: '  Never opened this card  ', v: before.version })).openDispute;
    expect(d).toMatchObject({
      kind: 'DISPUTE',
      channel: 'EMAIL',
      reason: 'Never opened this card',
      status: 'OPEN',
      resolutionNote: null,
      openedAt: '2026-11-18T16:10:00.000Z',
      resolvedAt: null,
      adjustment: null,
      openedBy: { email },
      resolvedBy: null,
      account: { id: globalId('Account', id), status: 'DISPUTED', version: before.version + 1 },
    });
    const [row] = await sql(server, 'select account_id, kind, channel, status, opened_by_id from dispute where id = ?', [localId(d.id)]);
    expect(row).toMatchObject({ kind: 'DISPUTE', channel: 'EMAIL', status: 'OPEN' });
    expect(Number(row!.opened_by_id)).toBe(await agentId(server, email));
    expect((await accountRow(id)).status).toBe('DISPUTED');

    const me = await agentId(server, email);
    const [event] = await auditOf('Dispute', localId(d.id));
    expect(event).toMatchObject({ action: 'openDispute', actorAgentId: me, actorRole: 'AGENT', before: null });
    expect(event!.after).toMatchObject({ account: id, kind: 'DISPUTE', channel: 'EMAIL', status: 'OPEN', openedBy: me });
    const accountEvents = (await auditOf('Account', id)).filter((e) => e.action === 'openDispute');
    expect(accountEvents).toEqual([expect.objectContaining({ before: expect.objectContaining({ status: 'ACTIVE' }), after: expect.objectContaining({ status: 'DISPUTED' }) })]);
  });

  it.each(['PHONE', 'EMAIL', 'LETTER', 'WEB', 'BRANCH'])('from the %s channel', async (channel) => {
    const id = await pick(FREE);
    expect(ok(await openAs(await ownerOf(id), id, { channel })).openDispute).toMatchObject({ channel, status: 'OPEN' });
  });

  it('a payment investigation (the customer says it was paid) is a kind of dispute', async () => {
    const id = await pick(FREE);
    const d = ok(await openAs(await ownerOf(id), id, { kind: 'PAYMENT_INVESTIGATION', reason: 'Paid at the branch last week' })).openDispute;
    expect(d).toMatchObject({ kind: 'PAYMENT_INVESTIGATION', status: 'OPEN', account: { status: 'DISPUTED' } });
  });

  it('a supervisor, a manager and an admin open disputes too; a ROUTED or IN_ARRANGEMENT account becomes DISPUTED', async () => {
    const team = await pick(FREE);
    expect(ok(await openAs(await supervisorOf(team), team)).openDispute.account.status).toBe('DISPUTED');
    const planned = await pick(`a.status = 'IN_ARRANGEMENT' and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')`);
    expect(ok(await openAs('manager@demo.test', planned)).openDispute.account.status).toBe('DISPUTED');
    const routed = await pick(FREE);
    ok(await gql(server.url, 'mutation($id: ID!) { routeAccount(accountId: $id, to: LEGAL, reason: "Lawyer letter") { id } }', { id: globalId('Account', routed) }, await as('admin@demo.test')));
    expect(ok(await openAs('admin@demo.test', routed)).openDispute.account.status).toBe('DISPUTED');
  });

  it.each(['PAID_OFF', 'WRITTEN_OFF'])('a %s account is out of collection: CONFLICT, nothing written', async (status) => {
    const id = await pick(`a.status = '${status}'`);
    await refusedWithNothingWritten(() => openAs('manager@demo.test', id), 'CONFLICT');
  });

  it.each([
    ['an empty reason', { reason: '' }, 'reason'],
    ['a reason over 255 characters', { reason: 'x'.repeat(256) }, 'reason'],
    ['a malformed account id', { accountId: '###' }, 'accountId'],
  ])('%s is BAD_USER_INPUT, nothing written', async (_name, change, argument) => {
    const id = await pick(FREE);
    await refusedWithNothingWritten(() => openAs(`manager@demo.test`, id, change), 'BAD_USER_INPUT', argument);
  });

  it('an unknown channel is refused by the schema, nothing written', async () => {
    const id = await pick(FREE);
    await refusedWithNothingWritten(() => openAs('manager@demo.test', id, { channel: 'FAX' }), 'BAD_USER_INPUT');
  });

  it('a stale expectedVersion is CONFLICT, nothing written', async () => {
    const id = await pick(FREE);
    const { version } = await accountRow(id);
    await refusedWithNothingWritten(() => openAs('manager@demo.test', id, { v: version + 1 }), 'CONFLICT');
  });

  it('who may not: another agent’s account and another team’s are NOT_FOUND, an analyst FORBIDDEN; nothing written', async () => {
    const id = await pick(FREE);
    const [other] = await sql(server, "select email from agent where role = 'AGENT' and id <> (select assigned_agent_id from account where id = ?) order by id limit 1", [id]);
    await refusedWithNothingWritten(() => openAs(String(other!.email), id), 'NOT_FOUND');
    await refusedWithNothingWritten(async () => openAs(await otherSupervisor(id), id), 'NOT_FOUND');
    await refusedWithNothingWritten(() => openAs('analyst@demo.test', id), 'FORBIDDEN');
  });
});

describe('resolving a dispute', () => {
  it('VALID with an adjustment below the balance: the balance goes down, the account resumes as ACTIVE; audited', async () => {
    const id = await pick(FREE);
    const dispute = await opened(id);
    const before = await accountRow(id);
    const supervisor = await supervisorOf(id);
    server.clock.set(new Date('2026-11-18T19:00:00.000Z'));
    const d = ok(await resolve(supervisor, dispute, 'VALID', '10.01', '  Annual fee reversed  ')).resolveDispute;
    expect(d).toMatchObject({
      status: 'VALID',
      resolutionNote: 'Annual fee reversed',
      resolvedAt: '2026-11-18T19:00:00.000Z',
      resolvedBy: { email: supervisor },
      adjustment: { amount: '10.01', currencyCode: before.currency },
      account: { status: 'ACTIVE', balance: { amount: decimal(before.balanceMinor - 1001), currencyCode: before.currency } },
    });
    const after = await accountRow(id);
    expect(after).toMatchObject({ status: 'ACTIVE', balanceMinor: before.balanceMinor - 1001 });
    expect(Number((await sql(server, 'select adjustment_minor from dispute where id = ?', [localId(dispute)]))[0]!.adjustment_minor)).toBe(1001);

    const events = await auditOf('Dispute', localId(dispute));
    expect(events.map((e) => e.action)).toEqual(['openDispute', 'resolveDispute']);
    expect(events[1]).toMatchObject({
      actorAgentId: await agentId(server, supervisor),
      actorRole: 'SUPERVISOR',
      before: { status: 'OPEN', adjustmentMinor: null },
      after: { status: 'VALID', adjustmentMinor: 1001, resolutionNote: 'Annual fee reversed' },
    });
    const accountEvents = (await auditOf('Account', id)).filter((e) => e.action === 'resolveDispute');
    expect(accountEvents).toHaveLength(1);
    expect(accountEvents[0]).toMatchObject({
      before: { status: 'DISPUTED', balanceMinor: before.balanceMinor },
      after: { status: 'ACTIVE', balanceMinor: before.balanceMinor - 1001 },
    });
  });

  it('VALID with an adjustment of the whole balance: the balance is zero and the account CLOSED', async () => {
    const id = await pick(FREE);
    const dispute = await opened(id);
    const { balanceMinor } = await accountRow(id);
    const d = ok(await resolve('manager@demo.test', dispute, 'VALID', decimal(balanceMinor))).resolveDispute;
    expect(d.account).toMatchObject({ status: 'CLOSED', balance: { amount: '0.00' } });
    expect(await accountRow(id)).toMatchObject({ status: 'CLOSED', balanceMinor: 0 });
  });

  it('VALID with an adjustment that leaves less than the amount due: the newest dues are forgiven down to the balance', async () => {
    const id = await pick(`${FREE} and a.amount_due_minor > 200 and (select count(*) from account_due d where d.account_id = a.id and d.paid_minor < d.amount_minor) >= 2`);
    const dispute = await opened(id);
    const [row] = await sql(server, 'select balance_minor, amount_due_minor from account where id = ?', [id]);
    const balance = Number(row!.balance_minor);
    const amountDue = Number(row!.amount_due_minor);
    // Leave a balance of half the amount due.
    const adjustment = balance - Math.floor(amountDue / 2);
    ok(await resolve('manager@demo.test', dispute, 'VALID', decimal(adjustment)));
    const [after] = await sql(server, 'select balance_minor, amount_due_minor, oldest_unpaid_due_date from account where id = ?', [id]);
    expect(Number(after!.balance_minor)).toBe(Math.floor(amountDue / 2));
    expect(Number(after!.amount_due_minor)).toBe(Math.floor(amountDue / 2));
    const [dues] = await sql(server, 'select coalesce(sum(amount_minor - paid_minor), 0) as outstanding, min(case when paid_minor < amount_minor then due_date end) as oldest from account_due where account_id = ?', [id]);
    expect(Number(dues!.outstanding)).toBe(Math.floor(amountDue / 2));
    expect(dues!.oldest ?? null).toBe(after!.oldest_unpaid_due_date ?? null);
  });

  it('VALID without an adjustment closes the debt: the account is CLOSED, the balance kept as it was', async () => {
    const id = await pick(FREE);
    const dispute = await opened(id);
    const { balanceMinor } = await accountRow(id);
    const d = ok(await resolve('admin@demo.test', dispute, 'VALID')).resolveDispute;
    expect(d).toMatchObject({ status: 'VALID', adjustment: null, account: { status: 'CLOSED' } });
    expect(await accountRow(id)).toMatchObject({ status: 'CLOSED', balanceMinor });
    expect((await auditOf('Account', id)).filter((e) => e.action === 'resolveDispute')[0]).toMatchObject({ before: { status: 'DISPUTED' }, after: { status: 'CLOSED' } });
  });

  it('NOT_VALID: collection resumes (ACTIVE), the balance untouched', async () => {
    const id = await pick(FREE);
    const dispute = await opened(id);
    const { balanceMinor } = await accountRow(id);
    const d = ok(await resolve(await supervisorOf(id), dispute, 'NOT_VALID', undefined, 'Contract confirms the debt')).resolveDispute;
    expect(d).toMatchObject({ status: 'NOT_VALID', adjustment: null, resolutionNote: 'Contract confirms the debt', account: { status: 'ACTIVE' } });
    expect(await accountRow(id)).toMatchObject({ status: 'ACTIVE', balanceMinor });
    expect((await auditOf('Dispute', localId(dispute))).map((e) => e.action)).toEqual(['openDispute', 'resolveDispute']);
  });

  it('the account resumes as IN_ARRANGEMENT with an active plan, as ROUTED while referred; a second open dispute is CONFLICT', async () => {
    const planned = await pick(`a.status = 'IN_ARRANGEMENT' and exists (select 1 from payment_plan p where p.account_id = a.id and p.status = 'ACTIVE')
      and not exists (select 1 from dispute d where d.account_id = a.id and d.status = 'OPEN')
      and not exists (select 1 from referral r where r.account_id = a.id and r.status in ('OPEN', 'ACCEPTED'))`);
    const first = ok(await openAs('manager@demo.test', planned)).openDispute.id;
    expect(ok(await resolve('manager@demo.test', first, 'VALID', '1.00')).resolveDispute.account.status).toBe('IN_ARRANGEMENT');

    const twice = await pick(FREE);
    const a = await opened(twice);
    await refusedWithNothingWritten(() => openAs('manager@demo.test', twice), 'CONFLICT');
    expect(ok(await resolve('manager@demo.test', a, 'NOT_VALID')).resolveDispute.account.status).toBe('ACTIVE');

    const referred = await pick(FREE);
    const dispute = await opened(referred);
    ok(await gql(server.url, 'mutation($id: ID!) { routeAccount(accountId: $id, to: SUPERVISOR, reason: "Escalated") { id } }', { id: globalId('Account', referred) }, await as('manager@demo.test')));
    expect(ok(await resolve('manager@demo.test', dispute, 'NOT_VALID')).resolveDispute.account.status).toBe('ROUTED');
  });

  describe('adjustments that are not an amount between zero and the balance are BAD_USER_INPUT, nothing written', () => {
    let dispute: string;
    let balanceMinor: number;
    beforeAll(async () => {
      const id = await pick(FREE);
      dispute = await opened(id);
      balanceMinor = (await accountRow(id)).balanceMinor;
    });

    it.each([
      ['zero', () => '0.00'],
      ['negative', () => '-5.00'],
      ['one cent above the balance', () => decimal(balanceMinor + 1)],
      ['more decimals than the currency has', () => '10.001'],
      ['not a number', () => 'ten dollars'],
      ['scientific notation', () => '1e3'],
      ['a float-looking number with a comma', () => '1,000.00'],
      ['empty', () => ''],
    ])('%s', async (_name, amount) => {
      await refusedWithNothingWritten(() => resolve('manager@demo.test', dispute, 'VALID', amount()), 'BAD_USER_INPUT', 'adjustment');
    });

    it('an adjustment with NOT_VALID', async () => {
      await refusedWithNothingWritten(() => resolve('manager@demo.test', dispute, 'NOT_VALID', '5.00'), 'BAD_USER_INPUT', 'adjustment');
    });

    it('an empty note', async () => {
      await refusedWithNothingWritten(() => resolve('manager@demo.test', dispute, 'NOT_VALID', undefined, '  '), 'BAD_USER_INPUT', 'note');
    });

    it('an outcome that is not VALID or NOT_VALID is refused by the schema', async () => {
      await refusedWithNothingWritten(() => resolve('manager@demo.test', dispute, 'OPEN'), 'BAD_USER_INPUT');
    });

    it('and the dispute is still OPEN afterwards, resolvable with one cent', async () => {
      expect(ok(await resolve('manager@demo.test', dispute, 'VALID', '0.01')).resolveDispute.adjustment.amount).toBe('0.01');
    });
  });

  it('a dispute no longer OPEN is CONFLICT, nothing written', async () => {
    const id = await pick(FREE);
    const dispute = await opened(id);
    ok(await resolve('manager@demo.test', dispute, 'NOT_VALID'));
    await refusedWithNothingWritten(() => resolve('manager@demo.test', dispute, 'NOT_VALID'), 'CONFLICT');
    await refusedWithNothingWritten(() => resolve('manager@demo.test', dispute, 'VALID', '1.00'), 'CONFLICT');
    const seeded = await scalar(server, "select min(id) from dispute where status = 'VALID'");
    await refusedWithNothingWritten(() => resolve('admin@demo.test', globalId('Dispute', seeded), 'NOT_VALID'), 'CONFLICT');
  });

  it('who may not resolve: agents (even their own account’s) and analysts FORBIDDEN, another team’s supervisor NOT_FOUND; nothing written', async () => {
    const id = await pick(FREE);
    const dispute = await opened(id);
    await refusedWithNothingWritten(async () => resolve(await ownerOf(id), dispute, 'NOT_VALID'), 'FORBIDDEN');
    await refusedWithNothingWritten(() => resolve('analyst@demo.test', dispute, 'NOT_VALID'), 'FORBIDDEN');
    await refusedWithNothingWritten(async () => resolve(await otherSupervisor(id), dispute, 'NOT_VALID'), 'NOT_FOUND');
    await refusedWithNothingWritten(() => resolve('manager@demo.test', globalId('Dispute', 99_999_999), 'NOT_VALID'), 'NOT_FOUND');
    await refusedWithNothingWritten(() => resolve('manager@demo.test', globalId('Referral', 1), 'NOT_VALID'), 'BAD_USER_INPUT', 'id');
  });
});

describe('disputes query', () => {
  const QUERY = `query($filter: DisputeFilter) { disputes(first: 100, filter: $filter) { totalCount nodes { id status kind account { id } } } }`;

  it('filters by status and kind, against SQL', async () => {
    const r = ok(await gql(server.url, QUERY, { filter: { status: 'OPEN', kind: 'DISPUTE' } }, await as('manager@demo.test'))).disputes;
    const expected = (await sql(server, "select id from dispute where status = 'OPEN' and kind = 'DISPUTE' order by id")).map((x) => Number(x.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(r.nodes.map((n: any) => localId(n.id)).sort((a: number, b: number) => a - b)).toEqual(expected);
    expect(r.totalCount).toBe(expected.length);
  });

  it('an agent sees the disputes of their accounts only', async () => {
    const account = await scalar(server, 'select min(d.account_id) from dispute d join account a on a.id = d.account_id where a.assigned_agent_id is not null');
    const email = await ownerOf(account);
    const r = ok(await gql(server.url, QUERY, {}, await as(email))).disputes;
    const me = await agentId(server, email);
    expect(r.totalCount).toBe(await scalar(server, 'select count(*) from dispute d join account a on a.id = d.account_id where a.assigned_agent_id = ?', [me]));
    const byAccount = ok(await gql(server.url, QUERY, { filter: { accountId: globalId('Account', account) } }, await as(email))).disputes;
    expect(new Set(byAccount.nodes.map((n: any) => n.account.id))).toEqual(new Set([globalId('Account', account)]));
  });
});
