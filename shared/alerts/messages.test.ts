import { describe, expect, it } from 'vitest';
import { ALERT_TEMPLATES_EN, describeAlertItem, describeAlertSummary, type AlertNames } from './messages.js';
import type { StockAlertItem } from './types.js';

const names: AlertNames = {
  productName: (id) => ({ beans: 'Espresso beans', milk: 'Oat milk', flour: 'Flour' })[id],
  storeName: (id) => ({ main: 'Main St', north: 'North Rd' })[id],
  unit: (id) => (id === 'flour' ? 'g' : 'pcs'),
};

function item(productId: string, level: StockAlertItem['level'], qty: number, rp: number | null = 10, cp: number | null = 3): StockAlertItem {
  return { key: `main:${productId}`, storeId: 'main', productId, level, qty, reorderPoint: rp, criticalPoint: cp, at: 0 };
}

describe('notification text', () => {
  it('says what is short, where, and when to reorder', () => {
    expect(describeAlertItem(item('beans', 'critical', 3), names, ALERT_TEMPLATES_EN)).toEqual({
      title: 'Espresso beans — 3 left at Main St',
      body: 'Reorder at 10 · critical at 3',
    });
    expect(describeAlertItem(item('beans', 'out', 0), names, ALERT_TEMPLATES_EN).title).toBe(
      'Espresso beans — out of stock at Main St',
    );
  });

  it('spells out units other than pieces and copes with missing thresholds', () => {
    expect(describeAlertItem(item('flour', 'low', 800, 1000, null), names, ALERT_TEMPLATES_EN)).toEqual({
      title: 'Flour — 800 g left at Main St',
      body: 'Reorder at 1000',
    });
    expect(describeAlertItem(item('milk', 'critical', 2, null, 4), names, ALERT_TEMPLATES_EN).body).toBe('Critical at 4');
    expect(describeAlertItem(item('unknown', 'low', 1), names, ALERT_TEMPLATES_EN).title).toBe('unknown — 1 left at Main St');
  });

  it('summarises many alerts in one notification', () => {
    const items = [
      item('beans', 'out', 0),
      item('milk', 'critical', 1),
      item('flour', 'low', 5),
      ...Array.from({ length: 9 }, (_, i) => item(`p${i}`, 'low', 5)),
    ];
    expect(describeAlertSummary(items, names, ALERT_TEMPLATES_EN)).toEqual({
      title: '12 products need restocking',
      body: '1 out of stock · 1 critical · 10 low — Espresso beans, Oat milk, Flour and 9 more',
    });
  });
});
