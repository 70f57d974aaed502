/**
 * The reconciliation after a blind count (pure): per line of the transfer, what is on the road,
 * what was counted and the difference; each shortfall is split by the person between damaged,
 * missing (both written off) and still to come (stays in transit for a later receipt); an extra
 * is noted, never booked. `toReceipt` turns the decided rows into the receipt command's input.
 */
import { inTransit, type TransferDoc } from '../../../shared/index.js';
import type { TicketLineInput, TransferReceiptInput, TransferWriteOff } from '../../data/api.js';

export interface Shortfall {
  damaged: number;
  missing: number;
  later: number;
}

export interface ReconcileRow {
  productId: string;
  /** In transit before this receipt; 0 for a product not on the transfer. */
  transit: number;
  counted: number;
  /** counted − transit: negative is short, positive is extra. */
  diff: number;
  onTransfer: boolean;
}

export function reconcileRows(t: TransferDoc, counted: ReadonlyMap<string, number>): ReconcileRow[] {
  const rows: ReconcileRow[] = t.lines
    .filter((l) => inTransit(l) > 0 || (counted.get(l.productId) ?? 0) > 0)
    .map((l) => {
      const c = counted.get(l.productId) ?? 0;
      return { productId: l.productId, transit: inTransit(l), counted: c, diff: c - inTransit(l), onTransfer: true };
    });
  for (const [productId, c] of counted) {
    if (c > 0 && !t.lines.some((l) => l.productId === productId)) rows.push({ productId, transit: 0, counted: c, diff: c, onTransfer: false });
  }
  return rows;
}

/** Whether a shortfall is fully explained (damaged + missing + still to come = what is short). */
export function shortfallComplete(row: ReconcileRow, s: Shortfall | undefined): boolean {
  if (row.diff >= 0) return true;
  if (!s) return false;
  const parts = [s.damaged, s.missing, s.later];
  return parts.every((n) => Number.isInteger(n) && n >= 0) && s.damaged + s.missing + s.later === -row.diff;
}

export function toReceipt(rows: readonly ReconcileRow[], shortfalls: ReadonlyMap<string, Shortfall>, extraNote: string | null): TransferReceiptInput {
  const counted: TicketLineInput[] = rows.filter((r) => r.counted > 0).map((r) => ({ productId: r.productId, qty: r.counted }));
  const writeOffs: TransferWriteOff[] = [];
  for (const r of rows) {
    const s = shortfalls.get(r.productId);
    if (r.diff >= 0 || !s) continue;
    if (s.damaged > 0) writeOffs.push({ productId: r.productId, qty: s.damaged, reason: 'damaged' });
    if (s.missing > 0) writeOffs.push({ productId: r.productId, qty: s.missing, reason: 'missing' });
  }
  return { counted, writeOffs, extraNote };
}

export const extras = (rows: readonly ReconcileRow[]): TicketLineInput[] => rows.filter((r) => r.diff > 0).map((r) => ({ productId: r.productId, qty: r.diff }));
