/**
 * Money is integer minor units inside the product and a decimal string with its currency outside it
 * (DOMAIN.md §2): a float never touches an amount.
 */
const digitsCache = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** 123456 minor units of USD -> "1234.56". */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${abs.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** "1234.5" USD -> 123450; throws on more decimals than the currency has, or on anything not a decimal. */
export function parseMinor(amount: string, currency: string): number {
  const digits = minorDigits(currency);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`"${amount}" is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > digits) throw new RangeError(`"${amount}" has more than ${digits} decimals for ${currency}`);
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${amount}" is too large`);
  return sign ? -minor : minor;
}
