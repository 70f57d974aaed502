/**
 * The CSV import and the store form end to end through the REAL data layer
 * (StockroomClient on fake-indexeddb) and the REAL sync server (child process
 * on 127.0.0.1, temp SQLite): a 5 000-line file with 3 bad lines lands as
 * 4 997 products with their thresholds on the server; a store written by the
 * owner's form reaches the server; the export re-imports as "unchanged".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/index.js';
import { pullAll } from '../../../test/support/replication.js';
import { startTenant, type TestTenant } from '../../../test/support/tenant.js';
import type { StockroomClient } from '../../data/api.js';
import { eventually, openClient } from '../../data/testing/harness.js';
import { exportCatalogCsv } from './csv-export.js';
import { planCsvImport } from './csv-import.js';
import { runImport, type ImportRunProgress } from './run-import.js';

let tenant: TestTenant;
let client: StockroomClient;

beforeAll(async () => {
  tenant = await startTenant();
  client = await openClient(tenant.owner, tenant.defaultStoreId);
  await client.whenInitialSyncDone();
}, 120_000);

afterAll(async () => {
  // Let the last stream events be written before closing: the client's close()
  // does not yet wait for in-flight catalog-pull writes (reported to the data-layer owner).
  await eventually(() => client.getHealth().pendingCount === 0, 30_000, 'quiet client').catch(() => undefined);
  await new Promise((r) => setTimeout(r, 2000));
  await client?.close();
  await tenant?.dispose();
});

function fiveThousandLines(): { text: string; bad: number[] } {
  const lines = ['sku,name,barcodes,unit,price,cost,category,active,reorder_point,critical_point'];
  for (let i = 1; i <= 5000; i++) {
    let row = `IMP-${i},"Imported ${i}, box",${7_000_000_000_000 + i},pcs,${i % 30}.49,1.10,Cat ${i % 9},yes,${i % 7},${i % 3}`;
    if (i === 100) row = 'IMP-100,Bad money,,pcs,12.345,,,yes,,';
    if (i === 2000) row = `IMP-1,Same SKU again,,pcs,1,,,yes,,`;
    if (i === 4500) row = `IMP-4500,Bad barcode,not a code!,pcs,1,,,yes,,`;
    lines.push(row);
  }
  return { text: lines.join('\r\n'), bad: [101, 2001, 4501] };
}

describe('CSV import through the data layer to the server', { timeout: 240_000 }, () => {
  it('imports 4 997 of 5 000 rows with thresholds, lists the 3 bad lines, and the server has them', async () => {
    const { text, bad } = fiveThousandLines();
    const plan = planCsvImport(text, { fractionDigits: 2, catalog: client.catalog, newId: () => uuidv7() });
    expect(plan.errors.map((e) => e.line)).toEqual(bad);
    const progress: ImportRunProgress[] = [];
    const outcome = await runImport(
      plan,
      {
        importProducts: (rows, p) => client.importProducts(rows, p),
        setThresholds: (s, p, t) => client.setThresholds(s, p, t),
        getStock: (s, p) => client.getStock(s, p),
        setThresholdsMany: (s, rows) => client.setThresholdsMany!(s, rows),
      },
      { storeId: tenant.defaultStoreId, onProgress: (p) => progress.push(p) },
    );
    expect(outcome).toMatchObject({ imported: 4997, created: 4997, thresholdsSet: 4997 });
    expect(progress.at(-1)).toEqual({ phase: 'thresholds', done: 4997, total: 4997 });
    expect(client.catalog.size()).toBe(4997);

    const products = await eventually(async () => {
      const docs = (await pullAll(tenant.owner.api, 'products')).documents;
      return docs.length === 4997 ? docs : null;
    }, 120_000, 'products on the server');
    const p7 = products.find((p) => p.sku === 'IMP-7')!;
    expect(p7).toMatchObject({ name: 'Imported 7, box', barcodes: ['7000000000007'], priceCents: 749, costCents: 110 });
    await eventually(async () => {
      const stock = (await pullAll(tenant.owner.api, 'stock')).documents;
      const row = stock.find((s) => s.productId === p7.id);
      return stock.length === 4997 && row?.reorderPoint === 0 && row.criticalPoint === 1;
    }, 120_000, 'thresholds on the server');
  });

  it('re-imports its own export as unchanged', async () => {
    const csv = exportCatalogCsv(
      client.catalog.all(),
      (id) => {
        const l = client.levels.get(tenant.defaultStoreId, id);
        return { level: l.level, reorderPoint: l.reorderPoint, criticalPoint: l.criticalPoint };
      },
      2,
    );
    const plan = planCsvImport(csv, { fractionDigits: 2, catalog: client.catalog, newId: () => uuidv7() });
    expect(plan.errors).toEqual([]);
    expect(plan.rows).toHaveLength(4997);
    expect(plan.rows.every((r) => r.unchanged && !r.isNew)).toBe(true);
    const outcome = await runImport(plan, client, { storeId: tenant.defaultStoreId });
    expect(outcome).toEqual({ imported: 0, created: 0, updated: 0, unchanged: 4997, thresholdsSet: 0 });
  });

  it('creates and renames a store through upsertStore; the server keeps it', async () => {
    const created = await client.upsertStore!({ name: ' Harbour ', timezone: 'Europe/Berlin', allowNegativeStock: true });
    expect(created.name).toBe('Harbour');
    expect(client.getStores().some((s) => s.id === created.id)).toBe(true);
    await client.upsertStore!({ id: created.id, name: 'Harbour branch', timezone: 'Europe/Berlin', allowNegativeStock: false });
    await eventually(async () => {
      const stores = (await pullAll(tenant.owner.api, 'stores')).documents;
      const s = stores.find((x) => x.id === created.id);
      return s?.name === 'Harbour branch' && s.allowNegativeStock === false && s.timezone === 'Europe/Berlin';
    }, 30_000, 'renamed store on the server');
  });
});
