import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc } from '../../shared/index.js';
import { salesByStoreDay, valuationAsOf } from '../../shared/reports/index.js';
import { testBackends, useBackend } from '../test-support/backends.js';
import { makeHarness, movement, product, pushRows } from '../test-support/harness.js';

/** `reports.*` on both backends: the shared computations over what the storage reads, scoped to the device's stores. */
describe.each(testBackends())('reports on %s', (backendName) => {
  const backend = useBackend(backendName);
  let h: Awaited<ReturnType<typeof makeHarness>>;
  let owner: Awaited<ReturnType<typeof h.pair>>;
  beforeAll(async () => {
    h = await makeHarness({ databaseUrl: await backend.databaseUrl() });
    owner = await h.pair('owner', []);
    await owner.api.replication.push({ collection: 'stores', rows: pushRows([{ id: 's2', name: 'Second', timezone: 'Asia/Shanghai', allowNegativeStock: false, _deleted: false }]) });
    await owner.api.replication.push({ collection: 'products', rows: pushRows([product('p1', { costCents: 70 }), product('p2')]) });
    await owner.api.replication.push({
      collection: 'movements',
      rows: pushRows([
        movement(h.mainStoreId, 'p1', { kind: 'receipt', delta: 10, unitCostCents: 100 }),
        movement('s2', 'p1', { kind: 'receipt', delta: 10, unitCostCents: 300 }),
        movement('s2', 'p2', { kind: 'receipt', delta: 4 }),
        movement(h.mainStoreId, 'p1', { kind: 'sale', delta: -2, unitPriceCents: 250, actor: 'Mia', clientTime: Date.now() }),
        movement('s2', 'p1', { kind: 'sale', delta: -1, unitPriceCents: 400, actor: 'Li', clientTime: Date.now() }),
        movement('s2', 'p1', { kind: 'sale', delta: -50, unitPriceCents: 400, actor: 'Li', clientTime: Date.now() }), // rejected: not counted
      ]),
    });
  }, 120_000);
  afterAll(() => h?.cleanup());

  const ledger = async () => (await owner.api.replication.pull({ collection: 'movements', checkpoint: null, limit: 1000 })).documents as MovementDoc[];

  it('sales by day: the shared computation over the accepted sales, in each store’s time zone', async () => {
    const range = { from: Date.now() - 3_600_000, to: Date.now() + 3_600_000 };
    const { days } = await owner.api.reports.salesByDay(range);
    const zones: Record<string, string> = { [h.mainStoreId]: 'UTC', s2: 'Asia/Shanghai' };
    expect(days).toEqual(salesByStoreDay((await ledger()).sort((a, b) => a.seq - b.seq), range, (s) => zones[s]!));
    expect(days.map((d) => [d.storeId, d.units, d.revenueCents]).sort()).toEqual([[h.mainStoreId, 2, 500], ['s2', 1, 400]].sort());
  });

  it('valuation: shop-wide average, rows of the stores the device sees', async () => {
    const asOf = Date.now() + 1000;
    const { rows } = await owner.api.reports.valuation({ asOf });
    const all = valuationAsOf((await ledger()).sort((a, b) => a.seq - b.seq), asOf, (id) => (id === 'p1' ? 70 : 50));
    expect(rows).toEqual(all);
    // (10 × 100 + 10 × 300) / 20 = 200 per unit of p1; p2 had no cost on its receipt: the product's 50.
    expect(rows.map((r) => [r.storeId, r.productId, r.qty, r.valueCents])).toEqual([
      [h.mainStoreId, 'p1', 8, 1600], ['s2', 'p1', 9, 1800], ['s2', 'p2', 4, 200],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))));
    const staff = await h.pair('staff', ['s2']);
    expect((await staff.api.reports.valuation({ asOf })).rows.map((r) => r.storeId)).toEqual(['s2', 's2']);
    expect((await staff.api.reports.salesByDay({ from: asOf - 7_200_000, to: asOf })).days.map((d) => d.storeId)).toEqual(['s2']);
  });
});
