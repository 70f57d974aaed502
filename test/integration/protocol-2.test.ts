import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_ID, uuidv7, type PurchaseOrderDoc, type SettingsDoc, type TransferDoc } from '../../shared/index.js';
import { expectProblem, type Device } from '../support/client.js';
import { product, receipt, sale } from '../support/docs.js';
import { latestById, pullAll, pushMovements, pushProducts } from '../support/replication.js';
import { createProduct, createStore, pairStaff, pairWithRole, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

/** The protocol-2 documents (DESIGN §2) and devices of protocol 1 during the release that accepts both. */
describe('protocol 2', () => {
  let tenant: TestTenant;
  let storeA: string;
  let storeB: string;
  let staffA: Device;

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    storeA = tenant.defaultStoreId;
    storeB = (await createStore(tenant.owner, 'Branch B')).id;
    staffA = await pairStaff(tenant, storeA, 'till A');
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  const push = (device: Device, collection: string, docs: unknown[], assumed: unknown[] = []) =>
    device.api.replication.push.mutate({
      collection,
      rows: docs.map((newDocumentState, i) => ({ assumedMasterState: assumed[i] ?? null, newDocumentState })),
    } as never) as Promise<unknown[]>;

  it('records the price of a sale line and the cost of a receipt line', async () => {
    const p = await createProduct(tenant.owner, 'Espresso beans');
    const [r] = await pushMovements(tenant.owner.api, [{ ...receipt(storeA, p.id, 10), unitCostCents: 640 }]);
    const [s] = await pushMovements(staffA.api, [{ ...sale(storeA, p.id, 2, uuidv7()), unitPriceCents: 1299 }]);
    expect(r).toMatchObject({ status: 'accepted', unitCostCents: 640, unitPriceCents: null });
    expect(s).toMatchObject({ status: 'accepted', unitPriceCents: 1299, unitCostCents: null, transferId: null, purchaseOrderId: null });
    // A price on a receipt, a cost on a sale: not what these lines carry.
    expect((await expectProblem(pushMovements(staffA.api, [{ ...receipt(storeA, p.id, 1), unitPriceCents: 5 }]))).type).toBe('invalid-input');
    expect((await expectProblem(pushMovements(staffA.api, [{ ...sale(storeA, p.id, 1), unitCostCents: 5 }]))).type).toBe('invalid-input');
  });

  it('takes a device of protocol 1 as it is, and its edits never wipe what it does not know', async () => {
    const v1 = tenant.owner.api;
    const p = { ...product('Oat milk'), supplierId: 'supplier-1', supplierSku: 'OAT-1', packSize: 6 };
    await pushProducts(v1, [p]);
    const old = (({ supplierId, supplierSku, packSize, ...rest }) => (void [supplierId, supplierSku, packSize], rest))(p);
    // Protocol 1 knows no supplier fields: it renames the product from what it last saw.
    await push(tenant.owner, 'products', [{ ...old, name: 'Oat milk 1 l' }], [old]);
    const stored = latestById((await pullAll(v1, 'products')).documents).get(p.id)!;
    expect(stored).toMatchObject({ name: 'Oat milk 1 l', supplierId: 'supplier-1', supplierSku: 'OAT-1', packSize: 6 });
    // Its movements carry none of protocol 2's fields.
    await stockUp(tenant.owner, storeA, [[p.id, 5]]);
    const legacy = (({ transferId, purchaseOrderId, unitPriceCents, unitCostCents, ...rest }) =>
      (void [transferId, purchaseOrderId, unitPriceCents, unitCostCents], rest))(sale(storeA, p.id, 1));
    const [m] = (await push(staffA, 'movements', [legacy])) as Array<{ status: string; unitPriceCents: unknown }>;
    expect(m).toMatchObject({ status: 'accepted', unitPriceCents: null });
  });

  it('keeps one settings document per tenant, the owner\'s to edit', async () => {
    const [settings] = (await pullAll(staffA.api, 'settings')).documents as SettingsDoc[];
    expect(settings).toMatchObject({ id: SETTINGS_ID, businessName: 'My shop', currency: 'USD' });
    const next = { ...settings!, businessName: 'Kaffeehaus Müller', currency: 'EUR', timezone: 'Europe/Vienna', updatedAt: Date.now() };
    expect((await expectProblem(push(staffA, 'settings', [next], [settings]))).type).toBe('forbidden');
    await push(tenant.owner, 'settings', [next], [settings]);
    expect((await staffA.api.auth.whoami.query())).toMatchObject({ tenantName: 'Kaffeehaus Müller', currency: 'EUR' });
    expect((await expectProblem(push(tenant.owner, 'settings', [{ ...next, timezone: 'Mars/Olympus' }], [next]))).type).toBe('invalid-input');
  });

  it('scopes purchase orders and transfers to their stores, and keeps the fields the server owns', async () => {
    const p = await createProduct(tenant.owner, 'Cups');
    const supplier = { id: uuidv7(), name: 'Cup & Co', contact: null, email: null, phone: null, currency: 'EUR', leadTimeDays: 3, minOrderCents: 5000, notes: null, active: true, updatedAt: Date.now() };
    await push(tenant.owner, 'suppliers', [supplier]);
    const order = (storeId: string): Omit<PurchaseOrderDoc, 'seq' | '_deleted'> => ({
      id: uuidv7(), supplierId: supplier.id, storeId, note: null, state: 'draft', createdAt: Date.now(), orderedAt: null,
      expectedAt: null, closedAt: null, updatedAt: Date.now(),
      lines: [{ productId: p.id, qty: 24, unitCostCents: 35, received: 99, closedShortReason: null }],
    });
    const poA = order(storeA);
    const conflicts = (await push(tenant.owner, 'purchaseOrders', [poA, { ...order(storeB), state: 'received' }])) as PurchaseOrderDoc[];
    // The server owns `received` and the states after `ordered`: both rows come back as it stored them.
    expect(conflicts.map((c) => [c.lines[0]!.received, c.state])).toEqual([[0, 'draft'], [0, 'draft']]);
    const transfer: Omit<TransferDoc, 'seq' | '_deleted'> = {
      id: uuidv7(), fromStoreId: storeB, toStoreId: storeA, note: 'weekly', state: 'sent', createdBy: 'Ana', createdAt: Date.now(),
      sentAt: Date.now(), closedAt: null, updatedAt: Date.now(), lines: [{ productId: p.id, qty: 5, sent: 5, received: 0, returned: 0, writtenOff: 0 }],
    };
    const [t] = (await push(tenant.owner, 'transfers', [transfer])) as TransferDoc[];
    expect(t).toMatchObject({ state: 'draft', sentAt: null, lines: [{ sent: 0 }] });
    // Staff of store A see their store's order and the transfer into it, not store B's order.
    const staffOrders = (await pullAll(staffA.api, 'purchaseOrders')).documents as PurchaseOrderDoc[];
    expect(staffOrders.map((o) => o.storeId)).toEqual([storeA]);
    expect(((await pullAll(staffA.api, 'transfers')).documents as TransferDoc[]).map((x) => x.id)).toEqual([transfer.id]);
    expect((await expectProblem(push(staffA, 'purchaseOrders', [order(storeA)]))).type).toBe('forbidden');
    const managerA = await pairWithRole(tenant, 'manager', [storeA], 'manager A');
    expect((await expectProblem(push(managerA, 'purchaseOrders', [order(storeB)]))).type).toBe('forbidden-store');
    await push(managerA, 'purchaseOrders', [order(storeA)]);
  });

  it('keeps the first resolution of an exception; only a manager or the owner dismisses, with a reason', async () => {
    const p = await createProduct(tenant.owner, 'Filter papers');
    const [refused] = await pushMovements(staffA.api, [sale(storeA, p.id, 3)]);
    expect(refused).toMatchObject({ status: 'rejected' });
    const resolution = (over: Record<string, unknown>) => ({
      id: refused!.id, storeId: storeA, productId: p.id, resolution: 'counted', reason: null, resolvingMovementId: uuidv7(),
      resolvedBy: 'Mia', at: Date.now(), updatedAt: Date.now(), ...over,
    });
    const dismissal = resolution({ resolution: 'dismissed', reason: 'miscounted at delivery', resolvingMovementId: null, resolvedBy: 'Ana' });
    expect((await expectProblem(push(staffA, 'resolutions', [dismissal]))).type).toBe('forbidden');
    const managerA = await pairWithRole(tenant, 'manager', [storeA], 'manager A2');
    expect((await expectProblem(push(managerA, 'resolutions', [{ ...dismissal, reason: null }]))).type).toBe('invalid-input');
    expect((await expectProblem(push(managerA, 'resolutions', [{ ...dismissal, storeId: storeB }]))).type).toBe('forbidden-store');

    await push(staffA, 'resolutions', [resolution({})]);
    // A dismissal arriving later for the same exception changes nothing: the count resolved it.
    const [back] = (await push(managerA, 'resolutions', [dismissal])) as Array<{ resolution: string; resolvedBy: string }>;
    expect(back).toMatchObject({ resolution: 'counted', resolvedBy: 'Mia' });
    const stored = latestById((await pullAll(staffA.api, 'resolutions')).documents).get(refused!.id);
    expect(stored).toMatchObject({ resolution: 'counted', resolvedBy: 'Mia', reason: null });
  });
});
