import { describe, expect, it } from 'vitest';
import type { Bucket } from '../accounts/buckets.js';
import {
  bucketFlowDeltas,
  collectedKey,
  mergeCollectedDeltas,
  mergeFlowDeltas,
  monthOpeningOf,
  NO_TEAM,
  paymentCounts,
  RUNNING,
  teamMoves,
  type AccountChange,
  type AccountPosition,
  type CollectedDelta,
  type FlowDelta,
  type FlowFacts,
  type Opening,
  type PaymentCount,
  type PaymentPosition,
} from './flow-deltas.js';

const TZ = 'America/Mexico_City';
const NOV = '2026-11-01';
const OCT = '2026-10-01';
const SEP = '2026-09-01';
const ACCOUNT = 42;

const pos = (bucket: Bucket, balanceMinor: number, teamId: number | null = 1, currency = 'MXN'): AccountPosition => ({ teamId, bucket, balanceMinor, currency });
const opening = (bucket: Bucket, balanceMinor: number, teamId: number | null = 1): Opening => ({ bucket, balanceMinor, teamId });
const change = (before: AccountPosition | null, after: AccountPosition | null, accountId = ACCOUNT): AccountChange => ({ accountId, before, after });
const paid = (amountMinor: number, openedOn = NOV, accountId = ACCOUNT, currency = 'MXN'): PaymentCount => ({ accountId, openedOn, currency, amountMinor });

/** November runs; October is closed by November's snapshot. The account opened November in B2 with 10 000. */
function facts(overrides: Partial<FlowFacts> & { rows?: Record<string, Opening> } = {}): FlowFacts {
  const rows = overrides.rows ?? { [NOV]: opening('B2', 10_000) };
  return {
    runningMonths: overrides.runningMonths ?? new Set([NOV]),
    openings: overrides.openings ?? new Map([[ACCOUNT, new Map(Object.entries(rows))]]),
    teams: overrides.teams ?? new Map([[ACCOUNT, 1]]),
    collectedNow: overrides.collectedNow ?? new Map(),
  };
}

const flow = (teamId: number, to: Bucket, accounts: number, fromBalanceMinor: number, toBalanceMinor: number, from: Bucket = 'B2', currency = 'MXN', openedOn = NOV): FlowDelta => ({
  openedOn,
  closedOn: RUNNING,
  teamId,
  from,
  to,
  currency,
  accounts,
  fromBalanceMinor,
  toBalanceMinor,
});
const got = (teamId: number, amountMinor: number, bucket: Bucket = 'B2', openedOn = NOV, currency = 'MXN'): CollectedDelta => ({ openedOn, teamId, bucket, currency, amountMinor });

describe('an account moves in the running month', () => {
  it.each<[string, AccountChange, FlowDelta[]]>([
    ['a payment cures it: out of B2 -> B2, into B2 -> CURRENT with its balance now', change(pos('B2', 9_000), pos('CURRENT', 4_000)), [
      flow(1, 'B2', -1, -10_000, -9_000),
      flow(1, 'CURRENT', 1, 10_000, 4_000),
    ]],
    ['the balance alone changes: the same cell, only the balance now moves', change(pos('B2', 9_000), pos('B2', 8_500)), [flow(1, 'B2', 0, 0, -500)]],
    ['the rollover-like move to a worse bucket', change(pos('B2', 9_000), pos('B3', 9_000)), [flow(1, 'B2', -1, -10_000, -9_000), flow(1, 'B3', 1, 10_000, 9_000)]],
    ['a write-off: CHARGE_OFF', change(pos('B2', 9_000), pos('CHARGE_OFF', 9_000)), [flow(1, 'B2', -1, -10_000, -9_000), flow(1, 'CHARGE_OFF', 1, 10_000, 9_000)]],
    ['a reassignment to another team: the same buckets, another team', change(pos('B2', 9_000, 1), pos('B2', 9_000, 2)), [flow(1, 'B2', -1, -10_000, -9_000), flow(2, 'B2', 1, 10_000, 9_000)]],
    ['an account leaving every team counts under NO_TEAM', change(pos('B2', 9_000, 1), pos('B2', 9_000, null)), [flow(NO_TEAM, 'B2', 1, 10_000, 9_000), flow(1, 'B2', -1, -10_000, -9_000)]],
    ['nothing that counts changed', change(pos('B2', 9_000), pos('B2', 9_000)), []],
  ])('%s', (_name, c, expected) => {
    expect(bucketFlowDeltas([c], [], facts()).flows).toEqual(expected);
  });

  it('an account not in the running month’s opening snapshot (opened since) counts nowhere', () => {
    const c = change(pos('B2', 9_000), pos('CURRENT', 0));
    expect(bucketFlowDeltas([c], [], facts({ rows: {} }))).toEqual({ flows: [], collected: [] });
    expect(bucketFlowDeltas([change(null, pos('CURRENT', 5_000))], [], facts({ rows: {} }))).toEqual({ flows: [], collected: [] });
  });

  it('a closed month’s flows never move: only running months are kept', () => {
    const c = change(pos('B2', 9_000), pos('CURRENT', 0));
    expect(bucketFlowDeltas([c], [], facts({ runningMonths: new Set(), rows: { [OCT]: opening('B1', 1), [NOV]: opening('B2', 10_000) } })).flows).toEqual([]);
  });

  it('every running month moves (a month no snapshot closed keeps running beside the newest)', () => {
    const c = change(pos('B2', 9_000), pos('B3', 9_000));
    const out = bucketFlowDeltas([c], [], facts({ runningMonths: new Set([SEP, NOV]), rows: { [SEP]: opening('CURRENT', 12_000), [NOV]: opening('B2', 10_000) } })).flows;
    expect(out).toEqual([
      flow(1, 'B2', -1, -12_000, -9_000, 'CURRENT', 'MXN', SEP),
      flow(1, 'B3', 1, 12_000, 9_000, 'CURRENT', 'MXN', SEP),
      flow(1, 'B2', -1, -10_000, -9_000),
      flow(1, 'B3', 1, 10_000, 9_000),
    ]);
  });
});

describe('payments collected', () => {
  it.each<[string, PaymentCount[], Partial<FlowFacts> & { rows?: Record<string, Opening> }, CollectedDelta[]]>([
    ['a payment of the running month counts under the opening bucket for the team now', [paid(500)], {}, [got(1, 500)]],
    ['its reversal takes it back from the same place', [paid(-500)], {}, [got(1, -500)]],
    ['a payment on an account with no team counts under NO_TEAM', [paid(500)], { teams: new Map([[ACCOUNT, null]]) }, [got(NO_TEAM, 500)]],
    ['an account not in the month’s opening snapshot collects nothing', [paid(500)], { rows: {} }, []],
    [
      'reversing a payment of a closed month takes it from the team that held the account at the next opening',
      [paid(-700, OCT)],
      { rows: { [OCT]: opening('B4', 30_000, 3), [NOV]: opening('B2', 10_000, 5) }, teams: new Map([[ACCOUNT, 9]]) },
      [got(5, -700, 'B4', OCT)],
    ],
    ['a closed month with no snapshot of the next month for the account counts nothing', [paid(-700, OCT)], { rows: { [OCT]: opening('B4', 30_000) } }, []],
    ['posted and reversed in one flush: nothing', [paid(500), paid(-500)], {}, []],
  ])('%s', (_name, payments, f, expected) => {
    expect(bucketFlowDeltas([], payments, facts(f)).collected).toEqual(expected);
  });

  it('a payment in USD keeps its currency (the reports convert)', () => {
    expect(bucketFlowDeltas([], [paid(300, NOV, ACCOUNT, 'USD')], facts()).collected).toEqual([got(1, 300, 'B2', NOV, 'USD')]);
  });
});

describe('a team move carries the running month’s collected amount', () => {
  const moved = change(pos('B2', 9_000, 1), pos('B2', 9_000, 2));
  const now = (amount: number) => new Map([[collectedKey(ACCOUNT, NOV, 'MXN'), amount]]);

  it('all collected so far leaves the old team for the new one', () => {
    const out = bucketFlowDeltas([moved], [], facts({ teams: new Map([[ACCOUNT, 2]]), collectedNow: now(1_200) }));
    expect(out.collected).toEqual([got(1, -1_200), got(2, 1_200)]);
  });

  it('a payment in the same flush counts once, for the new team', () => {
    // 1 200 were collected before; this flush posts 300 more: now 1 500.
    const out = bucketFlowDeltas([moved], [paid(300)], facts({ teams: new Map([[ACCOUNT, 2]]), collectedNow: now(1_500) }));
    expect(out.collected).toEqual([got(1, -1_200), got(2, 1_500)]);
  });

  it('a reversal in the same flush: the old team loses what it held, the new one gets what is left', () => {
    // 1 200 were collected before; this flush reverses 1 200: nothing posted remains.
    const out = bucketFlowDeltas([moved], [paid(-1_200)], facts({ teams: new Map([[ACCOUNT, 2]]), collectedNow: new Map() }));
    expect(out.collected).toEqual([got(1, -1_200)]);
  });

  it('nothing collected: nothing to carry', () => {
    expect(bucketFlowDeltas([moved], [], facts({ teams: new Map([[ACCOUNT, 2]]) })).collected).toEqual([]);
  });

  it('a closed month’s collected stays with the team at its close', () => {
    const f = facts({ runningMonths: new Set([NOV]), rows: { [OCT]: opening('B4', 30_000, 1), [NOV]: opening('B2', 10_000, 1) }, teams: new Map([[ACCOUNT, 2]]) });
    expect(teamMoves([moved], f)).toEqual([{ accountId: ACCOUNT, openedOn: NOV }]);
    expect(bucketFlowDeltas([moved], [paid(-100, OCT)], f).collected).toEqual([got(1, -100, 'B4', OCT)]);
  });

  it('only accounts whose team changed and that opened a running month need their collected amount read', () => {
    const f = facts({ rows: { [NOV]: opening('B2', 10_000) } });
    expect(teamMoves([change(pos('B2', 1, 1), pos('B3', 1, 1)), moved, change(null, pos('B2', 1, 4), 77)], f)).toEqual([{ accountId: ACCOUNT, openedOn: NOV }]);
  });
});

describe('payment counts', () => {
  const payment = (status: string, amountMinor = 500, receivedAt = new Date('2026-11-18T16:00:00Z')): PaymentPosition => ({ accountId: ACCOUNT, status, amountMinor, currency: 'MXN', receivedAt });

  it.each<[string, PaymentPosition | null, PaymentPosition | null, PaymentCount[]]>([
    ['posted', null, payment('POSTED'), [paid(500)]],
    ['reversed', payment('POSTED'), payment('REVERSED'), [paid(-500)]],
    ['reversed again (nothing counted either side)', payment('REVERSED'), payment('REVERSED'), []],
    ['another field of a posted payment', payment('POSTED'), payment('POSTED'), []],
    ['its amount corrected', payment('POSTED', 500), payment('POSTED', 450), [paid(-50)]],
  ])('%s', (_name, before, after, expected) => {
    expect(paymentCounts(before, after, TZ)).toEqual(expected);
  });

  it('counts in the floor-local month it was received in, not the UTC one', () => {
    expect(monthOpeningOf(new Date('2026-12-01T05:59:59Z'), TZ)).toBe(NOV);
    expect(monthOpeningOf(new Date('2026-12-01T06:00:00Z'), TZ)).toBe('2026-12-01');
    expect(paymentCounts(payment('POSTED', 500, new Date('2026-12-01T05:59:59Z')), payment('POSTED', 500, new Date('2026-12-01T06:00:00Z')), TZ)).toEqual([
      paid(-500),
      paid(500, '2026-12-01'),
    ]);
  });
});

describe('merging', () => {
  it('one delta per row, in key order, zero rows dropped', () => {
    expect(mergeFlowDeltas([flow(2, 'B3', 1, 5, 5), flow(1, 'B2', 1, 5, 5), flow(2, 'B3', -1, -5, -5), flow(1, 'B2', 0, 0, 7)])).toEqual([flow(1, 'B2', 1, 5, 12)]);
    expect(mergeCollectedDeltas([got(2, 5), got(1, 5), got(2, -5), got(1, 1)])).toEqual([got(1, 6)]);
  });
});
