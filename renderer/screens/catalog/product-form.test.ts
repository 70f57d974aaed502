import { describe, expect, it } from 'vitest';
import { lookupOf, productDoc } from './csv-test-catalog.js';
import { checkProductForm, checkThresholdForm, productForm, rebaseForm, thresholdForm } from './product-form.js';

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

describe('rebaseForm (the product changed elsewhere while its form was open)', () => {
  const base = productForm(productDoc({ id: 'p9', sku: 'TEA-9', name: 'Tea', priceCents: 250, barcodes: ['111'] }), 2);

  it('takes the new value in untouched fields and keeps the user’s edits', () => {
    const form = { ...base, name: 'Green tea' };
    const next = { ...base, price: '2.75', barcodes: ['111', '222'] };
    const r = rebaseForm(base, form, next);
    expect(r.form).toMatchObject({ name: 'Green tea', price: '2.75', barcodes: ['111', '222'] });
    expect(r.updated.sort()).toEqual(['barcodes', 'price']);
    expect(r.conflicts).toEqual([]);
  });

  it('reports a field changed on both sides and keeps the user’s entry', () => {
    const r = rebaseForm(base, { ...base, name: 'Green tea' }, { ...base, name: 'Black tea' });
    expect(r.form.name).toBe('Green tea');
    expect(r.conflicts).toEqual(['name']);
    expect(r.updated).toEqual([]);
  });

  it('is quiet when both sides made the same change, or nothing changed', () => {
    expect(rebaseForm(base, { ...base, name: 'Chai' }, { ...base, name: 'Chai' })).toMatchObject({ updated: [], conflicts: [] });
    expect(rebaseForm(base, base, { ...base })).toMatchObject({ updated: [], conflicts: [] });
  });

  it('never touches the barcode still being typed', () => {
    const r = rebaseForm(base, { ...base, barcodeDraft: '99' }, { ...base, barcodeDraft: '', unit: 'kg' });
    expect(r.form.barcodeDraft).toBe('99');
    expect(r.form.unit).toBe('kg');
  });
});
