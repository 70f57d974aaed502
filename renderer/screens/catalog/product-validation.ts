/**
 * Product validation for the editor and the CSV importer. The rules are the
 * shared zod schemas' (`productPushSchema`, `nonNegativeQuantitySchema`);
 * this file only turns their issues into codes the screens translate, so a
 * rule changed in shared/ changes the forms and the importer with it.
 */
import type { z } from 'zod';
import { nonNegativeQuantitySchema, productPushSchema } from '../../../shared/index.js';
import type { ProductInput } from '../../data/api.js';

/** Form / CSV fields a problem can point at. */
export type ProductField =
  | 'sku'
  | 'name'
  | 'barcodes'
  | 'unit'
  | 'price'
  | 'cost'
  | 'category'
  | 'active'
  | 'reorderPoint'
  | 'criticalPoint'
  | 'row';

export type ProblemCode =
  | 'required'
  | 'too-long'
  | 'too-many'
  | 'barcode-format'
  | 'money-not-a-number'
  | 'money-negative'
  | 'money-too-many-decimals'
  | 'money-too-large'
  | 'not-a-boolean'
  | 'not-a-whole-number'
  | 'too-small'
  | 'too-large'
  | 'duplicate-sku'
  | 'duplicate-barcode'
  | 'barcode-taken'
  | 'sku-taken'
  | 'extra-fields'
  | 'invalid';

export interface FieldProblem {
  field: ProductField;
  code: ProblemCode;
  /** Values for the message: max length, the other line, the other SKU, the schema's own text… */
  params?: Record<string, string | number>;
}

const SCHEMA_FIELD: Record<string, ProductField> = {
  sku: 'sku',
  name: 'name',
  barcodes: 'barcodes',
  unit: 'unit',
  priceCents: 'price',
  costCents: 'cost',
  category: 'category',
  active: 'active',
};

/** One zod issue → a translatable problem on a form field. */
export function problemFromIssue(issue: z.core.$ZodIssue, fallbackField: ProductField = 'row'): FieldProblem {
  const top = issue.path[0];
  const field = (typeof top === 'string' && SCHEMA_FIELD[top]) || fallbackField;
  const inArray = issue.path.length > 1; // e.g. ['barcodes', 2]
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { field, code: 'required' };
      return { field, code: 'too-small', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { field, code: 'too-long', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'array') return { field, code: 'too-many', params: { max: Number(issue.maximum) } };
      return { field, code: 'too-large', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      if (field === 'barcodes' || inArray) {
        const index = issue.path[1];
        return { field, code: 'barcode-format', params: { index: typeof index === 'number' ? index + 1 : 0 } };
      }
      return { field, code: 'invalid', params: { detail: issue.message } };
    case 'invalid_type':
      if (issue.expected === 'int') return { field, code: 'not-a-whole-number' };
      return { field, code: 'required' };
    default:
      return { field, code: 'invalid', params: { detail: issue.message } };
  }
}

/**
 * Validate a product as the server will (the push schema) and return the
 * cleaned values (trimmed strings) or the problems. `id` may be a
 * placeholder for a product that does not exist yet.
 */
export function validateProduct(
  input: ProductInput,
  now: number = Date.now(),
): { ok: true; value: ProductInput } | { ok: false; problems: FieldProblem[] } {
  const result = productPushSchema.safeParse({
    ...input,
    id: input.id ?? 'new-product',
    updatedAt: now,
    seq: null,
    _deleted: false,
  });
  if (!result.success) return { ok: false, problems: result.error.issues.map((i) => problemFromIssue(i)) };
  const v = result.data;
  const value: ProductInput = {
    sku: v.sku,
    name: v.name,
    barcodes: v.barcodes,
    unit: v.unit,
    priceCents: v.priceCents,
    costCents: v.costCents,
    category: v.category,
    active: v.active,
  };
  if (input.id !== undefined) value.id = input.id;
  return { ok: true, value };
}

/** A reorder / critical point as typed: '' → null (no threshold), else a whole number ≥ 0. */
export function parseThreshold(
  text: string,
  field: 'reorderPoint' | 'criticalPoint',
): { ok: true; value: number | null } | { ok: false; problem: FieldProblem } {
  const s = text.trim();
  if (s === '') return { ok: true, value: null };
  if (!/^[+-]?\d+(\.0*)?$/.test(s)) return { ok: false, problem: { field, code: 'not-a-whole-number' } };
  const result = nonNegativeQuantitySchema.safeParse(Number(s));
  if (!result.success) return { ok: false, problem: problemFromIssue(result.error.issues[0]!, field) };
  return { ok: true, value: result.data };
}

/** Barcodes as typed or written in CSV: separated by "|", spaces, commas or newlines; duplicates dropped. */
export function splitBarcodes(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[|,;\s]+/)) {
    const b = part.trim();
    if (b !== '') seen.add(b);
  }
  return [...seen];
}

/** CSV / form booleans: yes/no in English and Chinese, 1/0, true/false; empty means the default. */
export function parseBoolean(text: string, fallback: boolean): boolean | null {
  const s = text.trim().toLowerCase();
  if (s === '') return fallback;
  if (['1', 'true', 'yes', 'y', 'active', 'on', '是', '启用'].includes(s)) return true;
  if (['0', 'false', 'no', 'n', 'inactive', 'off', '否', '停用'].includes(s)) return false;
  return null;
}
