import { z } from 'zod';
import type { Role } from '../protocol.js';
import { isValidTimeZone, parseClock } from './quiet-hours.js';
import type { AlertScope, AlertSettings } from './types.js';

const clockSchema = z.string().refine((s) => parseClock(s) !== null, 'use HH:MM (24 h)');

/** Validates persisted or edited settings; anything missing falls back to the defaults. */
export const alertSettingsSchema = z.object({
  intervalSeconds: z.number().int().min(5).max(3600),
  hysteresis: z.object({
    units: z.number().int().min(0).max(1_000_000),
    percent: z.number().min(0).max(100),
  }),
  sustainSeconds: z.number().int().min(0).max(86_400),
  maxPerMinute: z.number().int().min(1).max(60),
  quietHours: z.object({
    enabled: z.boolean(),
    start: clockSchema,
    end: clockSchema,
    timeZone: z.string().min(1).max(64).refine(isValidTimeZone, 'unknown time zone'),
  }),
  scope: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('all') }),
    z.object({ mode: z.literal('stores'), storeIds: z.array(z.string().min(1).max(128)).max(200) }),
  ]),
  dynamicReorder: z.object({
    enabled: z.boolean(),
    days: z.number().int().min(1).max(60),
    leadTimeDays: z.number().int().min(1).max(365),
  }),
  transferOverdueDays: z.number().int().min(1).max(365),
}) satisfies z.ZodType<AlertSettings>;

/** DESIGN §7 "in transit longer than a set number of days": 3 unless the device's settings say otherwise. */
export const DEFAULT_TRANSFER_OVERDUE_DAYS = 3;

/** The scope a device starts with: owners watch every store, everyone else their own stores. */
export function defaultAlertScope(role: Role, storeIds: readonly string[]): AlertScope {
  return role === 'owner' ? { mode: 'all' } : { mode: 'stores', storeIds: [...storeIds] };
}

export function defaultAlertSettings(opts: {
  role: Role;
  storeIds: readonly string[];
  timeZone: string;
}): AlertSettings {
  return {
    intervalSeconds: 60,
    hysteresis: { units: 1, percent: 10 },
    sustainSeconds: 60,
    maxPerMinute: 5,
    quietHours: { enabled: false, start: '21:00', end: '07:00', timeZone: opts.timeZone },
    scope: defaultAlertScope(opts.role, opts.storeIds),
    dynamicReorder: { enabled: false, days: 28, leadTimeDays: 7 },
    transferOverdueDays: DEFAULT_TRANSFER_OVERDUE_DAYS,
  };
}

/**
 * Merge stored settings over the defaults section by section; a section that
 * does not validate keeps its default, so one bad value never disables alerts.
 */
export function resolveAlertSettings(stored: unknown, defaults: AlertSettings): AlertSettings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const shape = alertSettingsSchema.shape;
  const pick = <K extends keyof AlertSettings>(key: K): AlertSettings[K] => {
    const base = defaults[key];
    const raw = s[key];
    const merged =
      typeof base === 'object' && typeof raw === 'object' && raw !== null && !Array.isArray(raw)
        ? { ...base, ...raw }
        : raw;
    const parsed = shape[key].safeParse(merged);
    return parsed.success ? (parsed.data as AlertSettings[K]) : base;
  };
  return {
    intervalSeconds: pick('intervalSeconds'),
    hysteresis: pick('hysteresis'),
    sustainSeconds: pick('sustainSeconds'),
    maxPerMinute: pick('maxPerMinute'),
    quietHours: pick('quietHours'),
    scope: pick('scope'),
    dynamicReorder: pick('dynamicReorder'),
    transferOverdueDays: pick('transferOverdueDays'),
  };
}
