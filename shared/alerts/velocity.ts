import type { MovementKind, MovementStatus } from '../schemas/index.js';

const DAY_MS = 86_400_000;

/** The movement fields the sales velocity needs (a MovementDoc fits). */
export interface VelocityMovement {
  storeId: string;
  productId: string;
  kind: MovementKind;
  delta: number;
  status: MovementStatus;
  clientTime: number;
  serverTime: number | null;
}

/**
 * Units sold per store × product (key `<storeId>:<productId>`) in the last
 * `days` days: sales minus voids (a void of a sale puts stock back), rejected
 * movements excluded. The server's time is used when known, the device's
 * otherwise (pending sales count too: they are real sales made offline).
 */
export function unitsSold(
  movements: Iterable<VelocityMovement>,
  now: number,
  days: number,
): Map<string, number> {
  const since = now - days * DAY_MS;
  const sold = new Map<string, number>();
  for (const m of movements) {
    if (m.status === 'rejected') continue;
    if (m.kind !== 'sale' && m.kind !== 'void') continue;
    const at = m.serverTime ?? m.clientTime;
    if (at < since || at > now) continue;
    const key = `${m.storeId}:${m.productId}`;
    sold.set(key, (sold.get(key) ?? 0) - m.delta);
  }
  return sold;
}

/** Average daily sales × lead time, rounded up; 0 when nothing was sold. */
export function dynamicReorderPoint(sold: number, days: number, leadTimeDays: number): number {
  if (sold <= 0 || days <= 0 || leadTimeDays <= 0) return 0;
  return Math.ceil((sold / days) * leadTimeDays);
}

/**
 * Dynamic reorder points per stock key, from sale movements. Rows without
 * sales in the window are absent: their manual reorder point still applies.
 */
export function dynamicReorderPoints(
  movements: Iterable<VelocityMovement>,
  now: number,
  days: number,
  leadTimeDays: number,
): Map<string, number> {
  const points = new Map<string, number>();
  for (const [key, sold] of unitsSold(movements, now, days)) {
    const point = dynamicReorderPoint(sold, days, leadTimeDays);
    if (point > 0) points.set(key, point);
  }
  return points;
}

/** The reorder point to evaluate: the dynamic one when sales history gives one, else the manual one. */
export function effectiveReorderPoint(
  manual: number | null,
  dynamic: number | undefined,
): number | null {
  return dynamic !== undefined && dynamic > 0 ? dynamic : manual;
}
