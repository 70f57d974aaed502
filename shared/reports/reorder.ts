/**
 * The reorder list's quantity (DESIGN §5a): target − (on hand + on order + in transit), rounded
 * up to the pack size; nothing when the position already reaches the target. What is ordered
 * (open purchase-order lines) and on the road (transfers in) counts, so an order placed
 * yesterday is never suggested again. The target is the caller's: the stock row's reorder point,
 * or the dynamic one the alerts compute (sales velocity × lead time).
 */
export interface ReorderPosition {
  target: number;
  onHand: number;
  onOrder: number;
  inTransit: number;
  packSize: number;
}

export function suggestedOrderQty(p: ReorderPosition): number {
  const short = p.target - (p.onHand + p.onOrder + p.inTransit);
  if (short <= 0) return 0;
  const pack = Math.max(1, Math.floor(p.packSize));
  return Math.ceil(short / pack) * pack;
}
