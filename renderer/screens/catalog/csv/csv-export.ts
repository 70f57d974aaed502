/**
 * Catalog → CSV, pure. The file re-imports unchanged through `planCsvImport`:
 * same header names, money as plain decimals in the tenant currency, barcodes
 * joined with "|", thresholds of the chosen store, and the store's level as
 * an informative column the importer ignores.
 */
import type { ProductDoc } from '../../../data/api.js';
import { formatMoneyPlain } from '../money.js';
import { CSV_COLUMNS, type RowError } from './csv-import.js';

export interface ExportLevel {
  level: number | null;
  reorderPoint: number | null;
  criticalPoint: number | null;
}

export const EXPORT_HEADER = [...CSV_COLUMNS, 'reorder_point', 'critical_point', 'level'] as const;

/** Quote when needed (RFC 4180) and defuse spreadsheet formulas with a leading "'". */
export function csvField(value: string, { text }: { text: boolean }): string {
  let v = value;
  if (text && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n;]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function exportCatalogCsv(
  products: readonly ProductDoc[],
  levelOf: (productId: string) => ExportLevel | null,
  fractionDigits: number,
): string {
  const lines: string[] = [EXPORT_HEADER.join(',')];
  for (const p of products) {
    const l = levelOf(p.id);
    const cells = [
      csvField(p.sku, { text: true }),
      csvField(p.name, { text: true }),
      csvField(p.barcodes.join('|'), { text: true }),
      csvField(p.unit, { text: true }),
      formatMoneyPlain(p.priceCents, fractionDigits),
      formatMoneyPlain(p.costCents, fractionDigits),
      csvField(p.category ?? '', { text: true }),
      p.active ? 'true' : 'false',
      l?.reorderPoint === null || l === null ? '' : String(l.reorderPoint),
      l?.criticalPoint === null || l === null ? '' : String(l.criticalPoint),
      l?.level === null || l === null ? '' : String(l.level),
    ];
    lines.push(cells.join(','));
  }
  // BOM so spreadsheet apps open UTF-8 (Chinese names) correctly; CRLF per RFC 4180.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
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
  const lines = [[...header, reasonColumn].map((h) => csvField(h, { text: false })).join(',')];
  for (const e of errors) {
    const cells = Array.from({ length: width }, (_, i) => e.raw[i] ?? '');
    lines.push([...cells, reasonOf(e)].map((c) => csvField(c, { text: false })).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
