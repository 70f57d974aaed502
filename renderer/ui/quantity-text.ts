import { LIMITS } from '../../shared/index.js';

/**
 * A quantity as a person types it: the field holds exactly the text typed (it may be empty
 * while typing); the number is read from it when the ticket is completed, and a text that is
 * no quantity stops the ticket with a message instead of turning into a value nobody typed.
 */
export type QtyReading = { ok: true; qty: number } | { ok: false; error: 'empty' | 'not-a-number' | 'zero' | 'too-big' };

export function readQty(text: string): QtyReading {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'empty' };
  if (!/^\d+$/.test(t)) return { ok: false, error: 'not-a-number' };
  if (t.length > 10 || Number(t) > LIMITS.quantity) return { ok: false, error: 'too-big' };
  const qty = Number(t);
  return qty === 0 ? { ok: false, error: 'zero' } : { ok: true, qty };
}

/** The quantity of a line, or null when its text is none. */
export function qtyOf(text: string): number | null {
  const r = readQty(text);
  return r.ok ? r.qty : null;
}

/** `text` changed by `by` (+/− keys); an unreadable text counts as 0, never below 1. */
export function bumpQtyText(text: string, by: number): string {
  const r = readQty(text);
  const base = r.ok ? r.qty : 0;
  return String(Math.min(LIMITS.quantity, Math.max(1, base + by)));
}
