import { describe, expect, it } from 'vitest';
import type { SalesDay } from '../../../shared/reports/index.js';
import { revenueColumns } from './sales-chart.js';

const day = (storeId: string, d: string, revenueCents: number): SalesDay => ({ storeId, day: d, units: 1, revenueCents, byActor: [] });

describe('revenueColumns', () => {
  it('has one x per day of the range at UTC midnight, days without sales at 0, stores summed', () => {
    const [xs, ys] = revenueColumns([day('a', '2026-11-30', 500), day('b', '2026-11-30', 250), day('a', '2026-12-02', 100)], '2026-11-29', '2026-12-02');
    expect(xs).toEqual([Date.UTC(2026, 10, 29), Date.UTC(2026, 10, 30), Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 2)].map((ms) => ms / 1000));
    expect(ys).toEqual([0, 750, 0, 100]);
  });
});
