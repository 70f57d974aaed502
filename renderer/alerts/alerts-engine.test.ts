import { describe, expect, it } from 'vitest';
import { defaultAlertSettings, isTransferAlert, type AlertSettings, type VelocityMovement } from '../../shared/alerts/index.js';
import type { ProjectedLevel } from '../data/api.js';
import type { NotifyRequest } from '../platform/index.js';
import { AlertPersistence, type KeyValueStorage } from './alert-history.js';
import { AlertsEngine } from './alerts-engine.js';

const T0 = Date.UTC(2025, 0, 15, 12);

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
}

/** A tiny stand-in for the data layer: levels replace their object on change, like MemoryLevelIndex. */
class FakeLevels {
  private byStore = new Map<string, Map<string, ProjectedLevel>>();
  set(storeId: string, productId: string, level: number, reorderPoint: number | null = 10, criticalPoint: number | null = 3, stocked = true) {
    if (!this.byStore.has(storeId)) this.byStore.set(storeId, new Map());
    this.byStore.get(storeId)!.set(productId, {
      storeId, productId, level, onHand: level, unappliedDelta: 0, reorderPoint, criticalPoint, hasStockRow: true, stocked,
    });
  }
  forStore = (storeId: string) => [...(this.byStore.get(storeId)?.values() ?? [])];
}

function setup(opts: { settings?: Partial<AlertSettings>; storage?: MemoryStorage; sales?: VelocityMovement[] } = {}) {
  let now = T0;
  const levels = new FakeLevels();
  const shown: NotifyRequest[] = [];
  const tray: unknown[] = [];
  const saved: AlertSettings[] = [];
  const storage = opts.storage ?? new MemoryStorage();
  const inactive = new Set<string>();
  const defaults = { ...defaultAlertSettings({ role: 'owner', storeIds: [], timeZone: 'UTC' }), sustainSeconds: 0, ...opts.settings };
  const engine = new AlertsEngine({
    rows: { forStore: levels.forStore, isActive: (id) => !inactive.has(id), catalogVersion: () => inactive.size },
    stores: () => [{ id: 'main', name: 'Main St' }, { id: 'north', name: 'North Rd' }],
    product: (id) => ({ beans: { name: 'Espresso beans', unit: 'pcs' }, flour: { name: 'Flour', unit: 'g' } })[id] ?? { name: id, unit: 'pcs' },
    sales: async () => opts.sales ?? [],
    notify: async (r) => void shown.push(r),
    setTrayCounts: (c) => void tray.push(c),
    persistence: new AlertPersistence(storage, 'test'),
    now: () => now,
    defaults,
    loadSettings: async () => ({}),
    saveSettings: async (s) => void saved.push(s),
  });
  return { engine, levels, shown, tray, saved, storage, inactive, advance: (s: number) => (now += s * 1000) };
}

describe('AlertsEngine', () => {
  it('notifies from projected levels with text a person understands', async () => {
    const s = setup();
    await s.engine.ready;
    s.levels.set('main', 'beans', 3);
    s.levels.set('main', 'milk', 50);
    s.engine.tick();
    expect(s.shown).toEqual([
      { title: 'Espresso beans — 3 left at Main St', body: 'Reorder at 10 · critical at 3', productId: 'beans', storeId: 'main' },
    ]);
    expect(s.tray).toEqual([{ low: 0, critical: 1, out: 0 }]);
    expect(s.engine.getHistory().map((h) => [isTransferAlert(h) ? h.transferId : h.productId, h.level, h.delivery])).toEqual([['beans', 'critical', 'notified']]);
    expect(s.engine.current().map((t) => t.productId)).toEqual(['beans']);
    s.advance(60);
    s.engine.tick();
    expect(s.shown).toHaveLength(1);
    expect(s.tray).toHaveLength(1); // unchanged counts are not re-sent
  });

  it('folds a burst into one summary whose click opens the alert centre', async () => {
    const s = setup({ settings: { maxPerMinute: 3 } });
    await s.engine.ready;
    for (let i = 0; i < 50; i++) s.levels.set('main', `p${i}`, 5);
    s.engine.tick();
    expect(s.shown).toHaveLength(3);
    expect(s.shown[2]).toEqual({ title: '48 products need restocking', body: '48 low — p2, p3, p4 and 45 more', productId: '', storeId: '' });
    expect(s.engine.getHistory()).toHaveLength(50);
  });

  it('watches only the scoped stores and skips inactive products', async () => {
    const s = setup({ settings: { scope: { mode: 'stores', storeIds: ['north'] } } });
    await s.engine.ready;
    s.levels.set('main', 'beans', 0);
    s.levels.set('north', 'flour', 0, 500, 100);
    s.levels.set('north', 'old', 0);
    s.inactive.add('old');
    s.engine.tick();
    expect(s.shown.map((n) => n.title)).toEqual(['Flour — out of stock at North Rd']);
  });

  it('keeps state and history across a reload (no repeat after restart)', async () => {
    const storage = new MemoryStorage();
    const a = setup({ storage });
    await a.engine.ready;
    a.levels.set('main', 'beans', 2);
    a.engine.tick();
    a.engine.snooze('milk', T0 + 3_600_000);
    const b = setup({ storage });
    await b.engine.ready;
    b.levels.set('main', 'beans', 2);
    b.levels.set('main', 'milk', 1);
    b.engine.tick();
    expect(b.shown).toEqual([]);
    expect(b.engine.getHistory()).toHaveLength(1);
    expect(b.engine.isSnoozed('milk')).toBe(true);
    b.engine.unsnooze('milk');
    b.engine.tick();
    expect(b.shown.map((n) => n.productId)).toEqual(['milk']);
  });

  it('saves edited settings and evaluates with them at once', async () => {
    const s = setup({ settings: { sustainSeconds: 300 } });
    await s.engine.ready;
    s.levels.set('main', 'beans', 2);
    s.engine.tick();
    expect(s.shown).toEqual([]);
    await s.engine.updateSettings({ ...s.engine.getSettings(), sustainSeconds: 0 });
    expect(s.saved.at(-1)?.sustainSeconds).toBe(0);
    expect(s.shown.map((n) => n.productId)).toEqual(['beans']);
  });

  it('uses the dynamic reorder point from recent sales when switched on', async () => {
    const DAY = 86_400_000;
    const sales: VelocityMovement[] = Array.from({ length: 7 }, (_, d) => ({
      storeId: 'main', productId: 'beans', kind: 'sale', delta: -10, status: 'accepted', clientTime: T0 - (d + 0.5) * DAY, serverTime: null,
    }));
    const s = setup({ sales, settings: { dynamicReorder: { enabled: true, days: 7, leadTimeDays: 3 } } });
    await s.engine.ready;
    s.levels.set('main', 'beans', 25); // manual reorder point 10: fine; dynamic 30: low
    s.engine.tick(); // starts the velocity query
    await new Promise((r) => setTimeout(r, 0));
    s.advance(60);
    s.engine.tick();
    expect(s.shown).toEqual([{ title: 'Espresso beans — 25 left at Main St', body: 'Reorder at 30 · critical at 3', productId: 'beans', storeId: 'main' }]);
  });
});
