/**
 * Browser-side bench entry: what a device with a big local store goes through
 * once after an app update that changed a schema. `count` movements and stock
 * rows are written under the previous schema versions (movements v1, stock v0;
 * one write time per page of 5 000, as the puller stores them), then the
 * database is opened with the current schemas, which migrates them.
 */
import { appStorage, openDatabase } from '../../renderer/data/database.js';
import { movementSchemaV1, stockSchemaV0 } from '../../renderer/data/schemas.js';

const PAGE = 5000;

export interface UpgradeMigrationResult {
  docs: number;
  /** Opening the database with the current schemas, migration included. */
  ms: number;
  /** Pending movements found after the migration (all of them must survive). */
  pendingAfter: number;
  pendingBefore: number;
}

export async function upgradeMigration(count: number): Promise<UpgradeMigrationResult> {
  const name = `bench_upgrade_${Date.now()}`;
  const old = await openDatabase({ name, schemas: { movements: movementSchemaV1, stock: stockSchemaV0 } });
  const now = Date.now();
  let pendingBefore = 0;
  for (let page = 0; page < count; page += PAGE) {
    const rx = { _meta: { lwt: now + page }, _rev: '1-bench', _attachments: {}, _deleted: false };
    const movements = [];
    const stock = [];
    for (let i = page; i < Math.min(count, page + PAGE); i++) {
      const productId = `p${String(i).padStart(8, '0')}`;
      const pending = i % 1000 === 0;
      if (pending) pendingBefore++;
      movements.push({
        document: {
          id: `m${String(i).padStart(8, '0')}`, storeId: 'store-1', productId, kind: 'receipt', delta: 10, reason: null,
          ticketId: null, countedQty: null, expectedQty: null, deviceId: 'bench', actor: null, clientTime: now - i,
          status: pending ? 'pending' : 'accepted', ledgerSeq: pending ? null : i, serverTime: pending ? null : now,
          balanceAfter: pending ? null : 10, rejection: null, seq: pending ? 0 : i, ...rx,
        },
      });
      stock.push({
        document: {
          id: `store-1:${productId}`, storeId: 'store-1', productId, onHand: 10, appliedSeq: i, reorderPoint: 3,
          criticalPoint: 1, updatedAt: now, seq: i, ...rx,
        },
      });
    }
    await old.movements.storageInstance.bulkWrite(movements as never, 'bench-seed');
    await old.stock.storageInstance.bulkWrite(stock as never, 'bench-seed');
  }
  await old.close();

  const started = performance.now();
  const db = await openDatabase({ name, storage: appStorage() });
  const ms = performance.now() - started;
  try {
    const pendingAfter = (await db.movements.find({ selector: { status: 'pending' } }).exec()).length;
    const docs = (await db.movements.count().exec()) + (await db.stock.count().exec());
    return { docs, ms, pendingAfter, pendingBefore };
  } finally {
    await db.remove();
  }
}
