import type { Kpi, MoneyInput } from '../gql/graphql';

export const AMOUNT_KPIS: ReadonlySet<Kpi> = new Set(['COLLECTED_AMOUNT', 'PROMISED_AMOUNT', 'COLLECTED_PER_HOUR']);
export const RATE_KPIS: ReadonlySet<Kpi> = new Set(['CONTACT_RATE', 'RPC_RATE', 'PTP_RATE', 'PROMISE_KEPT_RATE', 'OCCUPANCY']);

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * What setTarget takes for a figure typed by a manager: an amount in the floor currency, a rate
 * typed as a percentage (35 -> 0.35), or a plain count. Null when the text is not a number.
 */
export function targetArgs(kpi: Kpi, typed: string, currencyCode: string): { value?: number; amount?: MoneyInput } | null {
  const text = typed.trim();
  if (!DECIMAL.test(text)) return null;
  if (AMOUNT_KPIS.has(kpi)) {
    const [whole, fraction = ''] = text.split('.');
    if (fraction.length > 2) return null;
    return { amount: { amount: `${whole}.${fraction.padEnd(2, '0')}`, currencyCode } };
  }
  const n = Number(text);
  if (RATE_KPIS.has(kpi)) return n <= 100 ? { value: Math.round(n * 100) / 10_000 } : null;
  return { value: n };
}

/** setBucketGoal's value: rates typed as percentages become fractions, amounts stay decimals. */
export function bucketGoalValue(metric: 'CURE_RATE' | 'ROLL_RATE' | 'COLLECTED_AMOUNT', typed: string): string | null {
  const text = typed.trim();
  if (!DECIMAL.test(text)) return null;
  if (metric === 'COLLECTED_AMOUNT') return text;
  const n = Number(text);
  if (n > 100) return null;
  return String(Math.round(n * 100) / 10_000);
}
