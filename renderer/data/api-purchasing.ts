import type { MovementDoc, PurchaseOrderDoc, SupplierDoc } from '../../shared/index.js';

/**
 * The data API of suppliers and purchase orders (DESIGN §2 `suppliers`, `purchaseOrders`, §4),
 * part of StockroomClient (api.ts re-exports it): the projected orders and the commands.
 */

/** A supplier as the owner or a manager edits it; `id` absent → a new one. */
export interface SupplierInput {
  id?: string;
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  /** ISO 4217 (what the supplier invoices in). */
  currency: string;
  leadTimeDays: number;
  minOrderCents: number;
  notes: string | null;
  active: boolean;
}

export interface PurchaseOrderLineInput {
  productId: string;
  qty: number;
  unitCostCents: number;
}

/** A purchase order draft (DESIGN §2 `purchaseOrders`); `id` absent → a new one. */
export interface PurchaseOrderDraftInput {
  id?: string;
  supplierId: string;
  storeId: string;
  note: string | null;
  lines: PurchaseOrderLineInput[];
}

/** A product and the units that arrived of it. */
export interface PurchaseReceiptLine {
  productId: string;
  qty: number;
}

/**
 * The purchase orders this device sees, each the server's document plus the receipts of it the
 * document does not include yet (projection/purchase-order-index.ts), so a receipt recorded offline shows
 * at once on the order.
 */
export interface PurchaseOrderView {
  /** Newest first. */
  all(): PurchaseOrderDoc[];
  get(id: string): PurchaseOrderDoc | undefined;
  /** This device's receipts against an order (pending, accepted and rejected), oldest first. */
  movementsOf(purchaseOrderId: string): MovementDoc[];
  /** Every supplier, by name (inactive ones too). */
  suppliers(): SupplierDoc[];
  supplier(id: string): SupplierDoc | undefined;
  /** Units of a product still expected at a store: Σ on order of the orders that are out. */
  onOrder(storeId: string, productId: string): number;
  version(): number;
  subscribe(listener: () => void): () => void;
}

/** What StockroomClient offers for purchasing. */
export interface PurchasingClient {
  /** The orders and the suppliers (one index: its version moves with either). */
  readonly purchaseOrders: PurchaseOrderView;
  /** Owner / manager: create or change a supplier (local write, pushed through the outbox). */
  saveSupplier(input: SupplierInput): Promise<SupplierDoc>;
  /** Owner / manager: create or change a draft. */
  savePurchaseOrderDraft(input: PurchaseOrderDraftInput): Promise<PurchaseOrderDoc>;
  /** Owner / manager: draft → ordered; orderedAt now, expectedAt now + the supplier's lead time. */
  orderPurchaseOrder(orderId: string): Promise<PurchaseOrderDoc>;
  /** Owner / manager: a draft or an order nothing has arrived of → cancelled. */
  cancelPurchaseOrder(orderId: string): Promise<void>;
  /** Any device of the order's store: one `receipt` per product with the PO and the line's cost. */
  receiveAgainstPurchaseOrder(orderId: string, lines: PurchaseReceiptLine[]): Promise<string[]>;
  /** Owner / manager: nothing more will come of this line; the reason is kept. */
  closeLineShort(orderId: string, productId: string, reason: string): Promise<PurchaseOrderDoc>;
}
