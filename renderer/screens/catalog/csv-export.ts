/**
 * Catalog → CSV, pure. The file re-imports unchanged through `planCsvImport`:
 * same header names, money as plain decimals in the tenant currency, barcodes
 * joined with "|", thresholds of the chosen store, and the store's level as
 * an informative column the importer ignores.
 */
import Papa from 'papaparse';
import type { ProductDoc } from '../../data/api.js';
import { formatMoneyPlain } from './money.js';
import { CSV_COLUMNS, type RowError } from './csv-import.js';

export interface ExportLevel {
  level: number | null;
  reorderPoint: number | null;
  criticalPoint: number | null;
}

export const EXPORT_HEADER = [...CSV_COLUMNS, 'reorder_point', 'critical_point', 'level'] as const;

/**
 * One CSV file on papaparse: quoted where needed (RFC 4180), CRLF records, a BOM so spreadsheet
 * apps open UTF-8 (Chinese names) correctly. `formulaSafe` defuses spreadsheet formulas
 * (a leading = + - @ tab or CR gets a "'") — for the catalog export, whose cells a spreadsheet
 * would run; the refused lines go back as they came, to be fixed and imported again.
 */
function toCsv(rows: ReadonlyArray<readonly string[]>, formulaSafe: boolean): string {
  return `\uFEFF${Papa.unparse(rows as string[][], { newline: '\r\n', escapeFormulae: formulaSafe })}\r\n`;
}

export function exportCatalogCsv(
  products: readonly ProductDoc[],
  levelOf: (productId: string) => ExportLevel | null,
  fractionDigits: number,
): string {
  const rows: string[][] = [[...EXPORT_HEADER]];
  const count = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  for (const p of products) {
    const l = levelOf(p.id);
    rows.push([
      p.sku,
      p.name,
      p.barcodes.join('|'),
      p.unit,
      formatMoneyPlain(p.priceCents, fractionDigits),
      formatMoneyPlain(p.costCents, fractionDigits),
      p.category ?? '',
      p.active ? 'true' : 'false',
      count(l?.reorderPoint),
      count(l?.criticalPoint),
      count(l?.level),
    ]);
  }
  return toCsv(rows, true);
}

/**
 * The lines an import refused, as a CSV with the file's own header plus a
 * reason column, so they can be fixed in a spreadsheet and imported again
 * (the importer ignores the extra column).
 */
export function exportRejectedLines(
  header: readonly string[],
  errors: readonly RowError[],
  reasonColumn: string,
  reasonOf: (error: RowError) => string,
): string {
  const width = header.length;
  const rows = [[...header, reasonColumn]];
  for (const e of errors) rows.push([...Array.from({ length: width }, (_, i) => e.raw[i] ?? ''), reasonOf(e)]);
  return toCsv(rows, false);
}
