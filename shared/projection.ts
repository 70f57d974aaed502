import type { MovementStatus } from './schemas/index.js';

export interface ProjectionStock {
  onHand: number;
  appliedSeq: number;
}

export interface ProjectionMovement {
  delta: number;
  status: MovementStatus;
  ledgerSeq: number | null;
}

/** Whether the server level does not yet include this movement (DESIGN §5). */
export function isUnappliedMovement(m: ProjectionMovement, appliedSeq: number): boolean {
  if (m.status === 'pending') return true;
  return m.status === 'accepted' && m.ledgerSeq !== null && m.ledgerSeq > appliedSeq;
}

/**
 * The projected level shown everywhere: `stock.onHand + Σ delta` over this
 * device's movements for that store × product that are pending, or accepted
 * after the stock row the device last saw. Exact once synced, honest offline.
 */
export function projectLevel(
  stock: ProjectionStock | null,
  movements: Iterable<ProjectionMovement>,
): number {
  const appliedSeq = stock?.appliedSeq ?? 0;
  let level = stock?.onHand ?? 0;
  for (const m of movements) if (isUnappliedMovement(m, appliedSeq)) level += m.delta;
  return level;
}
