/**
 * The settings form as strings (what the inputs hold) ↔ AlertSettings, with
 * validation by the shared schema. Pure, so it is tested without a DOM.
 */
import { alertSettingsSchema, type AlertSettings } from '../../../shared/alerts/index.js';

export interface AlertSettingsDraft {
  intervalSeconds: string;
  sustainSeconds: string;
  maxPerMinute: string;
  hysteresisUnits: string;
  hysteresisPercent: string;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  scopeAll: boolean;
  scopeStoreIds: string[];
  dynamicEnabled: boolean;
  dynamicDays: string;
  dynamicLead: string;
  transferOverdueDays: string;
}

export function toDraft(s: AlertSettings): AlertSettingsDraft {
  return {
    intervalSeconds: String(s.intervalSeconds),
    sustainSeconds: String(s.sustainSeconds),
    maxPerMinute: String(s.maxPerMinute),
    hysteresisUnits: String(s.hysteresis.units),
    hysteresisPercent: String(s.hysteresis.percent),
    quietEnabled: s.quietHours.enabled,
    quietStart: s.quietHours.start,
    quietEnd: s.quietHours.end,
    timeZone: s.quietHours.timeZone,
    scopeAll: s.scope.mode === 'all',
    scopeStoreIds: s.scope.mode === 'stores' ? [...s.scope.storeIds] : [],
    dynamicEnabled: s.dynamicReorder.enabled,
    dynamicDays: String(s.dynamicReorder.days),
    dynamicLead: String(s.dynamicReorder.leadTimeDays),
    transferOverdueDays: String(s.transferOverdueDays),
  };
}

/** Empty or non-numeric text becomes NaN so the schema reports it. */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export type DraftErrors = Partial<Record<keyof AlertSettingsDraft, string[]>>;

const FIELD_OF: Record<string, keyof AlertSettingsDraft> = {
  intervalSeconds: 'intervalSeconds',
  sustainSeconds: 'sustainSeconds',
  maxPerMinute: 'maxPerMinute',
  'hysteresis.units': 'hysteresisUnits',
  'hysteresis.percent': 'hysteresisPercent',
  'quietHours.start': 'quietStart',
  'quietHours.end': 'quietEnd',
  'quietHours.timeZone': 'timeZone',
  'scope.storeIds': 'scopeStoreIds',
  'dynamicReorder.days': 'dynamicDays',
  'dynamicReorder.leadTimeDays': 'dynamicLead',
  transferOverdueDays: 'transferOverdueDays',
};

export function fromDraft(d: AlertSettingsDraft): { ok: true; settings: AlertSettings } | { ok: false; errors: DraftErrors } {
  const candidate = {
    intervalSeconds: num(d.intervalSeconds),
    sustainSeconds: num(d.sustainSeconds),
    maxPerMinute: num(d.maxPerMinute),
    hysteresis: { units: num(d.hysteresisUnits), percent: num(d.hysteresisPercent) },
    quietHours: { enabled: d.quietEnabled, start: d.quietStart, end: d.quietEnd, timeZone: d.timeZone.trim() },
    scope: d.scopeAll ? { mode: 'all' as const } : { mode: 'stores' as const, storeIds: d.scopeStoreIds },
    dynamicReorder: { enabled: d.dynamicEnabled, days: num(d.dynamicDays), leadTimeDays: num(d.dynamicLead) },
    transferOverdueDays: num(d.transferOverdueDays),
  };
  const parsed = alertSettingsSchema.safeParse(candidate);
  const errors: DraftErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF[issue.path.slice(0, 2).join('.')] ?? FIELD_OF[String(issue.path[0])];
      if (field) (errors[field] ??= []).push(issue.message);
    }
  }
  if (!d.scopeAll && d.scopeStoreIds.length === 0) (errors.scopeStoreIds ??= []).push('choose at least one store');
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}
