import { addMonths } from '../../shared/dates.js';
import type { Row } from './bulk.js';
import type { SeedContext } from './context.js';

const CHUNK = 20_000;

/**
 * The contractual instalments behind each account's amount due: monthly from its oldest unpaid due
 * date up to today (or that one date when it is still ahead), adding up exactly to the amount due,
 * so posting a payment can settle them oldest first. Written last, from the accounts as they ended up.
 */
export async function seedDues(ctx: SeedContext): Promise<number> {
  const w = ctx.writer;
  let nextId = 1;
  // Read and written by ranges of account id, so a million accounts never sit in memory at once.
  for (let after = 0; ; ) {
    const written = await w.transaction(async (trx) => {
      const accounts: Array<{ id: number; amount_due_minor: number | string; oldest_unpaid_due_date: string; currency: string }> = await trx
        .select('id', 'amount_due_minor', 'oldest_unpaid_due_date', 'currency')
        .from('account')
        .where('amount_due_minor', '>', 0)
        .whereNotNull('oldest_unpaid_due_date')
        .where('id', '>', after)
        .orderBy('id')
        .limit(CHUNK);
      const rows: Row[] = [];
      for (const account of accounts) {
        const dates = [account.oldest_unpaid_due_date];
        while (addMonths(account.oldest_unpaid_due_date, dates.length) <= ctx.today) dates.push(addMonths(account.oldest_unpaid_due_date, dates.length));
        const total = Number(account.amount_due_minor);
        const each = Math.floor(total / dates.length);
        dates.forEach((dueDate, i) => {
          // The oldest instalment carries the remainder, so the sum is exact.
          const amount = i === 0 ? total - each * (dates.length - 1) : each;
          rows.push({ id: nextId++, account_id: account.id, due_date: dueDate, amount_minor: amount, paid_minor: 0, currency: account.currency });
        });
      }
      await w.insert(trx, 'account_due', rows);
      if (accounts.length > 0) after = Number(accounts.at(-1)!.id);
      return accounts.length;
    });
    if (written < CHUNK) return nextId - 1;
    ctx.progress('dues', after, after);
  }
}
