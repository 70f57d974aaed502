import { describe, expect, it } from 'vitest';
import { AlertHarness, row } from './test-clock.js';
import { comingOnTransfers, reorderQuantity } from './transit.js';
import type { AlertNotice, AlertRow } from './types.js';

const singles = (notices: AlertNotice[]) =>
  notices.flatMap((n) => (n.kind === 'single' && !('transferId' in n.item) ? [`${n.item.productId}:${n.item.level}`] : []));
/** A row with what is coming to it on transfers ({ incoming, overdueIncoming } as the data layer gives them). */
const withTransit = (r: AlertRow, incoming: number, overdueIncoming = 0): AlertRow => ({
  ...r,
  incoming: comingOnTransfers({ incoming, overdueIncoming }),
});

describe('what counts as coming', () => {
  it('is what is in transit towards the store and not overdue', () => {
    expect(comingOnTransfers({ incoming: 10, overdueIncoming: 0 })).toBe(10);
    expect(comingOnTransfers({ incoming: 10, overdueIncoming: 4 })).toBe(6);
    expect(comingOnTransfers({ incoming: 10, overdueIncoming: 10 })).toBe(0);
    expect(comingOnTransfers({ incoming: 0, overdueIncoming: 3 })).toBe(0);
    expect(reorderQuantity(8, 5)).toBe(13);
    expect(reorderQuantity(8, undefined)).toBe(8);
  });
});

describe('no "low" for a store whose delivery is on the road (issue 14 point 3)', () => {
  it('does not raise low when qty + incoming is above the reorder point, nor count it as low', () => {
    const h = new AlertHarness();
    const r = h.tick([withTransit(row('beans', 8), 5)]); // 8 + 5 > 10
    expect(r.notices).toEqual([]);
    expect(r.counts).toEqual({ low: 0, critical: 0, out: 0 });
    // 8 + 2 = 10 ≤ 10: still low
    expect(singles(h.advance(60).tick([withTransit(row('milk', 8), 2)]).notices)).toEqual(['milk:low']);
  });

  it('raises low when the delivery is overdue (only the part not overdue counts)', () => {
    const h = new AlertHarness();
    expect(h.tick([withTransit(row('beans', 8), 5)]).notices).toEqual([]);
    expect(singles(h.advance(60).tick([withTransit(row('beans', 8), 5, 5)]).notices)).toEqual(['beans:low']);
    // two transfers, one overdue: 8 + (7 − 4) > 10 → not low
    const h2 = new AlertHarness();
    expect(h2.tick([withTransit(row('beans', 8), 7, 4)]).counts.low).toBe(0);
    expect(h2.advance(60).tick([withTransit(row('beans', 8), 7, 6)]).counts.low).toBe(1);
  });

  it('still tells critical and out: the shelf is empty now, whatever is on the road', () => {
    const h = new AlertHarness();
    expect(singles(h.tick([withTransit(row('beans', 2), 50), withTransit(row('milk', 0), 50)]).notices)).toEqual(['milk:out', 'beans:critical']);
  });

  it('a low already told re-arms once a delivery is on its way, and tells again if it becomes overdue', () => {
    const h = new AlertHarness(); // hysteresis 2 units
    expect(singles(h.tick([row('beans', 8)]).notices)).toEqual(['beans:low']);
    expect(h.advance(60).tick([withTransit(row('beans', 8), 10)]).notices).toEqual([]);
    expect(h.state.tracks.size).toBe(0); // 18 > 10 + 2: re-armed
    expect(singles(h.advance(60).tick([withTransit(row('beans', 8), 10, 10)]).notices)).toEqual(['beans:low']);
    // it arrives: 18 on the shelf, nothing more to tell
    expect(h.advance(60).tick([row('beans', 18)]).notices).toEqual([]);
  });

  it('a delivery arriving does not tell low again (qty + incoming stays put)', () => {
    const h = new AlertHarness();
    const seen: string[] = [];
    for (const [qty, incoming] of [[12, 0], [8, 5], [8, 5], [13, 0], [9, 0]] as const) {
      seen.push(...singles(h.advance(60).tick([withTransit(row('beans', qty), incoming)]).notices));
    }
    expect(seen).toEqual(['beans:low']); // only the last: 9 with nothing coming
  });
});
