/**
 * Suppliers and purchase orders (DESIGN §2 `suppliers`, `purchaseOrders`, §4): owners and
 * managers write suppliers, drafts, ordering, cancelling and closing a line short as documents
 * through the outbox; any device of the order's store receives against it with `receipt`
 * movements naming the order and carrying the line's cost, in one local write, checked against
 * the order as this device projects it (purchasing-builders.ts). The server decides
 * (shared/purchase-orders.ts) and owns `received` and the states after `ordered`.
 */
import type { PurchaseOrderDoc, SupplierDoc } from '../../../shared/index.js';
import type { Session, StockroomClient } from '../api.js';
import type { PurchaseOrderIndex } from '../projection/purchase-order-index.js';
import type { RecordIndex } from '../projection/record-index.js';
import { CommandError, type DeviceContext } from './commands.js';
import type { WriteMovements } from './movement-writer.js';
import {
  cancelledOrderDocument,
  closedShortDocument,
  orderedDocument,
  purchaseOrderDraftDocument,
  purchaseReceiptMovements,
  supplierDocument,
} from './purchasing-builders.js';
import { isManager, writesStore } from './transfer-commands.js';

export type PurchasingCommands = Pick<
  StockroomClient,
  'saveSupplier' | 'savePurchaseOrderDraft' | 'orderPurchaseOrder' | 'cancelPurchaseOrder' | 'receiveAgainstPurchaseOrder' | 'closeLineShort'
>;

export interface PurchasingCommandDeps {
  records: RecordIndex;
  orders: PurchaseOrderIndex;
  session(): Session;
  actorName(): string;
  saveSuppliers(docs: SupplierDoc[]): Promise<void>;
  saveOrders(docs: PurchaseOrderDoc[]): Promise<void>;
  writeMovements: WriteMovements;
  now(): number;
}

export function purchasingCommands(deps: PurchasingCommandDeps): PurchasingCommands {
  const { records, orders, now } = deps;
  const ctx = (): DeviceContext => ({ deviceId: deps.session().deviceId, actor: deps.actorName(), now });
  const refuse = (code: 'not-allowed' | 'po-unknown' | 'supplier-unknown'): never => {
    throw new CommandError([{ code }]);
  };
  const requireManagerOf = (storeId: string) => {
    const s = deps.session();
    if (!isManager(s) || !writesStore(s, storeId)) refuse('not-allowed');
  };
  /** The server's document (what a device changes) and the projection (what it judges by). */
  const order = (id: string): { server: PurchaseOrderDoc; projected: PurchaseOrderDoc } => {
    const server = records.get('purchaseOrders', id);
    const projected = orders.get(id);
    if (!server || !projected) return refuse('po-unknown');
    return { server, projected };
  };
  const supplier = (id: string): SupplierDoc => records.get('suppliers', id) ?? refuse('supplier-unknown');

  return {
    async saveSupplier(input) {
      if (!isManager(deps.session())) refuse('not-allowed');
      const existing = input.id ? records.get('suppliers', input.id) : undefined;
      const doc = supplierDocument(input, existing, now());
      await deps.saveSuppliers([doc]);
      return doc;
    },
    async savePurchaseOrderDraft(input) {
      const existing = input.id ? records.get('purchaseOrders', input.id) : undefined;
      requireManagerOf(existing?.storeId ?? input.storeId);
      supplier(input.supplierId);
      if (input.id && existing && orders.get(input.id)?.state !== 'draft') throw new CommandError([{ code: 'po-not-draft' }]);
      const doc = purchaseOrderDraftDocument(input, existing, now());
      await deps.saveOrders([doc]);
      return doc;
    },
    async orderPurchaseOrder(orderId) {
      const { server } = order(orderId);
      requireManagerOf(server.storeId);
      const doc = orderedDocument(server, supplier(server.supplierId), now());
      await deps.saveOrders([doc]);
      return doc;
    },
    async cancelPurchaseOrder(orderId) {
      const { server, projected } = order(orderId);
      requireManagerOf(server.storeId);
      await deps.saveOrders([cancelledOrderDocument(server, projected, now())]);
    },
    async receiveAgainstPurchaseOrder(orderId, lines) {
      const { projected } = order(orderId);
      if (!writesStore(deps.session(), projected.storeId)) throw new CommandError([{ code: 'po-other-store' }]);
      const docs = purchaseReceiptMovements(projected, lines, ctx());
      await deps.writeMovements(docs);
      return docs.map((d) => d.id);
    },
    async closeLineShort(orderId, productId, reason) {
      const { server } = order(orderId);
      requireManagerOf(server.storeId);
      const doc = closedShortDocument(server, productId, reason, now());
      await deps.saveOrders([doc]);
      return doc;
    },
  };
}
