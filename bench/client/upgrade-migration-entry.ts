/**
 * Browser-side bench entry: what a device with a big local store goes through
 * once after an app update that changed a schema. `count` movements and
 * products are written under the previous schema versions (protocol 1:
 * movements v2, products v0; one write time per page of 5 000, as the puller
 * stores them), then the database is opened with the current schemas, which
 * migrates them.
 */
import type { RxCollection } from 'rxdb';
import { appStorage, openDatabase } from '../../renderer/data/local/database.js';
import { openPreviousVersion, writeStoredRows } from '../../test/e2e/support/previous-version-store.js';

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
  const old = await openPreviousVersion(name);
  const now = Date.now();
  let pendingBefore = 0;
  for (let page = 0; page < count; page += PAGE) {
    const movements: Record<string, unknown>[] = [];
    const products: Record<string, unknown>[] = [];
    for (let i = page; i < Math.min(count, page + PAGE); i++) {
      const productId = `p${String(i).padStart(8, '0')}`;
      const pending = i % 1000 === 0;
      if (pending) pendingBefore++;
      movements.push({
        id: `m${String(i).padStart(8, '0')}`, storeId: 'store-1', productId, kind: 'receipt', delta: 10, reason: null,
        ticketId: null, countedQty: null, expectedQty: null, deviceId: 'bench', actor: null, clientTime: now - i,
        status: pending ? 'pending' : 'accepted', ledgerSeq: pending ? null : i, serverTime: pending ? null : now,
        balanceAfter: pending ? null : 10, rejection: null, seq: pending ? 0 : i,
      });
      products.push({
        id: productId, sku: `SKU-${i}`, name: `Product ${i}`, barcodes: [`40${String(i).padStart(11, '0')}`], unit: 'pcs',
        priceCents: 199, costCents: 120, category: null, active: true, updatedAt: now, seq: i,
      });
    }
    await writeStoredRows(old.movements as unknown as RxCollection, movements, now + page);
    await writeStoredRows(old.products as unknown as RxCollection, products, now + page);
  }
  await old.close();

  const started = performance.now();
  const db = await openDatabase({ name, storage: appStorage() });
  const ms = performance.now() - started;
  try {
    const pendingAfter = (await db.movements.find({ selector: { status: 'pending' } }).exec()).length;
    const docs = (await db.movements.count().exec()) + (await db.products.count().exec());
    return { docs, ms, pendingAfter, pendingBefore };
  } finally {
    await db.remove();
  }
}
