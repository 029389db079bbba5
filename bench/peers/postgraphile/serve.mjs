#!/usr/bin/env node
/**
 * PostGraphile 4 over the benchmark floor's PostgreSQL tables, as its documentation serves it in
 * production: no watch, no GraphiQL, no query logging; its own pg pool of 10 like the product's.
 *   DATABASE_URL=postgres://... PORT=... node bench/peers/postgraphile/serve.mjs
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const middleware = postgraphile(pool, 'public', {
  watchPg: false,
  graphiql: false,
  disableQueryLog: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  retryOnInitFail: false,
});
const server = createServer((req, res) => {
  if (req.url === '/healthz') return void res.end('ok');
  middleware(req, res);
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
