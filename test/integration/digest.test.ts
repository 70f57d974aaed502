import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, StockDoc } from '../../shared/index.js';
import type { Device } from '../support/client.js';
import { count, sale } from '../support/docs.js';
import { localDigest, pullAll, pushMovements } from '../support/replication.js';
import { createProducts, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

/** A device's local replica of the stock collection, kept up to date by incremental pulls. */
class StockReplica {
  rows: StockDoc[] = [];
  checkpoint: Checkpoint | null = null;
  constructor(
    readonly device: Device,
    readonly pageSize: number,
  ) {}
  async pullToEnd(): Promise<void> {
    const page = await pullAll(this.device.api, 'stock', this.checkpoint, this.pageSize);
    this.rows.push(...page.documents);
    this.checkpoint = page.checkpoint;
  }
}

describe('convergence digest', () => {
  let tenant: TestTenant;
  let a: Device;
  let b: Device;

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    a = await pairStaff(tenant, tenant.defaultStoreId, 'till-a');
    b = await pairStaff(tenant, tenant.defaultStoreId, 'till-b');
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  it('two devices that pull to the end compute the digest the server returns', async () => {
    const storeId = tenant.defaultStoreId;
    const products = await createProducts(tenant.owner, 30);
    await stockUp(tenant.owner, storeId, products.map((p, i) => [p.id, 5 + i] as [string, number]));
    await Promise.all([
      pushMovements(a.api, products.slice(0, 20).map((p) => sale(storeId, p.id, 2))),
      pushMovements(b.api, products.slice(10).map((p) => sale(storeId, p.id, 3))),
      pushMovements(b.api, [count(storeId, products[0]!.id, 1, 5)]),
    ]);

    // Different page sizes, so paging cannot hide a missing or repeated row.
    const ra = new StockReplica(a, 7);
    const rb = new StockReplica(b, 1000);
    await Promise.all([ra.pullToEnd(), rb.pullToEnd()]);
    const server = await a.api.replication.digest.query({ storeId });
    expect(server.digest).toMatch(/^v1:30:[0-9a-f]{16}$/);
    expect(localDigest(ra.rows, storeId)).toBe(server.digest);
    expect(localDigest(rb.rows, storeId)).toBe(server.digest);

    // More sales: a device that has not pulled yet differs; after an incremental pull it agrees again.
    await pushMovements(a.api, products.slice(25).map((p) => sale(storeId, p.id, 1)));
    const moved = await b.api.replication.digest.query({ storeId });
    expect(moved.digest).not.toBe(server.digest);
    expect(moved.seq).toBeGreaterThan(server.seq);
    expect(localDigest(rb.rows, storeId)).not.toBe(moved.digest);
    await Promise.all([ra.pullToEnd(), rb.pullToEnd()]);
    expect(localDigest(ra.rows, storeId)).toBe(moved.digest);
    expect(localDigest(rb.rows, storeId)).toBe(moved.digest);
  });
});
