/**
 * Browser-side helpers for a device store as the previous app version (protocol 1) kept
 * it: movements at schema v2, products at v0, everything else as now. Used by the
 * app-update e2e test and `client.upgrade_migration_s` in the bench; the next schema
 * change updates this one place.
 */
import type { RxCollection } from 'rxdb';
import { openDatabase, type StockroomDatabase } from '../../../renderer/data/local/database.js';
import { movementSchemaV2, productSchemaV0 } from '../../../renderer/data/local/schemas.js';

export function openPreviousVersion(name: string): Promise<StockroomDatabase> {
  return openDatabase({ name, schemas: { movements: movementSchemaV2, products: productSchemaV0 } });
}

/** A current document as the previous version stored it: without the fields protocol 2 added. */
export function asPreviousMovement(doc: Record<string, unknown>): Record<string, unknown> {
  const { transferId, purchaseOrderId, unitPriceCents, unitCostCents, ...old } = doc;
  void [transferId, purchaseOrderId, unitPriceCents, unitCostCents];
  return old;
}

export function asPreviousProduct(doc: Record<string, unknown>): Record<string, unknown> {
  const { supplierId, supplierSku, packSize, ...old } = doc;
  void [supplierId, supplierSku, packSize];
  return old;
}

/**
 * Write plain documents straight to a collection's storage as stored rows
 * (RxDB's bookkeeping fields, one write time `lwt`, as the puller stores a
 * page). Throws if any row is refused.
 */
export async function writeStoredRows(collection: RxCollection, docs: Record<string, unknown>[], lwt: number): Promise<void> {
  const rows = docs.map((d) => ({ document: { ...d, _deleted: false, _meta: { lwt }, _rev: '1-previous', _attachments: {} } }));
  const { error } = await collection.storageInstance.bulkWrite(rows as never, 'previous-version');
  if (error.length > 0) throw new Error(`${collection.name}: ${error.length} row(s) refused, first: ${JSON.stringify(error[0])}`);
}
