/**
 * CSV → products to import, pure. Header `sku,name,barcodes,unit,price,cost,category,active`
 * (any order, case-insensitive; optional `reorder_point`, `critical_point`;
 * `level` is accepted and ignored because stock only changes through movements).
 *
 * Each data record is validated with the shared product schema, then checked
 * for duplicate SKUs / barcodes inside the file and against the catalog.
 * Bad records are reported by the physical line they start on; good ones
 * come out as `ProductInput` (existing SKU → same id, i.e. an update).
 */
import type { ProductDoc, ProductInput } from '../../data/api.js';
import { parseMoney, type MoneyParseError } from './money.js';
import {
  parseBoolean,
  parseThreshold,
  splitBarcodes,
  validateProduct,
  type FieldProblem,
  type ProductField,
} from './product-validation.js';
import { isBlankRecord, parseCsv, type CsvRecord } from './csv-parse.js';

export const CSV_COLUMNS = ['sku', 'name', 'barcodes', 'unit', 'price', 'cost', 'category', 'active'] as const;
export const CSV_THRESHOLD_COLUMNS = ['reorder_point', 'critical_point'] as const;
/** Written by the export for people reading the file; ignored on import. */
export const CSV_INFO_COLUMNS = ['level'] as const;

type Column = (typeof CSV_COLUMNS)[number] | 'reorder_point' | 'critical_point' | 'level';

/** Header spellings accepted for each column (after lower-casing and dropping spaces, _ and -). */
const HEADER_ALIASES: Record<string, Column> = {
  sku: 'sku',
  name: 'name',
  barcodes: 'barcodes',
  barcode: 'barcodes',
  ean: 'barcodes',
  unit: 'unit',
  price: 'price',
  cost: 'cost',
  category: 'category',
  active: 'active',
  reorderpoint: 'reorder_point',
  criticalpoint: 'critical_point',
  level: 'level',
  onhand: 'level',
};

export const DEFAULT_UNIT = 'pcs';

export interface CatalogLookup {
  bySku(sku: string): ProductDoc | undefined;
  byBarcode(barcode: string): ProductDoc | undefined;
}

export interface ImportContext {
  /** Decimals of the tenant currency (2 for EUR, 0 for JPY). */
  fractionDigits: number;
  catalog: CatalogLookup;
  /** Id for a product that is not in the catalog yet (UUIDv7 in the app; deterministic in tests). */
  newId: () => string;
}

export interface PlannedRow {
  line: number;
  product: ProductInput & { id: string };
  isNew: boolean;
  /** Same values as the catalog already has: nothing to write for the product itself. */
  unchanged: boolean;
  /** Present when the file has threshold columns. */
  thresholds: { reorderPoint: number | null; criticalPoint: number | null } | null;
}

export interface RowError {
  line: number;
  sku: string;
  name: string;
  problems: FieldProblem[];
  /** The record's cells as read, to hand the bad lines back as a CSV. */
  raw: string[];
}

export type FileProblem =
  | { code: 'empty' }
  | { code: 'missing-columns'; columns: string[] }
  | { code: 'duplicate-column'; column: string }
  | { code: 'unterminated-quote'; line: number };

export interface ImportPlan {
  rows: PlannedRow[];
  errors: RowError[];
  /** Problems with the file as a whole; when present, rows and errors are empty. */
  fileProblems: FileProblem[];
  /** Header columns the importer does not know (ignored; shown as a hint). */
  ignoredColumns: string[];
  /** The header cells as written in the file. */
  header: string[];
  /** Data records seen (blank lines excluded). */
  total: number;
}

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/** Spreadsheet-safe export prefixes "'" to text starting with = + - @; take it off again. */
export function unescapeFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

const MONEY_CODES: Record<MoneyParseError, FieldProblem['code']> = {
  empty: 'required',
  'not-a-number': 'money-not-a-number',
  negative: 'money-negative',
  'too-many-decimals': 'money-too-many-decimals',
  'too-large': 'money-too-large',
};

function money(text: string, field: ProductField, fractionDigits: number, required: boolean, problems: FieldProblem[]): number {
  if (text.trim() === '' && !required) return 0;
  const r = parseMoney(text, fractionDigits);
  if (r.ok) return r.cents;
  problems.push({ field, code: MONEY_CODES[r.error], params: { digits: fractionDigits } });
  return 0;
}

function sameProduct(a: ProductInput, b: ProductDoc): boolean {
  return (
    a.sku === b.sku &&
    a.name === b.name &&
    a.unit === b.unit &&
    a.priceCents === b.priceCents &&
    a.costCents === b.costCents &&
    a.category === b.category &&
    a.active === b.active &&
    a.barcodes.length === b.barcodes.length &&
    a.barcodes.every((x, i) => x === b.barcodes[i])
  );
}

interface Candidate {
  line: number;
  raw: string[];
  rawSku: string;
  rawName: string;
  problems: FieldProblem[];
  product: ProductInput | null;
  thresholds: PlannedRow['thresholds'];
}

export function planCsvImport(text: string, ctx: ImportContext): ImportPlan {
  const parsed = parseCsv(text);
  const empty: ImportPlan = { rows: [], errors: [], fileProblems: [], ignoredColumns: [], header: [], total: 0 };
  if (parsed.unterminatedQuoteAtLine !== null) {
    return { ...empty, fileProblems: [{ code: 'unterminated-quote', line: parsed.unterminatedQuoteAtLine }] };
  }
  const records = parsed.records.filter((r) => !isBlankRecord(r));
  const header = records[0];
  if (!header) return { ...empty, fileProblems: [{ code: 'empty' }] };

  // Map header positions → columns.
  const columnAt: Array<Column | null> = [];
  const seen = new Set<Column>();
  const ignoredColumns: string[] = [];
  for (const raw of header.fields) {
    const col = HEADER_ALIASES[normaliseHeader(raw)] ?? null;
    if (col && seen.has(col)) return { ...empty, fileProblems: [{ code: 'duplicate-column', column: raw.trim() }] };
    if (col) seen.add(col);
    else if (raw.trim() !== '') ignoredColumns.push(raw.trim());
    columnAt.push(col);
  }
  const missing = (['sku', 'name', 'price'] as const).filter((c) => !seen.has(c));
  if (missing.length > 0) return { ...empty, ignoredColumns, fileProblems: [{ code: 'missing-columns', columns: missing }] };
  const hasThresholds = seen.has('reorder_point') || seen.has('critical_point');

  const candidates = records.slice(1).map((record) => toCandidate(record, columnAt, hasThresholds, ctx));
  return { ...crossCheck(candidates, ctx), fileProblems: [], ignoredColumns, header: header.fields, total: candidates.length };
}

function toCandidate(
  record: CsvRecord,
  columnAt: Array<Column | null>,
  hasThresholds: boolean,
  ctx: ImportContext,
): Candidate {
  const problems: FieldProblem[] = [];
  const value: Partial<Record<Column, string>> = {};
  record.fields.forEach((f, i) => {
    const col = columnAt[i];
    if (col) value[col] = unescapeFormula(f);
    else if (i >= columnAt.length && f.trim() !== '') {
      if (!problems.some((p) => p.code === 'extra-fields')) {
        problems.push({ field: 'row', code: 'extra-fields', params: { count: record.fields.length, expected: columnAt.length } });
      }
    }
  });
  const get = (c: Column) => value[c] ?? '';

  const priceCents = money(get('price'), 'price', ctx.fractionDigits, true, problems);
  const costCents = money(get('cost'), 'cost', ctx.fractionDigits, false, problems);
  const active = parseBoolean(get('active'), true);
  if (active === null) problems.push({ field: 'active', code: 'not-a-boolean' });
  const unit = get('unit').trim() || DEFAULT_UNIT;
  const category = get('category').trim() || null;

  let thresholds: PlannedRow['thresholds'] = null;
  if (hasThresholds) {
    const r = parseThreshold(get('reorder_point'), 'reorderPoint');
    const c = parseThreshold(get('critical_point'), 'criticalPoint');
    if (!r.ok) problems.push(r.problem);
    if (!c.ok) problems.push(c.problem);
    thresholds = { reorderPoint: r.ok ? r.value : null, criticalPoint: c.ok ? c.value : null };
  }

  const input: ProductInput = {
    sku: get('sku'),
    name: get('name'),
    barcodes: splitBarcodes(get('barcodes')),
    unit,
    priceCents,
    costCents,
    category,
    active: active ?? true,
  };
  const checked = validateProduct(input);
  // Money problems are already reported from the text; the schema would only repeat them.
  if (!checked.ok) problems.push(...checked.problems.filter((p) => !problems.some((q) => q.field === p.field)));
  return {
    line: record.line,
    raw: record.fields,
    rawSku: get('sku').trim(),
    rawName: get('name').trim(),
    problems,
    product: problems.length === 0 && checked.ok ? checked.value : null,
    thresholds,
  };
}

/**
 * Keys compare the way the catalog index looks them up (case- and
 * accent-insensitive), so "ab-1" and "AB-1" count as the same SKU.
 */
function key(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Duplicate SKUs / barcodes within the file and barcodes owned by other catalog products. */
function crossCheck(candidates: Candidate[], ctx: ImportContext): Pick<ImportPlan, 'rows' | 'errors'> {
  const firstLineOfSku = new Map<string, number>();
  for (const c of candidates) {
    const sku = key(c.product?.sku ?? c.rawSku);
    if (sku === '') continue;
    const first = firstLineOfSku.get(sku);
    if (first === undefined) firstLineOfSku.set(sku, c.line);
    else c.problems.push({ field: 'sku', code: 'duplicate-sku', params: { line: first } });
  }

  // Barcodes the file gives each SKU (valid rows only): a catalog product that appears in
  // the file without a barcode gives it up, so another row may take it.
  const fileBarcodesOfSku = new Map<string, Set<string>>();
  for (const c of candidates) {
    if (c.problems.length === 0 && c.product) fileBarcodesOfSku.set(key(c.product.sku), new Set(c.product.barcodes.map(key)));
  }

  const barcodeOwner = new Map<string, { line: number; sku: string }>();
  for (const c of candidates) {
    if (!c.product || c.problems.length > 0) continue;
    const sku = key(c.product.sku);
    for (const barcode of c.product.barcodes) {
      const b = key(barcode);
      const inFile = barcodeOwner.get(b);
      if (inFile && inFile.sku !== sku) {
        c.problems.push({ field: 'barcodes', code: 'duplicate-barcode', params: { barcode, line: inFile.line } });
        continue;
      }
      const owner = ctx.catalog.byBarcode(barcode);
      if (owner && key(owner.sku) !== sku) {
        const ownerKeeps = fileBarcodesOfSku.get(key(owner.sku))?.has(b) ?? true;
        if (ownerKeeps) {
          c.problems.push({ field: 'barcodes', code: 'barcode-taken', params: { barcode, sku: owner.sku } });
          continue;
        }
      }
      if (!inFile) barcodeOwner.set(b, { line: c.line, sku });
    }
  }

  const rows: PlannedRow[] = [];
  const errors: RowError[] = [];
  for (const c of candidates) {
    if (c.problems.length > 0 || !c.product) {
      errors.push({ line: c.line, sku: c.rawSku, name: c.rawName, problems: c.problems, raw: c.raw });
      continue;
    }
    const existing = ctx.catalog.bySku(c.product.sku);
    const product = { ...c.product, id: existing?.id ?? ctx.newId() };
    rows.push({
      line: c.line,
      product,
      isNew: !existing,
      unchanged: existing !== undefined && sameProduct(product, existing),
      thresholds: c.thresholds,
    });
  }
  return { rows, errors };
}
