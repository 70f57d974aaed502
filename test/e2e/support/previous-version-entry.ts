/**
 * Browser-side entry for the app-update e2e test (bundled with
 * bundleForPage, run on a blank page of the app's origin while the app is
 * closed). It turns the paired device's store back into what the previous
 * app version (protocol 1) kept: movements at schema v2 and products at v0,
 * holding the same documents without the fields protocol 2 added, plus
 * `filler` accepted movements so that the migration takes several batches.
 * Everything else (stock, checkpoints) stays as it was.
 */
import type { RxCollection } from 'rxdb';
import { openDatabase, plainDoc } from '../../../renderer/data/local/database.js';
import { databaseName } from '../../../renderer/data/session.js';
import { loadSession } from '../../../renderer/data/session.js';
import { asPreviousMovement, asPreviousProduct, openPreviousVersion, writeStoredRows } from './previous-version-store.js';

type Doc = Record<string, unknown> & { id: string };

export interface PreviousVersionStore {
  movements: number;
  pending: number;
  products: number;
}

export async function storeAsPreviousVersion(filler: number): Promise<PreviousVersionStore> {
  const session = loadSession();
  if (!session) throw new Error('no paired device on this origin');
  const name = databaseName(session.tenantId, session.deviceId);

  const current = await openDatabase({ name });
  const all = async (c: RxCollection) => (await c.find().exec()).map((d) => plainDoc<Doc>(d.toJSON(true)));
  const movements = (await all(current.movements as unknown as RxCollection)).map(asPreviousMovement) as Doc[];
  const products = (await all(current.products as unknown as RxCollection)).map(asPreviousProduct) as Doc[];
  await current.movements.remove();
  await current.products.remove();
  await current.close();

  const storeId = session.storeIds[0] ?? 'store';
  const now = Date.now();
  for (let i = 0; i < filler; i++) {
    movements.push({
      id: `filler-${String(i).padStart(6, '0')}`, storeId, productId: `filler-product-${i}`, kind: 'receipt', delta: 1, reason: null,
      ticketId: null, countedQty: null, expectedQty: null, deviceId: 'previous-version', actor: null, clientTime: now - 86_400_000 - i,
      status: 'accepted', ledgerSeq: null, serverTime: now - 86_400_000, balanceAfter: 1, rejection: null, seq: 0,
    });
  }
  const previous = await openPreviousVersion(name);
  try {
    await writeStoredRows(previous.movements as unknown as RxCollection, movements, now);
    await writeStoredRows(previous.products as unknown as RxCollection, products, now);
  } finally {
    await previous.close();
  }
  return { movements: movements.length, pending: movements.filter((m) => m.status === 'pending').length, products: products.length };
}
