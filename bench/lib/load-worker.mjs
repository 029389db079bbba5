/**
 * One load generator process (autocannon), started by load.mjs so the load never shares a process with
 * the server it measures. Reads its plan from the file named by argv[2], cycles through the plan's
 * requests (each with its own body and token), counts GraphQL errors by code, and prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { latencyHistogram } from './stats.mjs';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const histogram = latencyHistogram();
const errors = {};
let examples = [];
let next = 0;
let answered = 0;
const sqlStatements = new Map();

const instance = autocannon({
  url: plan.url,
  connections: plan.connections,
  duration: plan.seconds,
  ...(plan.amount ? { amount: plan.amount } : {}),
  ...(plan.rate ? { overallRate: plan.rate } : {}),
  requests: [
    {
      method: 'POST',
      setupRequest(req) {
        const r = plan.requests[next++ % plan.requests.length];
        return { ...req, headers: { 'content-type': 'application/json', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) }, body: r.body };
      },
      onResponse(status, body) {
        answered++;
        let code;
        if (status !== 200) code = `HTTP_${status}`;
        else {
          const parsed = JSON.parse(body);
          if (parsed.errors) code = parsed.errors[0]?.extensions?.code ?? 'ERROR';
          const n = parsed.extensions?.sqlStatements;
          if (n !== undefined) sqlStatements.set(n, (sqlStatements.get(n) ?? 0) + 1);
        }
        if (code) {
          errors[code] = (errors[code] ?? 0) + 1;
          if (examples.length < 3) examples.push(body.slice(0, 300));
        }
      },
    },
  ],
});
instance.on('response', (_client, _status, _bytes, responseTime) => histogram.record(responseTime));
instance.on('done', (result) => {
  process.stdout.write(
    JSON.stringify({
      requests: answered,
      seconds: result.duration,
      errors,
      examples,
      non2xx: result.non2xx,
      timeouts: result.timeouts,
      histogram: histogram.encode(),
      sqlStatements: Object.fromEntries(sqlStatements),
    }) + '\n',
  );
});
