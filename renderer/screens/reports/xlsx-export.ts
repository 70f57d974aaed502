/**
 * A report's table as an .xlsx file. write-excel-file (4.x): small, maintained, writes XLSX in
 * the browser with no server; the `xlsx` package on npm (0.18.5) is years out of date with open
 * advisories, and exceljs is far heavier for one sheet of plain cells. Text cells are written as
 * strings, which Excel never evaluates, so a name like "=cmd" stays text without the CSV's `'`.
 */
import writeXlsxFile, { type Row } from 'write-excel-file/universal';
import type { ExportTable } from './csv-export.js';

export async function toXlsx(table: ExportTable, sheet: string): Promise<Blob> {
  const header: Row = table.header.map((value) => ({ value, fontWeight: 'bold' }));
  const rows: Row[] = table.rows.map((row) => row.map((value) => ({ value })));
  // Excel limits a sheet name to 31 characters and forbids a few.
  return writeXlsxFile([header, ...rows], { sheet: sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) }).toBlob();
}
