/**
 * The product editor's form state and its checks, pure. Field rules are the
 * shared schema's (via validateProduct); on top, uniqueness against the
 * catalog, which only the client can check before saving.
 */
import type { ProductDoc, ProductInput } from '../../data/api.js';
import type { CatalogLookup } from './csv-import.js';
import { DEFAULT_UNIT } from './csv-import.js';
import { formatMoneyPlain, parseMoney, type MoneyParseError } from './money.js';
import { parseThreshold, splitBarcodes, validateProduct, type FieldProblem } from './product-validation.js';

export interface ProductForm {
  sku: string;
  name: string;
  barcodes: string[];
  /** Text typed in the barcode box, not yet added (added on save too). */
  barcodeDraft: string;
  unit: string;
  price: string;
  cost: string;
  category: string;
  active: boolean;
}

export interface ThresholdForm {
  reorderPoint: string;
  criticalPoint: string;
}

export function productForm(p: ProductDoc | undefined, fractionDigits: number): ProductForm {
  return {
    sku: p?.sku ?? '',
    name: p?.name ?? '',
    barcodes: p ? [...p.barcodes] : [],
    barcodeDraft: '',
    unit: p?.unit ?? DEFAULT_UNIT,
    price: p ? formatMoneyPlain(p.priceCents, fractionDigits) : '',
    cost: p ? formatMoneyPlain(p.costCents, fractionDigits) : '',
    category: p?.category ?? '',
    active: p?.active ?? true,
  };
}

/** The fields a remote change can update (the draft barcode is the user's alone). */
export const REMOTE_FIELDS = ['sku', 'name', 'barcodes', 'unit', 'price', 'cost', 'category', 'active'] as const;
export type RemoteField = (typeof REMOTE_FIELDS)[number];

const sameField = (a: ProductForm, b: ProductForm, f: RemoteField) =>
  f === 'barcodes' ? a.barcodes.join('\n') === b.barcodes.join('\n') : a[f] === b[f];

export interface RebasedForm {
  form: ProductForm;
  /** Fields the user had not touched, now showing the new value. */
  updated: RemoteField[];
  /** Fields both the user and the other device changed, differently: the user's entry is kept. */
  conflicts: RemoteField[];
}

/**
 * The product changed elsewhere while its form was open (another device, a
 * sync): untouched fields take the new value, the user's edits are kept, and
 * fields changed on both sides are reported.
 */
export function rebaseForm(base: ProductForm, form: ProductForm, next: ProductForm): RebasedForm {
  const out: ProductForm = { ...form };
  const updated: RemoteField[] = [];
  const conflicts: RemoteField[] = [];
  for (const f of REMOTE_FIELDS) {
    if (sameField(base, next, f) || sameField(form, next, f)) continue;
    if (sameField(base, form, f)) {
      (out as unknown as Record<RemoteField, unknown>)[f] = f === 'barcodes' ? [...next.barcodes] : next[f];
      updated.push(f);
    } else {
      conflicts.push(f);
    }
  }
  return { form: out, updated, conflicts };
}

export function thresholdForm(t: { reorderPoint: number | null; criticalPoint: number | null } | undefined): ThresholdForm {
  return {
    reorderPoint: t?.reorderPoint == null ? '' : String(t.reorderPoint),
    criticalPoint: t?.criticalPoint == null ? '' : String(t.criticalPoint),
  };
}

const MONEY: Record<MoneyParseError, FieldProblem['code']> = {
  empty: 'required',
  'not-a-number': 'money-not-a-number',
  negative: 'money-negative',
  'too-many-decimals': 'money-too-many-decimals',
  'too-large': 'money-too-large',
};

export function checkProductForm(
  form: ProductForm,
  ctx: { id: string | undefined; fractionDigits: number; catalog: CatalogLookup },
): { ok: true; value: ProductInput } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const price = parseMoney(form.price, ctx.fractionDigits);
  if (!price.ok) problems.push({ field: 'price', code: MONEY[price.error], params: { digits: ctx.fractionDigits } });
  // An empty cost means "unknown", stored as 0.
  const cost = form.cost.trim() === '' ? ({ ok: true, cents: 0 } as const) : parseMoney(form.cost, ctx.fractionDigits);
  if (!cost.ok) problems.push({ field: 'cost', code: MONEY[cost.error], params: { digits: ctx.fractionDigits } });

  const barcodes = [...new Set([...form.barcodes, ...splitBarcodes(form.barcodeDraft)])];
  const input: ProductInput = {
    sku: form.sku,
    name: form.name,
    barcodes,
    unit: form.unit,
    priceCents: price.ok ? price.cents : 0,
    costCents: cost.ok ? cost.cents : 0,
    category: form.category.trim() === '' ? null : form.category,
    active: form.active,
  };
  if (ctx.id !== undefined) input.id = ctx.id;
  const checked = validateProduct(input);
  if (!checked.ok) problems.push(...checked.problems.filter((p) => !problems.some((q) => q.field === p.field)));

  const sku = checked.ok ? checked.value.sku : form.sku.trim();
  const owner = sku ? ctx.catalog.bySku(sku) : undefined;
  if (owner && owner.id !== ctx.id) problems.push({ field: 'sku', code: 'sku-taken', params: { name: owner.name } });
  for (const b of barcodes) {
    const other = ctx.catalog.byBarcode(b);
    if (other && other.id !== ctx.id) problems.push({ field: 'barcodes', code: 'barcode-taken', params: { barcode: b, sku: other.sku } });
  }
  if (problems.length > 0 || !checked.ok) return { ok: false, problems };
  return { ok: true, value: checked.value };
}

export function checkThresholdForm(
  form: ThresholdForm,
): { ok: true; value: { reorderPoint: number | null; criticalPoint: number | null } } | { ok: false; problems: FieldProblem[] } {
  const r = parseThreshold(form.reorderPoint, 'reorderPoint');
  const c = parseThreshold(form.criticalPoint, 'criticalPoint');
  const problems = [r.ok ? null : r.problem, c.ok ? null : c.problem].filter((p): p is FieldProblem => p !== null);
  if (!r.ok || !c.ok) return { ok: false, problems };
  return { ok: true, value: { reorderPoint: r.value, criticalPoint: c.value } };
}
