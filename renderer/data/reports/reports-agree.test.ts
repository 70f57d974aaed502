/**
 * Issue 15 §4: for the same range the device's reports and `reports.*` on the server give the
 * same numbers. A real server, a ledger seeded over HTTP (receipts with costs, sales with prices
 * by two till users, a void, a count, a transfer between two stores), the real client on
 * fake-indexeddb once synced; then both sides compute sales by day and valuation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/index.js';
import { movement } from '../../../test/support/docs.js';
import { pushMovements } from '../../../test/support/replication.js';
import { createProduct, createStore, startTenant, type TestTenant } from '../../../test/support/tenant.js';
import type { StockroomClient } from '../api.js';
import { eventually, openClient } from '../testing/harness.js';

let tenant: TestTenant;
let client: StockroomClient;
let between = 0;

beforeAll(async () => {
  tenant = await startTenant({ args: ['--rate-limit', '100000'] });
  const a = tenant.defaultStoreId;
  const b = (await createStore(tenant.owner, '上海静安寺店')).id;
  const tea = (await createProduct(tenant.owner, '龙井茶')).id;
  const cups = (await createProduct(tenant.owner, 'Cups')).id;
  const api = tenant.owner.api;
  const accepted = async (rows: Parameters<typeof pushMovements>[1]) => {
    const out = await pushMovements(api, rows);
    expect(out.map((m) => m.rejection?.message ?? m.status)).toEqual(rows.map(() => 'accepted'));
  };
  await accepted([
    movement({ storeId: a, productId: tea, kind: 'receipt', delta: 10, unitCostCents: 200 }),
    movement({ storeId: a, productId: cups, kind: 'receipt', delta: 50 }), // no cost: the product's
    movement({ storeId: a, productId: tea, kind: 'sale', delta: -3, unitPriceCents: 450, actor: 'Mia', ticketId: 't1' }),
    movement({ storeId: a, productId: cups, kind: 'sale', delta: -5, unitPriceCents: 20, actor: 'Li', ticketId: 't2' }),
  ]);
  await new Promise((r) => setTimeout(r, 20));
  between = Date.now();
  await new Promise((r) => setTimeout(r, 20));
  const now = Date.now();
  const transferId = uuidv7();
  await api.replication.push.mutate({ collection: 'transfers', rows: [{ assumedMasterState: null, newDocumentState: {
    id: transferId, fromStoreId: a, toStoreId: b, note: null, state: 'draft', createdBy: null, createdAt: now, sentAt: null, closedAt: null, updatedAt: now, seq: null, _deleted: false,
    lines: [{ productId: tea, qty: 4, sent: 0, received: 0, returned: 0, writtenOff: 0 }],
  } }] });
  await accepted([
    movement({ storeId: a, productId: tea, kind: 'transfer_out', delta: -4, transferId }),
    movement({ storeId: b, productId: tea, kind: 'transfer_in', delta: 4, transferId }),
    movement({ storeId: b, productId: tea, kind: 'adjustment', delta: -1, reason: 'damaged', transferId }),
    movement({ storeId: b, productId: tea, kind: 'receipt', delta: 6, unitCostCents: 300 }),
    movement({ storeId: b, productId: tea, kind: 'sale', delta: -2, unitPriceCents: 500, actor: 'Mia', ticketId: 't3' }),
    movement({ storeId: b, productId: tea, kind: 'void', delta: 1, unitPriceCents: 500, actor: 'Mia', ticketId: 't3', reason: 'returned' }),
    movement({ storeId: a, productId: cups, kind: 'count', delta: -2, countedQty: 43, expectedQty: 45 }),
  ]);
  client = await openClient(tenant.owner, a);
  await client.whenInitialSyncDone();
  await eventually(async () => (await client.reports.valuation(Date.now() + 1000)).length === 3, 15_000, 'the ledger on the device');
}, 120_000);

afterAll(async () => {
  await client?.close();
  await tenant?.dispose();
});

describe('device and server reports agree', () => {
  it('sales by store and day, per till user', async () => {
    const range = { from: Date.now() - 86_400_000, to: Date.now() + 60_000 };
    const onDevice = await client.reports.salesByDay(range);
    const { days } = await tenant.owner.api.reports.salesByDay.query(range);
    expect(onDevice).toEqual(days);
    // And the figures are the ledger's: 3 × 4.50 + 5 × 0.20 at the first store, (2 − 1) × 5.00 at the second.
    expect(days.map((d) => [d.units, d.revenueCents]).sort()).toEqual([[1, 500], [8, 1450]].sort());
  });

  it('valuation now and as of a moment before the transfer', async () => {
    for (const asOf of [Date.now() + 1000, between]) {
      const onDevice = await client.reports.valuation(asOf);
      const { rows } = await tenant.owner.api.reports.valuation.query({ asOf });
      expect(onDevice).toEqual(rows);
    }
    const now = (await tenant.owner.api.reports.valuation.query({ asOf: Date.now() + 1000 })).rows;
    // Tea: 10 at 2.00, then 6 at 3.00 while the shop held 6 (3 at each store, the damaged one gone):
    // (6 × 200 + 6 × 300) / 12 = 250. Store A holds 3, store B 3 + 6 − 1 = 8.
    const tea = now.filter((r) => r.unitCostCents === 250).map((r) => [r.qty, r.valueCents]).sort();
    expect(tea).toEqual([[3, 750], [8, 2000]].sort());
    const before = (await tenant.owner.api.reports.valuation.query({ asOf: between })).rows;
    expect(before.map((r) => r.qty).sort()).toEqual([45, 7].sort());
  });
});
