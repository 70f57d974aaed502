import { canSeeStore, type DeviceIdentity, type StoreDoc } from '../../shared/index.js';
import { salesByStoreDay, valuationAsOf, type SalesDay, type ValuationRow } from '../../shared/reports/index.js';
import type { Storage } from '../storage/storage.js';

/**
 * `reports.*` (DESIGN §5a): the same pure computations the device runs (shared/reports), over
 * the whole ledger instead of the device's pull window, so both give the same numbers for the
 * same range. Rows are limited to the stores the device may see; valuation's moving average is
 * shop-wide, so it reads every store's movements and shows the visible stores' rows.
 */
export async function salesReport(storage: Storage, device: DeviceIdentity, range: { from: number; to: number }): Promise<SalesDay[]> {
  const [movements, stores] = await Promise.all([storage.salesBetween(device.tenantId, range.from, range.to), storesOf(storage, device.tenantId)]);
  const visible = movements.filter((m) => canSeeStore(device, m.storeId));
  return salesByStoreDay(visible, range, (id) => stores.get(id)?.timezone ?? 'UTC');
}

export async function valuationReport(storage: Storage, device: DeviceIdentity, asOf: number): Promise<ValuationRow[]> {
  const [movements, costs] = await Promise.all([storage.ledgerUpTo(device.tenantId, asOf), storage.productCosts(device.tenantId)]);
  return valuationAsOf(movements, asOf, (id) => costs.get(id) ?? 0).filter((r) => canSeeStore(device, r.storeId));
}

async function storesOf(storage: Storage, tenantId: string): Promise<Map<string, StoreDoc>> {
  const docs = (await storage.pull(tenantId, 'stores', 0, 10_000, { storeIds: null, movementsSince: 0 })) as StoreDoc[];
  return new Map(docs.map((d) => [d.id, d]));
}
