import { describe, expect, it } from 'vitest';
import { planCsvImport, type ImportContext } from './csv-import.js';
import { counterIds, lookupOf, productDoc } from './csv-test-catalog.js';

const HEADER = 'sku,name,barcodes,unit,price,cost,category,active';

function ctx(products = [productDoc({ id: 'p-old', sku: 'OLD-1', name: 'Old', barcodes: ['4000000000001'] })]): ImportContext {
  return { fractionDigits: 2, catalog: lookupOf(products), newId: counterIds() };
}

describe('planCsvImport', () => {
  it('maps a good row to a ProductInput in cents, with defaults for empty optional cells', () => {
    const plan = planCsvImport(`${HEADER}\nA-1,Green tea,111|222 333,g,12.50,7,Tea,yes\nA-2,Cup,,,3,,,\n`, ctx());
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((r) => r.product)).toEqual([
      { id: 'new-1', sku: 'A-1', name: 'Green tea', barcodes: ['111', '222', '333'], unit: 'g', priceCents: 1250, costCents: 700, category: 'Tea', active: true },
      { id: 'new-2', sku: 'A-2', name: 'Cup', barcodes: [], unit: 'pcs', priceCents: 300, costCents: 0, category: null, active: true },
    ]);
    expect(plan.rows.every((r) => r.isNew && r.thresholds === null)).toBe(true);
  });

  it('accepts the header in another order and case, with BOM and CRLF', () => {
    const plan = planCsvImport('\uFEFFName,SKU,Price,Active\r\n"Tea, ""green""",T1,"1,50",0\r\n', ctx());
    expect(plan.errors).toEqual([]);
    expect(plan.rows[0]!.product).toMatchObject({ sku: 'T1', name: 'Tea, "green"', priceCents: 150, active: false });
  });

  it('updates an existing SKU under its id and spots rows that change nothing', () => {
    const plan = planCsvImport(`${HEADER}\nOLD-1,Old,4000000000001,pcs,1.00,0.50,,true\nOLD-1x,Other,,pcs,1,,,\n`, ctx());
    expect(plan.rows[0]).toMatchObject({ isNew: false, unchanged: true, product: { id: 'p-old' } });
    expect(plan.rows[1]).toMatchObject({ isNew: true, unchanged: false });
  });

  it('reports bad rows by the physical line they start on, with every reason', () => {
    const text = [
      HEADER,
      'B-1,"Multi',
      'line name",,pcs,2.00,,,', // record on lines 2–3, fine
      ',No sku,,pcs,1,,,', // line 4
      'B-2,,bad code!,pcs,abc,-1,,maybe', // line 5
      'B-3,Three decimals,,pcs,1.234,,,', // line 6
      'B-4,Too many cells,,pcs,1,,,,surplus', // line 7
    ].join('\n');
    const plan = planCsvImport(text, ctx());
    expect(plan.rows.map((r) => r.line)).toEqual([2]);
    expect(plan.rows[0]!.product.name).toBe('Multi\nline name');
    const byLine = Object.fromEntries(plan.errors.map((e) => [e.line, e.problems.map((p) => `${p.field}:${p.code}`)]));
    expect(byLine[4]).toEqual(['sku:required']);
    expect(byLine[5]).toEqual(expect.arrayContaining(['price:money-not-a-number', 'cost:money-negative', 'active:not-a-boolean', 'name:required', 'barcodes:barcode-format']));
    expect(byLine[6]).toEqual(['price:money-too-many-decimals']);
    expect(byLine[7]).toEqual(['row:extra-fields']);
  });

  it('uses the shared schema limits (name ≤ 200 characters)', () => {
    const plan = planCsvImport(`${HEADER}\nL-1,${'x'.repeat(201)},,pcs,1,,,\n`, ctx());
    expect(plan.errors[0]!.problems).toEqual([{ field: 'name', code: 'too-long', params: { max: 200 } }]);
  });

  it('flags a repeated SKU and a barcode used twice, naming the first line', () => {
    const text = `${HEADER}\nD-1,One,555,pcs,1,,,\nD-2,Two,555,pcs,1,,,\nd-1,One again,,pcs,1,,,\n`;
    const plan = planCsvImport(text, ctx());
    expect(plan.rows.map((r) => r.line)).toEqual([2]);
    // SKUs compare case-insensitively, as the catalog index looks them up.
    expect(plan.errors.map(({ raw: _raw, ...e }) => e)).toEqual([
      { line: 3, sku: 'D-2', name: 'Two', problems: [{ field: 'barcodes', code: 'duplicate-barcode', params: { barcode: '555', line: 2 } }] },
      { line: 4, sku: 'd-1', name: 'One again', problems: [{ field: 'sku', code: 'duplicate-sku', params: { line: 2 } }] },
    ]);
  });

  it('refuses a barcode another catalog product keeps, allows it when the file moves it', () => {
    const taken = planCsvImport(`${HEADER}\nN-1,New,4000000000001,pcs,1,,,\n`, ctx());
    expect(taken.errors[0]!.problems[0]).toMatchObject({ code: 'barcode-taken', params: { sku: 'OLD-1' } });
    const moved = planCsvImport(`${HEADER}\nN-1,New,4000000000001,pcs,1,,,\nOLD-1,Old,,pcs,1,0.5,,\n`, ctx());
    expect(moved.errors).toEqual([]);
  });

  it('reads threshold columns and ignores the informative level column', () => {
    const plan = planCsvImport('sku,name,price,reorder_point,critical_point,level\nT-1,T,1,10,,7\nT-2,U,1,-3,x,0\n', ctx());
    expect(plan.rows[0]!.thresholds).toEqual({ reorderPoint: 10, criticalPoint: null });
    expect(plan.errors[0]!.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'reorderPoint:too-small',
      'criticalPoint:not-a-whole-number',
    ]);
  });

  it('refuses files without the needed columns, empty files and open quotes', () => {
    expect(planCsvImport('name,price\nx,1', ctx()).fileProblems).toEqual([{ code: 'missing-columns', columns: ['sku'] }]);
    expect(planCsvImport('\n\n', ctx()).fileProblems).toEqual([{ code: 'empty' }]);
    expect(planCsvImport(`${HEADER}\nA,"open,,,1`, ctx()).fileProblems).toEqual([{ code: 'unterminated-quote', line: 2 }]);
    expect(planCsvImport('sku,sku,name,price\n', ctx()).fileProblems[0]).toMatchObject({ code: 'duplicate-column' });
  });

  it('imports 4 997 of 5 000 rows and lists exactly the 3 bad lines', () => {
    const lines = [HEADER];
    const badLines = new Map<number, string>();
    for (let i = 1; i <= 5000; i++) {
      const line = i + 1; // the header is line 1
      let row = `SKU-${i},"Product ${i}, size ${i % 7}",${8_000_000_000_000 + i},pcs,${(i % 50) + 0.99},${i % 30}.10,Cat ${i % 12},true`;
      if (i === 17) { row = `SKU-${i},Bad price,,pcs,twelve,,,`; badLines.set(line, 'price:money-not-a-number'); }
      if (i === 2500) { row = `SKU-10,Duplicate SKU,,pcs,1,,,`; badLines.set(line, 'sku:duplicate-sku'); }
      if (i === 4999) { row = `SKU-${i},,${8_000_000_000_000 + i},pcs,1,,,`; badLines.set(line, 'name:required'); }
      lines.push(row);
    }
    const plan = planCsvImport(lines.join('\r\n') + '\r\n', ctx());
    expect(plan.total).toBe(5000);
    expect(plan.rows).toHaveLength(4997);
    expect(plan.errors.map((e) => e.line)).toEqual([...badLines.keys()]);
    for (const e of plan.errors) expect(e.problems.map((p) => `${p.field}:${p.code}`)).toEqual([badLines.get(e.line)]);
    expect(new Set(plan.rows.map((r) => r.product.id)).size).toBe(4997);
    expect(plan.rows.find((r) => r.product.sku === 'SKU-1')!.product).toMatchObject({ priceCents: 199, costCents: 110 });
  });
});
