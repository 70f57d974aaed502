/**
 * Issue 12: how often a pushed movement is written to IndexedDB while online. The insert of the
 * sale, the adopted push answer (the server's verdict, seq and balance), and the stream's echo
 * of the same version — which is skipped, because the device already holds that seq. Counted
 * with the write-timing hook on the movements collection; the real server, the real client on
 * fake-indexeddb. (`client.idb_writes_per_pushed_movement` in `npm run bench` measures the same
 * in Chromium.)
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/index.js';
import type { Device } from '../../test/support/client.js';
import { pairStaff, startStockedTenant, type TestTenant } from '../../test/support/tenant.js';
import { createStockroomClient } from './client.js';
import { appStorage } from './local/database.js';
import type { WriteTimingEntry, WriteTimingSink } from './local/write-timing.js';
import { eventually, sessionFor } from './testing/harness.js';

let tenant: TestTenant;
let storeId: string;
let productIds: string[];
let till: Device;
const writes: WriteTimingEntry[] = [];

beforeAll(async () => {
  ({ tenant, storeId, productIds } = await startStockedTenant(5, () => 50));
  till = await pairStaff(tenant, storeId, 'till');
  (globalThis as { __stockroomWriteTiming?: WriteTimingSink }).__stockroomWriteTiming = { record: (e) => void writes.push(e) };
}, 120_000);
afterAll(async () => {
  delete (globalThis as { __stockroomWriteTiming?: WriteTimingSink }).__stockroomWriteTiming;
  await tenant?.dispose();
});

describe('IndexedDB writes per pushed movement', { timeout: 90_000 }, () => {
  it('is the insert and the adopted verdict: the stream echo at the same seq is not written', async () => {
    const client = await createStockroomClient(sessionFor(till, storeId), {
      dbName: `w${uuidv7().replace(/-/g, '').slice(-20)}`,
      storage: appStorage(),
      backoff: { baseMs: 20, maxMs: 200 },
    });
    try {
      await client.whenInitialSyncDone();
      await eventually(() => client.getHealth().connection === 'online', 10_000, 'stream connected');
      // The movement history's first pull is done too (it writes the movements collection).
      await new Promise((r) => setTimeout(r, 500));
      const movementRows = () => writes.filter((w) => w.collection === 'movements').reduce((n, w) => n + w.docs, 0);
      const before = movementRows();
      const SALES = 10;
      for (let i = 0; i < SALES; i++) {
        await client.sell({ lines: [{ productId: productIds[i % productIds.length]!, qty: 1 }] });
        await eventually(() => client.getHealth().pendingCount === 0, 10_000, 'pushed');
      }
      // Give the stream's echoes time to arrive (they come within milliseconds on loopback).
      const page = await tenant.owner.api.replication.pull.query({ collection: 'movements', checkpoint: null, limit: 5000 });
      expect(page.documents.filter((m) => (m as { deviceId: string }).deviceId === till.deviceId)).toHaveLength(SALES);
      await new Promise((r) => setTimeout(r, 1000));
      const perMovement = (movementRows() - before) / SALES;
      console.log(`IndexedDB row writes per pushed movement: ${perMovement}`);
      expect(perMovement).toBeLessThanOrEqual(2);
      expect(perMovement).toBeGreaterThanOrEqual(1);
      // Every sale is accepted locally, with the server's seq.
      for (const p of productIds) expect(client.levels.get(storeId, p).level).toBeLessThan(50);
    } finally {
      await client.close();
    }
  });
});
