import { localDay } from '../local-day.js';
import type { MovementKind, MovementStatus } from '../schemas/index.js';

/**
 * Sales by store and day (DESIGN §5a): units and revenue (`unitPriceCents`) of accepted sales,
 * less accepted voids, per store × the store's local day, and per till user (`actor`). The day
 * is the one the sale was made on (`clientTime`: a sale rung up offline at 18:00 and synced the
 * next morning belongs to the evening it happened), in the store's time zone. A line without a
 * price (a device of protocol 1) counts its units and no revenue.
 */
export interface SalesMovement {
  storeId: string;
  kind: MovementKind;
  delta: number;
  unitPriceCents: number | null;
  status: MovementStatus;
  clientTime: number;
  actor: string | null;
}

export interface SalesFigures {
  units: number;
  revenueCents: number;
}

export interface SalesDay extends SalesFigures {
  storeId: string;
  /** YYYY-MM-DD in the store's time zone. */
  day: string;
  /** By till user (`null`: movements without one), by name; plain data, so it crosses the wire as is. */
  byActor: Array<SalesFigures & { actor: string | null }>;
}

export function salesByStoreDay(
  movements: Iterable<SalesMovement>,
  range: { from: number; to: number },
  timeZoneOf: (storeId: string) => string,
): SalesDay[] {
  const days = new Map<string, SalesDay & { actors: Map<string | null, SalesFigures & { actor: string | null }> }>();
  for (const m of movements) {
    if (m.status !== 'accepted' || (m.kind !== 'sale' && m.kind !== 'void')) continue;
    if (m.clientTime < range.from || m.clientTime >= range.to) continue;
    const day = localDay(m.clientTime, timeZoneOf(m.storeId));
    const key = `${m.storeId}\u0000${day}`;
    let row = days.get(key);
    if (!row) {
      row = { storeId: m.storeId, day, units: 0, revenueCents: 0, byActor: [], actors: new Map() };
      days.set(key, row);
    }
    // A sale's delta is negative, a void's positive: −delta is what was sold, net.
    const units = -m.delta;
    const revenue = units * (m.unitPriceCents ?? 0);
    row.units += units;
    row.revenueCents += revenue;
    let who = row.actors.get(m.actor);
    if (!who) {
      who = { actor: m.actor, units: 0, revenueCents: 0 };
      row.actors.set(m.actor, who);
    }
    who.units += units;
    who.revenueCents += revenue;
  }
  const byName = (a: { actor: string | null }, b: { actor: string | null }) => (a.actor ?? '').localeCompare(b.actor ?? '');
  return [...days.values()]
    .map(({ actors, ...row }) => ({ ...row, byActor: [...actors.values()].sort(byName) }))
    .sort((a, b) => (a.day === b.day ? (a.storeId < b.storeId ? -1 : 1) : a.day < b.day ? -1 : 1));
}
