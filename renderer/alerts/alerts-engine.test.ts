import { describe, expect, it } from 'vitest';
import { defaultAlertSettings, isTransferAlert, type AlertSettings, type TransferAlertInput, type VelocityMovement } from '../../shared/alerts/index.js';
import { AlertRowCollector, incomingKeysOf } from './alert-rows.js';
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

/** A stand-in for client.transfers: documents plus in-transit amounts that may change without a version bump (overdue by the clock). */
class FakeTransfers {
  docs: TransferAlertInput[] = [];
  amounts = new Map<string, { incoming: number; overdueIncoming: number }>();
  ver = 0;
  overdueDays: number[] = [];
  amountReads = 0;
  set(docs: TransferAlertInput[]) {
    this.docs = docs;
    this.ver++;
  }
}

const DAY = 86_400_000;
function onRoad(id: string, qty: number, sentAt: number, received = 0, writtenOff = 0, closedAt: number | null = null): TransferAlertInput {
  const transit = qty - received;
  return {
    id, fromStoreId: 'main', toStoreId: 'north',
    lines: [{ productId: 'beans', qty, sent: qty, received, returned: 0, writtenOff }],
    state: transit === 0 ? 'closed' : received > 0 ? 'partial' : 'sent',
    sentAt, closedAt,
  };
}

function setup(opts: { settings?: Partial<AlertSettings>; storage?: MemoryStorage; sales?: VelocityMovement[]; transfers?: FakeTransfers } = {}) {
  let now = T0;
  const levels = new FakeLevels();
  const transfers = opts.transfers ?? new FakeTransfers();
  const shown: NotifyRequest[] = [];
  const tray: unknown[] = [];
  const saved: AlertSettings[] = [];
  const storage = opts.storage ?? new MemoryStorage();
  const inactive = new Set<string>();
  const defaults = { ...defaultAlertSettings({ role: 'owner', storeIds: [], timeZone: 'UTC' }), sustainSeconds: 0, ...opts.settings };
  const engine = new AlertsEngine({
    rows: {
      forStore: levels.forStore,
      isActive: (id) => !inactive.has(id),
      catalogVersion: () => inactive.size,
      inTransit: {
        version: () => transfers.ver,
        incomingKeys: () => new Set(transfers.amounts.keys()),
        amounts: (storeId, productId) => {
          transfers.amountReads++;
          return transfers.amounts.get(`${storeId}:${productId}`) ?? { incoming: 0, overdueIncoming: 0 };
        },
      },
    },
    transfers: { all: () => transfers.docs, setOverdueDays: (d) => void transfers.overdueDays.push(d) },
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
  return { engine, levels, transfers, shown, tray, saved, storage, inactive, advance: (s: number) => (now += s * 1000) };
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

  it('tells an overdue transfer once on this device, across ticks and a reload, and the click opens the alert centre', async () => {
    const storage = new MemoryStorage();
    const transfers = new FakeTransfers();
    transfers.set([onRoad('01JTRANSFER0000000000ABC123', 12, T0 - 4 * DAY)]);
    const a = setup({ storage, transfers });
    await a.engine.ready;
    a.engine.tick();
    expect(a.shown).toEqual([
      {
        title: 'Transfer Main St → North Rd: 12 units on the road for 4 days',
        body: 'T-ABC123 · not received yet',
        productId: '',
        storeId: '',
        transferId: '01JTRANSFER0000000000ABC123',
      },
    ]);
    for (let i = 0; i < 5; i++) {
      a.advance(60);
      a.engine.tick();
    }
    expect(a.shown).toHaveLength(1);
    const [entry] = a.engine.getHistory();
    expect(entry && isTransferAlert(entry) && [entry.transferId, entry.level, entry.units, entry.delivery]).toEqual([
      '01JTRANSFER0000000000ABC123', 'overdue', 12, 'notified',
    ]);
    expect(a.engine.overdueTransfers().map((t) => t.id)).toEqual(['01JTRANSFER0000000000ABC123']);
    const b = setup({ storage, transfers });
    await b.engine.ready;
    b.engine.tick();
    expect(b.shown).toEqual([]);
    expect(b.engine.getHistory()).toHaveLength(1);
  });

  it('tells a transfer closed with write-offs once; a transfer received in time never', async () => {
    const transfers = new FakeTransfers();
    transfers.set([onRoad('t1', 12, T0 - DAY, 12, 0, T0 - 60_000), onRoad('t2', 6, T0 - DAY, 6, 2, T0 - 60_000), onRoad('t3', 3, T0 - DAY)]);
    const s = setup({ transfers });
    await s.engine.ready;
    s.engine.tick();
    s.advance(60);
    s.engine.tick();
    expect(s.shown.map((n) => n.title)).toEqual(['Transfer Main St → North Rd closed with 2 units written off']);
  });

  it('watches a transfer on the devices of either store, by the scope setting', async () => {
    const transfers = new FakeTransfers();
    transfers.set([onRoad('t1', 12, T0 - 4 * DAY)]);
    for (const [storeIds, count] of [[['north'], 1], [['main'], 1], [['south'], 0]] as const) {
      const s = setup({ transfers, settings: { scope: { mode: 'stores', storeIds: [...storeIds] } } });
      await s.engine.ready;
      s.engine.tick();
      expect(s.shown).toHaveLength(count);
    }
  });

  it('snoozes a transfer: told after the snooze if still overdue', async () => {
    const transfers = new FakeTransfers();
    transfers.set([onRoad('t1', 12, T0 - 4 * DAY)]);
    const s = setup({ transfers });
    await s.engine.ready;
    s.engine.snoozeTransfer('t1', T0 + 3_600_000);
    s.engine.tick();
    expect(s.shown).toEqual([]);
    expect(s.engine.transferSnoozedUntil('t1')).toBe(T0 + 3_600_000);
    s.advance(3600);
    s.engine.tick();
    expect(s.shown).toHaveLength(1);
  });

  it('keeps the data layer\'s overdue days the alert setting', async () => {
    const s = setup({ settings: { transferOverdueDays: 5 } });
    await s.engine.ready;
    await s.engine.updateSettings({ ...s.engine.getSettings(), transferOverdueDays: 2 });
    expect(s.transfers.overdueDays).toEqual([5, 5, 2]);
  });

  it('no low for a store whose delivery is on the road, until it is overdue (the clock alone, no new version)', async () => {
    const s = setup();
    await s.engine.ready;
    s.levels.set('north', 'beans', 8);
    s.transfers.amounts.set('north:beans', { incoming: 5, overdueIncoming: 0 });
    s.transfers.set([]); // a version bump, as the index does when a transfer moves
    s.engine.tick();
    expect(s.shown).toEqual([]);
    expect(s.tray.at(-1)).toEqual({ low: 0, critical: 0, out: 0 });
    s.transfers.amounts.set('north:beans', { incoming: 5, overdueIncoming: 5 }); // overdue now
    s.advance(60);
    s.engine.tick();
    expect(s.shown.map((n) => n.title)).toEqual(['Espresso beans — 8 left at North Rd']);
    expect(s.tray.at(-1)).toEqual({ low: 1, critical: 0, out: 0 });
  });
});

describe('AlertRowCollector', () => {
  it('reuses rows between ticks and reads transit only for pairs with something coming', () => {
    const levels = new FakeLevels();
    for (let i = 0; i < 100; i++) levels.set('north', `p${i}`, 50);
    let ver = 0;
    let reads = 0;
    const amounts = new Map([['north:p1', { incoming: 5, overdueIncoming: 0 }]]);
    const sources = {
      forStore: (storeId: string) => cached[storeId] ?? [],
      isActive: () => true,
      catalogVersion: () => 0,
      inTransit: {
        version: () => ver,
        incomingKeys: () => new Set(amounts.keys()),
        amounts: (storeId: string, productId: string) => (reads++, amounts.get(`${storeId}:${productId}`) ?? { incoming: 0, overdueIncoming: 0 }),
      },
    };
    const cached: Record<string, ReturnType<FakeLevels['forStore']>> = { north: levels.forStore('north') };
    const c = new AlertRowCollector();
    const first = [...c.collect(sources, ['north'], null)];
    expect(first[1]?.incoming).toBe(5);
    expect(first[0]?.incoming).toBeUndefined();
    const second = [...c.collect(sources, ['north'], null)];
    expect(second.every((r, i) => r === first[i])).toBe(true); // nothing changed: the same objects
    expect(reads).toBe(2);
    amounts.set('north:p1', { incoming: 5, overdueIncoming: 5 });
    const third = [...c.collect(sources, ['north'], null)];
    expect(third[1]?.incoming).toBe(0);
    expect(third[0]).toBe(first[0]);
    ver++;
    amounts.clear();
    const fourth = [...c.collect(sources, ['north'], null)];
    expect(fourth[1]?.incoming).toBeUndefined(); // the transfer arrived: a new version resets the cache
    expect(reads).toBe(3);
  });

  it('knows which pairs have something coming from the transfers', () => {
    const keys = incomingKeysOf([onRoad('t1', 12, T0), onRoad('t2', 4, T0, 4, 0, T0), onRoad('t3', 4, T0, 1)]);
    expect([...keys]).toEqual(['north:beans']);
  });
});
