import { describe, expect, it } from 'vitest';
import type { TransferDoc } from '../../../shared/index.js';
import { proposeFill } from './fill-below-reorder.js';
import { reconcileRows, shortfallComplete, toReceipt } from './reconcile.js';
import { inTab, summarize, tabCounts, transferCode } from './transfer-list.js';

const DAY = 86_400_000;
const doc = (p: Partial<TransferDoc>): TransferDoc => ({
  id: '0190f0aa-0000-7000-8000-00000000abcd', fromStoreId: 'a', toStoreId: 'b', note: null,
  lines: [{ productId: 'p', qty: 10, sent: 0, received: 0, returned: 0, writtenOff: 0 }],
  state: 'draft', createdBy: 'Ana', createdAt: 0, sentAt: null, closedAt: null, updatedAt: 0, seq: 1, _deleted: false, ...p,
});

describe('transfers list', () => {
  const draft = doc({});
  const sent = doc({ state: 'sent', sentAt: DAY, lines: [{ productId: 'p', qty: 10, sent: 8, received: 0, returned: 0, writtenOff: 0 }] });
  const closed = doc({ state: 'closed', sentAt: DAY, closedAt: 2 * DAY, lines: [{ productId: 'p', qty: 10, sent: 8, received: 8, returned: 0, writtenOff: 1 }] });
  const now = 5 * DAY;

  it('puts each transfer in the tabs of the store looking at it', () => {
    expect(tabCounts([draft, sent, closed], 'b', 3, now)).toEqual({ incoming: 2, outgoing: 0, transit: 1, overdue: 1, closed: 1 });
    expect(tabCounts([draft, sent, closed], 'a', 3, now)).toEqual({ incoming: 0, outgoing: 2, transit: 1, overdue: 1, closed: 1 });
    expect(inTab(sent, 'overdue', 'a', 10, now)).toBe(false);
    expect(inTab(sent, 'incoming', 'c', 3, now)).toBe(false);
  });

  it('summarises a row from the store looking at it: the other store, lines, units, the age it counts from', () => {
    // Once sent, the units are what was sent (8 of the 10 asked for).
    expect(summarize(sent, 'b', 3, now)).toEqual({ direction: 'in', otherStoreId: 'a', lines: 1, units: 8, transit: 8, writtenOff: 0, age: { kind: 'sent', at: DAY }, overdue: true });
    expect(summarize(draft, 'a', 3, now).units).toBe(draft.lines.reduce((a, l) => a + l.qty, 0));
    expect(summarize(draft, 'a', 3, now)).toMatchObject({ direction: 'out', otherStoreId: 'b', age: { kind: 'created', at: 0 } });
    expect(summarize(closed, 'a', 3, now)).toMatchObject({ age: { kind: 'closed', at: 2 * DAY }, writtenOff: 1 });
    expect(summarize({ ...draft, state: 'cancelled', closedAt: DAY }, 'a', 3, now).age).toEqual({ kind: 'cancelled', at: DAY });
    expect(transferCode(draft.id)).toBe('T-00ABCD');
  });
});

describe('fill from below the reorder point at the destination', () => {
  it('proposes what brings the destination back above its point, what the source can spare above its own', () => {
    expect(proposeFill([
      { productId: 'low', destLevel: 2, destReorder: 5, destIncoming: 0, sourceLevel: 30, sourceReorder: 5 },
      { productId: 'scarce', destLevel: 0, destReorder: 10, destIncoming: 0, sourceLevel: 8, sourceReorder: 5 },
      { productId: 'coming', destLevel: 2, destReorder: 5, destIncoming: 4, sourceLevel: 30, sourceReorder: 5 },
      { productId: 'ok', destLevel: 9, destReorder: 5, destIncoming: 0, sourceLevel: 30, sourceReorder: 5 },
      { productId: 'none-spare', destLevel: 0, destReorder: 5, destIncoming: 0, sourceLevel: 6, sourceReorder: 5 },
      { productId: 'no-point', destLevel: 0, destReorder: null, destIncoming: 0, sourceLevel: 30, sourceReorder: null },
      { productId: 'source-no-point', destLevel: 1, destReorder: 2, destIncoming: 0, sourceLevel: 2, sourceReorder: null },
    ])).toEqual([
      { productId: 'low', qty: 8 },
      { productId: 'scarce', qty: 2 },
      { productId: 'source-no-point', qty: 2 },
    ]);
  });
});

describe('reconciliation', () => {
  const t = doc({ state: 'sent', lines: [
    { productId: 'p', qty: 10, sent: 10, received: 0, returned: 0, writtenOff: 0 },
    { productId: 'q', qty: 3, sent: 3, received: 0, returned: 0, writtenOff: 0 },
  ] });

  it('shows on the road / counted / difference, extras and products not on the transfer', () => {
    const rows = reconcileRows(t, new Map([['p', 8], ['q', 4], ['x', 1]]));
    expect(rows).toEqual([
      { productId: 'p', transit: 10, counted: 8, diff: -2, onTransfer: true },
      { productId: 'q', transit: 3, counted: 4, diff: 1, onTransfer: true },
      { productId: 'x', transit: 0, counted: 1, diff: 1, onTransfer: false },
    ]);
    expect(shortfallComplete(rows[0]!, undefined)).toBe(false);
    expect(shortfallComplete(rows[0]!, { damaged: 1, missing: 0, later: 0 })).toBe(false);
    expect(shortfallComplete(rows[0]!, { damaged: 1, missing: 1, later: 0 })).toBe(true);
    expect(shortfallComplete(rows[1]!, undefined)).toBe(true);
  });

  it('books damaged and missing as write-offs; still to come stays on the road', () => {
    const rows = reconcileRows(t, new Map([['p', 7]]));
    expect(toReceipt(rows, new Map([['p', { damaged: 1, missing: 1, later: 1 }], ['q', { damaged: 0, missing: 0, later: 3 }]]), null)).toEqual({
      counted: [{ productId: 'p', qty: 7 }],
      writeOffs: [{ productId: 'p', qty: 1, reason: 'damaged' }, { productId: 'p', qty: 1, reason: 'missing' }],
      extraNote: null,
    });
  });
});
