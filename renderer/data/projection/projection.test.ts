/**
 * The in-memory projection (DESIGN §5) over real RxDB data: it must equal the
 * shared `projectLevel` computed from scratch, follow change streams
 * incrementally, and show a local sale synchronously (same frame).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { projectLevel, stockId, uuidv7, type MovementDoc, type MovementStatus, type ProductDoc, type StockDoc } from '../../../shared/index.js';
import { databaseOf } from '../client.js';
import { appStorage } from '../local/database.js';
import type { Session } from '../api.js';
import { createStockroomClient } from '../client.js';
import { eventually } from '../testing/harness.js';

const session: Session = {
  serverUrl: 'http://127.0.0.1:9',
  deviceId: 'dev-1',
  deviceName: 'test',
  token: 't',
  tenantId: 'tenant',
  tenantName: 'T',
  currency: 'EUR',
  role: 'staff',
  storeIds: ['s1'],
  activeStoreId: 's1',
  pairedAt: 0,
};

const product = (id: string): ProductDoc => ({
  id, sku: id.toUpperCase(), name: `Product ${id}`, barcodes: [`99${id.length}${id.charCodeAt(1)}`], unit: 'pcs',
  priceCents: 250, costCents: 100, category: null, active: true, supplierId: null, supplierSku: null, packSize: 1, updatedAt: 0, seq: 1, _deleted: false,
});
const stock = (storeId: string, productId: string, onHand: number, appliedSeq: number): StockDoc => ({
  id: stockId(storeId, productId), storeId, productId, onHand, appliedSeq, reorderPoint: 5, criticalPoint: 2,
  updatedAt: 0, seq: appliedSeq, _deleted: false,
});
const mv = (storeId: string, productId: string, delta: number, status: MovementStatus, ledgerSeq: number | null): MovementDoc => ({
  id: uuidv7(), storeId, productId, kind: delta < 0 ? 'sale' : 'receipt', delta, reason: null, ticketId: null, transferId: null, purchaseOrderId: null, unitPriceCents: null, unitCostCents: null,
  countedQty: null, expectedQty: null, deviceId: 'dev-1', actor: null, clientTime: Date.now(), status,
  ledgerSeq, serverTime: null, balanceAfter: null, seq: ledgerSeq ?? 0, _deleted: false,
  rejection: status === 'rejected' ? { code: 'insufficient-stock', requested: -delta, available: 0, message: 'x' } : null,
});

async function offlineClient() {
  return createStockroomClient(session, { sync: false, dbName: `proj${uuidv7().slice(-12)}`, storage: appStorage() });
}

describe('projection over RxDB', () => {
  it('counts pending and not-yet-applied accepted movements only', async () => {
    const client = await offlineClient();
    const db = databaseOf(client);
    try {
      await db.products.bulkInsert([product('pa'), product('pb')]);
      await db.stock.insert(stock('s1', 'pa', 10, 5));
      await db.movements.bulkInsert([
        mv('s1', 'pa', -2, 'pending', null),
        mv('s1', 'pa', -1, 'accepted', 6), // after the stock row: not in onHand yet
        mv('s1', 'pa', -3, 'accepted', 4), // already inside onHand
        mv('s1', 'pa', -5, 'rejected', null), // never applied
        mv('s2', 'pa', -4, 'pending', null), // other store
      ]);
      await eventually(() => client.levels.get('s1', 'pa').level === 7, 5000, 'level 7');
      expect(client.levels.get('s1', 'pa')).toMatchObject({ onHand: 10, unappliedDelta: -3, reorderPoint: 5, criticalPoint: 2 });
      expect(client.levels.get('s2', 'pa').level).toBe(-4);

      // The server's row catches up (includes ledgerSeq 6): the accepted one drops out, pending stays.
      await db.stock.upsert(stock('s1', 'pa', 9, 6));
      await eventually(() => client.levels.get('s1', 'pa').onHand === 9, 5000, 'stock update');
      expect(client.levels.get('s1', 'pa').level).toBe(7);
      expect(client.stockRows('s1').find((r) => r.product.id === 'pa')?.state).toBe('ok');
    } finally {
      await client.close();
    }
  });

  it('a local sale repaints the level synchronously, before IndexedDB answers', async () => {
    const client = await offlineClient();
    const db = databaseOf(client);
    try {
      await db.products.insert(product('pc'));
      await db.stock.insert(stock('s1', 'pc', 4, 1));
      await eventually(() => client.catalog.get('pc') && client.levels.get('s1', 'pc').level === 4, 5000, 'loaded');
      let notified = 0;
      const unsub = client.levels.subscribe(() => notified++);
      const pending = client.sell({ lines: [{ productId: 'pc', qty: 1 }, { productId: 'pc', qty: 2 }] });
      // No await yet: the level already moved and listeners were told.
      expect(client.levels.get('s1', 'pc').level).toBe(1);
      expect(notified).toBeGreaterThan(0);
      const ticket = await pending;
      expect(ticket.movementIds).toHaveLength(1); // same product merged into one line
      expect(ticket.totalCents).toBe(750);
      unsub();
      expect(client.getHealth().pendingCount).toBe(1);
      expect(client.stockRows('s1').find((r) => r.product.id === 'pc')?.state).toBe('critical');
      const stored = await db.movements.findOne(ticket.movementIds[0]!).exec();
      expect(stored?.status).toBe('pending');
      expect(stored?.delta).toBe(-3);
    } finally {
      await client.close();
    }
  });

  it('matches projectLevel from scratch after random writes', async () => {
    const client = await offlineClient();
    const db = databaseOf(client);
    try {
      const stores = ['s1', 's2'];
      const products = ['p0', 'p1', 'p2', 'p3'];
      let seq = 1;
      const applied = new Map<string, number>();
      const statuses: MovementStatus[] = ['pending', 'accepted', 'rejected'];
      for (let round = 0; round < 6; round++) {
        const ms: MovementDoc[] = [];
        for (let i = 0; i < 15; i++) {
          const status = statuses[Math.floor(Math.random() * 3)]!;
          ms.push(mv(stores[i % 2]!, products[Math.floor(Math.random() * 4)]!, Math.floor(Math.random() * 9) - 5 || 1, status, status === 'accepted' ? seq++ : null));
        }
        await db.movements.bulkInsert(ms);
        // appliedSeq only grows on the server; model that.
        const rows = stores.flatMap((s) =>
          products.map((p) => {
            const key = `${s}:${p}`;
            const next = Math.max(applied.get(key) ?? 0, Math.floor(Math.random() * seq));
            applied.set(key, next);
            return stock(s, p, Math.floor(Math.random() * 50), next);
          }),
        );
        await db.stock.bulkUpsert(rows.filter(() => Math.random() < 0.5));
      }
      const allStock = (await db.stock.find().exec()).map((d) => d.toJSON());
      const allMovements = (await db.movements.find().exec()).map((d) => d.toJSON());
      await eventually(() => {
        return stores.every((s) =>
          products.every((p) => {
            const st = allStock.find((x) => x.storeId === s && x.productId === p) ?? null;
            const expected = projectLevel(st, allMovements.filter((m) => m.storeId === s && m.productId === p));
            return client.levels.get(s, p).level === expected;
          }),
        );
      }, 5000, 'index equals projectLevel');
    } finally {
      await client.close();
    }
  });
});
