/**
 * Local schema migrations keep unsynced movements: from v0, v1 and v2 of
 * `movements` they stay `pending` (they gain the new fields) and are pushed
 * afterwards; stock rows survive v0 → v1 of `stock`, products v0 → v1.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type MovementDoc } from '../../../shared/index.js';
import { createProducts, pairStaff, startTenant, stockUp, type TestTenant } from '../../../test/support/tenant.js';
import { appStorage, openDatabase } from './database.js';
import { RX_SCHEMAS, movementSchemaV0, movementSchemaV1, movementSchemaV2, productSchemaV0, stockSchemaV0 } from './schemas.js';
import { eventually, openClient } from '../testing/harness.js';

type V0Movement = Omit<MovementDoc, 'actor' | 'transferId' | 'purchaseOrderId' | 'unitPriceCents' | 'unitCostCents'>;

function v0Movement(storeId: string, productId: string, delta: number, status: 'pending' | 'accepted'): V0Movement {
  return {
    id: uuidv7(),
    storeId,
    productId,
    kind: delta < 0 ? 'sale' : 'receipt',
    delta,
    reason: null,
    ticketId: null,
    countedQty: null,
    expectedQty: null,
    deviceId: 'dev',
    clientTime: Date.now(),
    status,
    ledgerSeq: status === 'accepted' ? 1 : null,
    serverTime: null,
    balanceAfter: null,
    rejection: null,
    seq: 0,
    _deleted: false,
  };
}

describe('movements schema migration', () => {
  it('the current version is derived from the shared zod schema and v0 lacks actor', () => {
    const props = Object.keys((RX_SCHEMAS.movements as { properties: object }).properties);
    expect(props).toContain('actor');
    expect(props).not.toContain('_deleted');
    expect(Object.keys((movementSchemaV0 as { properties: object }).properties)).not.toContain('actor');
    expect(RX_SCHEMAS.movements.version).toBe(3);
    expect(props).toEqual(expect.arrayContaining(['transferId', 'purchaseOrderId', 'unitPriceCents', 'unitCostCents']));
    expect(RX_SCHEMAS.movements.indexes).not.toContain('status');
  });

  it('keeps pending movements through v0 → current (pure database)', async () => {
    const name = `mig${Date.now()}`;
    const old = await openDatabase({ name, storage: appStorage(), schemas: { movements: movementSchemaV0 } });
    const docs = [v0Movement('s1', 'p1', -2, 'pending'), v0Movement('s1', 'p1', 5, 'accepted'), v0Movement('s1', 'p2', -1, 'pending')];
    await old.movements.bulkInsert(docs as MovementDoc[]);
    await old.close();

    const db = await openDatabase({ name, storage: appStorage() });
    try {
      expect(db.movements.schema.version).toBe(3);
      const all = (await db.movements.find().exec()).map((d) => d.toJSON());
      expect(all).toHaveLength(3);
      for (const m of all) expect([m.transferId, m.purchaseOrderId, m.unitPriceCents, m.unitCostCents]).toEqual([null, null, null, null]);
      const pending = all.filter((m) => m.status === 'pending');
      expect(pending.map((m) => m.id).sort()).toEqual([docs[0]!.id, docs[2]!.id].sort());
      for (const m of all) expect(m.actor).toBeNull();
      // The new index works on migrated data.
      const byStore = await db.movements.find({ selector: { storeId: 's1', clientTime: { $gte: 0 } } }).exec();
      expect(byStore).toHaveLength(3);
    } finally {
      await db.close();
    }
  });
});

describe('v1 → v2 of movements and v0 → v1 of stock (indexes dropped)', () => {
  it('keeps every movement as it was, pending ones included, and every stock row', async () => {
    const name = `mig2${Date.now()}`;
    const old = await openDatabase({ name, storage: appStorage(), schemas: { movements: movementSchemaV1, stock: stockSchemaV0 } });
    const docs = [v0Movement('s1', 'p1', -2, 'pending'), v0Movement('s1', 'p2', 5, 'accepted')].map((m) => ({ ...m, actor: 'Ana' }));
    await old.movements.bulkInsert(docs as MovementDoc[]);
    const row = { id: 's1:p1', storeId: 's1', productId: 'p1', onHand: 3, appliedSeq: 1, reorderPoint: 2, criticalPoint: 1, updatedAt: 1, seq: 4 };
    await old.stock.insert(row as never);
    await old.close();

    const progress: [number, number][] = [];
    const db = await openDatabase({ name, storage: appStorage(), onMigrationProgress: (handled, total) => progress.push([handled, total]) });
    try {
      expect([db.movements.schema.version, db.stock.schema.version]).toEqual([3, 1]);
      // The loading screen's percentage: it ends at every document of both collections.
      expect(progress.at(-1)).toEqual([3, 3]);
      const all = (await db.movements.find().exec()).map((d) => d.toJSON());
      expect(all.map(({ id, status, actor }) => ({ id, status, actor })).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        docs.map(({ id, status }) => ({ id, status, actor: 'Ana' })).sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      expect((await db.stock.findOne('s1:p1').exec())?.toJSON()).toMatchObject(row);
    } finally {
      await db.close();
    }
  });
});

describe('protocol 2: v2 → v3 of movements and v0 → v1 of products', () => {
  it('keeps pending movements pending with the new fields null, and products with no supplier, by the piece', async () => {
    const name = `mig3${Date.now()}`;
    const old = await openDatabase({ name, storage: appStorage(), schemas: { movements: movementSchemaV2, products: productSchemaV0 } });
    const docs = [v0Movement('s1', 'p1', -2, 'pending'), v0Movement('s1', 'p2', 5, 'accepted')].map((m) => ({ ...m, actor: 'Ana' }));
    await old.movements.bulkInsert(docs as MovementDoc[]);
    const product = { id: 'p1', sku: 'A-1', name: 'Beans', barcodes: ['123'], unit: 'pcs', priceCents: 100, costCents: 50, category: null, active: true, updatedAt: 1, seq: 3 };
    await old.products.insert(product as never);
    await old.close();

    const db = await openDatabase({ name, storage: appStorage() });
    try {
      expect([db.movements.schema.version, db.products.schema.version]).toEqual([3, 1]);
      const all = (await db.movements.find().exec()).map((d) => d.toJSON());
      expect(all.filter((m) => m.status === 'pending').map((m) => m.id)).toEqual([docs[0]!.id]);
      for (const m of all) expect(m).toMatchObject({ actor: 'Ana', transferId: null, purchaseOrderId: null, unitPriceCents: null, unitCostCents: null });
      expect((await db.products.findOne('p1').exec())?.toJSON()).toMatchObject({ ...product, supplierId: null, supplierSku: null, packSize: 1 });
    } finally {
      await db.close();
    }
  });
});

describe('migrated pending movements are pushed afterwards', () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await startTenant();
  }, 120_000);
  afterAll(async () => tenant?.dispose());

  it('a sale written under v0 reaches the server after the upgrade', async () => {
    const storeId = tenant.defaultStoreId;
    const [p] = await createProducts(tenant.owner, 1);
    await stockUp(tenant.owner, storeId, [[p!.id, 10]]);
    const staff = await pairStaff(tenant, storeId, 'old-counter');
    const name = `migpush${Date.now()}`;
    const old = await openDatabase({ name, storage: appStorage(), schemas: { movements: movementSchemaV0 } });
    const sale = { ...v0Movement(storeId, p!.id, -3, 'pending'), deviceId: staff.deviceId };
    await old.movements.insert(sale as MovementDoc);
    await old.close();

    const client = await openClient(staff, storeId, { dbName: name });
    try {
      await eventually(async () => {
        const list = await new Promise<MovementDoc[]>((resolve) => {
          const sub = client.movements$({ storeId, productId: p!.id }).subscribe((l) => {
            resolve(l);
            queueMicrotask(() => sub.unsubscribe());
          });
        });
        return list.find((m) => m.id === sale.id && m.status === 'accepted');
      }, 15_000, 'migrated sale accepted');
      await eventually(() => client.levels.get(storeId, p!.id).onHand === 7, 10_000, 'server level 7');
      expect(client.levels.get(storeId, p!.id).level).toBe(7);
    } finally {
      await client.close();
    }
  });
});
