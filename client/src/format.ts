/** Display formatting only: amounts stay decimal strings end to end and are never added up here. */

export interface MoneyValue {
  amount: string;
  currencyCode: string;
}

const moneyFormats = new Map<string, Intl.NumberFormat | null>();

function moneyFormat(currencyCode: string): Intl.NumberFormat | null {
  let format = moneyFormats.get(currencyCode);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency: currencyCode });
    } catch {
      // An unknown currency code: show the raw figures rather than fail the row.
      format = null;
    }
    moneyFormats.set(currencyCode, format);
  }
  return format;
}

export function formatMoney(money: MoneyValue): string {
  const format = moneyFormat(money.currencyCode);
  if (!format) return `${money.amount} ${money.currencyCode}`;
  // A decimal string is formatted exactly (Intl.NumberFormat v3), with no trip through a float.
  return format.format(money.amount as Intl.StringNumericLiteral);
}

const integerFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integerFormat.format(value);
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date ("YYYY-MM-DD"), shown as that same day whatever the viewer's time zone. */
export function formatDay(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  return dayFormat.format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
}

const instantFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An instant (DateTimeISO), in the viewer's time zone. */
export function formatInstant(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  return Number.isNaN(date.getTime()) ? isoDateTime : instantFormat.format(date);
}

/** PROMISE_TO_PAY -> "Promise to pay". */
export function humanize(enumValue: string): string {
  const text = enumValue.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
