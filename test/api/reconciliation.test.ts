import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, login, ok, type GraphQLResponse } from '../utils/graphql.js';
import { localId, scalar, sql } from '../utils/oracle.js';
import { startTestServer, type TestServer } from '../utils/server.js';
import { expectNothingWritten } from '../utils/unchanged.js';

/**
 * Reconciliation (DOMAIN.md §4): an accounting export is imported, all or nothing, and posted
 * payments are matched to it by reference and amount. Every expectation is computed here from the
 * rows read straight from the database.
 */
let server: TestServer;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['manager', 'admin', 'analyst', 'supervisor1', 'agent1']) tokens[who] = await login(server.url, `${who}@demo.test`);
});
afterAll(async () => {
  // Payments are re-dated and reversed by SQL to stage ledger periods, behind the KPI counters' back.
  await server?.stop({ checkCounters: false });
});

const IMPORT = 'mutation($csv: String!) { importLedger(csv: $csv) { batch lines } }';
const RECONCILE = `query($from: LocalDate!, $to: LocalDate!, $first: Int!, $after: String, $statuses: [ReconciliationStatus!]) {
  reconciliation(from: $from, to: $to) {
    from to startsAt endsAt
    totals { status count amounts { amount currencyCode } }
    items(first: $first, after: $after, statuses: $statuses) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { status reference payment { id status } account { id } paymentAmount { amount currencyCode }
        ledgerAmount { amount currencyCode } ledgerLine { importBatch lineNumber reference postedOn amount { amount currencyCode } } }
    }
  }
}`;

/** The period: 1-10 November 2026 on the floor (Mexico City, UTC-6 all year). */
const FROM = '2026-11-01';
const TO = '2026-11-10';
const PERIOD_START = new Date('2026-11-01T00:00:00-06:00').getTime();
const PERIOD_END = new Date('2026-11-11T00:00:00-06:00').getTime();

interface PaymentRow {
  id: number;
  accountId: number;
  reference: string | null;
  amountMinor: number;
  currency: string;
  status: string;
  receivedAt: number;
}

const decimal = (minor: number): string => `${Math.trunc(minor / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
const instant = (v: unknown): number => (typeof v === 'number' ? v : new Date(v as string | Date).getTime());

async function payments(): Promise<PaymentRow[]> {
  const rows = await sql(server, 'select id, account_id, external_reference, amount_minor, currency, status, received_at from payment order by id');
  return rows.map((r) => ({
    id: Number(r.id),
    accountId: Number(r.account_id),
    reference: r.external_reference,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    status: r.status,
    receivedAt: instant(r.received_at),
  }));
}

const inPeriod = (p: PaymentRow): boolean => p.receivedAt >= PERIOD_START && p.receivedAt < PERIOD_END;

async function reconcileAll(token: string, statuses?: string[], first = 100): Promise<{ data: any; items: any[]; pages: number }> {
  const items: any[] = [];
  let after: string | null = null;
  let data: any;
  let pages = 0;
  for (;;) {
    data = ok(await gql(server.url, RECONCILE, { from: FROM, to: TO, first, after, statuses }, token)).reconciliation;
    pages += 1;
    items.push(...data.items.nodes);
    if (!data.items.pageInfo.hasNextPage) return { data, items, pages };
    after = data.items.pageInfo.endCursor;
  }
}

function problemsOf(r: GraphQLResponse): Array<{ line: number; column: string | null }> {
  expect(errorCode(r)).toBe('BAD_USER_INPUT');
  return (r.errors![0]!.extensions!.problems as Array<{ line: number; column: string | null; message: string }>).map(({ line, column, message }) => {
    expect(message.length).toBeGreaterThan(5);
    return { line, column };
  });
}

const HEADER = 'reference,amount,currency,posted_on';

describe('importing the ledger', () => {
  it('refuses a malformed file naming every bad line and column, and writes nothing', async () => {
    const csv = [
      `\uFEFF${HEADER}`,
      'OK-1,10.00,MXN,2026-11-02',
      'BAD-2,ten,MXN,2026-11-02',
      ',5.00,MXN,2026-11-02',
      '"BAD,4",5.001,MXN,2026-11-31',
      'BAD-5,5.00,XYZ,2026-11-02',
      'OK-1,12.00,MXN,2026-11-03',
      'BAD-7,-1.00,USD,2026-11-02',
      'BAD-8,1.00,MXN',
      'OK-9,"1.00",USD,2026-11-05',
    ].join('\r\n');
    const r = await expectNothingWritten(server, () => gql(server.url, IMPORT, { csv }, tokens.manager));
    expect(problemsOf(r)).toEqual([
      { line: 3, column: 'amount' },
      { line: 4, column: 'reference' },
      { line: 5, column: 'amount' },
      { line: 5, column: 'posted_on' },
      { line: 6, column: 'currency' },
      { line: 7, column: 'reference' },
      { line: 8, column: 'amount' },
      { line: 9, column: null },
    ]);
    expect(r.errors![0]!.extensions!.argument).toBe('csv');
    expect(r.errors![0]!.message).toMatch(/line 3, amount/);
  });

  it.each([
    ['an empty file', '', [{ line: 1, column: null }]],
    ['a header and nothing else', `${HEADER}\n`, [{ line: 2, column: null }]],
    ['a file without its header', 'PAY-1,1.00,MXN,2026-11-02\n', [{ line: 1, column: null }]],
    ['a misnamed header column', 'reference,amt,currency,posted_on\nP,1.00,MXN,2026-11-02\n', [{ line: 1, column: 'amt' }, { line: 1, column: 'amount' }]],
    ['a reference twice (same amount)', `${HEADER}\nP-1,1.00,MXN,2026-11-02\nP-1,1.00,MXN,2026-11-02\n`, [{ line: 3, column: 'reference' }]],
    ['a reference twice (another amount)', `${HEADER}\nP-1,1.00,MXN,2026-11-02\nP-2,1.00,MXN,2026-11-02\nP-1,3.00,MXN,2026-11-02\n`, [{ line: 4, column: 'reference' }]],
    ['an unclosed quote', `${HEADER}\nP-1,1.00,MXN,2026-11-02\n"P-2,1.00,MXN,2026-11-02\nP-3,1.00,MXN,2026-11-02\n`, [{ line: 3, column: null }]],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, csv, expected) => {
    const r = await expectNothingWritten(server, () => gql(server.url, IMPORT, { csv }, tokens.manager));
    expect(problemsOf(r)).toEqual(expected);
  });

  it('refuses more than 50,000 lines and writes nothing', async () => {
    const csv = `${HEADER}\n${'P,1,MXN,2026-11-02\n'.repeat(50_001)}`;
    const r = await expectNothingWritten(server, () => gql(server.url, IMPORT, { csv }, tokens.manager));
    expect(problemsOf(r)).toEqual([{ line: 50_002, column: null }]);
    expect(r.errors![0]!.message).toMatch(/more than 50,000/);
  });

  it.each([
    ['an agent', 'agent1', 'FORBIDDEN'],
    ['a supervisor', 'supervisor1', 'FORBIDDEN'],
    ['an analyst', 'analyst', 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('%s may not import: %s', async (_name, who, code) => {
    const r = await expectNothingWritten(server, () => gql(server.url, IMPORT, { csv: `${HEADER}\nP-1,1.00,MXN,2026-11-02\n` }, who ? tokens[who] : undefined));
    expect(errorCode(r)).toBe(code);
  });
});

describe('reconciling payments with the ledger', () => {
  let all: PaymentRow[];
  let matched: PaymentRow[];
  let discrepant: PaymentRow[];
  let otherCurrency: PaymentRow;
  let reversed: PaymentRow;
  let outside: PaymentRow;
  let batch: string;

  beforeAll(async () => {
    all = await payments();
    const posted = all.filter((p) => p.status === 'POSTED' && p.reference);
    const period = posted.filter(inPeriod);
    expect(period.length, 'the seed has payments in the period').toBeGreaterThan(12);
    matched = period.slice(0, 5);
    discrepant = period.slice(5, 8);
    otherCurrency = period[8]!;
    reversed = period[9]!;
    outside = posted.find((p) => !inPeriod(p))!;
    // A payment given back: it takes no part, and its ledger line stands alone.
    await sql(server, "update payment set status = 'REVERSED', reversed_at = received_at, reversal_reason = 'test' where id = ?", [reversed.id]);

    const lines = [
      HEADER,
      ...matched.map((p) => `${p.reference},${decimal(p.amountMinor)},${p.currency},2026-11-05`),
      ...discrepant.map((p) => `${p.reference},${decimal(p.amountMinor + 150)},${p.currency},2026-11-06`),
      `${otherCurrency.reference},${decimal(otherCurrency.amountMinor)},${otherCurrency.currency === 'MXN' ? 'USD' : 'MXN'},2026-11-06`,
      `${reversed.reference},${decimal(reversed.amountMinor)},${reversed.currency},2026-11-07`,
      // Received outside the period, posted inside it: it has its payment, so it is no item of this period.
      `${outside.reference},${decimal(outside.amountMinor)},${outside.currency},2026-11-08`,
      '"LEDGER-ONLY, 1",99.90,MXN,2026-11-01',
      'LEDGER-ONLY-2,5,USD,2026-11-10',
      'LEDGER-LATE,7.00,MXN,2026-11-11',
    ];
    const r = ok(await gql(server.url, IMPORT, { csv: `\uFEFF${lines.join('\r\n')}\r\n` }, tokens.manager));
    batch = r.importLedger.batch;
    expect(r.importLedger.lines).toBe(lines.length - 1);
  });

  it('stores every line under one new batch, with its line number', async () => {
    expect(batch).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await sql(server, 'select line_number, reference, amount_minor, currency, posted_on from ledger_line where import_batch = ? order by line_number', [batch]);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toMatchObject({ line_number: 2, reference: matched[0]!.reference, currency: matched[0]!.currency, posted_on: '2026-11-05' });
    expect(Number(rows[0]!.amount_minor)).toBe(matched[0]!.amountMinor);
    expect(rows.find((r) => r.reference === 'LEDGER-ONLY, 1')).toMatchObject({ line_number: 13 });
    expect(Number(rows.find((r) => r.reference === 'LEDGER-ONLY, 1')!.amount_minor)).toBe(9990);
  });

  it('writes one audit event for the import, pointing at its first line', async () => {
    const events = await sql(server, "select action, entity_id, actor_role, after from audit_event where entity_type = 'LedgerImport'");
    expect(events).toHaveLength(1);
    const firstLine = await scalar(server, 'select min(id) from ledger_line where import_batch = ?', [batch]);
    expect(events[0]).toMatchObject({ action: 'importLedger', actor_role: 'MANAGER' });
    expect(Number(events[0]!.entity_id)).toBe(firstLine);
    const after = typeof events[0]!.after === 'string' ? JSON.parse(events[0]!.after) : events[0]!.after;
    expect(after).toMatchObject({ importBatch: batch, lines: 14, firstLineId: firstLine, postedFrom: '2026-11-01', postedTo: '2026-11-11' });
  });

  it('gives each posted payment of the period its status, and each lone ledger line of the period', async () => {
    const { data, items } = await reconcileAll(tokens.manager);
    expect(data).toMatchObject({ from: FROM, to: TO, startsAt: new Date(PERIOD_START).toISOString(), endsAt: new Date(PERIOD_END).toISOString() });

    // The oracle: the payments and ledger lines as stored.
    const ledger = new Map((await sql(server, 'select reference, amount_minor, currency from ledger_line')).map((l) => [l.reference as string, l]));
    const expected = new Map<number, string>();
    for (const p of (await payments()).filter((q) => q.status === 'POSTED' && inPeriod(q))) {
      const line = p.reference ? ledger.get(p.reference) : undefined;
      expected.set(p.id, !line ? 'UNMATCHED' : Number(line.amount_minor) === p.amountMinor && line.currency === p.currency ? 'MATCHED' : 'DISCREPANCY');
    }
    const paymentItems = items.filter((i) => i.payment);
    expect(new Map(paymentItems.map((i) => [localId(i.payment.id), i.status]))).toEqual(expected);
    expect(paymentItems.every((i) => i.payment.status === 'POSTED')).toBe(true);

    expect(paymentItems.filter((i) => i.status === 'MATCHED').map((i) => localId(i.payment.id)).sort()).toEqual(matched.map((p) => p.id).sort());
    expect(paymentItems.filter((i) => i.status === 'DISCREPANCY').map((i) => localId(i.payment.id)).sort()).toEqual([...discrepant, otherCurrency].map((p) => p.id).sort());
    expect(paymentItems.some((i) => localId(i.payment.id) === reversed.id)).toBe(false);

    const lone = items.filter((i) => !i.payment);
    expect(lone.map((i) => [i.status, i.reference, i.ledgerAmount.amount, i.ledgerAmount.currencyCode, i.ledgerLine.postedOn])).toEqual([
      ['LEDGER_ONLY', reversed.reference, decimal(reversed.amountMinor), reversed.currency, '2026-11-07'],
      ['LEDGER_ONLY', 'LEDGER-ONLY, 1', '99.90', 'MXN', '2026-11-01'],
      ['LEDGER_ONLY', 'LEDGER-ONLY-2', '5.00', 'USD', '2026-11-10'],
    ]);
    expect(lone.every((i) => i.account === null && i.paymentAmount === null)).toBe(true);
  });

  it('shows both amounts of a discrepancy, and the account of the payment', async () => {
    const { items } = await reconcileAll(tokens.manager, ['DISCREPANCY']);
    expect(items).toHaveLength(discrepant.length + 1);
    for (const p of discrepant) {
      const item = items.find((i) => localId(i.payment.id) === p.id)!;
      expect(item.paymentAmount).toEqual({ amount: decimal(p.amountMinor), currencyCode: p.currency });
      expect(item.ledgerAmount).toEqual({ amount: decimal(p.amountMinor + 150), currencyCode: p.currency });
      expect(localId(item.account.id)).toBe(p.accountId);
      expect(item.ledgerLine).toMatchObject({ importBatch: batch, reference: p.reference });
    }
    const cross = items.find((i) => localId(i.payment.id) === otherCurrency.id)!;
    expect(cross.ledgerAmount.amount).toBe(cross.paymentAmount.amount);
    expect(cross.ledgerAmount.currencyCode).not.toBe(cross.paymentAmount.currencyCode);
  });

  it('totals each status, counts and amounts per currency, as SQL counts them', async () => {
    const { data, items } = await reconcileAll(tokens.manager);
    const expectedTotals = ['MATCHED', 'DISCREPANCY', 'UNMATCHED', 'LEDGER_ONLY'].map((status) => {
      const mine = items.filter((i) => i.status === status);
      const sums = new Map<string, number>();
      for (const i of mine) {
        const m = i.paymentAmount ?? i.ledgerAmount;
        sums.set(m.currencyCode, (sums.get(m.currencyCode) ?? 0) + Math.round(Number(m.amount) * 100));
      }
      return { status, count: mine.length, amounts: [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([c, minor]) => ({ amount: decimal(minor), currencyCode: c })) };
    });
    expect(data.totals).toEqual(expectedTotals);
    expect(data.items.totalCount).toBe(items.length);

    const bound = (ms: number) => (server.config.database.kind === 'sqlite' ? ms : new Date(ms).toISOString());
    const posted = `from payment p where p.status = 'POSTED' and p.received_at >= ? and p.received_at < ?`;
    const newest = 'l.id = (select max(m.id) from ledger_line m where m.reference = l.reference)';
    const period = [bound(PERIOD_START), bound(PERIOD_END)];
    const counts = {
      MATCHED: await scalar(server, `select count(*) ${posted} and exists (select 1 from ledger_line l where l.reference = p.external_reference and ${newest} and l.amount_minor = p.amount_minor and l.currency = p.currency)`, period),
      DISCREPANCY: await scalar(server, `select count(*) ${posted} and exists (select 1 from ledger_line l where l.reference = p.external_reference and ${newest} and (l.amount_minor <> p.amount_minor or l.currency <> p.currency))`, period),
      UNMATCHED: await scalar(server, `select count(*) ${posted} and not exists (select 1 from ledger_line l where l.reference = p.external_reference)`, period),
      LEDGER_ONLY: await scalar(server, `select count(*) from ledger_line l where l.posted_on between ? and ? and ${newest} and not exists (select 1 from payment p where p.status = 'POSTED' and p.external_reference = l.reference)`, [FROM, TO]),
    };
    expect(Object.fromEntries(data.totals.map((t: any) => [t.status, t.count]))).toEqual(counts);
    expect(counts).toMatchObject({ MATCHED: 5, DISCREPANCY: 4, LEDGER_ONLY: 3 });
    expect(counts.UNMATCHED).toBeGreaterThan(0);
  });

  it('pages through the items without gaps or repeats', async () => {
    const whole = await reconcileAll(tokens.manager);
    const paged = await reconcileAll(tokens.manager, undefined, 7);
    expect(paged.pages).toBeGreaterThan(2);
    expect(paged.items).toEqual(whole.items);
  });

  it('a later import of a reference supersedes the earlier line', async () => {
    const p = discrepant[0]!;
    ok(await gql(server.url, IMPORT, { csv: `${HEADER}\n${p.reference},${decimal(p.amountMinor)},${p.currency},2026-11-09\n` }, tokens.admin));
    const { items, data } = await reconcileAll(tokens.manager);
    const item = items.find((i) => i.payment && localId(i.payment.id) === p.id)!;
    expect(item.status).toBe('MATCHED');
    expect(item.ledgerLine.postedOn).toBe('2026-11-09');
    expect(data.totals[0].count).toBe(6);
    expect(data.totals[1].count).toBe(3);
  });

  it('counts whole floor days: the last minute of the last day is in, the next midnight is out', async () => {
    const candidates = (await payments()).filter((p) => p.status === 'POSTED' && !inPeriod(p) && p.id !== outside.id).slice(0, 4);
    const [firstIn, lastIn, before, after] = candidates.map((p) => p.id);
    const moves: Array<[number | undefined, number]> = [[firstIn, PERIOD_START], [lastIn, PERIOD_END - 1], [before, PERIOD_START - 1], [after, PERIOD_END]];
    for (const [id, at] of moves) {
      await sql(server, 'update payment set received_at = ? where id = ?', [server.config.database.kind === 'sqlite' ? at : new Date(at).toISOString(), id]);
    }
    const ids = new Set((await reconcileAll(tokens.manager)).items.filter((i) => i.payment).map((i) => localId(i.payment.id)));
    expect([firstIn, lastIn, before, after].map((id) => ids.has(id!))).toEqual([true, true, false, false]);
  });

  it('an admin and an analyst may read it', async () => {
    for (const who of ['admin', 'analyst']) {
      const r = await gql(server.url, RECONCILE, { from: FROM, to: TO, first: 5 }, tokens[who]);
      expect(ok(r).reconciliation.items.nodes).toHaveLength(5);
    }
  });

  it.each([
    ['an agent', 'agent1', 'FORBIDDEN'],
    ['a supervisor', 'supervisor1', 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('%s may not read it', async (_name, who, code) => {
    const r = await gql(server.url, RECONCILE, { from: FROM, to: TO, first: 5 }, who ? tokens[who] : undefined);
    expect(errorCode(r)).toBe(code);
  });

  it.each([
    ['a period ending before it starts', { from: TO, to: FROM, first: 5 }],
    ['a date that does not exist', { from: '2026-02-30', to: TO, first: 5 }],
    ['a period over a year', { from: '2025-01-01', to: TO, first: 5 }],
    ['a page of 0', { from: FROM, to: TO, first: 0 }],
    ['a page over 100', { from: FROM, to: TO, first: 101 }],
    ['a cursor of something else', { from: FROM, to: TO, first: 5, after: 'bm90IGEgY3Vyc29y' }],
  ])('%s is BAD_USER_INPUT', async (_name, variables) => {
    expect(errorCode(await gql(server.url, RECONCILE, variables, tokens.manager))).toBe('BAD_USER_INPUT');
  });
});
