import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc } from '../../shared/index.js';
import type { Device } from '../support/client.js';
import { sale } from '../support/docs.js';
import { latestById, pullAll, pushMovements } from '../support/replication.js';
import { createProduct, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

describe('a movement id is applied once', () => {
  let tenant: TestTenant;
  let till: Device;

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    till = await pairStaff(tenant, tenant.defaultStoreId, 'till');
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  async function levelOf(productId: string): Promise<number | undefined> {
    const stock = latestById((await pullAll(tenant.owner.api, 'stock')).documents);
    return stock.get(`${tenant.defaultStoreId}:${productId}`)?.onHand;
  }

  async function storedCopies(id: string): Promise<MovementDoc[]> {
    return (await pullAll(tenant.owner.api, 'movements')).documents.filter((m) => m.id === id);
  }

  it('5 sequential retries of one sale change the level once and return the same outcome', async () => {
    const p = await createProduct(tenant.owner);
    await stockUp(tenant.owner, tenant.defaultStoreId, [[p.id, 10]]);
    const doc = sale(tenant.defaultStoreId, p.id, 3);

    const outcomes: MovementDoc[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(...(await pushMovements(till.api, [doc])));

    expect(outcomes).toHaveLength(5);
    expect(outcomes[0]).toMatchObject({ id: doc.id, status: 'accepted', balanceAfter: 7 });
    for (const o of outcomes) expect(o).toEqual(outcomes[0]);
    expect(await levelOf(p.id)).toBe(7);
    const copies = await storedCopies(doc.id);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toEqual(outcomes[0]);
  });

  it('5 concurrent pushes of one sale change the level once and return the same outcome', async () => {
    const p = await createProduct(tenant.owner);
    await stockUp(tenant.owner, tenant.defaultStoreId, [[p.id, 10]]);
    const doc = sale(tenant.defaultStoreId, p.id, 4);

    const outcomes = (await Promise.all(Array.from({ length: 5 }, () => pushMovements(till.api, [doc])))).flat();

    expect(outcomes).toHaveLength(5);
    expect(outcomes[0]).toMatchObject({ id: doc.id, status: 'accepted', balanceAfter: 6 });
    for (const o of outcomes) expect(o).toEqual(outcomes[0]);
    expect(await levelOf(p.id)).toBe(6);
    expect(await storedCopies(doc.id)).toHaveLength(1);
  });

  it('a retried rejected sale stays rejected with the same verdict even after stock arrives', async () => {
    const p = await createProduct(tenant.owner);
    const doc = sale(tenant.defaultStoreId, p.id, 2);
    const [first] = await pushMovements(till.api, [doc]);
    expect(first).toMatchObject({ status: 'rejected', rejection: { code: 'insufficient-stock', requested: 2, available: 0 } });

    await stockUp(tenant.owner, tenant.defaultStoreId, [[p.id, 5]]);
    // The same id inside a bigger batch, twice in the batch: still the stored outcome.
    const again = await pushMovements(till.api, [doc, doc]);
    expect(again).toEqual([first, first]);
    expect(await levelOf(p.id)).toBe(5);
  });
});
