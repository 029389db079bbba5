import { useCallback, useSyncExternalStore, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { en, type MessageId } from './en';
import { esMX } from './es-MX';
import * as f from '../format';

export const LOCALES = ['en', 'es-MX'] as const;
export type Locale = (typeof LOCALES)[number];

const MESSAGES: Record<Locale, Record<MessageId, string>> = { en, 'es-MX': esMX };
const LOCALE_KEY = 'openfloor.locale';
const listeners = new Set<() => void>();

function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_KEY);
    if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  } catch {
    // Storage disabled: fall through to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('es') ? 'es-MX' : 'en';
}

let current: Locale = initialLocale();

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    window.localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // See initialLocale.
  }
  document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

export function useLocale(): Locale {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

export function LocaleProvider({ children, locale: forced }: { children: ReactNode; locale?: Locale }) {
  const chosen = useLocale();
  const locale = forced ?? chosen;
  document.documentElement.lang = locale;
  return (
    <IntlProvider locale={locale} messages={MESSAGES[locale]} defaultLocale="en">
      {children}
    </IntlProvider>
  );
}

export type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/** Messages and locale-bound formatters, the one way components turn data into text. */
export function useT() {
  const intl = useIntl();
  const locale = intl.locale;
  const t: Translate = useCallback((id, values) => intl.formatMessage({ id }, values), [intl]);
  /** An enum value through its message ("presence.ON_CALL"), or humanized when it has none. */
  const tEnum = useCallback(
    (prefix: string, value: string) => {
      const id = `${prefix}.${value}`;
      return id in en ? intl.formatMessage({ id }) : f.humanize(value);
    },
    [intl],
  );
  return {
    t,
    tEnum,
    locale,
    money: (m: f.MoneyValue, options?: { compact?: boolean }) => f.formatMoney(m, locale, options),
    count: (n: number) => f.formatCount(n, locale),
    decimal: (n: number, digits?: number) => f.formatDecimal(n, locale, digits),
    percent: (n: number) => f.formatPercent(n, locale),
    day: (d: string) => f.formatDay(d, locale),
    instant: (d: string) => f.formatInstant(d, locale),
    time: (d: string) => f.formatTime(d, locale),
  };
}

export function LocaleSwitcher() {
  const { t, locale } = useT();
  return (
    <label className="locale-switcher">
      <span className="visually-hidden">{t('shell.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="locale-switcher" aria-label={t('shell.language')}>
        <option value="en">English</option>
        <option value="es-MX">Español (MX)</option>
      </select>
    </label>
  );
}
