/**
 * The ticket journal (DESIGN §5): every ticket of a store built from its movements — its sale
 * lines with the price charged, what was voided or returned of each, the verdicts, who rang
 * it up. Pure: the client feeds it the movements it holds (the pull window).
 */
import type { MovementDoc, MovementStatus, Rejection } from '../../../shared/index.js';

export interface JournalLine {
  /** The sale movement of this line. */
  saleMovementId: string;
  productId: string;
  qty: number;
  unitPriceCents: number | null;
  status: MovementStatus;
  rejection: Rejection | null;
  /** Units taken back by voids not refused (accepted or still pending). */
  voided: number;
  /** What can still be voided or returned: 0 for a refused line. */
  voidable: number;
}

export interface JournalTicket {
  ticketId: string;
  storeId: string;
  clientTime: number;
  actor: string | null;
  deviceId: string;
  lines: JournalLine[];
  /** Σ qty × unit price of lines the server did not refuse. */
  totalCents: number;
  /** Σ voided × unit price. */
  voidedCents: number;
  voids: MovementDoc[];
}

/** Tickets of sales, newest first. Voids count against the line of their ticket and product. */
export function buildJournal(movements: readonly MovementDoc[]): JournalTicket[] {
  const tickets = new Map<string, JournalTicket>();
  const voids: MovementDoc[] = [];
  for (const m of movements) {
    if (m._deleted || m.ticketId === null) continue;
    if (m.kind === 'void') {
      voids.push(m);
      continue;
    }
    if (m.kind !== 'sale') continue;
    let t = tickets.get(m.ticketId);
    if (!t) {
      t = { ticketId: m.ticketId, storeId: m.storeId, clientTime: m.clientTime, actor: m.actor, deviceId: m.deviceId, lines: [], totalCents: 0, voidedCents: 0, voids: [] };
      tickets.set(m.ticketId, t);
    }
    t.clientTime = Math.min(t.clientTime, m.clientTime);
    t.lines.push({
      saleMovementId: m.id, productId: m.productId, qty: -m.delta, unitPriceCents: m.unitPriceCents,
      status: m.status, rejection: m.rejection, voided: 0, voidable: 0,
    });
  }
  for (const v of voids) {
    const t = tickets.get(v.ticketId!);
    if (!t) continue;
    t.voids.push(v);
    if (v.status === 'rejected') continue;
    let left = v.delta;
    for (const line of t.lines) {
      if (line.productId !== v.productId || line.status === 'rejected' || left <= 0) continue;
      const take = Math.min(left, line.qty - line.voided);
      line.voided += take;
      left -= take;
    }
  }
  for (const t of tickets.values()) {
    for (const line of t.lines) {
      line.voidable = line.status === 'rejected' ? 0 : Math.max(0, line.qty - line.voided);
      if (line.status === 'rejected') continue;
      t.totalCents += line.qty * (line.unitPriceCents ?? 0);
      t.voidedCents += line.voided * (line.unitPriceCents ?? 0);
    }
    t.lines.sort((a, b) => (a.saleMovementId < b.saleMovementId ? -1 : 1));
  }
  return [...tickets.values()].sort((a, b) => b.clientTime - a.clientTime);
}
