import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc } from '../../shared/index.js';
import type { Device } from '../support/client.js';
import { sale } from '../support/docs.js';
import { acceptedSums, latestById, pullAll, pushMovements } from '../support/replication.js';
import { createProduct, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

describe('concurrent sales of the last items', () => {
  let tenant: TestTenant;
  let staff: Device[];

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    staff = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pairStaff(tenant, tenant.defaultStoreId, `till-${i}`)),
    );
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  it('accepts exactly the 25 that fit and rejects 15 with insufficient-stock', async () => {
    const storeId = tenant.defaultStoreId;
    const p = await createProduct(tenant.owner, 'Last croissants');
    await stockUp(tenant.owner, storeId, [[p.id, 25]]);

    // 40 sales of 1, spread round-robin over 10 devices, all pushed at once
    // (each device sends its 4 sales as 4 separate concurrent pushes).
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => pushMovements(staff[i % 10]!.api, [sale(storeId, p.id, 1)])),
    );
    const outcomes: MovementDoc[] = results.flat();
    expect(outcomes).toHaveLength(40);

    const accepted = outcomes.filter((m) => m.status === 'accepted');
    const rejected = outcomes.filter((m) => m.status === 'rejected');
    expect(accepted).toHaveLength(25);
    expect(rejected).toHaveLength(15);
    for (const m of rejected) {
      expect(m.rejection).toEqual({
        code: 'insufficient-stock',
        requested: 1,
        available: 0,
        message: expect.any(String),
      });
      expect(m.rejection!.message.length).toBeGreaterThan(0);
    }
    // The accepted ones form one serial history: balances 24, 23, …, 0 each exactly once.
    expect(accepted.map((m) => m.balanceAfter).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 25 }, (_, i) => i),
    );

    const stock = latestById((await pullAll(tenant.owner.api, 'stock')).documents);
    const row = stock.get(`${storeId}:${p.id}`);
    expect(row?.onHand).toBe(0);

    const movements = (await pullAll(tenant.owner.api, 'movements')).documents.filter((m) => m.productId === p.id);
    expect(movements).toHaveLength(41); // the receipt + 40 sales, each once
    expect(acceptedSums(movements).get(`${storeId}:${p.id}`)).toBe(row?.onHand);
    // What the server told each device is what it stored.
    const stored = latestById(movements);
    for (const m of outcomes) expect(stored.get(m.id)?.status).toBe(m.status);
  });
});
