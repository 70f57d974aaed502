/**
 * Turns the projected levels of the data layer into the evaluator's rows.
 * Runs every tick over every stock row, so it allocates nothing for a level
 * that did not change: the level index replaces a ProjectedLevel object when
 * it changes, and the row made from it is cached on that object's identity.
 */
import { effectiveReorderPoint, type AlertRow } from '../../shared/alerts/index.js';
import type { ProjectedLevel } from '../data/api.js';

export interface RowSources {
  forStore(storeId: string): readonly ProjectedLevel[];
  /** Inactive or deleted products are not watched. */
  isActive(productId: string): boolean;
  /** Changes whenever a product's `active` may have changed. */
  catalogVersion(): number;
}

export class AlertRowCollector {
  private cache = new WeakMap<ProjectedLevel, AlertRow>();
  private rows: AlertRow[] = [];
  private catalogVersion = -1;
  private dynamic: ReadonlyMap<string, number> | null = null;

  /** The rows of the given stores; the returned array is reused by the next call. */
  collect(
    sources: RowSources,
    storeIds: readonly string[],
    dynamic: ReadonlyMap<string, number> | null,
  ): readonly AlertRow[] {
    const version = sources.catalogVersion();
    if (version !== this.catalogVersion || dynamic !== this.dynamic) {
      this.cache = new WeakMap();
      this.catalogVersion = version;
      this.dynamic = dynamic;
    }
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
        rows.push(row);
      }
    }
    return rows;
  }
}
