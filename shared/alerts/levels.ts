import type { HysteresisSettings, Severity } from './types.js';

/**
 * Whether a store × product is watched at all. Decision: a row with neither a
 * reorder point nor a critical point is not watched, not even for "out" —
 * otherwise every product a store never stocks would alert on first start.
 */
export function isWatched(reorderPoint: number | null, criticalPoint: number | null): boolean {
  return reorderPoint !== null || criticalPoint !== null;
}

/**
 * DESIGN §7: out ≤ 0, critical ≤ criticalPoint, low ≤ reorderPoint; the worst that applies.
 * `lowQty` is what the reorder point is judged on: qty plus what is coming on transfers
 * (transit.ts); out and critical look at the shelf (`qty`) only.
 */
export function severityOf(
  qty: number,
  reorderPoint: number | null,
  criticalPoint: number | null,
  lowQty: number = qty,
): Severity {
  if (!isWatched(reorderPoint, criticalPoint)) return 0;
  if (qty <= 0) return 3;
  if (criticalPoint !== null && qty <= criticalPoint) return 2;
  if (reorderPoint !== null && lowQty <= reorderPoint) return 1;
  return 0;
}

/** The threshold of a level; null when that level has none configured. */
export function thresholdOf(
  severity: Severity,
  reorderPoint: number | null,
  criticalPoint: number | null,
): number | null {
  switch (severity) {
    case 3:
      return 0;
    case 2:
      return criticalPoint;
    case 1:
      return reorderPoint;
    default:
      return null;
  }
}

/** The quantity a level must rise above before it notifies again. */
export function rearmLimit(threshold: number, h: HysteresisSettings): number {
  const byPercent = Math.ceil((Math.max(0, threshold) * h.percent) / 100);
  return threshold + Math.max(h.units, byPercent);
}

/**
 * Lower `notified` to the worst level whose re-arm limit the quantity has not
 * yet exceeded: a level re-arms only after recovering above its threshold plus
 * hysteresis (low: `lowQty`, what is coming included). Never raises it.
 */
export function rearm(
  notified: Severity,
  qty: number,
  reorderPoint: number | null,
  criticalPoint: number | null,
  h: HysteresisSettings,
  lowQty: number = qty,
): Severity {
  for (let s = notified; s > 0; s--) {
    const t = thresholdOf(s as Severity, reorderPoint, criticalPoint);
    if (t !== null && (s === 1 ? lowQty : qty) <= rearmLimit(t, h)) return s as Severity;
  }
  return 0;
}
