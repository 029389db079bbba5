import { BUCKETS, delinquency, type Bucket } from '../../accounts/buckets.js';
import { addDays, type LocalDate } from '../../shared/dates.js';
import type { AccountInfo } from './accounts.js';
import type { Row } from './bulk.js';
import { toFloorCurrency, type SeedContext } from './context.js';

const CHUNK = 20_000;

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
  // The draws are made once per account in account order; the rows are written a month at a time,
  // last month first so that ids follow time, a chunk at a time so a million accounts fit in memory.
  const cured = new Uint8Array(accounts.length);
  const improved = new Uint8Array(accounts.length);
  const formerDpd = new Uint16Array(accounts.length);
  accounts.forEach((a, k) => {
    cured[k] = a.bucket === 'CURRENT' && rng.chance(0.3) ? 1 : 0;
    improved[k] = a.dpd > 0 && rng.chance(0.1) ? 1 : 0;
    formerDpd[k] = rng.skewedInt(1, 75);
  });
  for (const i of [1, 0] as const) {
    const takenOn = ctx.snapshotDates[i];
    let batch: Row[] = [];
    const flush = async () => {
      await ctx.writer.transaction((trx) => ctx.writer.insert(trx, 'bucket_snapshot', batch));
      batch = [];
    };
    for (let k = 0; k < accounts.length; k++) {
      const a = accounts[k]!;
      if (a.openedOn >= takenOn) continue;
      let oldestDue: LocalDate | null = a.oldestDue;
      if (a.paidOffAt !== Infinity) oldestDue = a.paidOffAt >= ctx.snapshotStartsMs[i] ? addDays(takenOn, -Math.min(formerDpd[k]!, 45)) : null;
      else if (cured[k]) oldestDue = addDays(takenOn, -formerDpd[k]!);
      else if (improved[k]) oldestDue = addDays(a.oldestDue!, -30);
      const { dpd, bucket } = delinquency({ oldestUnpaidDueDate: oldestDue, writtenOff: a.writtenOffAt < ctx.snapshotStartsMs[i] }, takenOn);
      // Balances were higher by whatever has been paid since.
      const balance = a.balance + a.sim.paidSince[i];
      // Seeded accounts never change teams, so the team then is the team now.
      batch.push({ id: ctx.nextId('bucket_snapshot'), taken_on: takenOn, account_id: a.id, bucket, dpd, balance_minor: balance, team_id: a.team.id });
      if (takenOn === thisMonth) opening[bucket] += toFloorCurrency(balance, a.currency);
      if (batch.length >= CHUNK) await flush();
    }
    await flush();
    ctx.progress('snapshots', i === 1 ? 1 : 2, 2);
  }
  return opening;
}
