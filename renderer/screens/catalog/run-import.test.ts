import { describe, expect, it } from 'vitest';
import type { ProductInput, StockDoc } from '../../data/api.js';
import { planCsvImport } from './csv-import.js';
import { runImport, type ImportRunProgress, type ImportTarget } from './run-import.js';
import { counterIds, lookupOf, productDoc } from './csv-test-catalog.js';

/** Records what the import writes; a stand-in for the data layer's two write commands. */
function recordingTarget(stock: Record<string, Partial<StockDoc>> = {}) {
  const batches: ProductInput[][] = [];
  const thresholds: Array<[string, string, { reorderPoint: number | null; criticalPoint: number | null }]> = [];
  const target: ImportTarget = {
    async importProducts(rows, onProgress) {
      batches.push(rows);
      onProgress?.({ done: rows.length, total: rows.length });
      return rows.length;
    },
    async setThresholds(storeId, productId, t) {
      thresholds.push([storeId, productId, t]);
    },
    getStock: (storeId, productId) => stock[`${storeId}:${productId}`] as StockDoc | undefined,
  };
  return { target, batches, thresholds };
}

describe('runImport', () => {
  it('writes good rows in batches with monotonic progress ending at the total', async () => {
    const lines = ['sku,name,price'];
    for (let i = 1; i <= 1203; i++) lines.push(`S${i},Name ${i},1`);
    lines.push(',broken,1');
    const plan = planCsvImport(lines.join('\n'), { fractionDigits: 2, catalog: lookupOf([]), newId: counterIds() });
    const { target, batches } = recordingTarget();
    const progress: ImportRunProgress[] = [];
    const outcome = await runImport(plan, target, { storeId: null, batchSize: 500, onProgress: (p) => progress.push(p) });
    expect(batches.map((b) => b.length)).toEqual([500, 500, 203]);
    expect(outcome).toEqual({ imported: 1203, created: 1203, updated: 0, unchanged: 0, thresholdsSet: 0 });
    expect(progress.at(-1)).toEqual({ phase: 'products', done: 1203, total: 1203 });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
  });

  it('skips unchanged products and sets only thresholds that differ for the store', async () => {
    const existing = [productDoc({ id: 'p1', sku: 'A', name: 'A' }), productDoc({ id: 'p2', sku: 'B', name: 'B' })];
    const csv = 'sku,name,price,cost,reorder_point,critical_point\nA,A,1,0.5,5,2\nB,B renamed,1,0.5,4,\n';
    const plan = planCsvImport(csv, { fractionDigits: 2, catalog: lookupOf(existing), newId: counterIds() });
    const { target, batches, thresholds } = recordingTarget({ 's1:p1': { reorderPoint: 5, criticalPoint: 2 } });
    const outcome = await runImport(plan, target, { storeId: 's1' });
    expect(batches.flat().map((p) => p.id)).toEqual(['p2']);
    expect(thresholds).toEqual([['s1', 'p2', { reorderPoint: 4, criticalPoint: null }]]);
    expect(outcome).toMatchObject({ imported: 1, updated: 1, unchanged: 1, thresholdsSet: 1 });
  });

  it('uses bulk thresholds when the target has them, in batches', async () => {
    const lines = ['sku,name,price,reorder_point'];
    for (let i = 1; i <= 7; i++) lines.push(`S${i},N${i},1,${i}`);
    const plan = planCsvImport(lines.join('\n'), { fractionDigits: 2, catalog: lookupOf([]), newId: counterIds() });
    const { target, thresholds } = recordingTarget();
    const bulk: number[] = [];
    const progress: ImportRunProgress[] = [];
    await runImport(plan, { ...target, setThresholdsMany: async (_s, rows) => bulk.push(rows.length) }, {
      storeId: 's1', batchSize: 3, onProgress: (p) => progress.push(p),
    });
    expect(bulk).toEqual([3, 3, 1]);
    expect(thresholds).toEqual([]);
    expect(progress.filter((p) => p.phase === 'thresholds').map((p) => p.done)).toEqual([0, 3, 6, 7]);
  });
});
