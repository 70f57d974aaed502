/** Intl formatting helpers (pure, so they can be tested and used outside React). */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, f);
  }
  return f;
}

const minorFactors = new Map<string, number>();

/** Minor units per major unit for a currency (100 for EUR, 1 for JPY), from Intl itself. */
export function minorUnitFactor(currency: string): number {
  // Cached: building an Intl.NumberFormat costs tens of µs, and every price on screen asks.
  let factor = minorFactors.get(currency);
  if (factor === undefined) {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    factor = 10 ** digits;
    minorFactors.set(currency, factor);
  }
  return factor;
}

/** Integer minor units → localized money string in the tenant currency. */
export function formatMoney(cents: number, currency: string, locale: string): string {
  return moneyFormat(locale, currency).format(cents / minorUnitFactor(currency));
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const deltaFormats = new Map<string, Intl.NumberFormat>();

function cachedFormat(cache: Map<string, Intl.NumberFormat>, locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(locale, f);
  }
  return f;
}

/** Every quantity on screen goes through here: the formatter is built once per locale. */
export function formatNumber(n: number, locale: string): string {
  return cachedFormat(numberFormats, locale).format(n);
}

/** Signed number with an explicit + for positive deltas. */
export function formatDelta(n: number, locale: string): string {
  return cachedFormat(deltaFormats, locale, { signDisplay: 'exceptZero' }).format(n);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Date formatters are built once per locale, style and time zone (a journal shows hundreds of times). */
function dateFormat(locale: string, style: 'time' | 'date' | 'dateTime', timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${style}|${timeZone ?? ''}`;
  let f = dateFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'time' ? { hour: '2-digit', minute: '2-digit' } : style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale, options); // an unknown zone shows device time, never throws
    }
    dateFormats.set(key, f);
  }
  return f;
}

/** Clock time; `timeZone` (IANA) shows it as the store's clock, else the device's. */
export function formatTime(ms: number, locale: string, timeZone?: string): string {
  return dateFormat(locale, 'time', timeZone).format(ms);
}

export function formatDateTime(ms: number, locale: string, timeZone?: string): string {
  return dateFormat(locale, 'dateTime', timeZone).format(ms);
}

export function formatDate(ms: number, locale: string, timeZone?: string): string {
  return dateFormat(locale, 'date', timeZone).format(ms);
}

/** "as of" label: the time alone when today, else date + time. */
export function formatAsOf(ms: number, locale: string, now: number = Date.now()): string {
  const a = new Date(ms);
  const b = new Date(now);
  const sameDay =
    a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  return sameDay ? formatTime(ms, locale) : formatDateTime(ms, locale);
}

export type AgeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** Split a duration into the largest sensible unit (for "oldest 12 min"). */
export function ageParts(ms: number): { n: number; unit: AgeUnit } {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return { n: s, unit: 'seconds' };
  if (s < 3600) return { n: Math.floor(s / 60), unit: 'minutes' };
  if (s < 86_400) return { n: Math.floor(s / 3600), unit: 'hours' };
  return { n: Math.floor(s / 86_400), unit: 'days' };
}
