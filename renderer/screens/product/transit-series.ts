/**
 * What of a product is on the road, seen from one store, over time for the level chart: for each
 * transfer still on the road (sent or partly received), its in transit now for that product,
 * from the moment it left (sentAt). A device knows the transfer's counters, not each past
 * moment of them, so a band shows what is on the road now since it left — in (towards this
 * store) and out (from it) alike.
 */
import { inTransit, type TransferDoc } from '../../../shared/index.js';

export interface TransitSpan {
  /** ms epoch the transfer left. */
  from: number;
  amount: number;
}

export function transitSpans(transfers: Iterable<TransferDoc>, storeId: string, productId: string): TransitSpan[] {
  const out: TransitSpan[] = [];
  for (const t of transfers) {
    if (t.state !== 'sent' && t.state !== 'partial') continue;
    if (t.fromStoreId !== storeId && t.toStoreId !== storeId) continue;
    const line = t.lines.find((l) => l.productId === productId);
    const amount = line ? inTransit(line) : 0;
    if (amount > 0) out.push({ from: t.sentAt ?? t.updatedAt, amount });
  }
  return out.sort((a, b) => a.from - b.from);
}
