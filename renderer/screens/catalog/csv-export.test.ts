import { describe, expect, it } from 'vitest';
import { exportCatalogCsv, exportRejectedLines } from './csv-export.js';
import { planCsvImport } from './csv-import.js';
import { parseCsv } from './csv-parse.js';
import { counterIds, lookupOf, productDoc } from './csv-test-catalog.js';

const products = [
  productDoc({ id: 'a', sku: 'A-1', name: 'Tea, "green"\nlarge', barcodes: ['111', '222'], priceCents: 1250, costCents: 5, category: 'Tea' }),
  productDoc({ id: 'b', sku: '=B2', name: '  padded name', barcodes: [], unit: 'g', priceCents: 0, costCents: 0, active: false }),
  productDoc({ id: 'c', sku: 'C;3', name: '绿茶 500 克', barcodes: ['9-9'], priceCents: 123456, category: '茶叶' }),
];
const levels = new Map([
  ['a', { level: 12, reorderPoint: 10, criticalPoint: 3 }],
  ['c', { level: -2, reorderPoint: null, criticalPoint: null }],
]);

describe('exportCatalogCsv', () => {
  const csv = exportCatalogCsv(products, (id) => levels.get(id) ?? null, 2);

  it('writes a BOM, the importer header and CRLF records', () => {
    expect(csv.startsWith('\uFEFFsku,name,barcodes,unit,price,cost,category,active,reorder_point,critical_point,level\r\n')).toBe(true);
    const records = parseCsv(csv).records;
    expect(records).toHaveLength(4);
    expect(records[1]!.fields).toEqual(['A-1', 'Tea, "green"\nlarge', '111|222', 'pcs', '12.50', '0.05', 'Tea', 'true', '10', '3', '12']);
    expect(records[2]!.fields[0]).toBe("'=B2");
  });

  it('round-trips through the importer: same products, same ids, nothing to write', () => {
    const catalog = lookupOf(products);
    const plan = planCsvImport(csv, { fractionDigits: 2, catalog, newId: counterIds() });
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((r) => ({ ...r.product }))).toEqual(
      products.map(({ id, sku, name, barcodes, unit, priceCents, costCents, category, active }) => ({
        id, sku, name: name.trim(), barcodes, unit, priceCents, costCents, category, active,
      })),
    );
    expect(plan.rows.map((r) => r.thresholds)).toEqual([
      { reorderPoint: 10, criticalPoint: 3 },
      { reorderPoint: null, criticalPoint: null },
      { reorderPoint: null, criticalPoint: null },
    ]);
    // 'padded name' is trimmed by the schema, so only that product counts as changed.
    expect(plan.rows.map((r) => r.unchanged)).toEqual([true, false, true]);
  });

  it('round-trips into an empty catalog as new products with the same fields', () => {
    const plan = planCsvImport(csv, { fractionDigits: 2, catalog: lookupOf([]), newId: counterIds() });
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((r) => [r.product.sku, r.product.priceCents, r.isNew])).toEqual([
      ['A-1', 1250, true],
      ['=B2', 0, true],
      ['C;3', 123456, true],
    ]);
  });

});

describe('exportRejectedLines', () => {
  it('hands back the refused lines with a reason column; fixed, they import', () => {
    const text = 'sku,name,price\nOK-1,Fine,1\nBAD-1,"Needs, quotes",abc\n';
    const plan = planCsvImport(text, { fractionDigits: 2, catalog: lookupOf([]), newId: counterIds() });
    const csv = exportRejectedLines(plan.header, plan.errors, 'error', (e) => e.problems.map((p) => p.code).join('; '));
    expect(parseCsv(csv).records.map((r) => r.fields)).toEqual([
      ['sku', 'name', 'price', 'error'],
      ['BAD-1', 'Needs, quotes', 'abc', 'money-not-a-number'],
    ]);
    const fixed = csv.replace('abc', '2.00');
    const again = planCsvImport(fixed, { fractionDigits: 2, catalog: lookupOf([]), newId: counterIds() });
    expect(again.errors).toEqual([]);
    expect(again.ignoredColumns).toEqual(['error']);
    expect(again.rows[0]!.product).toMatchObject({ sku: 'BAD-1', name: 'Needs, quotes', priceCents: 200 });
  });
});
