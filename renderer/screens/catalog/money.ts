/**
 * Money as text ⇄ integer minor units, without floating point (so "0.29"
 * is 29 cents, never 28.999…). The number of decimals comes from the
 * currency (Intl knows JPY has 0, EUR 2, KWD 3).
 */

export function currencyFractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type MoneyParseError = 'empty' | 'not-a-number' | 'negative' | 'too-many-decimals' | 'too-large';

export type MoneyParseResult = { ok: true; cents: number } | { ok: false; error: MoneyParseError };

/**
 * Parse what a person types or a spreadsheet writes: "12", "12.5", "12,50",
 * "1,234.50", "1.234,50", "1 234,50", with an optional currency symbol.
 * A single "," or "." is always the decimal point, so an ambiguous "1,234"
 * in a two-decimal currency is refused (too many decimals) rather than
 * silently read as 1234.
 */
export function parseMoney(input: string, fractionDigits: number): MoneyParseResult {
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, '');
  // Drop a leading or trailing currency symbol / code ("€12", "12 EUR", "¥12").
  s = s.replace(/^[^\d.,-]+/, '').replace(/[^\d.,]+$/, '');
  if (s === '') return { ok: false, error: input.trim() === '' ? 'empty' : 'not-a-number' };
  if (s.startsWith('-')) return { ok: false, error: 'negative' };

  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart: string;
  let fracPart: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the last one is the decimal separator, the other groups thousands.
    const decimalAt = Math.max(lastDot, lastComma);
    const group = decimalAt === lastDot ? ',' : '.';
    intPart = s.slice(0, decimalAt);
    fracPart = s.slice(decimalAt + 1);
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})*$`).test(intPart)) return { ok: false, error: 'not-a-number' };
    intPart = intPart.split(group).join('');
  } else {
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (sep && s.indexOf(sep) !== s.lastIndexOf(sep)) {
      // "1,234,567" — only grouping, no decimals.
      if (!new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`).test(s)) return { ok: false, error: 'not-a-number' };
      intPart = s.split(sep).join('');
      fracPart = '';
    } else if (sep) {
      intPart = s.slice(0, s.indexOf(sep));
      fracPart = s.slice(s.indexOf(sep) + 1);
    } else {
      intPart = s;
      fracPart = '';
    }
  }
  if (intPart === '') intPart = '0';
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return { ok: false, error: 'not-a-number' };
  // Trailing zeros beyond the currency's decimals are harmless ("12.500" EUR).
  const trimmedFrac = fracPart.replace(/0+$/, '');
  if (trimmedFrac.length > fractionDigits) return { ok: false, error: 'too-many-decimals' };
  const digits = intPart.replace(/^0+(?=\d)/, '') + trimmedFrac.padEnd(fractionDigits, '0');
  if (digits.length > 15) return { ok: false, error: 'too-large' };
  return { ok: true, cents: Number(digits) };
}

/** Minor units → plain decimal text for inputs and CSV ("1234.50"; no grouping, "." separator). */
export function formatMoneyPlain(cents: number, fractionDigits: number): string {
  const negative = cents < 0;
  const abs = String(Math.abs(Math.trunc(cents)));
  if (fractionDigits === 0) return (negative ? '-' : '') + abs;
  const padded = abs.padStart(fractionDigits + 1, '0');
  const whole = padded.slice(0, padded.length - fractionDigits);
  const frac = padded.slice(padded.length - fractionDigits);
  return `${negative ? '-' : ''}${whole}.${frac}`;
}
