import {
  PRODUCT_MERGE_FIELDS,
  STOCK_MERGE_FIELDS,
  STORE_MERGE_FIELDS,
  canSeeStore,
  mergeFields,
  sameValue,
  type DeviceIdentity,
  type ProductDoc,
  type PushInput,
  type StockDoc,
  type StoreDoc,
} from '../../shared/index.js';
import type { WriteTx } from '../storage/storage.js';
import { ProblemError } from './problem-error.js';

export type RowsOf<C extends PushInput['collection']> = Extract<PushInput, { collection: C }>['rows'];

export interface CatalogPushResult<T> {
  /** Server documents for rows not taken exactly as sent. */
  conflicts: T[];
  /** Rows written (for the change bus). */
  changed: T[];
}

/**
 * One field-wise merge step (DESIGN §4) shared by stores, products and stock thresholds.
 * Returns the document to write (null when nothing changed) and whether the client must adopt.
 */
function mergeOne<T extends Record<string, unknown> & { seq: number }>(
  master: T,
  assumed: Partial<T> | null | undefined,
  incoming: T,
  fields: readonly (keyof T & string)[],
): { next: T | null; differs: boolean } {
  const { merged, differsFromClient } = mergeFields(master, assumed, incoming, fields);
  const changed = fields.some((f) => !sameValue(merged[f], master[f]));
  return { next: changed ? merged : null, differs: differsFromClient };
}

function storeFromPush(p: RowsOf<'stores'>[number]['newDocumentState']): StoreDoc {
  return { id: p.id, name: p.name, timezone: p.timezone, allowNegativeStock: p.allowNegativeStock, seq: 0, _deleted: p._deleted };
}

function productFromPush(p: RowsOf<'products'>[number]['newDocumentState']): ProductDoc {
  return {
    id: p.id, sku: p.sku, name: p.name, barcodes: p.barcodes, unit: p.unit, priceCents: p.priceCents,
    costCents: p.costCents, category: p.category, active: p.active, supplierId: p.supplierId, supplierSku: p.supplierSku,
    packSize: p.packSize, updatedAt: p.updatedAt, seq: 0, _deleted: p._deleted,
  };
}

type MergeableDoc = Record<string, unknown> & { id: string; seq: number; _deleted: boolean };

export interface MergeTarget<T extends MergeableDoc> {
  get(tx: WriteTx, tenantId: string, id: string): Promise<T | null | undefined>;
  put(tx: WriteTx, tenantId: string, doc: T): Promise<void>;
  fields: readonly (keyof T & string)[];
  /** A merged doc's own bookkeeping (products keep the later `updatedAt`). */
  stamp?(merged: T, master: T, incoming: T): T;
  /** Called before each write (products: SKUs and barcodes stay unique). */
  beforePut?(tx: WriteTx, tenantId: string, doc: T): Promise<void>;
  /** Whether this device may write the document (store scope); throws a ProblemError if not. */
  authorize?(device: DeviceIdentity, doc: T, master: T | null): void;
  /** Replaces the fields the server owns with the server's values (or their start for a new doc). */
  serverOwned?(incoming: T, master: T | null): T;
}

/** New docs are taken as sent; existing ones are merged field by field (DESIGN §4). */
export async function pushMerged<T extends MergeableDoc, P>(
  tx: WriteTx,
  device: DeviceIdentity,
  rows: ReadonlyArray<{ assumedMasterState?: P | null; newDocumentState: P }>,
  fromPush: (p: P) => T,
  target: MergeTarget<T>,
): Promise<CatalogPushResult<T>> {
  const out: CatalogPushResult<T> = { conflicts: [], changed: [] };
  for (const row of rows) {
    const sent = fromPush(row.newDocumentState);
    const master = (await target.get(tx, device.tenantId, sent.id)) ?? null;
    target.authorize?.(device, sent, master);
    const incoming = target.serverOwned ? target.serverOwned(sent, master) : sent;
    if (!master) {
      await target.beforePut?.(tx, device.tenantId, incoming);
      const doc = { ...incoming, seq: await tx.nextSeq(device.tenantId) };
      await target.put(tx, device.tenantId, doc);
      out.changed.push(doc);
      if (!sameValue(incoming, sent)) out.conflicts.push(doc); // the server set its own fields
      continue;
    }
    const assumedSent = row.assumedMasterState ? fromPush(row.assumedMasterState) : null;
    const assumed = assumedSent && target.serverOwned ? target.serverOwned(assumedSent, master) : assumedSent;
    const { next, differs } = mergeOne<T>(master, assumed, incoming, target.fields);
    let current = master;
    if (next) {
      const stamped = target.stamp?.(next, master, incoming) ?? next;
      await target.beforePut?.(tx, device.tenantId, stamped);
      current = { ...stamped, seq: await tx.nextSeq(device.tenantId) };
      await target.put(tx, device.tenantId, current);
      out.changed.push(current);
    }
    if (differs || !sameValue(incoming, sent)) out.conflicts.push(current);
  }
  return out;
}

export function pushStores(tx: WriteTx, device: DeviceIdentity, rows: RowsOf<'stores'>): Promise<CatalogPushResult<StoreDoc>> {
  return pushMerged(tx, device, rows, storeFromPush, {
    get: (t, tenantId, id) => t.getStore(tenantId, id),
    put: (t, tenantId, doc) => t.putStore(tenantId, doc),
    fields: STORE_MERGE_FIELDS,
  });
}

export function pushProducts(tx: WriteTx, device: DeviceIdentity, rows: RowsOf<'products'>): Promise<CatalogPushResult<ProductDoc>> {
  return pushMerged(tx, device, rows, productFromPush, {
    get: (t, tenantId, id) => t.getProduct(tenantId, id),
    put: (t, tenantId, doc) => t.putProduct(tenantId, doc),
    fields: PRODUCT_MERGE_FIELDS,
    stamp: (merged, master, incoming) => ({ ...merged, updatedAt: Math.max(master.updatedAt, incoming.updatedAt) }),
    beforePut: claimProductCodes,
  });
}

/**
 * DESIGN §2: SKUs and barcodes are unique among active products. A product about to be
 * written takes its codes (none when inactive or deleted); one held by another active
 * product refuses the request with `conflict`, naming that product.
 */
async function claimProductCodes(tx: WriteTx, tenantId: string, doc: ProductDoc): Promise<void> {
  const codes = doc.active && !doc._deleted
    ? [{ kind: 'sku' as const, code: doc.sku }, ...[...new Set(doc.barcodes)].map((code) => ({ kind: 'barcode' as const, code }))]
    : [];
  for (const { kind, code } of codes) {
    const holder = await tx.productCodeHolder(tenantId, kind, code);
    if (holder === null || holder === doc.id) continue;
    const other = await tx.getProduct(tenantId, holder);
    const name = other?.name ?? holder;
    const what = kind === 'sku' ? 'SKU' : 'Barcode';
    throw new ProblemError('conflict', `${what} ${code} is already used by the active product "${name}"`, {
      field: kind === 'sku' ? 'sku' : 'barcodes', value: code, productId: doc.id, heldBy: { productId: holder, name },
    });
  }
  await tx.setProductCodes(tenantId, doc.id, codes);
}

/**
 * Stock pushes only change thresholds (reorderPoint, criticalPoint). A missing row is
 * created with onHand 0; onHand/appliedSeq sent by the device are ignored, and when they
 * differ from the server's the row comes back so the device adopts the real level.
 */
export async function pushStock(tx: WriteTx, device: DeviceIdentity, rows: RowsOf<'stock'>): Promise<CatalogPushResult<StockDoc>> {
  const tenantId = device.tenantId;
  for (const { newDocumentState: s } of rows) {
    if (!(await tx.getStore(tenantId, s.storeId))) throw new ProblemError('unknown-store', `Store ${s.storeId} does not exist`, { storeId: s.storeId, id: s.id });
    if (!canSeeStore(device, s.storeId)) throw new ProblemError('forbidden-store', `This device may not write to store ${s.storeId}`, { storeId: s.storeId, id: s.id });
    if (!(await tx.getProduct(tenantId, s.productId))) throw new ProblemError('unknown-product', `Product ${s.productId} does not exist`, { productId: s.productId, id: s.id });
  }
  const out: CatalogPushResult<StockDoc> = { conflicts: [], changed: [] };
  for (const row of rows) {
    const s = row.newDocumentState;
    const existing = await tx.getStock(tenantId, s.id);
    const master: StockDoc = existing ?? {
      id: s.id, storeId: s.storeId, productId: s.productId, onHand: 0, appliedSeq: 0,
      reorderPoint: null, criticalPoint: null, updatedAt: s.updatedAt, seq: 0, _deleted: false,
    };
    const incoming: StockDoc = { ...master, reorderPoint: s.reorderPoint, criticalPoint: s.criticalPoint };
    const a = row.assumedMasterState;
    const assumed: Partial<StockDoc> | null = a ? { reorderPoint: a.reorderPoint, criticalPoint: a.criticalPoint } : null;
    // A new row has no server history: take the thresholds as sent.
    const { next, differs } = existing
      ? mergeOne(master, assumed, incoming, STOCK_MERGE_FIELDS)
      : { next: incoming, differs: false };
    let current = master;
    if (next) {
      current = { ...next, updatedAt: Math.max(master.updatedAt, s.updatedAt), seq: await tx.nextSeq(tenantId) };
      await tx.putStock(tenantId, current);
      out.changed.push(current);
    }
    const staleLevel =
      (s.onHand != null && s.onHand !== current.onHand) || (s.appliedSeq != null && s.appliedSeq !== current.appliedSeq);
    if (differs || staleLevel) out.conflicts.push(current);
  }
  return out;
}
