import { describe, expect, it } from 'vitest';
import type { MovementKind } from '../schemas/index.js';
import { valuationAsOf, type ValuationMovement } from './valuation.js';

const DAY = 86_400_000;
let seq = 0;
const mv = (day: number, storeId: string, productId: string, kind: MovementKind, delta: number, unitCostCents: number | null = null): ValuationMovement =>
  ({ storeId, productId, kind, delta, unitCostCents, status: 'accepted', ledgerSeq: ++seq, serverTime: day * DAY });
const cost = (productId: string) => (productId === 'q' ? 80 : 100);

// The hand-worked ledger: 10 received at A for 2.00; 4 sold; 3 sent to B; 6 received at B for
// 3.00 while the shop held 6 → average (6 × 200 + 6 × 300) / 12 = 250; a count at A finds one fewer.
const ledger = [
  mv(0, 'A', 'p', 'receipt', 10, 200),
  mv(10, 'A', 'p', 'sale', -4),
  mv(20, 'A', 'p', 'transfer_out', -3),
  mv(22, 'B', 'p', 'transfer_in', 3),
  mv(30, 'B', 'p', 'receipt', 6, 300),
  mv(40, 'A', 'p', 'count', -1),
];

describe('valuation at cost as of a date (moving average, FIFO ageing)', () => {
  it('values each store at the shop-wide moving average', () => {
    const rows = valuationAsOf(ledger, 45 * DAY, cost);
    expect(rows.map((r) => [r.storeId, r.qty, r.unitCostCents, r.valueCents])).toEqual([
      ['A', 2, 250, 500],
      ['B', 9, 250, 2250],
    ]);
  });

  it('as of an earlier date: the later receipt is not there yet', () => {
    expect(valuationAsOf(ledger, 25 * DAY, cost).map((r) => [r.storeId, r.qty, r.valueCents])).toEqual([['A', 3, 600], ['B', 3, 600]]);
    // While the 3 units are on the road (day 21), A holds 3 and B nothing: the in-transit 3 are not on a shelf.
    expect(valuationAsOf(ledger, 21 * DAY, cost).map((r) => [r.storeId, r.qty])).toEqual([['A', 3]]);
  });

  it('units in transit still weigh in a receipt made meanwhile', () => {
    const rows = valuationAsOf([mv(0, 'A', 'p', 'receipt', 4, 100), mv(1, 'A', 'p', 'transfer_out', -4), mv(2, 'A', 'p', 'receipt', 4, 300)], 3 * DAY, cost);
    expect(rows[0]!.unitCostCents).toBe(200); // (4 × 100 + 4 × 300) / 8, not 300
  });

  it('ages the units on hand by their most recent arrivals', () => {
    const [a, b] = valuationAsOf(ledger, 45 * DAY, cost);
    // A's 2 units came with the receipt of day 0: 45 days old.
    expect(a!.ageing).toEqual([0, 2, 0, 0]);
    // B's 9: 6 from day 30 and 3 from day 22, all within 30 days.
    expect(b!.ageing).toEqual([9, 0, 0, 0]);
    // As of day 85 the 6 are 55 days old, the 3 are 63.
    expect(valuationAsOf(ledger, 85 * DAY, cost)[1]!.ageing).toEqual([0, 6, 3, 0]);
  });

  it('uses the product cost where no receipt says one, ignores what was not accepted or applied, values nothing below zero', () => {
    const rows = valuationAsOf([
      mv(1, 'A', 'q', 'count', 5),
      mv(2, 'A', 'p', 'receipt', 2),
      { ...mv(3, 'A', 'p', 'receipt', 50, 1), status: 'rejected' },
      { ...mv(3, 'A', 'p', 'receipt', 50, 1), status: 'pending', serverTime: null },
      mv(4, 'B', 'p', 'sale', -1),
    ], 10 * DAY, cost);
    expect(rows.map((r) => [r.storeId, r.productId, r.qty, r.unitCostCents, r.valueCents])).toEqual([
      ['A', 'p', 2, 100, 200],
      ['A', 'q', 5, 80, 400],
      ['B', 'p', -1, 100, 0],
    ]);
    expect(rows[2]!.ageing).toEqual([0, 0, 0, 0]);
  });
});
