import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../support/client.js';
import { count, sale } from '../support/docs.js';
import { acceptedSums, latestById, pullAll, pushMovements } from '../support/replication.js';
import { createProduct, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

describe('a stock count while others sell', () => {
  let tenant: TestTenant;
  let counter: Device;
  let tills: Device[];

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    counter = await pairStaff(tenant, tenant.defaultStoreId, 'back-office');
    tills = await Promise.all([0, 1, 2].map((i) => pairStaff(tenant, tenant.defaultStoreId, `till-${i}`)));
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  it('applies countedQty − expectedQty on top of the sales made meanwhile', async () => {
    const storeId = tenant.defaultStoreId;
    const p = await createProduct(tenant.owner, 'Bolts');
    await stockUp(tenant.owner, storeId, [[p.id, 50]]);

    // The counter starts counting when the level is 50 (expectedQty) and finds 47 on the shelf:
    // 3 went missing. Meanwhile the tills sell 6 (2 each), pushed before the count arrives.
    const countDoc = count(storeId, p.id, 47, 50);
    const sold = await Promise.all(tills.map((t) => pushMovements(t.api, [sale(storeId, p.id, 1), sale(storeId, p.id, 1)])));
    expect(sold.flat().every((m) => m.status === 'accepted')).toBe(true);

    const [stored] = await pushMovements(counter.api, [countDoc]);
    expect(stored).toMatchObject({ status: 'accepted', kind: 'count', delta: -3, countedQty: 47, expectedQty: 50 });
    // 50 − 6 sold − 3 missing = 41, not the 47 the counter saw.
    expect(stored!.balanceAfter).toBe(41);

    const stock = latestById((await pullAll(counter.api, 'stock')).documents);
    expect(stock.get(`${storeId}:${p.id}`)?.onHand).toBe(41);
    const movements = (await pullAll(counter.api, 'movements')).documents;
    expect(acceptedSums(movements).get(`${storeId}:${p.id}`)).toBe(41);
  });

  it('is never rejected, even when it takes the level below zero', async () => {
    const storeId = tenant.defaultStoreId;
    const p = await createProduct(tenant.owner, 'Washers');
    await stockUp(tenant.owner, storeId, [[p.id, 2]]);
    await pushMovements(tills[0]!.api, [sale(storeId, p.id, 2)]);
    // Counted 0 against an expected 5 (the device's stale view): −5 on top of 0.
    const [stored] = await pushMovements(counter.api, [count(storeId, p.id, 0, 5)]);
    expect(stored).toMatchObject({ status: 'accepted', delta: -5, balanceAfter: -5, rejection: null });
  });
});
