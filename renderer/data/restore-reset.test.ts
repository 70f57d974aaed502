/**
 * A restored server (DESIGN §3 `reset`) against the real client: the server is stopped, a
 * backup from before some sales is restored, and the device — whose checkpoints are past the
 * restored data — starts over, pushes again the accepted sales of its own that the restore
 * lost (nothing recorded is lost), drops other devices' (theirs push them), and ends with the
 * server's levels (digest equal).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import type { Device } from '../../test/support/client.js';
import { sale } from '../../test/support/docs.js';
import { pushMovements } from '../../test/support/replication.js';
import { pairStaff, startStockedTenant, type TestTenant } from '../../test/support/tenant.js';
import { eventually, openClient } from './testing/harness.js';

let tenant: TestTenant;
let storeId: string;
let productIds: string[];
let till: Device;
let other: Device;
let scratch: string;

beforeAll(async () => {
  ({ tenant, storeId, productIds } = await startStockedTenant(5, () => 20));
  till = await pairStaff(tenant, storeId, 'till');
  other = await pairStaff(tenant, storeId, 'other till');
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-reset-'));
}, 120_000);
afterAll(async () => {
  await tenant?.dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('a device after the server was restored from a backup', { timeout: 90_000 }, () => {
  it('starts over, pushes its lost sales again and converges', async () => {
    const client = await openClient(till, storeId);
    try {
      await client.whenInitialSyncDone();
      let pending = -1;
      const sub = client.health$.subscribe((h) => (pending = h.pendingCount));
      const file = path.join(scratch, 'backup.sqlite');
      expect((await runCli(['backup', '--data', tenant.server.dataDir, '--out', file])).code).toBe(0);

      const [p0, p1] = productIds as [string, string];
      await client.sell({ lines: [{ productId: p0, qty: 2 }] });
      await pushMovements(other.api, [sale(storeId, p1, 1)]);
      await eventually(() => client.levels.get(storeId, p1).onHand === 19 && pending === 0, 15_000, 'synced');
      expect(client.levels.get(storeId, p0).level).toBe(18);

      await tenant.server.stop();
      const restored = await runCli(['restore', '--data', tenant.server.dataDir, '--from', file]);
      expect(restored.code, restored.stderr).toBe(0);
      await tenant.server.restart();
      await client.syncNow();

      // The till's own sale is on the server again, once; the other till's is for it to push.
      await eventually(async () => (await serverLevel(p0)) === 18, 30_000, 'own sale pushed again');
      await eventually(async () => (await client.verifyDigest(storeId)).match, 30_000, 'digest equal');
      expect(await serverLevel(p1)).toBe(20);
      expect(client.levels.get(storeId, p1).level).toBe(20);
      expect(client.levels.get(storeId, p0).level).toBe(18);
      await client.syncNow();
      expect(await serverLevel(p0)).toBe(18);
      sub.unsubscribe();
    } finally {
      await client.close();
    }
  });
});

async function serverLevel(productId: string): Promise<number> {
  const page = await tenant.owner.api.replication.pull.query({ collection: 'stock', checkpoint: null, limit: 5000 });
  const row = (page.documents as Array<{ id: string; onHand: number }>).find((d) => d.id === `${storeId}:${productId}`);
  return row?.onHand ?? 0;
}
