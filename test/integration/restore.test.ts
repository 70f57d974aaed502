import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, StockDoc } from '../../shared/index.js';
import type { Device } from '../support/client.js';
import { runCli } from '../support/cli.js';
import { sale } from '../support/docs.js';
import { latestById, localDigest, pullPage, pushMovements } from '../support/replication.js';
import { createProducts, pairStaff, startTenant, stockUp, testBackend, type TestTenant } from '../support/tenant.js';

/** A device's stock replica that follows the protocol's `reset` (DESIGN §3). */
class Replica {
  rows = new Map<string, StockDoc>();
  checkpoint: Checkpoint | null = null;
  resets = 0;
  constructor(readonly device: Device) {}
  async pullToEnd(): Promise<void> {
    for (;;) {
      const page = await pullPage(this.device.api, 'stock', this.checkpoint, 50);
      if (page.reset) {
        this.resets++;
        this.rows.clear();
      }
      for (const d of page.documents) this.rows = latestById([...this.rows.values(), d]);
      this.checkpoint = page.checkpoint;
      if (page.documents.length === 0) return;
    }
  }
}

// SQLite's backup/restore; a PostgreSQL database is restored with pg_restore (sync-server/README.md).
describe.skipIf(testBackend() === 'postgres')('restoring a backup', () => {
  let tenant: TestTenant;
  let scratch: string;
  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-restore-'));
  });
  afterAll(async () => {
    await tenant?.dispose();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('resets a device whose checkpoint is past the restored data, and it converges', async () => {
    const storeId = tenant.defaultStoreId;
    const products = (await createProducts(tenant.owner, 120)).map((p) => p.id);
    await stockUp(tenant.owner, storeId, products.map((id) => [id, 10] as [string, number]));
    const till = await pairStaff(tenant, storeId, 'till');
    const replica = new Replica(till);
    await replica.pullToEnd();

    const file = path.join(scratch, 'backup.sqlite');
    const backup = await runCli(['backup', '--data', tenant.server.dataDir, '--out', file]);
    expect(backup.code, backup.stderr).toBe(0);

    // Work after the backup: the device's checkpoint moves past what the backup holds.
    await pushMovements(till.api, products.map((id) => sale(storeId, id, 3)));
    await replica.pullToEnd();
    const after = replica.checkpoint!;
    expect([...replica.rows.values()].every((r) => r.onHand === 7)).toBe(true);

    const refused = await runCli(['restore', '--data', tenant.server.dataDir, '--from', file]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('another Stockroom server is using');

    await tenant.server.stop();
    const restored = await runCli(['restore', '--data', tenant.server.dataDir, '--from', file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('restored');
    await tenant.server.restart();

    await replica.pullToEnd();
    expect(replica.resets).toBe(1);
    expect(replica.checkpoint!.epoch).not.toBe(after.epoch);
    expect([...replica.rows.values()].every((r) => r.onHand === 10)).toBe(true);
    const server = await till.api.replication.digest.query({ storeId });
    expect(localDigest(replica.rows.values(), storeId)).toBe(server.digest);

    // Later pulls are incremental again.
    await pushMovements(till.api, [sale(storeId, products[0]!, 1)]);
    await replica.pullToEnd();
    expect(replica.resets).toBe(1);
    expect(replica.rows.get(`${storeId}:${products[0]}`)?.onHand).toBe(9);
    expect(localDigest(replica.rows.values(), storeId)).toBe((await till.api.replication.digest.query({ storeId })).digest);
  });
});
