import type { SalesDay, ValuationRow } from '../../shared/reports/index.js';

/**
 * Reports on the device (DESIGN §5a), part of StockroomClient (api.ts re-exports it). Longer
 * ranges, and valuation over the whole history, come from `reports.*` through `client.server`.
 */
export interface DeviceReports {
  /** Sales by store and local day, per till user, of the movements this device holds. */
  salesByDay(range: { from: number; to: number }): Promise<SalesDay[]>;
  /** Valuation at cost as of a date over the movements this device holds (exact when it holds the whole ledger). */
  valuation(asOf: number): Promise<ValuationRow[]>;
}

export interface ReportsClient {
  readonly reports: DeviceReports;
}
