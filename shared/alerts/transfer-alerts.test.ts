import { describe, expect, it } from 'vitest';
import { evaluateAlerts, isTransferSnoozed, snoozeTransfer, WRITE_OFF_ALERT_DAYS } from './evaluate.js';
import { ALERT_TEMPLATES_EN, describeAlertNotice, type AlertNames } from './messages.js';
import { parseAlertState, serializeAlertState } from './state-codec.js';
import { AlertHarness, row, T0, testSettings, transfer } from './test-clock.js';
import { isTransferAlert, type AlertNotice } from './types.js';

const DAY = 86_400;
/** What was shown, one word per alert: "t1:overdue", "beans:low". */
const told = (notices: AlertNotice[]) =>
  notices.flatMap((n) => (n.kind === 'single' ? [n.item] : n.items)).map((i) => (isTransferAlert(i) ? `${i.transferId}:${i.level}` : `${i.productId}:${i.level}`));
const names: AlertNames = {
  productName: (id) => ({ beans: 'Espresso beans' })[id],
  storeName: (id) => ({ main: 'Main St', north: 'Airport' })[id],
};

describe('transfer in transit longer than N days (DESIGN §7)', () => {
  // sent a day before T0; overdue after 3 days on the road
  it('tells an overdue transfer once, naming the stores, the units and the days', () => {
    const h = new AlertHarness(testSettings({ transferOverdueDays: 3 }));
    const t1 = transfer('t1', [['beans', 12]]);
    expect(h.tick([], [t1]).notices).toEqual([]);
    expect(h.advance(2 * DAY - 1).tick([], [t1]).notices).toEqual([]); // exactly 3 days: not yet
    const r = h.advance(DAY + 1).tick([], [t1]);
    expect(told(r.notices)).toEqual(['t1:overdue']);
    expect(describeAlertNotice(r.notices[0]!, names, ALERT_TEMPLATES_EN)).toEqual({
      title: 'Transfer Main St → Airport: 12 units on the road for 4 days',
      body: 'T-T1 · not received yet',
    });
    expect(r.events.map((e) => e.delivery)).toEqual(['notified']);
    for (let i = 0; i < 10; i++) expect(h.advance(3600).tick([], [t1]).notices).toEqual([]);
    // partly received, still on the road: not told again
    expect(h.advance(60).tick([], [transfer('t1', [['beans', 12, 5]])]).notices).toEqual([]);
  });

  it('never tells a transfer received in time', () => {
    const h = new AlertHarness(testSettings({ transferOverdueDays: 3 }));
    const seen: string[] = [];
    seen.push(...told(h.tick([], [transfer('t1', [['beans', 12]])]).notices));
    seen.push(...told(h.advance(DAY).tick([], [transfer('t1', [['beans', 12, 4]])]).notices));
    const received = transfer('t1', [['beans', 12, 12]], { closedAt: T0 + 1.5 * DAY * 1000 });
    for (let d = 0; d < 10; d++) seen.push(...told(h.advance(DAY).tick([], [received]).notices));
    expect(seen).toEqual([]);
    expect(h.state.transfers.size).toBe(0);
  });

  it('does not tell again after a restart (the mark is persisted)', () => {
    const h = new AlertHarness(testSettings({ transferOverdueDays: 3 }));
    const t1 = transfer('t1', [['beans', 12]]);
    h.advance(3 * DAY);
    expect(told(h.tick([], [t1]).notices)).toEqual(['t1:overdue']);
    h.state = parseAlertState(serializeAlertState(h.state));
    expect(h.state.transfers.get('t1')).toEqual(['overdue']);
    expect(h.advance(60).tick([], [t1]).notices).toEqual([]);
    // and the data layer not loaded yet at start (no transfers seen) forgets nothing
    h.state = parseAlertState(serializeAlertState(h.state));
    expect(h.advance(60).tick([], []).notices).toEqual([]);
    expect(h.advance(60).tick([], [t1]).notices).toEqual([]);
  });

  it('reads a state saved before transfer alerts existed', () => {
    const old = '{"v":1,"tracks":[],"snoozes":[],"sentAt":[],"held":[]}';
    expect(parseAlertState(old).transfers.size).toBe(0);
  });

  it('holds it during quiet hours and tells it when they end', () => {
    // 22:00–07:00 in Shanghai (UTC+8); T0 is 20:00 there
    const h = new AlertHarness(
      testSettings({ transferOverdueDays: 1, quietHours: { enabled: true, start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai' } }),
    );
    const t1 = transfer('t1', [['beans', 12]], { sentAt: T0 - 23 * 3600_000 });
    h.advance(3 * 3600); // 23:00: on the road 26 h
    const night = h.tick([], [t1]);
    expect(night.notices).toEqual([]);
    expect(night.events.map((e) => e.delivery)).toEqual(['held']);
    // a restart in the night keeps it held
    h.state = parseAlertState(serializeAlertState(h.state));
    expect(h.advance(3 * 3600).tick([], [t1]).notices).toEqual([]);
    expect(told(h.advance(5 * 3600).tick([], [t1]).notices)).toEqual(['t1:overdue']); // 07:00
    expect(h.advance(60).tick([], [t1]).notices).toEqual([]);
  });

  it('drops a held overdue alert when the transfer arrived before it could be told', () => {
    const h = new AlertHarness(
      testSettings({ transferOverdueDays: 1, quietHours: { enabled: true, start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai' } }),
    );
    h.advance(3 * 3600);
    h.tick([], [transfer('t1', [['beans', 12]], { sentAt: T0 - 23 * 3600_000 })]);
    expect(h.state.held).toHaveLength(1);
    const received = transfer('t1', [['beans', 12, 12]], { sentAt: T0 - 23 * 3600_000, closedAt: h.now });
    expect(h.advance(8 * 3600).tick([], [received]).notices).toEqual([]);
    expect(h.state.held).toHaveLength(0);
  });

  it('folds into the rate cap summary with stock alerts', () => {
    const h = new AlertHarness(testSettings({ maxPerMinute: 3, transferOverdueDays: 3 }));
    h.advance(3 * DAY);
    const rows = Array.from({ length: 5 }, (_, i) => row(`p${i}`, 5));
    const r = h.tick(rows, [transfer('t1', [['beans', 12]]), transfer('t2', [['beans', 2]], { from: 'north', to: 'main' })]);
    expect(r.notices).toHaveLength(3);
    const summary = r.notices.find((n) => n.kind === 'summary');
    expect(summary?.kind === 'summary' && summary.items.length).toBe(5);
    expect(told(r.notices).sort()).toEqual(['p0:low', 'p1:low', 'p2:low', 'p3:low', 'p4:low', 't1:overdue', 't2:overdue'].sort());
    // transfer alerts rank above low: the singles are the two transfers
    expect(told(r.notices.filter((n) => n.kind === 'single'))).toEqual(['t1:overdue', 't2:overdue']);
    const text = describeAlertNotice(summary!, names, ALERT_TEMPLATES_EN);
    expect(text.title).toBe('5 products need restocking'); // the summary folds only the low ones here
    expect(r.events).toHaveLength(7);
    expect(h.advance(60).tick(rows, [transfer('t1', [['beans', 12]])]).notices).toEqual([]);
  });

  it('summarises transfers by kind, naming the routes', () => {
    const h = new AlertHarness(testSettings({ maxPerMinute: 1, transferOverdueDays: 3 }));
    h.advance(3 * DAY);
    const r = h.tick([row('beans', 5)], [transfer('t1', [['beans', 12]]), transfer('t2', [['beans', 4, 4, 1]], { closedAt: h.now })]);
    expect(r.notices).toHaveLength(1);
    expect(describeAlertNotice(r.notices[0]!, names, ALERT_TEMPLATES_EN)).toEqual({
      title: '3 alerts',
      body: '1 low · 1 transfer overdue · 1 transfer with write-offs — Main St → Airport, Espresso beans',
    });
  });

  it('watches a transfer when either of its stores is watched', () => {
    const t1 = transfer('t1', [['beans', 12]], { from: 'main', to: 'north' });
    for (const [stores, expected] of [[['north'], 1], [['main'], 1], [['south'], 0]] as const) {
      const h = new AlertHarness(testSettings({ transferOverdueDays: 3 }), new Set(stores));
      expect(h.advance(3 * DAY).tick([], [t1]).notices).toHaveLength(expected);
    }
  });

  it('snoozing a transfer keeps it quiet and tells it after the snooze if still overdue', () => {
    const h = new AlertHarness(testSettings({ transferOverdueDays: 3 }));
    const t1 = transfer('t1', [['beans', 12]]);
    h.state = snoozeTransfer(h.state, 't1', T0 + 4 * DAY * 1000);
    expect(isTransferSnoozed(h.state, 't1', T0)).toBe(true);
    expect(h.advance(3 * DAY).tick([], [t1]).notices).toEqual([]);
    expect(told(h.advance(DAY).tick([], [t1]).notices)).toEqual(['t1:overdue']);
    expect(h.advance(60).tick([], [t1]).notices).toEqual([]);
  });

  it('follows the setting: a longer limit tells later', () => {
    const h = new AlertHarness(testSettings({ transferOverdueDays: 7 }));
    const t1 = transfer('t1', [['beans', 12]]);
    expect(h.advance(3 * DAY).tick([], [t1]).notices).toEqual([]);
    expect(told(h.advance(3 * DAY + 1).tick([], [t1]).notices)).toEqual(['t1:overdue']);
  });
});

describe('transfer closed with write-offs (DESIGN §7)', () => {
  it('tells it once, with the units written off', () => {
    const h = new AlertHarness();
    const closed = transfer('t1', [['beans', 12, 12, 2], ['milk', 5, 5, 1]], { closedAt: T0 - 60_000 });
    const r = h.tick([], [closed]);
    expect(told(r.notices)).toEqual(['t1:written-off']);
    expect(describeAlertNotice(r.notices[0]!, names, ALERT_TEMPLATES_EN)).toEqual({
      title: 'Transfer Main St → Airport closed with 3 units written off',
      body: 'T-T1 · damaged or missing on arrival',
    });
    for (let i = 0; i < 5; i++) expect(h.advance(3600).tick([], [closed]).notices).toEqual([]);
    h.state = parseAlertState(serializeAlertState(h.state));
    expect(h.advance(60).tick([], [closed]).notices).toEqual([]);
  });

  it('does not tell a transfer closed without write-offs, nor one closed long ago', () => {
    const h = new AlertHarness();
    const clean = transfer('t1', [['beans', 12, 12]]);
    const old = transfer('t2', [['beans', 12, 12, 3]], { closedAt: T0 - (WRITE_OFF_ALERT_DAYS + 1) * DAY * 1000 });
    expect(h.tick([], [clean, old]).notices).toEqual([]);
  });

  it('an overdue transfer that then closes with write-offs tells each kind once', () => {
    const h = new AlertHarness(testSettings({ transferOverdueDays: 3 }));
    h.advance(3 * DAY);
    expect(told(h.tick([], [transfer('t1', [['beans', 12]])]).notices)).toEqual(['t1:overdue']);
    const closed = transfer('t1', [['beans', 12, 12, 1]], { closedAt: h.now + 60_000 });
    expect(told(h.advance(60).tick([], [closed]).notices)).toEqual(['t1:written-off']);
    expect(h.advance(60).tick([], [closed]).notices).toEqual([]);
  });

  it('keeps the reducer pure', () => {
    const before = new AlertHarness().state;
    const frozen = serializeAlertState(before);
    evaluateAlerts(before, { now: T0, rows: [], settings: testSettings(), watchStores: null, transfers: [transfer('t1', [['beans', 1, 1, 1]])] });
    expect(serializeAlertState(before)).toBe(frozen);
  });
});
