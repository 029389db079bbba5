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

const POINT = `id kind value phoneType city region postalCode country timeZone status source dialerConsent doNotCall verifiedAt createdAt
  customer { id locatable }`;
const ADD = `mutation($customerId: ID!, $input: AddContactPointInput!) { addContactPoint(customerId: $customerId, input: $input) { ${POINT} } }`;
const VERIFY = `mutation($id: ID!, $source: String!, $reason: String) { verifyContactPoint(id: $id, source: $source, reason: $reason) { ${POINT} } }`;
const INVALIDATE = `mutation($id: ID!, $source: String!, $reason: String!) { invalidateContactPoint(id: $id, source: $source, reason: $reason) { ${POINT} } }`;
const HISTORY = `query($id: ID!) { contactHistory(customerId: $id, first: 100) {
  totalCount nodes { id change oldValue newValue source reason at changedBy { email } } } }`;

/** Valid phones and addresses of a customer: what keeps them locatable (DOMAIN.md §5). */
const LOCATING = (customer: string): string =>
  `(select count(*) from contact_point p where p.customer_id = ${customer} and p.kind in ('PHONE', 'ADDRESS') and p.status <> 'INVALID')`;

const used = new Set<number>();
/** A customer worked by some agent that no other test of this file touched. */
async function pickCustomer(where: string): Promise<{ id: number; agent: string; supervisor: string }> {
  const rows = await sql(
    server,
    `select c.id, min(g.email) as agent from customer c join account a on a.customer_id = c.id join agent g on g.id = a.assigned_agent_id
     where ${where} group by c.id order by c.id`,
  );
  const row = rows.find((r) => !used.has(Number(r.id)));
  if (!row) throw new Error(`the seed has no unused customer where ${where}`);
  const id = Number(row.id);
  used.add(id);
  const [sup] = await sql(server, 'select s.email from agent g join team t on t.id = g.team_id join agent s on s.id = t.supervisor_id where g.email = ?', [row.agent]);
  return { id, agent: String(row.agent), supervisor: String(sup!.email) };
}

const locatable = async (customer: number): Promise<string> => String((await sql(server, 'select locatable from customer where id = ?', [customer]))[0]!.locatable);
const json = (value: unknown): any => (typeof value === 'string' ? JSON.parse(value) : value);
const instant = (value: unknown): string => new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number | Date)).toISOString();

async function auditOf(entityType: string, entityId: number): Promise<Array<{ action: string; actorAgentId: number | null; before: any; after: any; at: string }>> {
  const rows = await sql(server, 'select action, actor_agent_id, before, after, at from audit_event where entity_type = ? and entity_id = ? order by id', [entityType, entityId]);
  return rows.map((r) => ({ action: String(r.action), actorAgentId: r.actor_agent_id == null ? null : Number(r.actor_agent_id), before: json(r.before), after: json(r.after), at: instant(r.at) }));
}

async function add(email: string, customer: number, input: Record<string, unknown>): Promise<GraphQLResponse> {
  return gql(server.url, ADD, { customerId: globalId('Customer', customer), input }, await as(email));
}

const PHONE = { kind: 'PHONE', value: '+525512345678', phoneType: 'MOBILE', source: 'SKIP_TRACE_VENDOR' };
const ADDRESS = { kind: 'ADDRESS', value: 'Av. Reforma 222, Piso 3', city: 'Ciudad de México', region: 'CDMX', postalCode: '06600', country: 'MX', timeZone: 'America/Mexico_City', source: 'CREDIT_BUREAU' };
const EMAIL = { kind: 'EMAIL', value: 'Found.Person@Example.com', source: 'CUSTOMER' };

async function refusedWithNothingWritten(request: () => Promise<GraphQLResponse>, code: string, argument?: string): Promise<GraphQLResponse> {
  const r = await expectNothingWritten(server, request);
  expect(errorCode(r), JSON.stringify(r.errors)).toBe(code);
  if (argument) expect(r.errors![0]!.extensions?.argument).toBe(argument);
  return r;
}

describe('adding contact points (DOMAIN.md §5)', () => {
  it('an agent adds a phone to a customer of theirs: UNVERIFIED, with its source, a history row and an audit event', async () => {
    const customer = await pickCustomer(`c.locatable = 'LOCATABLE'`);
    server.clock.set(new Date('2026-11-18T16:20:00.000Z'));
    const input = { ...PHONE, country: 'MX', timeZone: 'America/Monterrey', dialerConsent: true, reason: 'Bureau returned a new mobile' };
    const p = ok(await add(customer.agent, customer.id, input)).addContactPoint;
    expect(p).toMatchObject({
      kind: 'PHONE',
      value: '+525512345678',
      phoneType: 'MOBILE',
      city: null,
      country: 'MX',
      timeZone: 'America/Monterrey',
      status: 'UNVERIFIED',
      source: 'SKIP_TRACE_VENDOR',
      dialerConsent: true,
      doNotCall: false,
      verifiedAt: null,
      createdAt: '2026-11-18T16:20:00.000Z',
      customer: { id: globalId('Customer', customer.id), locatable: 'LOCATABLE' },
    });
    const [row] = await sql(server, 'select customer_id, kind, value, status, source from contact_point where id = ?', [localId(p.id)]);
    expect(row).toMatchObject({ kind: 'PHONE', value: '+525512345678', status: 'UNVERIFIED', source: 'SKIP_TRACE_VENDOR' });
    expect(Number(row!.customer_id)).toBe(customer.id);

    const history = ok(await gql(server.url, HISTORY, { id: globalId('Customer', customer.id) }, await as(customer.agent))).contactHistory;
    expect(history.nodes[0]).toMatchObject({
      change: 'ADDED',
      oldValue: null,
      newValue: '+525512345678',
      source: 'SKIP_TRACE_VENDOR',
      reason: 'Bureau returned a new mobile',
      at: '2026-11-18T16:20:00.000Z',
      changedBy: { email: customer.agent },
    });
    const [change] = await sql(server, 'select contact_point_id, changed_by_id, change from contact_point_change where id = ?', [localId(history.nodes[0].id)]);
    expect(Number(change!.contact_point_id)).toBe(localId(p.id));
    expect(Number(change!.changed_by_id)).toBe(await agentId(server, customer.agent));

    const events = await auditOf('ContactPoint', localId(p.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'addContactPoint', actorAgentId: await agentId(server, customer.agent), before: null, at: '2026-11-18T16:20:00.000Z' });
    expect(events[0]!.after).toMatchObject({ customer: customer.id, kind: 'PHONE', status: 'UNVERIFIED', source: 'SKIP_TRACE_VENDOR' });
    // Audit events are readable by analysts: the number itself stays in the masked history only.
    expect(JSON.stringify(events[0]!.after)).not.toContain('5512345678');
    expect(await auditOf('Customer', customer.id)).toEqual([]);
  });

  it('an UNLOCATABLE customer stays so with a new email, and becomes LOCATABLE with a new address; the customer change is audited', async () => {
    const customer = await pickCustomer(`c.locatable = 'UNLOCATABLE'`);
    expect(await scalar(server, `select ${LOCATING(String(customer.id))}`)).toBe(0);
    const { version } = (await sql(server, 'select version from customer where id = ?', [customer.id]))[0]!;

    const email = ok(await add(customer.agent, customer.id, EMAIL)).addContactPoint;
    expect(email).toMatchObject({ value: 'found.person@example.com', customer: { locatable: 'UNLOCATABLE' } });
    expect(await auditOf('Customer', customer.id)).toEqual([]);

    server.clock.set(new Date('2026-11-18T16:30:00.000Z'));
    const address = ok(await add(customer.agent, customer.id, ADDRESS)).addContactPoint;
    expect(address).toMatchObject({
      kind: 'ADDRESS',
      value: 'Av. Reforma 222, Piso 3',
      city: 'Ciudad de México',
      region: 'CDMX',
      postalCode: '06600',
      country: 'MX',
      timeZone: 'America/Mexico_City',
      customer: { locatable: 'LOCATABLE' },
    });
    expect(await locatable(customer.id)).toBe('LOCATABLE');
    const [event] = await auditOf('Customer', customer.id);
    expect(event).toMatchObject({ action: 'addContactPoint', before: { locatable: 'UNLOCATABLE' }, after: { locatable: 'LOCATABLE' }, at: '2026-11-18T16:30:00.000Z' });
    const now = Number((await sql(server, 'select version from customer where id = ?', [customer.id]))[0]!.version);
    expect(event!.after.version).toBe(now);
    expect(event!.before.version).toBeGreaterThanOrEqual(Number(version));
    expect(event!.after.version).toBeGreaterThan(event!.before.version);
  });

  it('an UNLOCATABLE customer becomes LOCATABLE with a new phone', async () => {
    const customer = await pickCustomer(`c.locatable = 'UNLOCATABLE'`);
    const p = ok(await add(customer.agent, customer.id, { ...PHONE, value: '+14155550123', phoneType: 'LANDLINE' })).addContactPoint;
    expect(p.customer.locatable).toBe('LOCATABLE');
    expect(await locatable(customer.id)).toBe('LOCATABLE');
  });

  it.each([
    ['the shortest E.164 number (8 digits)', { ...PHONE, value: '+12345678' }, { value: '+12345678' }],
    ['the longest E.164 number (15 digits)', { ...PHONE, value: '+123456789012345' }, { value: '+123456789012345' }],
    ['a phone with no type, country or zone', { kind: 'PHONE', value: '+5218112345678', source: 'CUSTOMER' }, { phoneType: null, country: null, timeZone: null }],
    ['an address with only street, city and country', { kind: 'ADDRESS', value: '1 Main St', city: 'Tucson', country: 'us', source: 'USPS' }, { country: 'US', region: null, postalCode: null }],
    ['a source of exactly 100 characters', { ...EMAIL, value: 'other@example.org', source: 'S'.repeat(100) }, { source: 'S'.repeat(100) }],
    ['a zone that is an IANA link', { ...PHONE, value: '+12125550100', timeZone: 'US/Eastern' }, { timeZone: 'US/Eastern' }],
  ])('accepts %s', async (_name, input, expected) => {
    const customer = await pickCustomer(`c.locatable = 'LOCATABLE'`);
    expect(ok(await add('manager@demo.test', customer.id, input)).addContactPoint).toMatchObject(expected);
  });

  describe('bad input is BAD_USER_INPUT naming the argument, nothing written', () => {
    let customer: { id: number; agent: string };
    beforeAll(async () => {
      customer = await pickCustomer(`c.locatable = 'LOCATABLE'`);
    });

    it.each([
      ['a phone without +', { ...PHONE, value: '525512345678' }, 'input.value'],
      ['a phone starting with +0', { ...PHONE, value: '+0525512345' }, 'input.value'],
      ['a phone of 7 digits', { ...PHONE, value: '+1234567' }, 'input.value'],
      ['a phone of 16 digits', { ...PHONE, value: '+1234567890123456' }, 'input.value'],
      ['a phone with spaces', { ...PHONE, value: '+52 55 1234 5678' }, 'input.value'],
      ['a phone with letters', { ...PHONE, value: '+52551234567a' }, 'input.value'],
      ['an email without @', { ...EMAIL, value: 'person.example.com' }, 'input.value'],
      ['an email without a domain dot', { ...EMAIL, value: 'person@example' }, 'input.value'],
      ['an email with a space', { ...EMAIL, value: 'per son@example.com' }, 'input.value'],
      ['an address without a street line', { ...ADDRESS, value: '  ' }, 'input.value'],
      ['an address without a city', { ...ADDRESS, city: null }, 'input.city'],
      ['an address without a country', { ...ADDRESS, country: null }, 'input.country'],
      ['a country that is not ISO 3166', { ...ADDRESS, country: 'XX' }, 'input.country'],
      ['a country of three letters', { ...ADDRESS, country: 'MEX' }, 'input.country'],
      ['a time zone that is not IANA', { ...ADDRESS, timeZone: 'Mars/Olympus' }, 'input.timeZone'],
      ['a time zone abbreviation', { ...PHONE, timeZone: 'EST' }, 'input.timeZone'],
      ['a UTC offset for a zone', { ...PHONE, timeZone: '+01:00' }, 'input.timeZone'],
      ['an empty source', { ...PHONE, source: '  ' }, 'input.source'],
      ['a source of 101 characters', { ...PHONE, source: 'S'.repeat(101) }, 'input.source'],
      ['a reason over 255 characters', { ...PHONE, reason: 'r'.repeat(256) }, 'input.reason'],
      ['a phone type on an email', { ...EMAIL, phoneType: 'MOBILE' }, 'input.phoneType'],
      ['dialer consent on an address', { ...ADDRESS, dialerConsent: true }, 'input.dialerConsent'],
      ['a city on a phone', { ...PHONE, city: 'Monterrey' }, 'input.city'],
      ['a time zone on an email', { ...EMAIL, timeZone: 'America/Mexico_City' }, 'input.timeZone'],
    ])('%s', async (_name, input, argument) => {
      await refusedWithNothingWritten(() => add(customer.agent, customer.id, input), 'BAD_USER_INPUT', argument);
    });

    it('an unknown kind is refused by the schema', async () => {
      await refusedWithNothingWritten(() => add(customer.agent, customer.id, { ...PHONE, kind: 'FAX' }), 'BAD_USER_INPUT');
    });

    it('a malformed customer id', async () => {
      await refusedWithNothingWritten(
        async () => gql(server.url, ADD, { customerId: globalId('Account', customer.id), input: PHONE }, await as(customer.agent)),
        'BAD_USER_INPUT',
        'customerId',
      );
    });
  });

  it('a value the customer already has (valid or not) is CONFLICT, nothing written', async () => {
    const customer = await pickCustomer(`exists (select 1 from contact_point p where p.customer_id = c.id and p.kind = 'PHONE' and p.status = 'INVALID')
      and exists (select 1 from contact_point p where p.customer_id = c.id and p.kind = 'PHONE' and p.status <> 'INVALID')`);
    for (const status of ['INVALID', 'VALID']) {
      const [row] = await sql(
        server,
        `select id, value from contact_point where customer_id = ? and kind = 'PHONE' and status ${status === 'INVALID' ? '=' : '<>'} 'INVALID' order by id limit 1`,
        [customer.id],
      );
      const r = await refusedWithNothingWritten(() => add(customer.agent, customer.id, { ...PHONE, value: String(row!.value) }), 'CONFLICT');
      expect(r.errors![0]!.extensions?.contactPointId).toBe(globalId('ContactPoint', Number(row!.id)));
    }
    const [address] = await sql(server, "select value, city, country from contact_point where customer_id = ? and kind = 'ADDRESS' order by id limit 1", [customer.id]);
    await refusedWithNothingWritten(
      () => add(customer.agent, customer.id, { kind: 'ADDRESS', value: String(address!.value).toUpperCase(), city: address!.city, country: address!.country, source: 'X' }),
      'CONFLICT',
    );
  });

  it('who may: the supervisor of the team and a manager; not an analyst (FORBIDDEN), another agent or another team (NOT_FOUND); nothing written', async () => {
    const customer = await pickCustomer(`c.locatable = 'LOCATABLE' and not exists (select 1 from account x where x.customer_id = c.id and x.team_id <> a.team_id)`);
    expect(ok(await add(customer.supervisor, customer.id, { ...PHONE, value: '+525598765432' })).addContactPoint.status).toBe('UNVERIFIED');
    expect(ok(await add('admin@demo.test', customer.id, { ...PHONE, value: '+525598765433' })).addContactPoint.status).toBe('UNVERIFIED');

    await refusedWithNothingWritten(() => add('analyst@demo.test', customer.id, PHONE), 'FORBIDDEN');
    const [stranger] = await sql(server, "select email from agent where role = 'AGENT' and id not in (select assigned_agent_id from account where customer_id = ? and assigned_agent_id is not null) order by id limit 1", [customer.id]);
    await refusedWithNothingWritten(() => add(String(stranger!.email), customer.id, PHONE), 'NOT_FOUND');
    const [otherSupervisor] = await sql(server, "select email from agent where role = 'SUPERVISOR' and team_id not in (select team_id from account where customer_id = ? and team_id is not null) order by id limit 1", [customer.id]);
    await refusedWithNothingWritten(() => add(String(otherSupervisor!.email), customer.id, PHONE), 'NOT_FOUND');
    await refusedWithNothingWritten(() => add('manager@demo.test', 99_999_999, PHONE), 'NOT_FOUND');
  });
});

describe('verifying and invalidating', () => {
  it('invalidating the last valid phone or address makes the customer UNLOCATABLE; verifying it again makes them LOCATABLE', async () => {
    const customer = await pickCustomer(`c.locatable = 'LOCATABLE' and ${LOCATING('c.id')} = 1`);
    const [point] = await sql(server, "select id, value, status from contact_point where customer_id = ? and kind in ('PHONE', 'ADDRESS') and status <> 'INVALID'", [customer.id]);
    const pointId = globalId('ContactPoint', Number(point!.id));
    const token = await as(customer.agent);
    const me = await agentId(server, customer.agent);

    server.clock.set(new Date('2026-11-18T17:00:00.000Z'));
    const invalid = ok(await gql(server.url, INVALIDATE, { id: pointId, source: 'RETURNED_MAIL', reason: 'Mail returned to sender' }, token)).invalidateContactPoint;
    expect(invalid).toMatchObject({ id: pointId, status: 'INVALID', customer: { locatable: 'UNLOCATABLE' } });
    expect(await locatable(customer.id)).toBe('UNLOCATABLE');

    server.clock.set(new Date('2026-11-18T17:45:00.000Z'));
    const verified = ok(await gql(server.url, VERIFY, { id: pointId, source: 'CUSTOMER', reason: 'Confirmed on an inbound call' }, token)).verifyContactPoint;
    expect(verified).toMatchObject({ status: 'VERIFIED', verifiedAt: '2026-11-18T17:45:00.000Z', customer: { locatable: 'LOCATABLE' } });
    expect(await locatable(customer.id)).toBe('LOCATABLE');

    const history = ok(await gql(server.url, HISTORY, { id: globalId('Customer', customer.id) }, token)).contactHistory.nodes;
    expect(history.slice(0, 2)).toEqual([
      expect.objectContaining({ change: 'VERIFIED', oldValue: point!.value, newValue: point!.value, source: 'CUSTOMER', reason: 'Confirmed on an inbound call', at: '2026-11-18T17:45:00.000Z', changedBy: { email: customer.agent } }),
      expect.objectContaining({ change: 'INVALIDATED', oldValue: point!.value, newValue: null, source: 'RETURNED_MAIL', reason: 'Mail returned to sender', at: '2026-11-18T17:00:00.000Z', changedBy: { email: customer.agent } }),
    ]);

    const pointEvents = await auditOf('ContactPoint', Number(point!.id));
    expect(pointEvents.map((e) => e.action)).toEqual(['invalidateContactPoint', 'verifyContactPoint']);
    expect(pointEvents[0]).toMatchObject({ actorAgentId: me, before: { status: point!.status }, after: { status: 'INVALID' } });
    expect(pointEvents[1]).toMatchObject({ before: { status: 'INVALID' }, after: { status: 'VERIFIED', verifiedAt: '2026-11-18T17:45:00.000Z' } });
    expect((await auditOf('Customer', customer.id)).map((e) => [e.action, e.before.locatable, e.after.locatable])).toEqual([
      ['invalidateContactPoint', 'LOCATABLE', 'UNLOCATABLE'],
      ['verifyContactPoint', 'UNLOCATABLE', 'LOCATABLE'],
    ]);
  });

  it('invalidating one of several valid points leaves the customer LOCATABLE; invalidating an email never changes it', async () => {
    const customer = await pickCustomer(`c.locatable = 'LOCATABLE' and ${LOCATING('c.id')} >= 2
      and exists (select 1 from contact_point p where p.customer_id = c.id and p.kind = 'EMAIL' and p.status <> 'INVALID')`);
    const [phone] = await sql(server, "select id from contact_point where customer_id = ? and kind in ('PHONE', 'ADDRESS') and status <> 'INVALID' order by id limit 1", [customer.id]);
    const [email] = await sql(server, "select id from contact_point where customer_id = ? and kind = 'EMAIL' and status <> 'INVALID' order by id limit 1", [customer.id]);
    const token = await as(customer.agent);
    for (const point of [phone, email]) {
      const r = ok(await gql(server.url, INVALIDATE, { id: globalId('ContactPoint', Number(point!.id)), source: 'CARRIER_CHECK', reason: 'Not in service' }, token)).invalidateContactPoint;
      expect(r).toMatchObject({ status: 'INVALID', customer: { locatable: 'LOCATABLE' } });
    }
    expect(await auditOf('Customer', customer.id)).toEqual([]);
  });

  it('an UNLOCATABLE customer’s invalid phone verified again makes them LOCATABLE', async () => {
    const customer = await pickCustomer(`c.locatable = 'UNLOCATABLE'`);
    const phone = await scalar(server, "select min(id) from contact_point where customer_id = ? and kind = 'PHONE'", [customer.id]);
    const r = ok(await gql(server.url, VERIFY, { id: globalId('ContactPoint', phone), source: 'CUSTOMER', reason: null }, await as(customer.supervisor))).verifyContactPoint;
    expect(r).toMatchObject({ status: 'VERIFIED', customer: { locatable: 'LOCATABLE' } });
    const [change] = await sql(server, 'select change, reason from contact_point_change where contact_point_id = ? order by id desc limit 1', [phone]);
    expect(change).toMatchObject({ change: 'VERIFIED', reason: null });
  });

  it('refusals, each with nothing written', async () => {
    const customer = await pickCustomer(`exists (select 1 from contact_point p where p.customer_id = c.id and p.status = 'INVALID')
      and exists (select 1 from contact_point p where p.customer_id = c.id and p.status <> 'INVALID')`);
    const invalid = globalId('ContactPoint', await scalar(server, "select min(id) from contact_point where customer_id = ? and status = 'INVALID'", [customer.id]));
    const valid = globalId('ContactPoint', await scalar(server, "select min(id) from contact_point where customer_id = ? and status <> 'INVALID'", [customer.id]));
    const token = await as(customer.agent);
    const call = (mutation: string, variables: Record<string, unknown>, t = token) => () => gql(server.url, mutation, variables, t);

    await refusedWithNothingWritten(call(INVALIDATE, { id: invalid, source: 'X', reason: 'again' }), 'CONFLICT');
    await refusedWithNothingWritten(call(INVALIDATE, { id: valid, source: 'X', reason: ' ' }), 'BAD_USER_INPUT', 'reason');
    await refusedWithNothingWritten(call(INVALIDATE, { id: valid, source: '', reason: 'Bounced' }), 'BAD_USER_INPUT', 'source');
    await refusedWithNothingWritten(call(VERIFY, { id: valid, source: 'S'.repeat(101) }), 'BAD_USER_INPUT', 'source');
    await refusedWithNothingWritten(call(VERIFY, { id: globalId('Customer', customer.id), source: 'X' }), 'BAD_USER_INPUT', 'id');
    await refusedWithNothingWritten(call(VERIFY, { id: globalId('ContactPoint', 99_999_999), source: 'X' }), 'NOT_FOUND');

    const analyst = await as('analyst@demo.test');
    await refusedWithNothingWritten(call(VERIFY, { id: valid, source: 'X' }, analyst), 'FORBIDDEN');
    await refusedWithNothingWritten(call(INVALIDATE, { id: valid, source: 'X', reason: 'y' }, analyst), 'FORBIDDEN');
    const [stranger] = await sql(server, "select email from agent where role = 'AGENT' and id not in (select assigned_agent_id from account where customer_id = ? and assigned_agent_id is not null) order by id limit 1", [customer.id]);
    const other = await as(String(stranger!.email));
    await refusedWithNothingWritten(call(VERIFY, { id: valid, source: 'X' }, other), 'NOT_FOUND');
    await refusedWithNothingWritten(call(INVALIDATE, { id: valid, source: 'X', reason: 'y' }, other), 'NOT_FOUND');
  });
});

describe('contact history', () => {
  it('keeps every change newest first, matching the table, and masks values for an analyst', async () => {
    const customer = await scalar(server, 'select customer_id from contact_point_change group by customer_id order by count(*) desc, customer_id limit 1');
    const manager = ok(await gql(server.url, HISTORY, { id: globalId('Customer', customer) }, await as('manager@demo.test'))).contactHistory;
    expect(manager.totalCount).toBe(await scalar(server, 'select count(*) from contact_point_change where customer_id = ?', [customer]));
    const times = manager.nodes.map((n: any) => n.at);
    expect([...times].sort().reverse()).toEqual(times);
    const analyst = ok(await gql(server.url, HISTORY, { id: globalId('Customer', customer) }, await as('analyst@demo.test'))).contactHistory;
    for (const [i, node] of analyst.nodes.entries()) {
      if (manager.nodes[i].newValue) expect(node.newValue).toBe('***');
      expect(node.source).toBe(manager.nodes[i].source);
    }
  });
});
