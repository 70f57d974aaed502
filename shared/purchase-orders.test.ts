import { describe, expect, it } from 'vitest';
import type { PurchaseOrderDoc } from './schemas/index.js';
import { applyPurchaseOrderReceipt, checkPurchaseOrderMovement, onOrder, withDerivedState, type PurchaseOrderMovement } from './purchase-orders.js';

function order(lines: Array<[string, number]>, over: Partial<PurchaseOrderDoc> = {}): PurchaseOrderDoc {
  return {
    id: 'PO1', supplierId: 'sup', storeId: 'A', note: null, state: 'ordered', createdAt: 1, orderedAt: 1, expectedAt: null,
    closedAt: null, updatedAt: 1, seq: 1, _deleted: false,
    lines: lines.map(([productId, qty]) => ({ productId, qty, unitCostCents: 100, received: 0, closedShortReason: null })),
    ...over,
  };
}
const receipt = (productId: string, qty: number, over: Partial<PurchaseOrderMovement> = {}): PurchaseOrderMovement =>
  ({ kind: 'receipt', storeId: 'A', productId, delta: qty, purchaseOrderId: 'PO1', ...over });

describe('receipts against a purchase order (DESIGN §2, §4)', () => {
  it('received in two parts: ordered → partial → received, closedAt on the last', () => {
    let po = order([['p1', 10], ['p2', 5]]);
    expect(checkPurchaseOrderMovement(po, receipt('p1', 6))).toBeNull();
    po = applyPurchaseOrderReceipt(po, receipt('p1', 6), 10);
    expect(po).toMatchObject({ state: 'partial', closedAt: null });
    expect(onOrder(po, po.lines[0]!)).toBe(4);
    po = applyPurchaseOrderReceipt(applyPurchaseOrderReceipt(po, receipt('p1', 4), 11), receipt('p2', 5), 12);
    expect(po).toMatchObject({ state: 'received', closedAt: 12 });
    expect(po.lines.map((l) => onOrder(po, l))).toEqual([0, 0]);
  });

  it('a line closed short finishes the order and is no longer on order', () => {
    let po = applyPurchaseOrderReceipt(order([['p1', 10], ['p2', 5]]), receipt('p2', 5), 10);
    expect(po.state).toBe('partial');
    po = withDerivedState({ ...po, lines: po.lines.map((l) => (l.productId === 'p1' ? { ...l, closedShortReason: 'supplier out of stock' } : l)) }, 20);
    expect(po).toMatchObject({ state: 'received', closedAt: 20 });
    expect(onOrder(po, po.lines[0]!)).toBe(0);
    expect(checkPurchaseOrderMovement(po, receipt('p1', 1))?.message).toBe('This purchase order was received in full');
  });

  it('refuses what does not fit the order, naming why', () => {
    const po = order([['p1', 3]]);
    const why = (o: PurchaseOrderDoc | null, m: PurchaseOrderMovement) => checkPurchaseOrderMovement(o, m)?.message;
    expect(why(null, receipt('p1', 1))).toBe('No such purchase order');
    expect(why(po, receipt('p1', 4))).toBe('Only 3 more of this line are on order');
    expect(why(po, receipt('p9', 1))).toBe('This product is not on the purchase order');
    expect(why(po, receipt('p1', 1, { storeId: 'B' }))).toBe('This purchase order is for another store');
    expect(why(po, receipt('p1', -1, { kind: 'adjustment' }))).toBe('Only receipts are booked against a purchase order');
    expect(why({ ...po, state: 'draft' }, receipt('p1', 1))).toBe('This purchase order has not been ordered yet');
    expect(why({ ...po, state: 'cancelled' }, receipt('p1', 1))).toBe('This purchase order was cancelled');
    expect(checkPurchaseOrderMovement(po, receipt('p1', 4))).toMatchObject({ code: 'invalid-purchase-order', requested: 4, available: 3 });
    expect(onOrder({ state: 'draft' }, po.lines[0]!)).toBe(0);
  });
});
