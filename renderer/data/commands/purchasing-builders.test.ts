import { describe, expect, it } from 'vitest';
import type { MovementDoc, PurchaseOrderDoc, SupplierDoc } from '../../../shared/index.js';
import { PurchaseOrderIndex } from '../projection/purchase-order-index.js';
import { CommandError } from './commands.js';
import { cancelledOrderDocument, closedShortDocument, orderedDocument, purchaseOrderDraftDocument, purchaseReceiptMovements, supplierDocument } from './purchasing-builders.js';

const ctx = { deviceId: 'dev-1', actor: 'Ana', now: () => 1_000 };
const codes = (f: () => unknown): string[] => {
  try {
    f();
  } catch (err) {
    if (err instanceof CommandError) return err.problems.map((p) => p.code);
    throw err;
  }
  return [];
};
const supplier = (): SupplierDoc => supplierDocument({ name: 'Tea Co', contact: ' ', email: null, phone: null, currency: 'eur', leadTimeDays: 2, minOrderCents: 0, notes: null, active: true }, undefined, 10);
const draft = (): PurchaseOrderDoc =>
  purchaseOrderDraftDocument({ supplierId: 's1', storeId: 'st1', note: '  ', lines: [{ productId: 'p', qty: 4, unitCostCents: 250 }, { productId: 'p', qty: 2, unitCostCents: 999 }, { productId: 'q', qty: 3, unitCostCents: 90 }] }, undefined, 100);

describe('purchasing builders', () => {
  it('a supplier: trimmed, blank fields null, the currency upper case; a bad one refused', () => {
    expect(supplier()).toMatchObject({ name: 'Tea Co', contact: null, currency: 'EUR', seq: 0 });
    expect(codes(() => supplierDocument({ ...supplier(), currency: 'euro' }, undefined, 1))).toEqual(['invalid']);
  });

  it('a draft merges a product named twice (the first cost stays), needs lines, and nothing after draft changes it', () => {
    const d = draft();
    expect(d.lines).toEqual([
      { productId: 'p', qty: 6, unitCostCents: 250, received: 0, closedShortReason: null },
      { productId: 'q', qty: 3, unitCostCents: 90, received: 0, closedShortReason: null },
    ]);
    expect(d.note).toBeNull();
    expect(codes(() => purchaseOrderDraftDocument({ supplierId: 's1', storeId: 'st1', note: null, lines: [] }, undefined, 1))).toEqual(['no-lines']);
    const o = orderedDocument(d, supplier(), 5_000);
    expect(o).toMatchObject({ state: 'ordered', orderedAt: 5_000, expectedAt: 5_000 + 2 * 86_400_000 });
    expect(codes(() => purchaseOrderDraftDocument({ supplierId: 's1', storeId: 'st1', note: null, lines: [{ productId: 'p', qty: 1, unitCostCents: 1 }] }, o, 6_000))).toEqual(['po-not-draft']);
    expect(codes(() => orderedDocument(o, supplier(), 6_000))).toEqual(['po-not-draft']);
  });

  it('receipts: refused as the shared rules would, else one per product with the PO and the line cost', () => {
    const d = draft();
    expect(codes(() => purchaseReceiptMovements(d, [{ productId: 'p', qty: 1 }], ctx))).toEqual(['po-not-out']);
    const o = orderedDocument(d, supplier(), 500);
    expect(codes(() => purchaseReceiptMovements(o, [{ productId: 'x', qty: 1 }, { productId: 'p', qty: 7 }, { productId: 'q', qty: 0.5 }], ctx))).toEqual(['po-not-on-it', 'po-too-much', 'qty-invalid']);
    const ms = purchaseReceiptMovements(o, [{ productId: 'p', qty: 2 }, { productId: 'p', qty: 2 }, { productId: 'q', qty: 3 }], ctx);
    expect(ms.map((m) => [m.productId, m.kind, m.delta, m.purchaseOrderId, m.unitCostCents, m.storeId])).toEqual([['p', 'receipt', 4, o.id, 250, 'st1'], ['q', 'receipt', 3, o.id, 90, 'st1']]);
    expect(new Set(ms.map((m) => m.ticketId)).size).toBe(1);
    const shut = closedShortDocument(o, 'q', 'gone', 900);
    expect(codes(() => purchaseReceiptMovements(shut, [{ productId: 'q', qty: 1 }], ctx))).toEqual(['po-line-closed']);
    expect(codes(() => closedShortDocument(o, 'q', ' ', 900))).toEqual(['reason-missing']);
  });

  it('cancel: a draft or an order nothing arrived of; closing every open line short finishes the order', () => {
    const o = orderedDocument(draft(), supplier(), 500);
    expect(cancelledOrderDocument(o, o, 600)).toMatchObject({ state: 'cancelled', closedAt: 600 });
    expect(codes(() => cancelledOrderDocument(o, { ...o, state: 'partial' }, 600))).toEqual(['po-cannot-cancel']);
    const done = closedShortDocument(closedShortDocument(o, 'p', 'late', 700), 'q', 'late', 800);
    expect(done).toMatchObject({ state: 'received', closedAt: 800 });
  });

  it('the index projects the receipts its document does not include yet, never rejected ones, and sums what is on order', () => {
    const o = orderedDocument(draft(), supplier(), 500);
    const index = new PurchaseOrderIndex();
    index.setDocs([o]);
    expect(index.onOrder('st1', 'p')).toBe(6);
    const [m] = purchaseReceiptMovements(o, [{ productId: 'p', qty: 4 }], ctx) as [MovementDoc];
    index.applyMovements([m, { ...m, id: 'rejected', status: 'rejected' }]);
    expect(index.get(o.id)).toMatchObject({ state: 'partial' });
    expect(index.onOrder('st1', 'p')).toBe(2);
    // Accepted after the document this device holds: still counted; once the document includes it, not twice.
    index.applyMovements([{ ...m, status: 'accepted', ledgerSeq: 7 }]);
    expect(index.get(o.id)?.lines[0]?.received).toBe(4);
    index.setDocs([{ ...o, seq: 8, lines: o.lines.map((l) => (l.productId === 'p' ? { ...l, received: 4 } : l)) }]);
    expect(index.get(o.id)?.lines[0]?.received).toBe(4);
    expect(index.movementsOf(o.id)).toHaveLength(2);
  });
});
