/**
 * The transfers list of one store (pure): which transfers each tab holds, and what a row says.
 *   incoming   to this store, not finished (drafts announced, sent, partly received)
 *   outgoing   from this store, not finished
 *   transit    either way, something on the road
 *   overdue    either way, on the road longer than the overdue setting
 *   closed     closed or cancelled
 */
import { isTransferOverdue, transferInTransit, transferWrittenOff, type TransferDoc } from '../../../shared/index.js';

export const TRANSFER_TABS = ['incoming', 'outgoing', 'transit', 'overdue', 'closed'] as const;
export type TransferTab = (typeof TRANSFER_TABS)[number];

export const isTransferTab = (s: string | undefined): s is TransferTab => (TRANSFER_TABS as readonly string[]).includes(s ?? '');

const finished = (t: TransferDoc) => t.state === 'closed' || t.state === 'cancelled';

export function inTab(t: TransferDoc, tab: TransferTab, storeId: string, overdueDays: number, now: number): boolean {
  if (t.fromStoreId !== storeId && t.toStoreId !== storeId) return false;
  switch (tab) {
    case 'incoming': return t.toStoreId === storeId && !finished(t);
    case 'outgoing': return t.fromStoreId === storeId && !finished(t);
    case 'transit': return (t.state === 'sent' || t.state === 'partial') && transferInTransit(t) > 0;
    case 'overdue': return isTransferOverdue(t, overdueDays, now);
    case 'closed': return finished(t);
  }
}

export function tabCounts(list: readonly TransferDoc[], storeId: string, overdueDays: number, now: number): Record<TransferTab, number> {
  const counts = { incoming: 0, outgoing: 0, transit: 0, overdue: 0, closed: 0 };
  for (const t of list) for (const tab of TRANSFER_TABS) if (inTab(t, tab, storeId, overdueDays, now)) counts[tab]++;
  return counts;
}

export interface TransferRowSummary {
  direction: 'in' | 'out';
  otherStoreId: string;
  lines: number;
  /** Units requested while a draft, units sent after; `transit` what is on the road now. */
  units: number;
  transit: number;
  /** Units written off on arrival (damaged, missing): a closed transfer with some is not a clean one. */
  writtenOff: number;
  /** What the age counts from, and since when. */
  age: { kind: 'created' | 'sent' | 'closed' | 'cancelled'; at: number };
  overdue: boolean;
}

export function summarize(t: TransferDoc, storeId: string, overdueDays: number, now: number): TransferRowSummary {
  const direction = t.toStoreId === storeId ? 'in' : 'out';
  const age: TransferRowSummary['age'] =
    finished(t) && t.closedAt !== null
      ? { kind: t.state === 'cancelled' ? 'cancelled' : 'closed', at: t.closedAt }
      : t.sentAt !== null ? { kind: 'sent', at: t.sentAt } : { kind: 'created', at: t.createdAt };
  return {
    direction,
    otherStoreId: direction === 'in' ? t.fromStoreId : t.toStoreId,
    lines: t.lines.length,
    units: t.lines.reduce((a, l) => a + (t.state === 'draft' ? l.qty : l.sent), 0),
    transit: transferInTransit(t),
    writtenOff: transferWrittenOff(t),
    age,
    overdue: isTransferOverdue(t, overdueDays, now),
  };
}

export { transferCode } from '../../../shared/index.js';
