/**
 * The rows a report exports (CSV and XLSX alike), in the order the screen shows them. Money is
 * written in currency units as a number (12.5, not "$12.50" or 1250 cents) so a spreadsheet can
 * sum it; names are resolved here because an id means nothing to whoever opens the file.
 */
import type { SalesDay, ValuationRow } from '../../../shared/reports/index.js';
import type { ExportTable } from './csv-export.js';

export interface ExportNames {
  store(storeId: string): string;
  product(productId: string): string;
  /** The label of sales without a till user. */
  noActor: string;
}

/** cents → currency units, at the currency's precision. */
function units(cents: number, minorFactor: number): number {
  const digits = Math.round(Math.log10(minorFactor));
  return Number((cents / minorFactor).toFixed(digits));
}

/** One row per store × day × till user (the day's total on its own row, user left blank). */
export function salesExport(days: readonly SalesDay[], names: ExportNames, header: string[], minorFactor: number): ExportTable {
  const rows: ExportTable['rows'] = [];
  for (const d of days) {
    rows.push([names.store(d.storeId), d.day, '', d.units, units(d.revenueCents, minorFactor)]);
    for (const a of d.byActor) rows.push([names.store(d.storeId), d.day, a.actor ?? names.noActor, a.units, units(a.revenueCents, minorFactor)]);
  }
  return { header, rows };
}

/** One row per store × product: qty, unit cost, value, then the ageing buckets' units. */
export function valuationExport(rows: readonly ValuationRow[], names: ExportNames, header: string[], minorFactor: number): ExportTable {
  return {
    header,
    rows: rows.map((r) => [
      names.store(r.storeId),
      names.product(r.productId),
      r.qty,
      units(r.unitCostCents, minorFactor),
      units(r.valueCents, minorFactor),
      ...r.ageing,
    ]),
  };
}
