import { LIMITS, type MovementDoc, type StockDoc } from '../../shared/index.js';

/**
 * The ledger invariants of DESIGN §4, checked over everything a device pulled.
 * Returns human-readable violations (empty when the ledger is sound):
 * - every movement id appears once in the pulled movements;
 * - per store × product, `onHand == Σ delta of accepted movements`;
 * - replaying accepted movements in `ledgerSeq` order reproduces each `balanceAfter`;
 * - `appliedSeq` is the `ledgerSeq` of the last accepted movement (0 with none);
 * - a rejected movement really did not fit: `available + delta < 0` (insufficient-stock), or
 *   the level would have left ±LIMITS.quantity (out-of-range);
 * - no level is outside ±LIMITS.quantity;
 * - per ticket × store × product, accepted voids put back at most what its accepted sales took.
 */
export function ledgerViolations(movements: MovementDoc[], stock: StockDoc[]): string[] {
  const violations: string[] = [];
  const seen = new Set<string>();
  for (const m of movements) {
    if (seen.has(m.id)) violations.push(`movement ${m.id} pulled twice`);
    seen.add(m.id);
  }
  const byKey = new Map<string, MovementDoc[]>();
  for (const m of movements) {
    if (m.status === 'pending') violations.push(`movement ${m.id} still pending on the server`);
    if (m.status === 'rejected') {
      const r = m.rejection;
      if (!r) violations.push(`rejected movement ${m.id} has no rejection`);
      else if (r.code === 'insufficient-stock' && r.available + m.delta >= 0) violations.push(`movement ${m.id} rejected although ${r.available} + ${m.delta} >= 0`);
      else if (r.code === 'out-of-range' && Math.abs(r.available + m.delta) <= LIMITS.quantity) violations.push(`movement ${m.id} out-of-range although ${r.available} + ${m.delta} fits`);
      continue;
    }
    const key = `${m.storeId}:${m.productId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  const tickets = new Map<string, { sold: number; voided: number }>();
  for (const m of movements) {
    if (m.status !== 'accepted' || m.ticketId === null || (m.kind !== 'sale' && m.kind !== 'void')) continue;
    const key = `${m.ticketId}|${m.storeId}:${m.productId}`;
    const t = tickets.get(key) ?? { sold: 0, voided: 0 };
    if (m.kind === 'sale') t.sold -= m.delta;
    else t.voided += m.delta;
    tickets.set(key, t);
  }
  for (const [key, t] of tickets) if (t.voided > t.sold) violations.push(`ticket line ${key}: ${t.voided} voided of ${t.sold} sold`);
  const stockByKey = new Map(stock.map((s) => [`${s.storeId}:${s.productId}`, s]));
  for (const s of stock) if (Math.abs(s.onHand) > LIMITS.quantity) violations.push(`${s.id}: onHand ${s.onHand} outside ±${LIMITS.quantity}`);
  for (const key of byKey.keys()) {
    if (!stockByKey.has(key)) violations.push(`accepted movements for ${key} but no stock row`);
  }
  for (const [key, s] of stockByKey) {
    const accepted = [...(byKey.get(key) ?? [])].sort((a, b) => (a.ledgerSeq ?? 0) - (b.ledgerSeq ?? 0));
    let running = 0;
    for (const m of accepted) {
      running += m.delta;
      if (m.balanceAfter !== running) {
        violations.push(`${key}: movement ${m.id} balanceAfter ${m.balanceAfter}, replay gives ${running}`);
        break;
      }
    }
    if (s.onHand !== running) violations.push(`${key}: onHand ${s.onHand} but Σ accepted deltas = ${running}`);
    const lastSeq = accepted.at(-1)?.ledgerSeq ?? 0;
    if (s.appliedSeq !== lastSeq) violations.push(`${key}: appliedSeq ${s.appliedSeq} but last accepted ledgerSeq ${lastSeq}`);
  }
  return violations;
}
