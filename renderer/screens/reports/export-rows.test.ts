import { describe, expect, it } from 'vitest';
import type { SalesDay, ValuationRow } from '../../../shared/reports/index.js';
import { toCsv } from './csv-export.js';
import { salesExport, valuationExport, type ExportNames } from './export-rows.js';

const names: ExportNames = {
  store: (id) => ({ s1: '总店', s2: 'Mall' })[id] ?? id,
  product: (id) => ({ p1: '绿茶', p2: '=cmd' })[id] ?? id,
  noActor: '(none)',
};

describe('salesExport', () => {
  it('writes the day total and a row per till user, money in currency units', () => {
    const days: SalesDay[] = [
      { storeId: 's1', day: '2026-11-30', units: 5, revenueCents: 1250, byActor: [{ actor: 'Ann', units: 3, revenueCents: 750 }, { actor: null, units: 2, revenueCents: 500 }] },
    ];
    expect(salesExport(days, names, ['Store', 'Day', 'User', 'Units', 'Revenue'], 100)).toEqual({
      header: ['Store', 'Day', 'User', 'Units', 'Revenue'],
      rows: [
        ['总店', '2026-11-30', '', 5, 12.5],
        ['总店', '2026-11-30', 'Ann', 3, 7.5],
        ['总店', '2026-11-30', '(none)', 2, 5],
      ],
    });
  });
  it('keeps a currency without minor units whole', () => {
    const days: SalesDay[] = [{ storeId: 's2', day: '2026-11-30', units: 1, revenueCents: 1200, byActor: [] }];
    expect(salesExport(days, names, [], 1).rows).toEqual([['Mall', '2026-11-30', '', 1, 1200]]);
  });
});

describe('valuationExport', () => {
  const rows: ValuationRow[] = [
    { storeId: 's1', productId: 'p1', qty: 3, unitCostCents: 333.3333, valueCents: 1000, ageing: [1, 2, 0, 0] },
    { storeId: 's2', productId: 'p2', qty: -1, unitCostCents: 200, valueCents: 0, ageing: [0, 0, 0, 0] },
  ];
  it('writes store, product, qty, unit cost, value and the ageing buckets', () => {
    expect(valuationExport(rows, names, [], 100).rows).toEqual([
      ['总店', '绿茶', 3, 3.33, 10, 1, 2, 0, 0],
      ['Mall', '=cmd', -1, 2, 0, 0, 0, 0, 0],
    ]);
  });
  it('escapes the formula-like name in CSV but not the negative quantity', () => {
    const csv = toCsv(valuationExport(rows, names, ['Store', 'Product'], 100));
    expect(csv).toContain("Mall,'=cmd,-1,2,0");
  });
});
