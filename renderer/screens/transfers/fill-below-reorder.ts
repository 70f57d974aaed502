/**
 * "Fill from below reorder point at destination" (pure): for each product at or under the
 * destination's reorder point, propose what brings it back to that point plus one step, limited
 * to what the source can spare while staying above its own reorder point (a source without a
 * reorder point keeps nothing back but never sends below 0). Units already on the road to the
 * destination count as coming.
 */
export interface FillInput {
  productId: string;
  /** Projected level at the destination, and its reorder point. */
  destLevel: number;
  destReorder: number | null;
  /** Already on the road towards the destination. */
  destIncoming: number;
  sourceLevel: number;
  sourceReorder: number | null;
}

export interface FillProposal {
  productId: string;
  qty: number;
}

export function proposeFill(rows: Iterable<FillInput>): FillProposal[] {
  const out: FillProposal[] = [];
  for (const r of rows) {
    if (r.destReorder === null) continue;
    const coming = r.destLevel + r.destIncoming;
    if (coming > r.destReorder) continue;
    // Back above the reorder point: to reorder + 1 at least, doubling the point as a target when it is more.
    const target = Math.max(r.destReorder + 1, r.destReorder * 2);
    const want = target - coming;
    // The source stays above its own reorder point: it keeps reorder + 1 (or 0 without one).
    const keep = r.sourceReorder === null ? 0 : r.sourceReorder + 1;
    const spare = r.sourceLevel - keep;
    const qty = Math.min(want, spare);
    if (qty > 0) out.push({ productId: r.productId, qty });
  }
  return out;
}
