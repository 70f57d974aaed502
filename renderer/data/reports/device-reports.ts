import type { MovementDoc, StoreDoc } from '../../../shared/index.js';
import { salesByStoreDay, valuationAsOf, type SalesDay, type ValuationRow } from '../../../shared/reports/index.js';
import type { DeviceReports } from '../api-reports.js';

/**
 * Reports computed on the device (DESIGN §5a: recent ranges, offline, instant), with the same
 * pure code as `reports.*` on the server (shared/reports), over the movements this device holds:
 * its stores', the pull window's. Pending movements are left out (the server has not applied
 * them), so a synced device and the server give the same numbers for the same range.
 */
export interface DeviceReportDeps {
  /** Every movement the device holds (the accepted ones are read). */
  movements(): Promise<readonly MovementDoc[]>;
  stores(): readonly StoreDoc[];
  productCost(productId: string): number;
}

export function deviceReports(deps: DeviceReportDeps): DeviceReports {
  const accepted = async () => (await deps.movements()).filter((m) => m.status === 'accepted').sort((a, b) => (a.ledgerSeq ?? 0) - (b.ledgerSeq ?? 0));
  return {
    async salesByDay(range): Promise<SalesDay[]> {
      const zones = new Map(deps.stores().map((s) => [s.id, s.timezone]));
      return salesByStoreDay(await accepted(), range, (id) => zones.get(id) ?? 'UTC');
    },
    async valuation(asOf): Promise<ValuationRow[]> {
      return valuationAsOf(await accepted(), asOf, deps.productCost);
    },
  };
}
