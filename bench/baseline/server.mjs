#!/usr/bin/env node
/**
 * The bare baseline of the benchmarks: the same requests answered with plain graphql-js (a parsed
 * document cache, no framework) over node:http, JWT checked with the same library, and hand-written
 * SQL through the same driver as the product. It holds none of the product's rules beyond what the
 * answer needs, which is what makes it the yardstick.
 *   DATABASE_URL=... PORT=... JWT_SECRET=... node bench/baseline/server.mjs
 */
import { createServer } from 'node:http';
import { buildSchema, execute, parse, validate } from 'graphql';
import { toGlobalId } from 'graphql-relay';
import { jwtVerify } from 'jose';
import { openDriver } from './driver.mjs';
import { portfolioPage } from './portfolio.mjs';
import { recordCall } from './record-call.mjs';

const db = openDriver(process.env.DATABASE_URL);
const secret = new TextEncoder().encode(process.env.JWT_SECRET);
// The product's clock stands at the floor's CLOCK_NOW; tokens are checked against the same instant.
const currentDate = process.env.CLOCK_NOW ? new Date(process.env.CLOCK_NOW) : undefined;

const schema = buildSchema(`
  enum AccountOrderField { BALANCE }
  enum OrderDirection { DESC }
  enum AccountStatus { ACTIVE }
  input AccountFilter { statuses: [AccountStatus!] }
  input AccountOrder { field: AccountOrderField! direction: OrderDirection! }
  type Money { amount: String! currencyCode: String! }
  type Customer { id: ID! firstName: String! lastName: String! }
  type Call { id: ID! disposition: String! direction: String! createdAt: String! }
  type PromiseToPay { id: ID! status: String! dueDate: String! amount: Money! }
  type Account { id: ID! externalRef: String! product: String! status: String! bucket: String! dpd: Int! balance: Money! customer: Customer! lastCall: Call openPromise: PromiseToPay }
  type AccountEdge { cursor: String! node: Account! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type AccountConnection { totalCount: Int! pageInfo: PageInfo! edges: [AccountEdge!]! }
  type Query { accounts(first: Int, filter: AccountFilter, orderBy: AccountOrder): AccountConnection! }
  input RecordCallInput { accountId: ID! phoneId: ID direction: String! disposition: String! startedAt: String! answeredAt: String endedAt: String! talkSeconds: Int! wrapSeconds: Int! }
  type RecordedCall { id: ID! createdAt: String! }
  type Mutation { recordCall(input: RecordCallInput!): RecordedCall! }
`);

const money = (minor, currency) => {
  const abs = Math.abs(Number(minor)).toString().padStart(3, '0');
  return { amount: `${minor < 0 ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`, currencyCode: currency };
};
const iso = (value) => new Date(typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) : value).toISOString();

const root = {
  async accounts({ first = 50 }, { agentId }) {
    const page = await portfolioPage(db, agentId, first);
    const calls = new Map(page.calls.map((c) => [c.id, c]));
    const promises = new Map();
    for (const p of page.promises) if (!promises.has(p.account_id)) promises.set(p.account_id, p);
    const edges = page.accounts.map((a) => {
      const call = calls.get(a.last_call_id);
      const promise = promises.get(a.id);
      const id = toGlobalId('Account', String(a.id));
      return {
        cursor: id,
        node: {
          id,
          externalRef: a.external_ref,
          product: a.product,
          status: a.status,
          bucket: a.bucket,
          dpd: a.dpd,
          balance: money(a.balance_minor, a.currency),
          customer: { id: toGlobalId('Customer', String(a.customer_id)), firstName: a.first_name, lastName: a.last_name },
          lastCall: call && { id: toGlobalId('Call', String(call.id)), disposition: call.disposition, direction: call.direction, createdAt: iso(call.created_at) },
          openPromise: promise && { id: toGlobalId('PromiseToPay', String(promise.id)), status: promise.status, dueDate: promise.due_date, amount: money(promise.amount_minor, promise.currency) },
        },
      };
    });
    return { totalCount: page.totalCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, edges };
  },
  async recordCall({ input }, { agentId, teamId }) {
    return recordCall(db, { agentId, teamId }, input);
  },
};

const documents = new Map();
function documentOf(query) {
  let doc = documents.get(query);
  if (!doc) {
    doc = parse(query);
    const errors = validate(schema, doc);
    if (errors.length) return { errors };
    documents.set(query, doc);
  }
  return { doc };
}

const teams = new Map();
async function teamOf(agentId) {
  if (!teams.has(agentId)) teams.set(agentId, (await db.all('select team_id from agent where id = ?', [agentId]))[0]?.team_id ?? null);
  return teams.get(agentId);
}

const server = createServer((req, res) => {
  if (req.url === '/healthz') return void res.end('ok');
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', async () => {
    const send = (body) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    try {
      const { query, variables } = JSON.parse(raw);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) return send({ errors: [{ message: 'sign in', extensions: { code: 'UNAUTHENTICATED' } }] });
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], currentDate });
      const agentId = Number(payload.sub);
      const { doc, errors } = documentOf(query);
      if (errors) return send({ errors });
      send(await execute({ schema, document: doc, rootValue: root, contextValue: { agentId, teamId: await teamOf(agentId) }, variableValues: variables }));
    } catch (error) {
      send({ errors: [{ message: String(error.message ?? error), extensions: { code: 'INTERNAL' } }] });
    }
  });
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
const stop = () => server.close(() => db.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
