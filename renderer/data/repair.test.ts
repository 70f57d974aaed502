/**
 * DESIGN §5: a device that was revoked keeps its unsynced movements; paired again (a new code,
 * the same local database) it pushes them under its new identity — exactly once — and its own
 * refused sales stay its own. The real server, the real client on fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/index.js';
import type { Device } from '../../test/support/client.js';
import { pairStaff, startStockedTenant, type TestTenant } from '../../test/support/tenant.js';
import { appStorage } from './local/database.js';
import { createStockroomClient } from './client.js';
import { repairedSession } from './session.js';
import { eventually, sessionFor } from './testing/harness.js';

let tenant: TestTenant;
let storeId: string;
let productIds: string[];
let till: Device;

beforeAll(async () => {
  ({ tenant, storeId, productIds } = await startStockedTenant(3, () => 10));
  till = await pairStaff(tenant, storeId, 'till');
}, 120_000);
afterAll(async () => {
  await tenant?.dispose();
});

async function serverMovements(productId: string) {
  const page = await tenant.owner.api.replication.pull.query({ collection: 'movements', checkpoint: null, limit: 5000 });
  return (page.documents as Array<{ id: string; productId: string; kind: string; deviceId: string; status: string }>).filter((m) => m.productId === productId && m.kind === 'sale');
}

describe('revoke → sale → pair again', { timeout: 90_000 }, () => {
  it('the sale made while revoked reaches the server once, under the new device id', async () => {
    const dbName = `t${uuidv7().replace(/-/g, '').slice(-20)}`;
    const first = sessionFor(till, storeId);
    const options = { dbName, storage: appStorage(), backoff: { baseMs: 20, maxMs: 200 } };
    const client = await createStockroomClient(first, options);
    const p = productIds[0]!;
    let saleId: string;
    try {
      await client.whenInitialSyncDone();
      await tenant.owner.api.devices.revoke.mutate({ deviceId: till.deviceId });
      await client.syncNow().catch(() => undefined);
      await eventually(() => client.getHealth().unauthenticated, 10_000, 'told it is not paired');
      // The till keeps selling: the sale is kept, pending.
      saleId = (await client.sell({ lines: [{ productId: p, qty: 2 }] })).movementIds[0]!;
      await client.syncNow().catch(() => undefined);
      expect(client.getHealth().pendingCount).toBe(1);
      expect(await serverMovements(p)).toEqual([]);
    } finally {
      await client.close();
    }

    // Paired again with a new code: same database, new identity.
    const again = await pairStaff(tenant, storeId, 'till');
    const session = repairedSession(first, sessionFor(again, storeId));
    expect(session).toMatchObject({ dbName: first.dbName ?? expect.any(String), formerDeviceIds: [till.deviceId], deviceId: again.deviceId });
    const reopened = await createStockroomClient({ ...session, dbName }, options);
    try {
      await eventually(() => reopened.getHealth().pendingCount === 0, 20_000, 'pending pushed after re-pairing');
      const onServer = await serverMovements(p);
      expect(onServer.map((m) => [m.id, m.deviceId, m.status])).toEqual([[saleId, again.deviceId, 'accepted']]);
      expect(reopened.levels.get(storeId, p).level).toBe(8);
      // Pushing again changes nothing (the id is the idempotency key).
      await reopened.syncNow();
      expect(await serverMovements(p)).toHaveLength(1);
      expect(reopened.getHealth().unauthenticated).toBe(false);
    } finally {
      await reopened.close();
    }
  });
});
