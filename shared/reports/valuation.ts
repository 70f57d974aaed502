import type { MovementKind, MovementStatus } from '../schemas/index.js';

/**
 * DESIGN §5a: stock valuation at cost as of any date, from the ledger alone.
 * - Cost is a moving average per product over the whole shop: each accepted receipt with a
 *   cost (`unitCostCents`, else the product's `costCents`) blends into the average in
 *   proportion to the units on hand across all stores just before it; when none are on hand the
 *   receipt's cost becomes the average. Sales, counts, adjustments, voids and transfers move
 *   units at the average and do not change it; transfers do not change the shop's units at all
 *   (in transit still counts in the weight of a receipt made meanwhile).
 * - A product never received is valued at its `costCents`.
 * - The level as of a date is Σ delta of the accepted movements the server applied by then
 *   (`serverTime ≤ asOf`), in ledger order (`ledgerSeq`): exactly `onHand` for "now".
 * - Ageing (first in, first out): the units on hand at a store are taken to be the most recent
 *   arrivals there (receipts, transfers in, positive counts and adjustments, voids), so each unit
 *   is as old as the arrival it came with; negative or zero levels have no age.
 * Callers pass movements sorted by ledgerSeq; the result is the same on the device and the server.
 */
export interface ValuationMovement {
  storeId: string;
  productId: string;
  kind: MovementKind;
  delta: number;
  unitCostCents: number | null;
  status: MovementStatus;
  ledgerSeq: number | null;
  serverTime: number | null;
}

export interface ValuationRow {
  storeId: string;
  productId: string;
  qty: number;
  /** The moving average cost per unit as of the date (cents, not rounded). */
  unitCostCents: number;
  /** qty × unit cost, rounded to the cent; 0 for a level ≤ 0. */
  valueCents: number;
  /** Units per age bucket (`AGEING_BUCKETS` days: ≤30, 31–60, 61–90, >90). */
  ageing: [number, number, number, number];
}

export const AGEING_BUCKETS = [30, 60, 90] as const;
const DAY_MS = 86_400_000;

interface Arrival {
  at: number;
  qty: number;
}

export function valuationAsOf(
  movements: Iterable<ValuationMovement>,
  asOf: number,
  productCost: (productId: string) => number,
): ValuationRow[] {
  const levels = new Map<string, { storeId: string; productId: string; qty: number; arrivals: Arrival[] }>();
  const totals = new Map<string, number>();
  const average = new Map<string, number>();
  for (const m of movements) {
    if (m.status !== 'accepted' || m.serverTime === null || m.serverTime > asOf) continue;
    const key = `${m.storeId}:${m.productId}`;
    let level = levels.get(key);
    if (!level) {
      level = { storeId: m.storeId, productId: m.productId, qty: 0, arrivals: [] };
      levels.set(key, level);
    }
    const total = totals.get(m.productId) ?? 0;
    if (m.kind === 'receipt') {
      const cost = m.unitCostCents ?? productCost(m.productId);
      const before = average.get(m.productId);
      average.set(m.productId, total > 0 && before !== undefined ? (total * before + m.delta * cost) / (total + m.delta) : cost);
    }
    // Units on the road are still the shop's: a transfer moves them between stores, not out.
    if (m.kind !== 'transfer_out' && m.kind !== 'transfer_in') totals.set(m.productId, total + m.delta);
    level.qty += m.delta;
    if (m.delta > 0) level.arrivals.push({ at: m.serverTime, qty: m.delta });
  }
  const rows: ValuationRow[] = [];
  for (const level of levels.values()) {
    const unitCostCents = average.get(level.productId) ?? productCost(level.productId);
    rows.push({
      storeId: level.storeId,
      productId: level.productId,
      qty: level.qty,
      unitCostCents,
      valueCents: level.qty > 0 ? Math.round(level.qty * unitCostCents) : 0,
      ageing: ageing(level.arrivals, level.qty, asOf),
    });
  }
  return rows.sort((a, b) => (a.storeId === b.storeId ? a.productId.localeCompare(b.productId) : a.storeId.localeCompare(b.storeId)));
}

/** The units on hand spread over the age buckets, newest arrivals first. */
function ageing(arrivals: readonly Arrival[], qty: number, asOf: number): [number, number, number, number] {
  const out: [number, number, number, number] = [0, 0, 0, 0];
  let left = qty;
  for (let i = arrivals.length - 1; i >= 0 && left > 0; i--) {
    const a = arrivals[i]!;
    const n = Math.min(a.qty, left);
    const days = (asOf - a.at) / DAY_MS;
    const bucket = days <= AGEING_BUCKETS[0] ? 0 : days <= AGEING_BUCKETS[1] ? 1 : days <= AGEING_BUCKETS[2] ? 2 : 3;
    out[bucket] += n;
    left -= n;
  }
  // Units with no arrival on record (e.g. a level older than the history read): the oldest bucket.
  if (left > 0) out[3] += left;
  return out;
}
