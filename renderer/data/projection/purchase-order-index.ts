import type { PurchaseOrderView } from '../api.js';
import {
  applyPurchaseOrderReceipt,
  checkPurchaseOrderMovement,
  isUnappliedMovement,
  onOrder,
  type MovementDoc,
  type PurchaseOrderDoc,
  type SupplierDoc,
} from '../../../shared/index.js';

/**
 * The purchase orders this device sees, projected (DESIGN §5 applied to orders,
 * shared/purchase-orders.ts): each server document plus the receipts of it the document does not
 * include yet (pending ones, and accepted ones with a ledgerSeq after the document's seq: the
 * server writes the order in the same transaction as the receipt, with a later seq), as
 * projectTransfer does, so a receipt recorded offline moves the line's `received` and the order's
 * state at once. Pending receipts the rules would refuse are left out; rejected ones count nowhere.
 * Fed by the `records` rows of `purchaseOrders` (and `suppliers`, listed by name) and by movement
 * change events naming an order.
 */
export class PurchaseOrderIndex implements PurchaseOrderView {
  private readonly docs = new Map<string, PurchaseOrderDoc>();
  private supplierList: SupplierDoc[] = [];
  /** purchaseOrderId → movementId → movement. */
  private readonly movements = new Map<string, Map<string, MovementDoc>>();
  private projected: Map<string, PurchaseOrderDoc> | null = null;
  private expected: Map<string, number> | null = null;
  private ver = 0;
  private readonly listeners = new Set<() => void>();

  setDocs(docs: Iterable<PurchaseOrderDoc>): void {
    this.docs.clear();
    for (const d of docs) this.docs.set(d.id, d);
    this.changed();
  }

  /** The suppliers as the records index holds them. */
  setSuppliers(docs: Iterable<SupplierDoc>): void {
    this.supplierList = [...docs].filter((d) => !d._deleted).sort((a, b) => a.name.localeCompare(b.name));
    this.changed();
  }

  suppliers(): SupplierDoc[] {
    return this.supplierList;
  }

  supplier(id: string): SupplierDoc | undefined {
    return this.supplierList.find((s) => s.id === id);
  }

  applyMovements(docs: Iterable<MovementDoc & { _deleted?: boolean }>): void {
    let touched = false;
    for (const m of docs) {
      if (m.purchaseOrderId === null || m.purchaseOrderId === undefined) continue;
      let map = this.movements.get(m.purchaseOrderId);
      if (!map) {
        map = new Map();
        this.movements.set(m.purchaseOrderId, map);
      }
      if (m._deleted) map.delete(m.id);
      else map.set(m.id, m);
      touched = true;
    }
    if (touched) this.changed();
  }

  all(): PurchaseOrderDoc[] {
    return [...this.projection().values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  get(id: string): PurchaseOrderDoc | undefined {
    return this.projection().get(id);
  }

  movementsOf(purchaseOrderId: string): MovementDoc[] {
    return [...(this.movements.get(purchaseOrderId)?.values() ?? [])].sort((a, b) => a.clientTime - b.clientTime);
  }

  onOrder(storeId: string, productId: string): number {
    if (!this.expected) {
      const out = new Map<string, number>();
      for (const o of this.projection().values()) {
        for (const l of o.lines) {
          const n = onOrder(o, l);
          if (n > 0) out.set(`${o.storeId}:${l.productId}`, (out.get(`${o.storeId}:${l.productId}`) ?? 0) + n);
        }
      }
      this.expected = out;
    }
    return this.expected.get(`${storeId}:${productId}`) ?? 0;
  }

  version(): number {
    return this.ver;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private projection(): Map<string, PurchaseOrderDoc> {
    if (!this.projected) {
      const out = new Map<string, PurchaseOrderDoc>();
      for (const doc of this.docs.values()) {
        if (doc._deleted) continue;
        let o = doc;
        for (const m of this.movementsOf(doc.id)) {
          if (!isUnappliedMovement(m, doc.seq)) continue;
          if (m.status === 'pending' && checkPurchaseOrderMovement(o, m) !== null) continue;
          o = applyPurchaseOrderReceipt(o, m, m.clientTime);
        }
        out.set(doc.id, o);
      }
      this.projected = out;
    }
    return this.projected;
  }

  private changed(): void {
    this.projected = null;
    this.expected = null;
    this.ver++;
    for (const l of this.listeners) l();
  }
}
