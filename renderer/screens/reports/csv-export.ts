/**
 * A report's table as CSV for Excel (issue 15 §3): UTF-8 with a byte order mark, because Excel
 * reads a CSV without one in the machine's legacy code page and garbles Chinese names; and text
 * cells that start with `=`, `+`, `-`, `@` (or a tab / carriage return, which Excel strips before
 * looking) get a leading `'`, so a product named "=HYPERLINK(…)" is shown as text, never run as a
 * formula (CSV injection). Numbers are written as numbers: a negative quantity stays a number.
 */
import Papa from 'papaparse';

export type ExportCell = string | number;

export interface ExportTable {
  header: string[];
  rows: ExportCell[][];
}

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet; numbers pass unchanged. */
export function escapeCell(cell: ExportCell): ExportCell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function toCsv(table: ExportTable): string {
  const data = [table.header, ...table.rows].map((row) => row.map(escapeCell));
  // CRLF: what Excel writes and expects; quotes only where a cell needs them.
  return BOM + Papa.unparse(data, { newline: '\r\n' });
}
