import { describe, expect, it } from 'vitest';
import { defaultAlertSettings } from '../../../shared/alerts/index.js';
import { fromDraft, toDraft } from './alert-settings-form.js';

const defaults = defaultAlertSettings({ role: 'staff', storeIds: ['main'], timeZone: 'Europe/Berlin' });

describe('alert settings form', () => {
  it('round-trips the settings', () => {
    expect(fromDraft(toDraft(defaults))).toEqual({ ok: true, settings: defaults });
  });

  it('reads edited text as numbers and switches scope', () => {
    const d = { ...toDraft(defaults), intervalSeconds: '30', hysteresisPercent: '12.5', scopeAll: true, quietEnabled: true, quietStart: '22:00', quietEnd: '06:30' };
    const r = fromDraft(d);
    expect(r.ok && r.settings).toMatchObject({
      intervalSeconds: 30,
      hysteresis: { units: 1, percent: 12.5 },
      scope: { mode: 'all' },
      quietHours: { enabled: true, start: '22:00', end: '06:30', timeZone: 'Europe/Berlin' },
    });
  });

  it('points at every bad field', () => {
    const d = { ...toDraft(defaults), intervalSeconds: '', maxPerMinute: '0', quietStart: '25:00', timeZone: 'Mars/Olympus', scopeStoreIds: [], dynamicDays: '90', transferOverdueDays: '0' };
    const r = fromDraft(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['dynamicDays', 'intervalSeconds', 'maxPerMinute', 'quietStart', 'scopeStoreIds', 'timeZone', 'transferOverdueDays']);
  });

  it('edits the days after which a transfer is overdue (default 3)', () => {
    expect(toDraft(defaults).transferOverdueDays).toBe('3');
    const r = fromDraft({ ...toDraft(defaults), transferOverdueDays: '5' });
    expect(r.ok && r.settings.transferOverdueDays).toBe(5);
    expect(fromDraft({ ...toDraft(defaults), transferOverdueDays: '2.5' }).ok).toBe(false);
  });
});
