/**
 * Turns the projected levels of the data layer into the evaluator's rows.
 * Runs every tick over every stock row, so it allocates nothing for a level
 * that did not change: the level index replaces a ProjectedLevel object when
 * it changes, and the row made from it is cached on that object's identity.
 * Stock on the road (issue 14 point 3) is read only for the few store × product
 * pairs with something in transit towards them, each tick (a transfer turns
 * overdue by the clock alone, without a new version); a row is replaced only
 * when what is coming to it changed.
 */
import { comingOnTransfers, effectiveReorderPoint, type AlertRow, type IncomingAmounts } from '../../shared/alerts/index.js';
import { inTransit, type TransferDoc } from '../../shared/index.js';
import type { ProjectedLevel } from '../data/api.js';

/** What is on the road towards each store (client.transfers). */
export interface TransitSource {
  /** Changes whenever a transfer may have changed (TransferView.version). */
  version(): number;
  /** `<storeId>:<productId>` of every pair with something in transit towards it; read once per version. */
  incomingKeys(): ReadonlySet<string>;
  /** TransferView.inTransit: incoming and its overdue part. */
  amounts(storeId: string, productId: string): IncomingAmounts;
}

export interface RowSources {
  forStore(storeId: string): readonly ProjectedLevel[];
  /** Inactive or deleted products are not watched. */
  isActive(productId: string): boolean;
  /** Changes whenever a product's `active` may have changed. */
  catalogVersion(): number;
  /** Absent: nothing counts as coming. */
  inTransit?: TransitSource;
}

/** The pairs a set of transfers is bringing stock to (for TransitSource.incomingKeys). */
export function incomingKeysOf(transfers: Iterable<Pick<TransferDoc, 'toStoreId' | 'lines' | 'state'>>): Set<string> {
  const keys = new Set<string>();
  for (const t of transfers) {
    if (t.state !== 'sent' && t.state !== 'partial') continue;
    for (const line of t.lines) if (inTransit(line) > 0) keys.add(`${t.toStoreId}:${line.productId}`);
  }
  return keys;
}

const NO_KEYS: ReadonlySet<string> = new Set();

export class AlertRowCollector {
  private cache = new WeakMap<ProjectedLevel, AlertRow>();
  private rows: AlertRow[] = [];
  private catalogVersion = -1;
  private transitVersion = -1;
  private incoming: ReadonlySet<string> = NO_KEYS;
  private dynamic: ReadonlyMap<string, number> | null = null;

  /** The rows of the given stores; the returned array is reused by the next call. */
  collect(
    sources: RowSources,
    storeIds: readonly string[],
    dynamic: ReadonlyMap<string, number> | null,
  ): readonly AlertRow[] {
    const version = sources.catalogVersion();
    const transit = sources.inTransit;
    const transitVersion = transit ? transit.version() : -1;
    if (version !== this.catalogVersion || dynamic !== this.dynamic || transitVersion !== this.transitVersion) {
      this.cache = new WeakMap();
      this.catalogVersion = version;
      this.dynamic = dynamic;
      if (transitVersion !== this.transitVersion) this.incoming = transit ? transit.incomingKeys() : NO_KEYS;
      this.transitVersion = transitVersion;
    }
    const incoming = this.incoming;
    const rows = this.rows;
    rows.length = 0;
    for (const storeId of storeIds) {
      for (const level of sources.forStore(storeId)) {
        let row = this.cache.get(level);
        if (row === undefined) {
          const key = `${level.storeId}:${level.productId}`;
          const active = sources.isActive(level.productId);
          row = {
            key,
            storeId: level.storeId,
            productId: level.productId,
            qty: level.level,
            reorderPoint: active ? effectiveReorderPoint(level.reorderPoint, dynamic?.get(key)) : null,
            criticalPoint: active ? level.criticalPoint : null,
            stocked: level.stocked,
          };
          this.cache.set(level, row);
        }
        if (transit !== undefined && incoming.size > 0 && incoming.has(row.key)) {
          const coming = comingOnTransfers(transit.amounts(row.storeId, row.productId));
          if ((row.incoming ?? 0) !== coming) {
            row = { ...row, incoming: coming };
            this.cache.set(level, row);
          }
        }
        rows.push(row);
      }
    }
    return rows;
  }
}
