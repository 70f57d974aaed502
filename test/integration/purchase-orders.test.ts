import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onOrder, uuidv7, type PurchaseOrderDoc } from '../../shared/index.js';
import { expectProblem, type Device } from '../support/client.js';
import { movement } from '../support/docs.js';
import { latestById, pullAll, pushMovements } from '../support/replication.js';
import { createProduct, pairWithRole, startTenant, type TestTenant } from '../support/tenant.js';

/** Issue 15: receipts against a purchase order (DESIGN §2, §4), over real HTTP on the run's backend. */
describe('purchase orders', () => {
  let tenant: TestTenant;
  let storeId: string;
  let manager: Device;
  let till: Device;
  const supplierId = uuidv7();

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    storeId = tenant.defaultStoreId;
    manager = await pairWithRole(tenant, 'manager', [storeId], 'manager');
    till = await pairWithRole(tenant, 'staff', [storeId], 'till');
    await manager.api.replication.push.mutate({
      collection: 'suppliers',
      rows: [{ assumedMasterState: null, newDocumentState: {
        id: supplierId, name: '上海茶叶 Tea Co.', contact: null, email: null, phone: null, currency: 'EUR', leadTimeDays: 5,
        minOrderCents: 10_000, notes: null, active: true, updatedAt: Date.now(), seq: null, _deleted: false,
      } }],
    });
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  const stored = async (id: string): Promise<PurchaseOrderDoc> => {
    const doc = latestById((await pullAll(tenant.owner.api, 'purchaseOrders')).documents).get(id);
    if (!doc) throw new Error(`order ${id} not on the server`);
    return doc;
  };
  async function write(doc: PurchaseOrderDoc | Omit<PurchaseOrderDoc, 'seq'>, assumed: PurchaseOrderDoc | null) {
    return manager.api.replication.push.mutate({ collection: 'purchaseOrders', rows: [{ assumedMasterState: assumed, newDocumentState: { ...doc, seq: assumed?.seq ?? null } }] });
  }
  const receive = (purchaseOrderId: string, productId: string, qty: number, unitCostCents = 250) =>
    movement({ storeId, productId, kind: 'receipt', delta: qty, purchaseOrderId, unitCostCents });

  it('ordered, received in two parts, the rest closed short: received counted by the server, nothing left on order', async () => {
    const tea = await createProduct(tenant.owner, '龙井茶');
    const cups = await createProduct(tenant.owner, 'Cups');
    const id = uuidv7();
    const now = Date.now();
    const draft = {
      id, supplierId, storeId, note: null, state: 'draft' as const, createdAt: now, orderedAt: null, expectedAt: null, closedAt: null, updatedAt: now, _deleted: false,
      lines: [
        { productId: tea.id, qty: 12, unitCostCents: 250, received: 0, closedShortReason: null },
        { productId: cups.id, qty: 6, unitCostCents: 90, received: 0, closedShortReason: null },
      ],
    };
    await write(draft, null);
    // Not ordered yet: a receipt against it is refused, and the stock does not move.
    expect((await pushMovements(till.api, [receive(id, tea.id, 1)]))[0]!.rejection?.message).toBe('This purchase order has not been ordered yet');
    const d = await stored(id);
    await write({ ...d, state: 'ordered', orderedAt: now, updatedAt: now + 1 }, d);
    const ordered = await stored(id);
    expect(ordered.state).toBe('ordered');
    expect(ordered.lines.map((l) => onOrder(ordered, l))).toEqual([12, 6]);

    // Once ordered, the lines are fixed: dropping a line or cutting a quantity is ignored (the conflict is the server's order).
    const [kept] = (await write({ ...ordered, lines: [{ ...ordered.lines[0]!, qty: 1 }], updatedAt: now + 2 }, ordered)) as PurchaseOrderDoc[];
    expect(kept!.lines.map((l) => [l.productId, l.qty])).toEqual([[tea.id, 12], [cups.id, 6]]);
    expect(kept!.state).toBe('ordered');

    const first = await pushMovements(till.api, [receive(id, tea.id, 8), receive(id, cups.id, 6, 90)]);
    expect(first.map((m) => m.status)).toEqual(['accepted', 'accepted']);
    const partial = await stored(id);
    expect(partial.state).toBe('partial');
    expect(partial.lines.map((l) => [l.received, onOrder(partial, l)])).toEqual([[8, 4], [6, 0]]);

    const second = await pushMovements(till.api, [receive(id, tea.id, 5), receive(id, tea.id, 3)]);
    expect(second.map((m) => m.rejection?.message ?? m.status)).toEqual(['Only 4 more of this line are on order', 'accepted']);
    const again = await stored(id);
    expect(again.lines[0]).toMatchObject({ received: 11 });
    // The last one never comes: the manager closes the line short, which finishes the order.
    await write({ ...again, lines: again.lines.map((l) => (l.productId === tea.id ? { ...l, closedShortReason: 'supplier out of stock' } : l)), updatedAt: Date.now() }, again);
    const done = await stored(id);
    expect(done).toMatchObject({ state: 'received', closedAt: expect.any(Number) });
    expect(done.lines.map((l) => onOrder(done, l))).toEqual([0, 0]);
    expect(done.lines[0]).toMatchObject({ received: 11, closedShortReason: 'supplier out of stock' });
    expect((await pushMovements(till.api, [receive(id, tea.id, 1)]))[0]!.rejection?.code).toBe('invalid-purchase-order');

    const stock = latestById((await pullAll(tenant.owner.api, 'stock')).documents);
    expect(stock.get(`${storeId}:${tea.id}`)?.onHand).toBe(11);
    expect(stock.get(`${storeId}:${cups.id}`)?.onHand).toBe(6);
    // A device cannot claim receipts: `received` is the server's.
    const claim = { ...done, lines: done.lines.map((l) => ({ ...l, received: 99 })) };
    const [conflict] = (await write(claim, done)) as PurchaseOrderDoc[];
    expect(conflict!.lines.map((l) => l.received)).toEqual([11, 6]);
  });

  it('names each product once', async () => {
    const p = await createProduct(tenant.owner);
    const now = Date.now();
    const line = { productId: p.id, qty: 5, unitCostCents: 100, received: 0, closedShortReason: null };
    const twice = {
      id: uuidv7(), supplierId, storeId, note: null, state: 'draft' as const, createdAt: now, orderedAt: null, expectedAt: null,
      closedAt: null, updatedAt: now, _deleted: false, lines: [line, line],
    };
    expect((await expectProblem(write(twice, null))).type).toBe('invalid-input');
  });
});
