import { describe, expect, it } from 'vitest';
import type { ValuationRow } from '../../../shared/reports/index.js';
import { storeGroups } from './valuation-groups.js';

const row = (storeId: string, productId: string, qty: number, valueCents: number, ageing: [number, number, number, number]): ValuationRow => ({
  storeId,
  productId,
  qty,
  unitCostCents: qty ? valueCents / qty : 0,
  valueCents,
  ageing,
});

describe('storeGroups', () => {
  it('groups by store name, sorts products by name, totals each store and drops empty rows', () => {
    const names: Record<string, string> = { a: 'Mall', b: 'Airport', p1: 'Tea', p2: 'Apple', p3: 'Gone' };
    const n = (id: string) => names[id] ?? id;
    const groups = storeGroups(
      [row('a', 'p1', 2, 300, [2, 0, 0, 0]), row('b', 'p1', 1, 150, [0, 1, 0, 0]), row('a', 'p2', 3, 600, [1, 0, 0, 2]), row('a', 'p3', 0, 0, [0, 0, 0, 0])],
      n,
      n,
    );
    expect(groups.map((g) => g.storeId)).toEqual(['b', 'a']);
    expect(groups[1]!.rows.map((r) => r.productId)).toEqual(['p2', 'p1']);
    expect(groups[1]!.total).toEqual({ qty: 5, valueCents: 900, ageing: [3, 0, 0, 2] });
  });
});
