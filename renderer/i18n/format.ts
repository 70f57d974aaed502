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

export function formatTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function formatDateTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatDate(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(ms);
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
