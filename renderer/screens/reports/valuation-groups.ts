/** The valuation rows grouped per store (by name), products by name, with each store's totals. */
import type { ValuationRow } from '../../../shared/reports/index.js';

export interface StoreGroup {
  storeId: string;
  rows: ValuationRow[];
  total: { qty: number; valueCents: number; ageing: [number, number, number, number] };
}

/** Rows with nothing on hand are left out: a product sold out long ago is not stock. */
export function storeGroups(rows: readonly ValuationRow[], storeName: (id: string) => string, productName: (id: string) => string): StoreGroup[] {
  const byStore = new Map<string, StoreGroup>();
  for (const r of rows) {
    if (r.qty === 0) continue;
    const g = byStore.get(r.storeId) ?? { storeId: r.storeId, rows: [], total: { qty: 0, valueCents: 0, ageing: [0, 0, 0, 0] } };
    byStore.set(r.storeId, g);
    g.rows.push(r);
    g.total.qty += r.qty;
    g.total.valueCents += r.valueCents;
    const [a, b, c, d] = g.total.ageing;
    g.total.ageing = [a + r.ageing[0], b + r.ageing[1], c + r.ageing[2], d + r.ageing[3]];
  }
  const groups = [...byStore.values()].sort((a, b) => storeName(a.storeId).localeCompare(storeName(b.storeId)));
  for (const g of groups) g.rows.sort((a, b) => productName(a.productId).localeCompare(productName(b.productId)));
  return groups;
}
