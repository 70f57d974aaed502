import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ALERT_TEMPLATES_EN, describeAlertItem, type AlertNames, type TransferAlertItem } from '../../shared/alerts/index.js';
import { translate, type Locale } from '../i18n/index.js';
import { alertTemplates } from './use-alerts.js';

const templates = (locale: Locale) => alertTemplates((key, vars) => translate(locale, key, vars));
const names: AlertNames = { productName: () => undefined, storeName: (id) => ({ main: 'Main St', air: 'Airport' })[id] };
const item = (level: TransferAlertItem['level'], units: number, days: number): TransferAlertItem => ({
  key: `transfer:tr-00abc123:${level}`, transferId: 'tr-00abc123', fromStoreId: 'main', toStoreId: 'air', level, units, days, at: 0,
});

describe('transfer alert texts through the catalogs', () => {
  // The stock templates are read unfilled ({placeholders} kept for fillTemplate), which FormatJS reports.
  beforeAll(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined));

  it('say in English what shared/alerts says (plurals included)', () => {
    for (const [units, days] of [[1, 1], [12, 4]] as const) {
      for (const level of ['overdue', 'written-off'] as const) {
        expect(describeAlertItem(item(level, units, days), names, templates('en'))).toEqual(describeAlertItem(item(level, units, days), names, ALERT_TEMPLATES_EN));
      }
    }
    expect(describeAlertItem(item('overdue', 1, 1), names, templates('en')).title).toBe('Transfer Main St → Airport: 1 unit on the road for 1 day');
  });

  it('are filled in Chinese', () => {
    const text = describeAlertItem(item('overdue', 12, 4), names, templates('zh-CN'));
    expect(text.title).toBe('调拨 Main St → Airport：12 个单位已在途 4 天');
    expect(text.body).toBe('T-ABC123 · 尚未收货');
    expect(describeAlertItem(item('written-off', 2, 0), names, templates('zh-CN')).title).not.toMatch(/[{}]/);
  });
});
