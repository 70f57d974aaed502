/**
 * Writes an import plan through the data API in batches, reporting progress
 * and yielding to the event loop between batches so the progress bar paints.
 * Products first, then the thresholds of the chosen store.
 */
import type { ProductInput, StockroomClient, ThresholdsRow } from '../../data/api.js';
import type { ImportPlan } from './csv-import.js';

export type ImportTarget = Pick<StockroomClient, 'importProducts' | 'setThresholds' | 'getStock'> & {
  /** Bulk thresholds when available (one write per batch instead of one per product). */
  setThresholdsMany?: (storeId: string, rows: ThresholdsRow[]) => Promise<unknown>;
};

export interface ImportRunProgress {
  phase: 'products' | 'thresholds';
  done: number;
  total: number;
}

export interface ImportOutcome {
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  thresholdsSet: number;
}

/**
 * Rows per importProducts call. Large on purpose: the data layer chunks and
 * reports progress itself, and each call ends with a catalog push, so fewer
 * calls mean fewer pushes racing the next local write.
 */
export const IMPORT_BATCH_SIZE = 5000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runImport(
  plan: ImportPlan,
  target: ImportTarget,
  options: {
    /** Store whose thresholds the file's reorder/critical columns set; null skips them. */
    storeId: string | null;
    onProgress?: (p: ImportRunProgress) => void;
    batchSize?: number;
    signal?: AbortSignal;
  },
): Promise<ImportOutcome> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const toWrite: ProductInput[] = plan.rows.filter((r) => !r.unchanged).map((r) => r.product);
  const storeId = options.storeId;
  const thresholdRows: ThresholdsRow[] = [];
  if (storeId) {
    for (const r of plan.rows) {
      if (!r.thresholds) continue;
      const current = target.getStock(storeId, r.product.id);
      if (
        (current?.reorderPoint ?? null) !== r.thresholds.reorderPoint ||
        (current?.criticalPoint ?? null) !== r.thresholds.criticalPoint
      ) {
        thresholdRows.push({ productId: r.product.id, ...r.thresholds });
      }
    }
  }

  let imported = 0;
  options.onProgress?.({ phase: 'products', done: 0, total: toWrite.length });
  for (let i = 0; i < toWrite.length; i += batchSize) {
    options.signal?.throwIfAborted();
    const batch = toWrite.slice(i, i + batchSize);
    const base = imported;
    imported += await target.importProducts(batch, (p) =>
      options.onProgress?.({ phase: 'products', done: base + p.done, total: toWrite.length }),
    );
    options.onProgress?.({ phase: 'products', done: imported, total: toWrite.length });
    await nextTask();
  }

  let thresholdsSet = 0;
  if (storeId && thresholdRows.length > 0) {
    options.onProgress?.({ phase: 'thresholds', done: 0, total: thresholdRows.length });
    // Thresholds are cheap per row; smaller steps keep the progress bar moving.
    const step = Math.min(batchSize, 500);
    for (let i = 0; i < thresholdRows.length; i += step) {
      options.signal?.throwIfAborted();
      const batch = thresholdRows.slice(i, i + step);
      if (target.setThresholdsMany) await target.setThresholdsMany(storeId, batch);
      else for (const { productId, ...t } of batch) await target.setThresholds(storeId, productId, t);
      thresholdsSet += batch.length;
      options.onProgress?.({ phase: 'thresholds', done: thresholdsSet, total: thresholdRows.length });
      await nextTask();
    }
  }

  const created = plan.rows.filter((r) => r.isNew).length;
  return {
    imported,
    created,
    updated: toWrite.length - created,
    unchanged: plan.rows.length - toWrite.length,
    thresholdsSet,
  };
}
