import { describe, expect, it } from 'vitest';
import { salesByStoreDay, type SalesMovement } from './sales.js';

const at = (iso: string) => Date.parse(iso);
const sale = (storeId: string, when: string, qty: number, price: number | null, actor: string | null = 'Mia'): SalesMovement =>
  ({ storeId, kind: 'sale', delta: -qty, unitPriceCents: price, status: 'accepted', clientTime: at(when), actor });

describe('sales by store and day', () => {
  it('adds units and revenue per store and local day, less voids, per till user', () => {
    const zones: Record<string, string> = { berlin: 'Europe/Berlin', shanghai: 'Asia/Shanghai' };
    const rows = salesByStoreDay([
      sale('berlin', '2026-11-30T22:30:00Z', 2, 350), // 23:30 in Berlin: still the 30th
      sale('berlin', '2026-11-30T23:30:00Z', 1, 350, 'Li'), // 00:30 on the 1st
      { ...sale('berlin', '2026-12-01T08:00:00Z', 1, 350, 'Li'), kind: 'void', delta: 1 }, // Li's sale taken back
      sale('shanghai', '2026-11-30T17:00:00Z', 3, 1000), // 01:00 on the 1st in Shanghai
      { ...sale('shanghai', '2026-11-30T18:00:00Z', 5, 1000), status: 'rejected' },
      sale('shanghai', '2026-12-01T02:00:00Z', 1, null), // protocol 1: no price
    ], { from: at('2026-11-30T00:00:00Z'), to: at('2026-12-02T00:00:00Z') }, (s) => zones[s]!);
    expect(rows.map((r) => [r.storeId, r.day, r.units, r.revenueCents])).toEqual([
      ['berlin', '2026-11-30', 2, 700],
      ['berlin', '2026-12-01', 0, 0],
      ['shanghai', '2026-12-01', 4, 3000],
    ]);
    expect(rows[1]!.byActor).toEqual([{ actor: 'Li', units: 0, revenueCents: 0 }]);
    expect(rows[2]!.byActor).toEqual([{ actor: 'Mia', units: 4, revenueCents: 3000 }]);
  });
});
