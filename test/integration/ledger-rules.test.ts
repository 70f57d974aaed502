import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type Device } from '../support/client.js';
import { movement, product, receipt, sale, store } from '../support/docs.js';
import { latestById, pullAll, pushMovements, pushProducts, pushStores } from '../support/replication.js';
import { createProduct, createStore, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

/** DESIGN §2, §4: what the ledger refuses, over real HTTP, as verdicts that never block the rows behind. */
describe('ledger rules', () => {
  let tenant: TestTenant;
  let storeId: string;
  let till: Device;

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    storeId = tenant.defaultStoreId;
    till = await pairStaff(tenant, storeId, 'till');
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  const level = async (productId: string, inStore = storeId) =>
    latestById((await pullAll(tenant.owner.api, 'stock')).documents).get(`${inStore}:${productId}`)?.onHand ?? 0;

  it('refuses ids with ":" (which joins a stock row\'s two ids), so no push can move another row', async () => {
    const victim = await createProduct(tenant.owner, 'a:b target');
    await stockUp(tenant.owner, storeId, [[victim.id, 5]]);
    // Store "<storeId>:a" + product "b" would have named the stock row of product "a:b"…
    expect((await expectProblem(pushStores(tenant.owner.api, [store('Colon store', false, `${storeId}:a`)]))).type).toBe('invalid-input');
    expect((await expectProblem(pushProducts(tenant.owner.api, [product('colon', 'a:b')]))).type).toBe('invalid-input');
    const p = await expectProblem(pushMovements(tenant.owner.api, [sale(`${storeId}:a`, 'b', 1)]));
    expect(p.type).toBe('invalid-input');
    expect(await level(victim.id)).toBe(5);
  });

  it('rejects levels past ±1 000 000 000 as out-of-range (receipts and counts)', async () => {
    const p = await createProduct(tenant.owner);
    const [a, b] = await pushMovements(till.api, [receipt(storeId, p.id, 1_000_000_000), receipt(storeId, p.id, 1_000_000_000)]);
    expect(a!.status).toBe('accepted');
    expect(b).toMatchObject({ status: 'rejected', rejection: { code: 'out-of-range' } });
    const q = await createProduct(tenant.owner);
    const counts = await pushMovements(till.api, [
      movement({ storeId, productId: q.id, kind: 'count', delta: -1_000_000_000, countedQty: 0, expectedQty: 1_000_000_000 }),
      movement({ storeId, productId: q.id, kind: 'count', delta: -1_000_000_000, countedQty: 0, expectedQty: 1_000_000_000 }),
    ]);
    expect(counts.map((m) => m.rejection?.code ?? m.status)).toEqual(['accepted', 'out-of-range']);
    expect(await level(p.id)).toBe(1_000_000_000);
    expect(await level(q.id)).toBe(-1_000_000_000);
  });

  it('accepts a void once, only of a sale line of its ticket, and no more than was sold', async () => {
    const p = await createProduct(tenant.owner);
    await stockUp(tenant.owner, storeId, [[p.id, 20]]);
    const [sold] = await pushMovements(till.api, [sale(storeId, p.id, 3, 'TICKET-1')]);
    expect(sold!.status).toBe('accepted');
    const voidOf = (delta: number, ticketId: string) =>
      movement({ storeId, productId: p.id, kind: 'void', delta, ticketId, reason: 'returned' });
    const first = await pushMovements(till.api, [voidOf(3, 'TICKET-1')]);
    expect(first[0]!.status).toBe('accepted');
    const again = await pushMovements(till.api, [voidOf(3, 'TICKET-1'), voidOf(50, 'NO-SUCH-TICKET'), voidOf(1, 'TICKET-1')]);
    expect(again.map((m) => m.rejection?.code)).toEqual(['invalid-void', 'invalid-void', 'invalid-void']);
    expect(await level(p.id)).toBe(20);
  });

  it('accepts no transfer movement while no transfer exists (invalid-transfer)', async () => {
    const p = await createProduct(tenant.owner);
    const [m] = await pushMovements(till.api, [movement({ storeId, productId: p.id, kind: 'transfer_in', delta: 100, transferId: 'no-such-transfer' })]);
    expect(m).toMatchObject({ status: 'rejected', rejection: { code: 'invalid-transfer' } });
    // Without the transferId it names, a transfer movement is not even a valid input.
    expect((await expectProblem(pushMovements(till.api, [movement({ storeId, productId: p.id, kind: 'transfer_in', delta: 100 })]))).type).toBe('invalid-input');
    expect(await level(p.id)).toBe(0);
  });

  it('gives a deleted store or an unknown product a per-row verdict; the good rows behind land', async () => {
    const p = await createProduct(tenant.owner);
    const closing = await createStore(tenant.owner, 'Closing down');
    await stockUp(tenant.owner, closing.id, [[p.id, 4]]);
    await tenant.owner.api.replication.push.mutate({
      collection: 'stores',
      rows: [{ assumedMasterState: closing, newDocumentState: { ...closing, _deleted: true } }],
    });
    const good = receipt(storeId, p.id, 7);
    const out = await pushMovements(tenant.owner.api, [sale(closing.id, p.id, 1), receipt(storeId, 'no-such-product', 3), good]);
    expect(out.map((m) => m.rejection?.code ?? m.status)).toEqual(['unknown-store', 'unknown-product', 'accepted']);
    expect(await level(p.id)).toBe(7);
    expect(await level(p.id, closing.id)).toBe(4);
  });
});
