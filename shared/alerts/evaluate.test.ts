import { describe, expect, it } from 'vitest';
import { createAlertState, evaluateAlerts, isProductSnoozed, snoozeProduct, unsnoozeProduct } from './evaluate.js';
import { parseAlertState, serializeAlertState } from './state-codec.js';
import { AlertHarness, row, T0, testSettings } from './test-clock.js';
import { isTransferAlert, type AlertNotice, type AlertRow } from './types.js';
import { dynamicReorderPoints, effectiveReorderPoint } from './velocity.js';

const singles = (notices: AlertNotice[]) =>
  notices.flatMap((n) => (n.kind === 'single' && !isTransferAlert(n.item) ? [`${n.item.productId}:${n.item.level}`] : []));

describe('notify once per crossing', () => {
  it('tells a low level once, however many ticks it stays low', () => {
    const h = new AlertHarness();
    expect(singles(h.tick([row('beans', 12)]).notices)).toEqual([]);
    expect(singles(h.advance(60).tick([row('beans', 9)]).notices)).toEqual(['beans:low']);
    for (let i = 0; i < 10; i++) {
      expect(h.advance(60).tick([row('beans', 9 - (i % 3))]).notices).toEqual([]);
    }
  });

  it('does not repeat while flapping around the threshold (hysteresis)', () => {
    const h = new AlertHarness(testSettings({ hysteresis: { units: 2, percent: 0 } }));
    const seen: string[] = [];
    for (const qty of [11, 10, 11, 10, 12, 10, 11, 9, 12, 10]) {
      seen.push(...singles(h.advance(60).tick([row('beans', qty)]).notices));
    }
    expect(seen).toEqual(['beans:low']);
    // Recovering above 10 + 2 re-arms; the next crossing is told again.
    expect(h.advance(60).tick([row('beans', 13)]).notices).toEqual([]);
    expect(h.state.tracks.size).toBe(0);
    expect(singles(h.advance(60).tick([row('beans', 10)]).notices)).toEqual(['beans:low']);
  });

  it('re-arms with percent hysteresis on big thresholds (grams)', () => {
    const h = new AlertHarness(testSettings({ hysteresis: { units: 1, percent: 10 } }));
    expect(singles(h.tick([row('flour', 1000, 1000, 200)]).notices)).toEqual(['flour:low']);
    expect(h.advance(60).tick([row('flour', 1090, 1000, 200)]).notices).toEqual([]);
    expect(h.advance(60).tick([row('flour', 990, 1000, 200)]).notices).toEqual([]);
    h.advance(60).tick([row('flour', 1101, 1000, 200)]);
    expect(singles(h.advance(60).tick([row('flour', 999, 1000, 200)]).notices)).toEqual(['flour:low']);
  });
});

describe('never stocked', () => {
  it('a product never stocked at a store does not alert there, until it has been (DESIGN §7)', () => {
    const h = new AlertHarness();
    expect(singles(h.tick([{ ...row('tea', 0), stocked: false }]).notices)).toEqual([]);
    expect(h.advance(60).tick([{ ...row('tea', 0), stocked: false }]).counts).toEqual({ low: 0, critical: 0, out: 0 });
    // Received, then sold out: now it is stock that ran out.
    expect(singles(h.advance(60).tick([{ ...row('tea', 0), stocked: true }]).notices)).toEqual(['tea:out']);
  });
});

describe('escalation', () => {
  it('tells low, then critical, then out, once each', () => {
    const h = new AlertHarness();
    const seen: string[] = [];
    for (const qty of [9, 8, 3, 2, 3, 0, 0, -1, 1]) {
      seen.push(...singles(h.advance(60).tick([row('beans', qty)]).notices));
    }
    expect(seen).toEqual(['beans:low', 'beans:critical', 'beans:out']);
  });

  it('jumps straight to the worst level reached without telling the milder ones', () => {
    const h = new AlertHarness();
    expect(singles(h.tick([row('beans', 0)]).notices)).toEqual(['beans:out']);
  });

  it('tells out again after a partial recovery above its hysteresis band', () => {
    const h = new AlertHarness();
    h.tick([row('beans', 0)]);
    // 3 is above 0 + 2: out re-arms, critical (3 ≤ 3 + 2) stays told
    expect(h.advance(60).tick([row('beans', 3)]).notices).toEqual([]);
    expect(singles(h.advance(60).tick([row('beans', 0)]).notices)).toEqual(['beans:out']);
    // 2 is within out's band: no repeat when it drops again
    h.advance(60).tick([row('beans', 2)]);
    expect(h.advance(60).tick([row('beans', 0)]).notices).toEqual([]);
  });
});

describe('sustain', () => {
  it('waits until a level has held for sustainSeconds', () => {
    const h = new AlertHarness(testSettings({ sustainSeconds: 120 }));
    expect(h.tick([row('beans', 9)]).notices).toEqual([]);
    expect(h.advance(60).tick([row('beans', 9)]).notices).toEqual([]);
    expect(h.advance(59).tick([row('beans', 8)]).notices).toEqual([]);
    expect(singles(h.advance(1).tick([row('beans', 8)]).notices)).toEqual(['beans:low']);
  });

  it('ignores a dip shorter than sustainSeconds', () => {
    const h = new AlertHarness(testSettings({ sustainSeconds: 120 }));
    const seen: string[] = [];
    // a sale drops it to 9 and a correction restores it a minute later, repeatedly
    for (const qty of [9, 11, 9, 11, 9, 11, 0, 11]) {
      seen.push(...singles(h.advance(60).tick([row('beans', qty)]).notices));
    }
    expect(seen).toEqual([]);
  });

  it('times an escalation from when the worse level was reached', () => {
    const h = new AlertHarness(testSettings({ sustainSeconds: 120 }));
    const seen: string[] = [];
    // low from t=60; critical from t=180; both held
    for (const qty of [9, 9, 3, 3, 3, 3]) seen.push(...singles(h.advance(60).tick([row('beans', qty)]).notices));
    expect(seen).toEqual(['beans:low', 'beans:critical']);
  });

  it('keeps the low clock running when the level worsens and improves within low-or-worse', () => {
    const h = new AlertHarness(testSettings({ sustainSeconds: 120 }));
    expect(h.tick([row('beans', 9)]).notices).toEqual([]);
    expect(h.advance(60).tick([row('beans', 2)]).notices).toEqual([]);
    // critical held only 60 s, low-or-worse 120 s: low is told, not critical
    expect(singles(h.advance(60).tick([row('beans', 5)]).notices)).toEqual(['beans:low']);
  });
});

describe('rate cap', () => {
  const burst = (n: number, qty = 5): AlertRow[] => Array.from({ length: n }, (_, i) => row(`p${i}`, qty));

  it('folds a burst of 50 crossings into one summary', () => {
    const h = new AlertHarness(testSettings({ maxPerMinute: 5 }));
    const { notices, events } = h.tick(burst(50));
    const summaries = notices.filter((n) => n.kind === 'summary');
    expect(summaries).toHaveLength(1);
    expect(notices.length).toBeLessThanOrEqual(5);
    expect(singles(notices)).toHaveLength(4);
    const folded = summaries[0]!.kind === 'summary' ? summaries[0]!.items : [];
    expect(folded).toHaveLength(46);
    // every crossing is in the history exactly once
    expect(new Set(events.map((e) => e.item.key)).size).toBe(50);
    // and none of them is told again
    expect(h.advance(60).tick(burst(50)).notices).toEqual([]);
  });

  it('shows the worst levels individually when it must fold', () => {
    const h = new AlertHarness(testSettings({ maxPerMinute: 3 }));
    const rows = [...burst(10), row('beans', 0), row('milk', 1)];
    const { notices } = h.tick(rows);
    expect(singles(notices)).toEqual(['beans:out', 'milk:critical']);
    expect(notices[2]?.kind === 'summary' && notices[2].items.length).toBe(10);
  });

  it('counts notifications over a rolling minute and holds the overflow for a later summary', () => {
    const h = new AlertHarness(testSettings({ maxPerMinute: 2 }));
    const rows = [row('a', 5, 10, 3), row('b', 20), row('c', 20)];
    expect(singles(h.tick(rows).notices)).toEqual(['a:low']);
    rows[1] = row('b', 5);
    expect(singles(h.advance(10).tick(rows).notices)).toEqual(['b:low']);
    rows[2] = row('c', 5);
    const held = h.advance(10).tick(rows);
    expect(held.notices).toEqual([]); // two already shown in this minute
    expect(held.events.map((e) => e.delivery)).toEqual(['held']);
    expect(h.advance(20).tick(rows).notices).toEqual([]); // 40 s after the first one
    // 60 s after the first: budget frees up and the held crossing is told
    expect(singles(h.advance(20).tick(rows).notices)).toEqual(['c:low']);
    expect(h.advance(60).tick(rows).notices).toEqual([]);
  });

  it('drops a held alert whose product recovered before it could be told', () => {
    const h = new AlertHarness(testSettings({ maxPerMinute: 1 }));
    h.tick([row('a', 5), row('b', 20)]);
    expect(h.advance(5).tick([row('a', 5), row('b', 5)]).notices).toEqual([]);
    expect(h.state.held).toHaveLength(1);
    expect(h.advance(60).tick([row('a', 5), row('b', 30)]).notices).toEqual([]);
    expect(h.state.held).toHaveLength(0);
  });
});

describe('snooze', () => {
  it('keeps a snoozed product quiet and tells it after the snooze if still short', () => {
    const h = new AlertHarness();
    h.state = snoozeProduct(h.state, 'beans', T0 + 3600_000);
    expect(isProductSnoozed(h.state, 'beans', T0)).toBe(true);
    const first = h.tick([row('beans', 2), row('milk', 2)]);
    expect(singles(first.notices)).toEqual(['milk:critical']);
    expect(first.counts).toEqual({ low: 0, critical: 2, out: 0 }); // still counted for the tray
    expect(h.advance(1800).tick([row('beans', 0), row('milk', 2)]).notices).toEqual([]);
    // snooze over: the worst current level is told once
    expect(singles(h.advance(1800).tick([row('beans', 0), row('milk', 2)]).notices)).toEqual(['beans:out']);
    expect(h.state.snoozes.size).toBe(0);
    expect(h.advance(60).tick([row('beans', 0), row('milk', 2)]).notices).toEqual([]);
  });

  it('snoozes the product in every store, and can be lifted', () => {
    const h = new AlertHarness();
    h.state = snoozeProduct(h.state, 'beans', T0 + 3600_000);
    expect(h.tick([row('beans', 2, 10, 3, 'main'), row('beans', 2, 10, 3, 'north')]).notices).toEqual([]);
    h.state = unsnoozeProduct(h.state, 'beans');
    expect(singles(h.advance(60).tick([row('beans', 2, 10, 3, 'main'), row('beans', 2, 10, 3, 'north')]).notices)).toEqual([
      'beans:critical',
      'beans:critical',
    ]);
  });
});

describe('quiet hours', () => {
  // 22:00–07:00 in Shanghai (UTC+8); T0 is 20:00 there
  const settings = testSettings({ quietHours: { enabled: true, start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai' } });

  it('holds crossings at night and tells them in the morning', () => {
    const h = new AlertHarness(settings);
    h.advance(3 * 3600); // 23:00
    const night = h.tick([row('beans', 5), row('milk', 0)]);
    expect(night.notices).toEqual([]);
    expect(night.events.map((e) => e.delivery)).toEqual(['held', 'held']);
    h.advance(7 * 3600); // 06:00
    expect(h.tick([row('beans', 5), row('milk', 0)]).notices).toEqual([]);
    h.advance(3600); // 07:00
    const morning = h.tick([row('beans', 5), row('milk', 0)]);
    expect(singles(morning.notices)).toEqual(['milk:out', 'beans:low']);
    expect(morning.events.map((e) => e.delivery)).toEqual(['notified', 'notified']);
    expect(h.advance(60).tick([row('beans', 5), row('milk', 0)]).notices).toEqual([]);
  });

  it('folds a night of crossings into one morning summary when over the cap', () => {
    const h = new AlertHarness({ ...settings, maxPerMinute: 3 });
    h.advance(3 * 3600);
    const rows = Array.from({ length: 20 }, (_, i) => row(`p${i}`, 5));
    h.tick(rows);
    h.advance(8 * 3600);
    const { notices } = h.tick(rows);
    expect(notices.filter((n) => n.kind === 'summary')).toHaveLength(1);
    expect(notices).toHaveLength(3);
  });

  it('tells nothing in the morning for what recovered overnight', () => {
    const h = new AlertHarness(settings);
    h.advance(3 * 3600);
    h.tick([row('beans', 5)]);
    h.advance(3600).tick([row('beans', 50)]); // delivery at midnight
    h.advance(8 * 3600);
    expect(h.tick([row('beans', 50)]).notices).toEqual([]);
  });
});

describe('scope', () => {
  it('watches only the given stores (staff: their own store)', () => {
    const h = new AlertHarness(testSettings(), new Set(['north']));
    const r = h.tick([row('beans', 2, 10, 3, 'main'), row('milk', 2, 10, 3, 'north')]);
    expect(r.notices.map((n) => n.kind === 'single' && n.item.key)).toEqual(['north:milk']);
    expect(r.counts).toEqual({ low: 0, critical: 1, out: 0 });
  });

  it('watches every store when the scope is all (owner)', () => {
    const h = new AlertHarness(testSettings(), null);
    expect(h.tick([row('beans', 2, 10, 3, 'main'), row('milk', 2, 10, 3, 'north')]).notices).toHaveLength(2);
  });
});

describe('dynamic reorder point', () => {
  it('alerts on sales velocity × lead time instead of the manual point', () => {
    const DAY = 86_400_000;
    // 10 a day over 7 days, lead time 3 days → reorder at 30
    const sales = Array.from({ length: 7 }, (_, d) => ({
      storeId: 'main',
      productId: 'beans',
      kind: 'sale' as const,
      delta: -10,
      status: 'accepted' as const,
      clientTime: T0 - (d + 0.5) * DAY,
      serverTime: T0 - (d + 0.5) * DAY,
    }));
    const points = dynamicReorderPoints(sales, T0, 7, 3);
    const at = (qty: number) => row('beans', qty, effectiveReorderPoint(10, points.get('main:beans')), 3);
    const h = new AlertHarness();
    expect(at(31).reorderPoint).toBe(30);
    expect(h.tick([at(31)]).notices).toEqual([]);
    expect(singles(h.advance(60).tick([at(25)]).notices)).toEqual(['beans:low']);
  });
});

describe('the reducer', () => {
  it('does not mutate the state it is given', () => {
    const before = createAlertState();
    const frozen = serializeAlertState(before);
    const r = evaluateAlerts(before, { now: T0, rows: [row('beans', 0)], settings: testSettings(), watchStores: null });
    expect(serializeAlertState(before)).toBe(frozen);
    expect(r.state.tracks.size).toBe(1);
  });

  it('survives a restart through the codec without telling again', () => {
    const h = new AlertHarness();
    h.tick([row('beans', 2), ...Array.from({ length: 10 }, (_, i) => row(`p${i}`, 5))]);
    h.state = snoozeProduct(h.state, 'milk', T0 + 999_000);
    const restored = parseAlertState(serializeAlertState(h.state));
    expect(restored.tracks.get('main:beans')?.notified).toBe(2);
    expect(isProductSnoozed(restored, 'milk', T0)).toBe(true);
    h.state = restored;
    expect(h.advance(60).tick([row('beans', 2)]).notices).toEqual([]);
    expect(parseAlertState('{"v":1,"tracks":"nope"}').tracks.size).toBe(0);
    expect(parseAlertState('not json').tracks.size).toBe(0);
  });

  it('skips rows without thresholds and forgets rows that disappear', () => {
    const h = new AlertHarness();
    expect(h.tick([row('beans', 0, null, null)]).notices).toEqual([]);
    h.advance(60).tick([row('milk', 0)]);
    expect(h.state.tracks.size).toBe(1);
    h.advance(60).tick([]);
    expect(h.state.tracks.size).toBe(0);
  });
});
