/**
 * The purchasing commands of the real client against the REAL server: a manager's supplier and
 * draft go through the outbox, ordering stamps the expected date from the lead time, a staff
 * device of the store receives part of the order by scanning (receipts with the PO and the
 * line's cost, shown at once), what the shared rules would refuse is refused locally, and the
 * manager closes the rest short; the server's order, movements and stock agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onOrder, stockId } from '../../../shared/index.js';
import { latestById, pullAll } from '../../../test/support/replication.js';
import { pairWithRole, startStockedTenant, type TestTenant } from '../../../test/support/tenant.js';
import type { StockroomClient } from '../api.js';
import { eventually, openClient } from '../testing/harness.js';
import { CommandError } from './commands.js';

let tenant: TestTenant;
let storeId: string;
let products: string[];
const clients: StockroomClient[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
  ({ tenant, storeId, productIds: products } = await startStockedTenant(2, () => 5));
}, 120_000);

afterAll(async () => {
  for (const c of clients) await c.close();
  await tenant?.dispose();
});

const problemCodes = async (p: Promise<unknown>): Promise<string[]> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof CommandError) return err.problems.map((x) => x.code);
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('purchasing commands against the server', () => {
  it('supplier → draft → ordered → part received by staff → rest closed short; the server agrees', async () => {
    const [p, q] = products as [string, string];
    const manager = await openClient(await pairWithRole(tenant, 'manager', [storeId], 'office'), storeId);
    const staff = await openClient(await pairWithRole(tenant, 'staff', [storeId], 'back door'), storeId);
    clients.push(manager, staff);
    await Promise.all([manager.whenInitialSyncDone(), staff.whenInitialSyncDone()]);

    const supplierInput = { name: ' 上海茶叶 Tea Co. ', contact: 'Wei', email: null, phone: '', currency: 'eur', leadTimeDays: 4, minOrderCents: 10_000, notes: null, active: true };
    expect(await problemCodes(staff.saveSupplier(supplierInput))).toEqual(['not-allowed']);
    const supplier = await manager.saveSupplier(supplierInput);
    expect(supplier).toMatchObject({ name: '上海茶叶 Tea Co.', phone: null, currency: 'EUR' });
    expect(manager.purchaseOrders.suppliers().map((s) => s.id)).toEqual([supplier.id]);

    const draftInput = { supplierId: supplier.id, storeId, note: 'spring', lines: [{ productId: p, qty: 10, unitCostCents: 250 }, { productId: q, qty: 4, unitCostCents: 90 }] };
    expect(await problemCodes(staff.savePurchaseOrderDraft(draftInput))).toEqual(['not-allowed']);
    expect(await problemCodes(manager.savePurchaseOrderDraft({ ...draftInput, lines: [] }))).toEqual(['no-lines']);
    const draft = await manager.savePurchaseOrderDraft(draftInput);
    expect(manager.purchaseOrders.get(draft.id)?.state).toBe('draft');
    await eventually(() => staff.purchaseOrders.get(draft.id), 15_000, 'the draft on the staff device');
    // Not ordered yet: nothing is received against it.
    expect(await problemCodes(staff.receiveAgainstPurchaseOrder(draft.id, [{ productId: p, qty: 1 }]))).toEqual(['po-not-out']);

    const before = Date.now();
    const ordered = await manager.orderPurchaseOrder(draft.id);
    expect(ordered.state).toBe('ordered');
    expect(ordered.orderedAt).toBeGreaterThanOrEqual(before);
    expect(ordered.expectedAt).toBe((ordered.orderedAt ?? 0) + 4 * DAY);
    expect(await problemCodes(manager.orderPurchaseOrder(draft.id))).toEqual(['po-not-draft']);
    expect(await problemCodes(manager.savePurchaseOrderDraft({ ...draftInput, id: draft.id }))).toEqual(['po-not-draft']);
    await eventually(async () => latestById((await pullAll(tenant.owner.api, 'purchaseOrders')).documents).get(draft.id)?.state === 'ordered', 15_000, 'ordered on the server');
    await eventually(() => staff.purchaseOrders.get(draft.id)?.state === 'ordered', 15_000, 'ordered on the staff device');
    expect(staff.purchaseOrders.onOrder(storeId, p)).toBe(10);

    // Refused here as the server would: more than is on order, a product not on it.
    expect(await problemCodes(staff.receiveAgainstPurchaseOrder(draft.id, [{ productId: p, qty: 11 }]))).toEqual(['po-too-much']);
    const ids = await staff.receiveAgainstPurchaseOrder(draft.id, [{ productId: p, qty: 3 }, { productId: p, qty: 3 }, { productId: q, qty: 4 }]);
    expect(ids).toHaveLength(2);
    // Projected at once, before the server answers.
    const seen = staff.purchaseOrders.get(draft.id)!;
    expect(seen.state).toBe('partial');
    expect(seen.lines.map((l) => [l.received, onOrder(seen, l)])).toEqual([[6, 4], [4, 0]]);
    expect(staff.levels.get(storeId, p).level).toBe(11);
    expect(await problemCodes(staff.receiveAgainstPurchaseOrder(draft.id, [{ productId: p, qty: 5 }]))).toEqual(['po-too-much']);

    const partial = await eventually(async () => {
      const doc = latestById((await pullAll(tenant.owner.api, 'purchaseOrders')).documents).get(draft.id);
      return doc?.state === 'partial' ? doc : null;
    }, 15_000, 'the receipts on the server');
    expect(partial.lines.map((l) => l.received)).toEqual([6, 4]);
    await eventually(() => manager.purchaseOrders.get(draft.id)?.state === 'partial', 15_000, 'partial on the manager device');
    expect(await problemCodes(manager.cancelPurchaseOrder(draft.id))).toEqual(['po-cannot-cancel']);
    expect(await problemCodes(staff.closeLineShort(draft.id, p, 'out of stock'))).toEqual(['not-allowed']);
    expect(await problemCodes(manager.closeLineShort(draft.id, p, '  '))).toEqual(['reason-missing']);

    const closed = await manager.closeLineShort(draft.id, p, 'supplier out of stock');
    expect(closed.state).toBe('received');
    const done = await eventually(async () => {
      const doc = latestById((await pullAll(tenant.owner.api, 'purchaseOrders')).documents).get(draft.id);
      return doc?.state === 'received' ? doc : null;
    }, 15_000, 'closed short on the server');
    expect(done.lines.map((l) => [l.received, l.closedShortReason])).toEqual([[6, 'supplier out of stock'], [4, null]]);
    expect(done.closedAt).toEqual(expect.any(Number));
    await eventually(() => staff.purchaseOrders.get(draft.id)?.state === 'received', 15_000, 'received on the staff device');
    expect(staff.purchaseOrders.onOrder(storeId, p)).toBe(0);
    expect(await problemCodes(staff.receiveAgainstPurchaseOrder(draft.id, [{ productId: p, qty: 1 }]))).toEqual(['po-not-out']);

    const movements = (await pullAll(tenant.owner.api, 'movements')).documents.filter((m) => m.purchaseOrderId === draft.id);
    expect(movements.map((m) => [m.productId, m.kind, m.delta, m.unitCostCents, m.status]).sort()).toEqual([[p, 'receipt', 6, 250, 'accepted'], [q, 'receipt', 4, 90, 'accepted']].sort());
    const stock = latestById((await pullAll(tenant.owner.api, 'stock')).documents);
    expect(stock.get(stockId(storeId, p))?.onHand).toBe(11);
    expect(stock.get(stockId(storeId, q))?.onHand).toBe(9);
  }, 120_000);

  it('a draft or an order nothing arrived of is cancelled; a cancelled one takes no receipt', async () => {
    const [p] = products as [string, string];
    for (const c of clients.splice(0)) await c.close();
    const owner = await openClient(tenant.owner, storeId);
    clients.push(owner);
    await owner.whenInitialSyncDone();
    const supplier = owner.purchaseOrders.suppliers()[0]!;
    const a = await owner.savePurchaseOrderDraft({ supplierId: supplier.id, storeId, note: null, lines: [{ productId: p, qty: 2, unitCostCents: 100 }] });
    const changed = await owner.savePurchaseOrderDraft({ id: a.id, supplierId: supplier.id, storeId, note: 'more', lines: [{ productId: p, qty: 3, unitCostCents: 100 }] });
    expect(changed.lines[0]?.qty).toBe(3);
    await owner.cancelPurchaseOrder(a.id);
    expect(owner.purchaseOrders.get(a.id)?.state).toBe('cancelled');
    const b = await owner.savePurchaseOrderDraft({ supplierId: supplier.id, storeId, note: null, lines: [{ productId: p, qty: 2, unitCostCents: 100 }] });
    await owner.orderPurchaseOrder(b.id);
    await owner.cancelPurchaseOrder(b.id);
    expect(await problemCodes(owner.receiveAgainstPurchaseOrder(b.id, [{ productId: p, qty: 1 }]))).toEqual(['po-not-out']);
    const server = await eventually(async () => {
      const docs = latestById((await pullAll(tenant.owner.api, 'purchaseOrders')).documents);
      return docs.get(a.id)?.state === 'cancelled' && docs.get(b.id)?.state === 'cancelled' ? docs : null;
    }, 15_000, 'both cancelled on the server');
    expect(server.get(a.id)?.lines[0]?.qty).toBe(3);
  }, 120_000);
});
