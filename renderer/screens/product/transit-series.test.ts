import { describe, expect, it } from 'vitest';
import type { TransferDoc } from '../../../shared/index.js';
import { chartData } from './level-chart.js';
import type { LevelSeries } from './level-series.js';
import { transitSpans } from './transit-series.js';

const doc = (p: Partial<TransferDoc>): TransferDoc => ({
  id: 't', fromStoreId: 'a', toStoreId: 'b', note: null, lines: [{ productId: 'p', qty: 10, sent: 10, received: 4, returned: 0, writtenOff: 0 }],
  state: 'partial', createdBy: null, createdAt: 0, sentAt: 5_000, closedAt: null, updatedAt: 5_000, seq: 1, _deleted: false, ...p,
});

describe('in transit on the level chart', () => {
  it('spans what is on the road now since each transfer left, for either end of it', () => {
    const list = [doc({}), doc({ id: 'u', fromStoreId: 'b', toStoreId: 'c', sentAt: 2_000 }), doc({ id: 'closed', state: 'closed' }), doc({ id: 'other', fromStoreId: 'x', toStoreId: 'y' })];
    expect(transitSpans(list, 'b', 'p')).toEqual([{ from: 2_000, amount: 6 }, { from: 5_000, amount: 6 }]);
    expect(transitSpans(list, 'b', 'q')).toEqual([]);
  });

  it('draws the band from the level up to the level plus what is on the road, only where something is', () => {
    const point = (t: number, level: number) => ({ t, level, projected: false, movementId: null });
    const series: LevelSeries = { points: [point(1_000_000, 10), point(3_000_000, 8), point(9_000_000, 8)], rejected: [], min: 8, max: 10, start: 1_000_000, end: 9_000_000 };
    const [xs, , , , , , hi = [], lo = []] = chartData(series, null, null, [{ from: 5_000_000, amount: 6 }]);
    const at = (s: number) => xs.indexOf(s);
    expect(hi[at(1000)]).toBeNull();
    expect(hi[at(5000)]).toBe(14);
    expect(lo[at(5000)]).toBe(8);
    expect(hi[at(9000)]).toBe(14);
  });
});
