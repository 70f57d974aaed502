/**
 * Stock list rows, pure: build them from the catalog and the level index,
 * then filter and sort. Kept apart from the component so 50 000-row
 * behaviour (order, filters, stability) is unit-tested.
 */
import type { ProductDoc, ProjectedLevel, StockRow } from '../../data/api.js';

export type StockState = StockRow['state'];
export type StockFilter = 'all' | 'low' | 'critical' | 'out';
export type StockSortKey = 'name' | 'sku' | 'level' | 'state';
export type SortDir = 'asc' | 'desc';

/** DESIGN §7: out ≤ 0, critical ≤ criticalPoint, low ≤ reorderPoint, else ok. */
export function stockState(level: number, reorderPoint: number | null, criticalPoint: number | null): StockState {
  if (level <= 0) return 'out';
  if (criticalPoint !== null && level <= criticalPoint) return 'critical';
  if (reorderPoint !== null && level <= reorderPoint) return 'low';
  return 'ok';
}

const SEVERITY: Record<StockState, number> = { ok: 0, low: 1, critical: 2, out: 3 };

/**
 * Every product of the catalog with its level in one store (0 when the store
 * never had it). Inactive products are left out unless they still hold stock.
 */
export function buildStockRows(
  products: readonly ProductDoc[],
  levelOf: (productId: string) => ProjectedLevel,
): StockRow[] {
  const rows: StockRow[] = [];
  for (const product of products) {
    const level = levelOf(product.id);
    if (!product.active && level.level === 0) continue;
    rows.push({ product, level, state: stockState(level.level, level.reorderPoint, level.criticalPoint) });
  }
  return rows;
}

/**
 * Each state filter lists exactly that state, so the counts on the filter
 * buttons add up. Text matches name, SKU, category or a barcode prefix.
 */
export function filterStockRows(rows: readonly StockRow[], filter: StockFilter, text: string): StockRow[] {
  const q = text.trim().toLowerCase();
  return rows.filter((r) => {
    if (filter !== 'all' && r.state !== filter) return false;
    if (q === '') return true;
    const p = r.product;
    return (
      p.name.toLowerCase().includes(q) ||
      p.sku.toLowerCase().includes(q) ||
      (p.category?.toLowerCase().includes(q) ?? false) ||
      p.barcodes.some((b) => b.startsWith(q))
    );
  });
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function sortStockRows(rows: StockRow[], key: StockSortKey, dir: SortDir): StockRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: StockRow, b: StockRow) => collator.compare(a.product.name, b.product.name);
  const cmp: Record<StockSortKey, (a: StockRow, b: StockRow) => number> = {
    name: byName,
    sku: (a, b) => collator.compare(a.product.sku, b.product.sku),
    level: (a, b) => a.level.level - b.level.level,
    state: (a, b) => SEVERITY[a.state] - SEVERITY[b.state],
  };
  // Ties fall back to name (always ascending) so the order is stable and readable.
  return rows.sort((a, b) => sign * cmp[key](a, b) || byName(a, b) || (a.product.id < b.product.id ? -1 : 1));
}

export function countByState(rows: readonly StockRow[]): Record<StockFilter, number> {
  const c = { all: rows.length, low: 0, critical: 0, out: 0 };
  for (const r of rows) {
    if (r.state === 'low') c.low++;
    else if (r.state === 'critical') c.critical++;
    else if (r.state === 'out') c.out++;
  }
  return c;
}
