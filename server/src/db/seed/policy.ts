import { MEXICO, US_FDCPA, type ContactProfileRules } from '../../compliance/contact-policy.js';
import type { SeedContext } from './context.js';

/** Portfolios by the currency of their accounts: US accounts under FDCPA / Reg F, Mexican ones under the Mexico profile. */
export const PORTFOLIO_OF_CURRENCY: Readonly<Record<string, number>> = { USD: 1, MXN: 2 };

const profile = (id: number, code: string, name: string, rules: ContactProfileRules, now: Date) => ({
  id,
  code,
  name,
  window_start_minute: rules.windowStartMinute,
  window_end_minute: rules.windowEndMinute,
  max_attempts: rules.maxAttempts,
  attempt_window_seconds: rules.attemptWindowSeconds,
  quiet_after_conversation_seconds: rules.quietAfterConversationSeconds,
  callback_early_minutes: rules.callbackEarlyMinutes,
  callback_late_minutes: rules.callbackLateMinutes,
  updated_at: now,
});

/**
 * Treatment by bucket: late buckets are worked first (more at stake each day) and may be offered
 * more; a charged-off account's settlement can go deepest.
 */
const STRATEGIES = [
  ['CURRENT', 8, 0.0, 6],
  ['B1', 7, 0.05, 6],
  ['B2', 6, 0.1, 9],
  ['B3', 5, 0.15, 12],
  ['B4', 4, 0.2, 12],
  ['B5', 3, 0.25, 12],
  ['B6', 2, 0.3, 18],
  ['CHARGE_OFF', 1, 0.4, 24],
] as const;

export async function seedPolicy(ctx: SeedContext): Promise<void> {
  const w = ctx.writer;
  await w.transaction(async (trx) => {
    await w.insert(trx, 'contact_profile', [
      profile(1, 'US_FDCPA', 'United States: FDCPA and Regulation F', US_FDCPA, ctx.now),
      profile(2, 'MX', 'Mexico', MEXICO, ctx.now),
    ]);
    await w.insert(trx, 'portfolio', [
      { id: PORTFOLIO_OF_CURRENCY.USD!, code: 'US', name: 'United States accounts', contact_profile_id: 1 },
      { id: PORTFOLIO_OF_CURRENCY.MXN!, code: 'MX', name: 'Mexico accounts', contact_profile_id: 2 },
    ]);
    await w.insert(
      trx,
      'treatment_strategy',
      STRATEGIES.map(([bucket, priority, maxDiscount, maxInstalments], i) => ({
        id: i + 1,
        bucket,
        priority,
        max_discount: maxDiscount,
        max_instalments: maxInstalments,
        updated_by_id: null,
        updated_at: ctx.now,
      })),
    );
  });
}
