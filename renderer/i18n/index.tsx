import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { en, type MessageKey, type Messages } from './en.js';
import {
  ageParts,
  formatAsOf,
  formatDate,
  formatDateTime,
  formatDelta,
  formatMoney,
  formatNumber,
  formatTime,
} from './format.js';
import { zhCN } from './zh-CN.js';

export type { MessageKey, Messages } from './en.js';
export * from './format.js';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

const CATALOGS: Record<Locale, Messages> = { en, 'zh-CN': zhCN };
const LOCALE_KEY = 'stockroom.locale';

export type Vars = Record<string, string | number>;
export type TFunction = (key: MessageKey, vars?: Vars) => string;

/**
 * ICU MessageFormat through react-intl (FormatJS): `{name}` placeholders, plurals by CLDR rules
 * (`{count, plural, one {# line} other {# lines}}`, `#` formatted for the locale), `=N` exact
 * forms. One IntlShape per locale, sharing FormatJS's formatter cache. A message that cannot be
 * formatted (a variable missing) shows its text rather than throwing; the catalog test keeps
 * that from shipping.
 */
const intlCache = createIntlCache();
const intls = new Map<Locale, IntlShape>();

function intlFor(locale: Locale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl(
      {
        locale,
        messages: CATALOGS[locale],
        defaultLocale: 'en',
        onError: (err) => {
          if (err.code !== 'MISSING_TRANSLATION') console.warn(`i18n: ${err.message}`);
        },
      },
      intlCache,
    );
    intls.set(locale, intl);
  }
  return intl;
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  return intlFor(locale).formatMessage({ id: key, defaultMessage: en[key] }, vars);
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    /* no storage (tests): fall through */
  }
  const nav = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export interface Formatters {
  locale: Locale;
  currency: string;
  money(cents: number, currency?: string): string;
  number(n: number): string;
  delta(n: number): string;
  /** `timeZone` (IANA): as the store's clock shows it; absent: the device's. */
  time(ms: number, timeZone?: string): string;
  date(ms: number, timeZone?: string): string;
  dateTime(ms: number, timeZone?: string): string;
  asOf(ms: number): string;
  /** Localized duration, e.g. "12 min". */
  age(ms: number): string;
}

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: TFunction;
  format: Formatters;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Wrap the app; `currency` is the tenant's ISO code (from the session), used by format.money. */
export function I18nProvider({ currency = 'USD', children }: { currency?: string; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(LOCALE_KEY, l);
    } catch {
      /* ignore */
    }
    document.documentElement.lang = l;
  }, []);
  const value = useMemo<I18nValue>(() => {
    const t: TFunction = (key, vars) => translate(locale, key, vars);
    const format: Formatters = {
      locale,
      currency,
      money: (cents, cur) => formatMoney(cents, cur ?? currency, locale),
      number: (n) => formatNumber(n, locale),
      delta: (n) => formatDelta(n, locale),
      time: (ms, tz) => formatTime(ms, locale, tz),
      date: (ms, tz) => formatDate(ms, locale, tz),
      dateTime: (ms, tz) => formatDateTime(ms, locale, tz),
      asOf: (ms) => formatAsOf(ms, locale),
      age: (ms) => {
        const { n, unit } = ageParts(ms);
        return t(`age.${unit}`, { n });
      },
    };
    return { locale, setLocale, t, format };
  }, [locale, currency, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('I18nProvider missing');
  return v;
}

/** `const t = useT(); t('counter.total')`, `t('sync.pending', { count: 3 })`. */
export function useT(): TFunction {
  return useI18n().t;
}

export function useLocale(): [Locale, (l: Locale) => void] {
  const { locale, setLocale } = useI18n();
  return [locale, setLocale];
}

/** Intl formatting bound to the current locale and tenant currency. */
export function useFormat(): Formatters {
  return useI18n().format;
}
