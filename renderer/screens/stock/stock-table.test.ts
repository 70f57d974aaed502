import { describe, expect, it } from 'vitest';
import type { ProductDoc, ProjectedLevel } from '../../data/api.js';
import { buildStockRows, countByState, filterStockRows, sortStockRows, stockState } from './stock-table.js';

function product(i: number, extra: Partial<ProductDoc> = {}): ProductDoc {
  return {
    id: `p${i}`, sku: `SKU-${i}`, name: `Item ${i}`, barcodes: [`400${i}`], unit: 'pcs',
    priceCents: 100, costCents: 50, category: i % 2 ? 'Odd' : 'Even', active: true, supplierId: null, supplierSku: null, packSize: 1, updatedAt: 1, seq: 1, _deleted: false,
    ...extra,
  };
}

function levelOf(levels: Record<string, [number, number | null, number | null]>) {
  return (productId: string): ProjectedLevel => {
    const [level, reorderPoint, criticalPoint] = levels[productId] ?? [0, null, null];
    return { storeId: 's', productId, level, onHand: level, unappliedDelta: 0, reorderPoint, criticalPoint, hasStockRow: productId in levels, stocked: productId in levels };
  };
}

describe('stockState', () => {
  it('follows DESIGN §7 with the worst level winning', () => {
    expect(stockState(0, 10, 3)).toBe('out');
    expect(stockState(-2, null, null)).toBe('out');
    expect(stockState(3, 10, 3)).toBe('critical');
    expect(stockState(10, 10, 3)).toBe('low');
    expect(stockState(11, 10, 3)).toBe('ok');
    expect(stockState(5, null, null)).toBe('ok');
  });
});

describe('stock rows', () => {
  const products = [product(1), product(2), product(3), product(4), product(5, { active: false }), product(6, { active: false })];
  const rows = buildStockRows(products, levelOf({ p1: [20, 10, 3], p2: [8, 10, 3], p3: [2, 10, 3], p6: [4, null, null] }));

  it('lists every active product (0 without a stock row) and inactive ones only while they hold stock', () => {
    expect(rows.map((r) => [r.product.id, r.level.level, r.state])).toEqual([
      ['p1', 20, 'ok'], ['p2', 8, 'low'], ['p3', 2, 'critical'], ['p4', 0, 'out'], ['p6', 4, 'ok'],
    ]);
  });

  it('filters by exactly one state and by text over name, SKU, category and barcode prefix', () => {
    expect(filterStockRows(rows, 'low', '').map((r) => r.product.id)).toEqual(['p2']);
    expect(filterStockRows(rows, 'critical', '').map((r) => r.product.id)).toEqual(['p3']);
    expect(filterStockRows(rows, 'out', '').map((r) => r.product.id)).toEqual(['p4']);
    expect(filterStockRows(rows, 'all', 'sku-3').map((r) => r.product.id)).toEqual(['p3']);
    expect(filterStockRows(rows, 'all', '4002').map((r) => r.product.id)).toEqual(['p2']);
    expect(filterStockRows(rows, 'out', 'even').map((r) => r.product.id)).toEqual(['p4']);
    expect(filterStockRows(rows, 'low', 'odd').map((r) => r.product.id)).toEqual([]);
    expect(countByState(rows)).toEqual({ all: 5, low: 1, critical: 1, out: 1 });
  });

  it('sorts by level, state, SKU (numeric-aware) and name, both directions, ties by name', () => {
    const ids = (k: Parameters<typeof sortStockRows>[1], d: 'asc' | 'desc') => sortStockRows([...rows], k, d).map((r) => r.product.id);
    expect(ids('level', 'asc')).toEqual(['p4', 'p3', 'p6', 'p2', 'p1']);
    expect(ids('level', 'desc')).toEqual(['p1', 'p2', 'p6', 'p3', 'p4']);
    expect(ids('state', 'desc')).toEqual(['p4', 'p3', 'p2', 'p1', 'p6']);
    const many = Array.from({ length: 12 }, (_, i) => product(i + 1));
    const skuRows = buildStockRows(many, levelOf({}));
    expect(sortStockRows(skuRows, 'sku', 'asc').slice(0, 3).map((r) => r.product.sku)).toEqual(['SKU-1', 'SKU-2', 'SKU-3']);
    expect(sortStockRows(skuRows, 'name', 'desc')[0]!.product.name).toBe('Item 12');
  });

  it('filters and sorts 50 000 products', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => product(i));
    const sorted = sortStockRows(filterStockRows(buildStockRows(big, levelOf({})), 'all', 'item 4'), 'name', 'asc');
    expect(sorted.length).toBe(11_111);
    const names = sorted.map((r) => r.product.name);
    expect(names.every((n) => n.toLowerCase().includes('item 4'))).toBe(true);
    const numeric = new Intl.Collator(undefined, { numeric: true });
    expect(names.every((n, i) => i === 0 || numeric.compare(names[i - 1]!, n) <= 0)).toBe(true);
    expect(names.slice(0, 3)).toEqual(['Item 4', 'Item 40', 'Item 41']);
  });
});
