/**
 * Display formatting by locale. Amounts stay decimal strings end to end and are never added up
 * here: Intl.NumberFormat formats a decimal string exactly, with no trip through a float.
 */

export interface MoneyValue {
  amount: string;
  currencyCode: string;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | null>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T | null {
  if (!cache.has(key)) {
    try {
      cache.set(key, make());
    } catch {
      // An unknown currency or locale: callers fall back to raw figures.
      cache.set(key, null);
    }
  }
  return cache.get(key) as T | null;
}

export function formatMoney(money: MoneyValue, locale?: string, options: { compact?: boolean } = {}): string {
  const format = cached(`money:${locale}:${money.currencyCode}:${options.compact ? 1 : 0}`, () =>
    new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: money.currencyCode,
      ...(options.compact ? { maximumFractionDigits: 0 } : {}),
    }),
  );
  if (!format) return `${money.amount} ${money.currencyCode}`;
  return format.format(money.amount as Intl.StringNumericLiteral);
}

export function formatCount(value: number, locale?: string): string {
  return cached(`count:${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }))!.format(value);
}

export function formatDecimal(value: number, locale?: string, digits = 1): string {
  return cached(`dec:${locale}:${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }))!.format(value);
}

/** A fraction (0.25) as a percentage ("25%", "25 %" in es-MX). */
export function formatPercent(value: number, locale?: string): string {
  return cached(`pct:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }))!.format(value);
}

/** A calendar date ("YYYY-MM-DD"), shown as that same day whatever the viewer's time zone. */
export function formatDay(isoDate: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  const format = cached(`day:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }))!;
  return format.format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
}

/** An instant (DateTimeISO), in the viewer's time zone. */
export function formatInstant(isoDateTime: string, locale?: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return cached(`instant:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }))!.format(date);
}

export function formatTime(isoDateTime: string, locale?: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return cached(`time:${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }))!.format(date);
}

/** Seconds as m:ss, or h:mm:ss from an hour: the way floor screens show time in state. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** PROMISE_TO_PAY -> "Promise to pay": the fallback when a value has no translation. */
export function humanize(enumValue: string): string {
  const text = enumValue.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Today's date (YYYY-MM-DD) on the viewer's clock; the floor screens run in the floor's zone. */
export function localDate(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
