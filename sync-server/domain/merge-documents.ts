import {
  PURCHASE_ORDER_MERGE_FIELDS,
  RESOLUTION_MERGE_FIELDS,
  SETTINGS_MERGE_FIELDS,
  SUPPLIER_MERGE_FIELDS,
  TILL_USER_MERGE_FIELDS,
  TRANSFER_MERGE_FIELDS,
  canSeeStore,
  withDerivedState,
  type DeviceIdentity,
  type PurchaseOrderDoc,
  type PurchaseOrderState,
  type ResolutionDoc,
  type SettingsDoc,
  type SupplierDoc,
  type TillUserDoc,
  type TransferDoc,
} from '../../shared/index.js';
import type { JsonCollection, WriteTx } from '../storage/storage.js';
import { pushMerged, type CatalogPushResult, type MergeTarget, type RowsOf } from './merge-catalog.js';
import { ProblemError } from './problem-error.js';

/**
 * Pushes of the collections new in protocol 2 (DESIGN §2), merged field by field like the
 * catalog (DESIGN §4). Fields the server owns are replaced by the server's values before the
 * merge, so a device can never set them (what it sent differently comes back as a conflict):
 * a purchase order's `received` and its states after `ordered`, a transfer's `sent`,
 * `received`, `returned`, `writtenOff`, its states after `draft`, `sentAt` and `closedAt`.
 * The ledger moves a transfer's fields (apply-movements.ts, shared/transfers.ts); purchasing's
 * come with purchase orders.
 */
function jsonTarget<C extends JsonCollection>(collection: C) {
  return {
    get: (tx: WriteTx, tenantId: string, id: string) => tx.getDoc(tenantId, collection, id),
    put: (tx: WriteTx, tenantId: string, doc: Parameters<WriteTx['putDoc']>[2] & object) => tx.putDoc(tenantId, collection, doc as never),
  };
}

const withSeq = <T>(p: T & { seq?: number | null }): Omit<T, 'seq'> & { seq: number } => ({ ...p, seq: 0 });

export function pushSettings(tx: WriteTx, device: DeviceIdentity, rows: RowsOf<'settings'>): Promise<CatalogPushResult<SettingsDoc>> {
  const target: MergeTarget<SettingsDoc> = { ...jsonTarget('settings'), fields: SETTINGS_MERGE_FIELDS };
  return pushMerged(tx, device, rows, (p) => withSeq(p) as SettingsDoc, target);
}

export function pushTillUsers(tx: WriteTx, device: DeviceIdentity, rows: RowsOf<'tillUsers'>): Promise<CatalogPushResult<TillUserDoc>> {
  const target: MergeTarget<TillUserDoc> = { ...jsonTarget('tillUsers'), fields: TILL_USER_MERGE_FIELDS };
  return pushMerged(tx, device, rows, (p) => withSeq(p) as TillUserDoc, target);
}

export function pushSuppliers(tx: WriteTx, device: DeviceIdentity, rows: RowsOf<'suppliers'>): Promise<CatalogPushResult<SupplierDoc>> {
  const target: MergeTarget<SupplierDoc> = { ...jsonTarget('suppliers'), fields: SUPPLIER_MERGE_FIELDS };
  return pushMerged(tx, device, rows, (p) => withSeq(p) as SupplierDoc, target);
}

/** What a device may set a purchase order's state to, from the state it has. */
const DEVICE_PO_STATES: Record<PurchaseOrderState, readonly PurchaseOrderState[]> = {
  draft: ['draft', 'ordered', 'cancelled'],
  ordered: ['ordered', 'cancelled'],
  partial: ['partial'],
  received: ['received'],
  cancelled: ['cancelled'],
};

export function pushPurchaseOrders(tx: WriteTx, device: DeviceIdentity, rows: RowsOf<'purchaseOrders'>): Promise<CatalogPushResult<PurchaseOrderDoc>> {
  const target: MergeTarget<PurchaseOrderDoc> = {
    ...jsonTarget('purchaseOrders'),
    fields: PURCHASE_ORDER_MERGE_FIELDS,
    authorize(d, doc, master) {
      for (const storeId of new Set([doc.storeId, master?.storeId ?? doc.storeId])) {
        if (!canSeeStore(d, storeId)) throw new ProblemError('forbidden-store', `This device may not order for store ${storeId}`, { storeId, id: doc.id });
      }
      if (new Set(doc.lines.map((l) => l.productId)).size !== doc.lines.length) {
        throw new ProblemError('invalid-input', 'Each product appears once on a purchase order', { id: doc.id });
      }
    },
    serverOwned(incoming, master) {
      const from = master?.state ?? 'draft';
      const state = DEVICE_PO_STATES[from].includes(incoming.state) ? incoming.state : from;
      // Once ordered, the lines are what was ordered and what arrived: a device may only close
      // a line short (with its reason), never change products, quantities or `received`.
      const closing = new Map(incoming.lines.map((l) => [l.productId, l.closedShortReason]));
      const lines = !master || from === 'draft'
        ? incoming.lines.map((l) => ({ ...l, received: 0 }))
        : master.lines.map((l) => ({ ...l, closedShortReason: l.closedShortReason ?? closing.get(l.productId) ?? null }));
      return {
        ...incoming,
        storeId: master?.storeId ?? incoming.storeId,
        lines,
        state,
        closedAt: master?.closedAt ?? null,
      };
    },
    // A line closed short (or an order cancelled) may finish the order: its state follows the lines.
    stamp: (merged, master, incoming) => withDerivedState({ ...merged, updatedAt: Math.max(master.updatedAt, incoming.updatedAt) }, incoming.updatedAt),
  };
  return pushMerged(tx, device, rows, (p) => withSeq(p) as PurchaseOrderDoc, target);
}

/**
 * Exception resolutions: any device of the store may record that a count or a sale entered
 * again resolved one of its exceptions; only owners and managers dismiss one. Devices send a
 * resolution without an assumed state, so for an exception already resolved the stored
 * resolution wins and comes back: the first resolution of an exception stays.
 */
export function pushResolutions(tx: WriteTx, device: DeviceIdentity, rows: RowsOf<'resolutions'>): Promise<CatalogPushResult<ResolutionDoc>> {
  const target: MergeTarget<ResolutionDoc> = {
    ...jsonTarget('resolutions'),
    fields: RESOLUTION_MERGE_FIELDS,
    authorize(d, doc) {
      if (!canSeeStore(d, doc.storeId)) throw new ProblemError('forbidden-store', `This device may not write to store ${doc.storeId}`, { storeId: doc.storeId, id: doc.id });
      if (doc.resolution === 'dismissed' && d.role === 'staff') throw new ProblemError('forbidden', 'Only a manager or the owner may dismiss an exception');
    },
  };
  return pushMerged(tx, device, rows, (p) => withSeq(p) as ResolutionDoc, target);
}

export function pushTransfers(tx: WriteTx, device: DeviceIdentity, rows: RowsOf<'transfers'>): Promise<CatalogPushResult<TransferDoc>> {
  const target: MergeTarget<TransferDoc> = {
    ...jsonTarget('transfers'),
    fields: TRANSFER_MERGE_FIELDS,
    authorize(d, doc, master) {
      const from = master?.fromStoreId ?? doc.fromStoreId;
      const to = master?.toStoreId ?? doc.toStoreId;
      if (!canSeeStore(d, from) && !canSeeStore(d, to)) {
        throw new ProblemError('forbidden-store', 'This device may not write transfers of these stores', { storeId: from, id: doc.id });
      }
      // Staff only note what arrived beyond what was sent, on a transfer already on its way:
      // drafts, cancels and lines are an owner's or manager's (serverOwned keeps the rest).
      if (d.role === 'staff' && (!master || master.state === 'draft' || master._deleted)) {
        throw new ProblemError('forbidden', 'Only a manager or the owner may create or change a transfer draft');
      }
      if (from === to) throw new ProblemError('invalid-input', 'A transfer goes from one store to another');
      if (new Set(doc.lines.map((l) => l.productId)).size !== doc.lines.length) {
        throw new ProblemError('invalid-input', 'Each product appears once on a transfer', { id: doc.id });
      }
    },
    serverOwned(incoming, master) {
      const sent = new Map(master?.lines.map((l) => [l.productId, l]) ?? []);
      const from = master?.state ?? 'draft';
      // A device writes drafts and may cancel a draft; every later state is the ledger's.
      const state = from === 'draft' && (incoming.state === 'draft' || incoming.state === 'cancelled') ? incoming.state : from;
      return {
        ...incoming,
        fromStoreId: master?.fromStoreId ?? incoming.fromStoreId,
        toStoreId: master?.toStoreId ?? incoming.toStoreId,
        lines: from === 'draft'
          ? incoming.lines.map((l) => ({ ...l, sent: 0, received: 0, returned: 0, writtenOff: 0 }))
          : (master?.lines ?? incoming.lines).map((l) => ({ ...l, ...sent.get(l.productId) })),
        state,
        sentAt: master?.sentAt ?? null,
        closedAt: master?.closedAt ?? (state === 'cancelled' && from === 'draft' ? incoming.updatedAt : null),
        // Only a draft (nothing ever sent) may be deleted: a dispatched transfer is ledger history.
        _deleted: from === 'draft' ? incoming._deleted : (master?._deleted ?? false),
      };
    },
    // closedAt is not a merged field: a draft cancelled through the merge is closed now.
    stamp: (merged, master, incoming) => ({
      ...merged,
      updatedAt: Math.max(master.updatedAt, incoming.updatedAt),
      closedAt: master.closedAt ?? (merged.state === 'cancelled' ? incoming.updatedAt : null),
    }),
  };
  return pushMerged(tx, device, rows, (p) => withSeq(p) as TransferDoc, target);
}
