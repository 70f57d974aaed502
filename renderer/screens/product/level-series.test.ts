import { describe, expect, it } from 'vitest';
import type { MovementDoc } from '../../data/api.js';
import { chartData } from './level-chart.js';
import { buildLevelSeries, dayLabels } from './level-series.js';

let n = 0;
function mv(fields: Partial<MovementDoc>): MovementDoc {
  n++;
  return {
    id: `m${n}`, storeId: 's', productId: 'p', kind: 'sale', delta: -1, reason: null, ticketId: null, transferId: null, purchaseOrderId: null, unitPriceCents: null, unitCostCents: null,
    countedQty: null, expectedQty: null, deviceId: 'd', actor: null, clientTime: 1000 * n,
    status: 'accepted', ledgerSeq: n, serverTime: 1000 * n + 5, balanceAfter: null, rejection: null, seq: n, _deleted: false,
    ...fields,
  };
}

describe('buildLevelSeries', () => {
  it('draws server balances in ledger order, starting from the level before the first movement', () => {
    const ms = [
      mv({ id: 'b', kind: 'sale', delta: -2, ledgerSeq: 2, clientTime: 2000, serverTime: 2100, balanceAfter: 8 }),
      mv({ id: 'a', kind: 'receipt', delta: 10, ledgerSeq: 1, clientTime: 1000, serverTime: 2100, balanceAfter: 10 }),
    ];
    const s = buildLevelSeries(ms, { onHand: 8, appliedSeq: 2 }, 8, 5000);
    expect(s.points.map((p) => [p.t, p.level, p.projected])).toEqual([
      [1000, 0, false], [1000, 10, false], [2000, 8, false], [5000, 8, false],
    ]);
    expect([s.min, s.max, s.start, s.end]).toEqual([0, 10, 1000, 5000]);
  });

  it('adds pending movements as a projected running sum and ends at the shown level', () => {
    const ms = [
      mv({ delta: 5, kind: 'receipt', ledgerSeq: 1, clientTime: 1000, balanceAfter: 5 }),
      mv({ status: 'pending', delta: -1, ledgerSeq: null, serverTime: null, clientTime: 3000 }),
      mv({ status: 'pending', delta: -3, ledgerSeq: null, serverTime: null, clientTime: 4000 }),
      mv({ status: 'rejected', delta: -9, ledgerSeq: null, serverTime: 3500, clientTime: 3400 }),
    ];
    const s = buildLevelSeries(ms, { onHand: 5, appliedSeq: 1 }, 1, 6000);
    expect(s.points.map((p) => [p.t, p.level, p.projected])).toEqual([
      [1000, 0, false], [1000, 5, false], [3000, 4, true], [4000, 1, true], [6000, 1, true],
    ]);
    expect(s.rejected).toEqual([{ t: 3400, movementId: expect.any(String) }]);
  });

  it('uses the stock row when it is newer than the movements this device holds', () => {
    const ms = [mv({ delta: 5, kind: 'receipt', ledgerSeq: 1, clientTime: 1000, balanceAfter: 5 })];
    const s = buildLevelSeries(ms, { onHand: 12, appliedSeq: 7 }, 12, 9000);
    expect(s.points.map((p) => p.level)).toEqual([0, 5, 12, 12]);
  });

  it('places balances at shop time in ledger order, never running backwards', () => {
    // A device offline since 10:00 syncs after a sale rung up at 12:00 elsewhere.
    const ms = [
      mv({ delta: 10, kind: 'receipt', ledgerSeq: 1, clientTime: 500, balanceAfter: 10 }),
      mv({ delta: -1, ledgerSeq: 2, clientTime: 1200, balanceAfter: 9 }),
      mv({ delta: -2, ledgerSeq: 3, clientTime: 1000, balanceAfter: 7 }),
    ];
    const s = buildLevelSeries(ms, { onHand: 7, appliedSeq: 3 }, 7, 2000);
    expect(s.points.map((p) => [p.t, p.level])).toEqual([[500, 0], [500, 10], [1200, 9], [1200, 7], [2000, 7]]);
  });

  it('is a flat line at the current level when there is no history', () => {
    const s = buildLevelSeries([], { onHand: 4, appliedSeq: 3 }, 4, 9000);
    expect(s.points.map((p) => [p.t, p.level])).toEqual([[9000, 4], [9000, 4]]);
    expect(buildLevelSeries([], null, 0, 1).points).toHaveLength(1);
  });
});

describe('chartData', () => {
  it("gives uPlot one time column in seconds and a column per series, the dashed part joining the solid one", () => {
    const series = buildLevelSeries([mv({ delta: 10, kind: 'receipt', balanceAfter: 10 }), mv({ status: 'pending', ledgerSeq: null, balanceAfter: null })], null, 9, 10_000);
    const [xs, confirmed = [], projected = [], reorder = [], critical = [], rejected = []] = chartData(series, 4, null);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs.every((x) => Number.isFinite(x) && x < 1e11)).toBe(true); // seconds, not ms
    expect(confirmed.filter((v) => v !== null)).toEqual([10]);
    // The projected line starts at the last confirmed level and ends at what every screen shows.
    const dashed = projected.filter((v) => v !== null);
    expect([dashed[0], dashed.at(-1)]).toEqual([10, 9]);
    expect(new Set(reorder)).toEqual(new Set([4]));
    expect(new Set(critical)).toEqual(new Set([null]));
    expect(rejected.every((v) => v === null)).toBe(true);
  });
});

describe('dayLabels', () => {
  it('labels each day once, so hourly ticks over a short range do not repeat the date', () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const h = 3600;
    const t0 = Date.parse('2026-12-01T20:00:00Z') / 1000;
    expect(dayLabels([t0, t0 + 2 * h, t0 + 4 * h, t0 + 6 * h], day)).toEqual(['2026-12-01', '', '2026-12-02', '']);
  });
});
