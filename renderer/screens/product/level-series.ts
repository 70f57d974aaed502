/**
 * The level-over-time series of one product in one store, pure.
 *
 * Authoritative points come from the server: each accepted movement's
 * `balanceAfter`, in ledger order, placed at the time it happened in the
 * shop (`clientTime`; a device that was offline syncs later, but the sale
 * happened when it was rung up). Times are clamped so the line never runs
 * backwards when ledger order and shop time disagree. Movements the server
 * level does not include yet (pending, DESIGN §5) are drawn as a projected
 * running sum on top of the last authoritative level, at their client time.
 * Rejected movements never changed the level; they are returned as markers.
 */
import type { MovementDoc } from '../../data/api.js';

export interface LevelPoint {
  t: number;
  level: number;
  /** True for points computed on this device (not yet confirmed by the server). */
  projected: boolean;
  movementId: string | null;
}

export interface LevelSeries {
  points: LevelPoint[];
  rejected: Array<{ t: number; movementId: string }>;
  min: number;
  max: number;
  start: number;
  end: number;
}

export interface SeriesStock {
  onHand: number;
  appliedSeq: number;
}

export function buildLevelSeries(
  movements: readonly MovementDoc[],
  stock: SeriesStock | null,
  currentLevel: number,
  now: number,
): LevelSeries {
  const accepted = movements
    .filter((m) => m.status === 'accepted' && m.balanceAfter !== null && m.ledgerSeq !== null)
    .sort((a, b) => a.ledgerSeq! - b.ledgerSeq!);
  const pending = movements.filter((m) => m.status === 'pending').sort((a, b) => a.clientTime - b.clientTime);
  const rejected = movements
    .filter((m) => m.status === 'rejected')
    .map((m) => ({ t: m.clientTime, movementId: m.id }));

  const points: LevelPoint[] = [];
  const first = accepted[0];
  if (first) {
    // The level just before the oldest movement we hold (older history stays on the server).
    const t0 = first.clientTime;
    points.push({ t: t0, level: first.balanceAfter! - first.delta, projected: false, movementId: null });
  }
  let t = points[0]?.t ?? now;
  for (const m of accepted) {
    t = Math.max(t, m.clientTime);
    points.push({ t, level: m.balanceAfter!, projected: false, movementId: m.id });
  }

  // Authoritative level now: the stock row if it is newer than the last movement we hold.
  const last = accepted.at(-1);
  let level = last?.balanceAfter ?? stock?.onHand ?? 0;
  if (stock && (!last || stock.appliedSeq > last.ledgerSeq!)) level = stock.onHand;
  if (points.length === 0 && (stock || pending.length > 0)) {
    const t0 = Math.min(now, pending[0]?.clientTime ?? now);
    points.push({ t: t0, level, projected: false, movementId: null });
  } else if (last && level !== last.balanceAfter) {
    points.push({ t, level, projected: false, movementId: null });
  }
  for (const m of pending) {
    level += m.delta;
    t = Math.max(t, m.clientTime);
    points.push({ t, level, projected: true, movementId: m.id });
  }
  // Hold the line to "now" at the level every screen shows.
  const hasPending = pending.length > 0 || currentLevel !== level;
  points.push({ t: Math.max(t, now), level: currentLevel, projected: hasPending, movementId: null });

  const levels = points.map((p) => p.level);
  return {
    points,
    rejected,
    min: Math.min(0, ...levels),
    max: Math.max(0, ...levels),
    start: points[0]!.t,
    end: points.at(-1)!.t,
  };
}

/** One label per day: ticks (seconds) on a day already labelled get an empty label. */
export function dayLabels(ticks: readonly number[], formatDate: (ms: number) => string): string[] {
  let previous = '';
  return ticks.map((tick) => {
    const label = formatDate(tick * 1000);
    if (label === previous) return '';
    previous = label;
    return label;
  });
}
