import { describe, expect, it } from 'vitest';
import { lookupOf, productDoc } from './csv/test-catalog.js';
import { checkProductForm, checkThresholdForm, productForm, thresholdForm } from './product-form.js';

const catalog = lookupOf([
  productDoc({ id: 'p1', sku: 'TEA-1', name: 'Green tea', barcodes: ['111'], priceCents: 1250, costCents: 600, category: 'Tea' }),
  productDoc({ id: 'p2', sku: 'CUP-1', name: 'Cup', barcodes: ['222'] }),
]);
const ctx = (id?: string) => ({ id, fractionDigits: 2, catalog });

describe('product form', () => {
  it('round-trips an existing product through the form unchanged', () => {
    const form = productForm(productDoc({ id: 'p1', sku: 'TEA-1', name: 'Green tea', barcodes: ['111'], priceCents: 1250, costCents: 600, category: 'Tea' }), 2);
    expect(form.price).toBe('12.50');
    const r = checkProductForm(form, ctx('p1'));
    expect(r).toEqual({ ok: true, value: { id: 'p1', sku: 'TEA-1', name: 'Green tea', barcodes: ['111'], unit: 'pcs', priceCents: 1250, costCents: 600, category: 'Tea', active: true } });
  });

  it('adds the barcode still typed in the box and trims text', () => {
    const form = { ...productForm(undefined, 2), sku: ' NEW-1 ', name: ' Mug ', price: '3,5', barcodeDraft: '333 444' };
    const r = checkProductForm(form, ctx());
    expect(r.ok && r.value).toMatchObject({ sku: 'NEW-1', name: 'Mug', priceCents: 350, costCents: 0, barcodes: ['333', '444'], category: null });
    expect(r.ok && 'id' in r.value).toBe(false);
  });

  it('reports schema problems, bad money and catalog clashes per field', () => {
    const form = { ...productForm(undefined, 2), sku: 'tea-1', name: '', price: '1.234', cost: 'x', barcodes: ['222', 'bad code'] };
    const r = checkProductForm(form, ctx());
    expect(r.ok).toBe(false);
    const codes = !r.ok ? r.problems.map((p) => `${p.field}:${p.code}`) : [];
    expect(codes).toEqual(expect.arrayContaining([
      'price:money-too-many-decimals', 'cost:money-not-a-number', 'name:required', 'barcodes:barcode-format', 'sku:sku-taken', 'barcodes:barcode-taken',
    ]));
  });

  it('checks thresholds as whole numbers ≥ 0, empty meaning none', () => {
    expect(checkThresholdForm(thresholdForm({ reorderPoint: 10, criticalPoint: null }))).toEqual({ ok: true, value: { reorderPoint: 10, criticalPoint: null } });
    const bad = checkThresholdForm({ reorderPoint: '2.5', criticalPoint: '-1' });
    expect(!bad.ok && bad.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['reorderPoint:not-a-whole-number', 'criticalPoint:too-small']);
  });
});
