import { BUCKETS, delinquency, type Bucket } from '../../accounts/buckets.js';
import { addDays, type LocalDate } from '../../shared/dates.js';
import type { AccountInfo } from './accounts.js';
import type { Row } from './bulk.js';
import { toFloorCurrency, type SeedContext } from './context.js';

export type OpeningBalances = Record<Bucket, number>;

/**
 * Month-opening snapshots (§2) for this month and the last. The history before the seeded calls is
 * invented backwards from today: the same oldest unpaid due date (so buckets roll naturally), plus some
 * accounts that were behind then and have caught up since, so cure rates are not all zero.
 * Returns this month's opening balance per bucket, in the floor currency, for the bucket goals.
 */
export async function seedSnapshots(ctx: SeedContext, accounts: AccountInfo[]): Promise<OpeningBalances> {
  const rng = ctx.rng('snapshots');
  const opening = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as OpeningBalances;
  const [thisMonth] = ctx.snapshotDates;
  const rows: [Row[], Row[]] = [[], []];
  for (const a of accounts) {
    const cured = a.bucket === 'CURRENT' && rng.chance(0.3);
    const improved = a.dpd > 0 && rng.chance(0.1);
    const formerDpd = rng.skewedInt(1, 75);
    for (const i of [0, 1] as const) {
      const takenOn = ctx.snapshotDates[i];
      if (a.openedOn >= takenOn) continue;
      let oldestDue: LocalDate | null = a.oldestDue;
      if (a.paidOffAt !== Infinity) oldestDue = a.paidOffAt >= ctx.snapshotStartsMs[i] ? addDays(takenOn, -Math.min(formerDpd, 45)) : null;
      else if (cured) oldestDue = addDays(takenOn, -formerDpd);
      else if (improved) oldestDue = addDays(a.oldestDue!, -30);
      const { dpd, bucket } = delinquency({ oldestUnpaidDueDate: oldestDue, writtenOff: a.writtenOffAt < ctx.snapshotStartsMs[i] }, takenOn);
      // Balances were higher by whatever has been paid since.
      const balance = a.balance + a.sim.paidSince[i];
      rows[i].push({ id: 0, taken_on: takenOn, account_id: a.id, bucket, dpd, balance_minor: balance });
      if (takenOn === thisMonth) opening[bucket] += toFloorCurrency(balance, a.currency);
    }
  }
  for (const batch of [rows[1], rows[0]]) { // last month first, so ids follow time
    for (const row of batch) row.id = ctx.nextId('bucket_snapshot');
    await ctx.writer.transaction((trx) => ctx.writer.insert(trx, 'bucket_snapshot', batch));
    ctx.progress('snapshots', batch === rows[1] ? 1 : 2, 2);
  }
  return opening;
}
