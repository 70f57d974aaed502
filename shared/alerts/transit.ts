/**
 * Stock on the road in the reorder maths (DESIGN §7, issue 14 point 3): a store whose delivery is
 * coming is not "low" — unless that delivery is overdue, then it no longer counts as coming.
 * Only `low` (the "order more" signal) looks at what is coming; `critical` and `out` are about the
 * shelf now (a customer cannot buy what is in the van), so they still alert.
 */

/** What a store × product has on the road towards it (renderer/data TransitAmounts, the part we read). */
export interface IncomingAmounts {
  /** Σ in transit on transfers towards this store. */
  incoming: number;
  /** The part of `incoming` on transfers on the road longer than the overdue setting. */
  overdueIncoming: number;
}

/** Units that count as coming for the reorder point: what is in transit and not overdue (never negative). */
export function comingOnTransfers(t: IncomingAmounts): number {
  const coming = t.incoming - t.overdueIncoming;
  return coming > 0 ? coming : 0;
}

/** The quantity judged against the reorder point: on hand (projected) plus what is coming. */
export function reorderQuantity(qty: number, coming: number | undefined): number {
  return coming === undefined || coming <= 0 ? qty : qty + coming;
}
