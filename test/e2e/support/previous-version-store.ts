/**
 * Browser-side helpers for a device store as the previous app version kept
 * it: movements at schema v1, stock at v0, everything else as now. Used by
 * the app-update e2e test and `client.upgrade_migration_s` in the bench;
 * the next schema change updates this one place.
 */
import type { RxCollection } from 'rxdb';
import { openDatabase, type StockroomDatabase } from '../../../renderer/data/database.js';
import { movementSchemaV1, stockSchemaV0 } from '../../../renderer/data/schemas.js';

export function openPreviousVersion(name: string): Promise<StockroomDatabase> {
  return openDatabase({ name, schemas: { movements: movementSchemaV1, stock: stockSchemaV0 } });
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
