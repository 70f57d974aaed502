import { z } from 'zod';
import { LIMITS, idSchema, replicatedFields, textSchema, timestampSchema } from './common.js';

/** Whether `Intl` knows an IANA time zone ("Europe/Berlin"). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().min(1).max(LIMITS.shortTextLength).refine(isKnownTimeZone, 'an IANA time zone like Europe/Berlin');

/** The one id of a tenant's settings document. */
export const SETTINGS_ID = 'tenant';

/** DESIGN §2 tenant settings: the owner edits them; every device shows them and formats money with them. */
export const settingsFields = {
  id: z.literal(SETTINGS_ID),
  businessName: textSchema(LIMITS.nameLength),
  currency: z.string().regex(/^[A-Z]{3}$/, 'a currency code like EUR'),
  timezone: timeZoneSchema,
  updatedAt: timestampSchema,
};

export const settingsDocSchema = z.object({ ...settingsFields, ...replicatedFields });
export type SettingsDoc = z.infer<typeof settingsDocSchema>;

export const settingsPushSchema = z.object({
  ...settingsFields,
  seq: replicatedFields.seq.nullish(),
  _deleted: z.boolean().default(false),
});

export const SETTINGS_MERGE_FIELDS = ['businessName', 'currency', 'timezone'] as const;

/**
 * Till users (issue 11): the people who ring up sales, picked at the till and recorded as a
 * movement's `actor`. The optional 4-digit PIN is stored salted and hashed (`pinHash`); it tells
 * people apart at a shared till, it is not a security boundary (every device of the tenant
 * holds the hashes).
 */
export const tillUserFields = {
  id: idSchema,
  name: textSchema(LIMITS.shortTextLength),
  pinHash: z.string().regex(/^[a-f0-9]{16,128}$/).nullable(),
  active: z.boolean(),
  updatedAt: timestampSchema,
};

export const tillUserDocSchema = z.object({ ...tillUserFields, ...replicatedFields });
export type TillUserDoc = z.infer<typeof tillUserDocSchema>;

export const tillUserPushSchema = z.object({
  ...tillUserFields,
  seq: replicatedFields.seq.nullish(),
  _deleted: z.boolean().default(false),
});

export const TILL_USER_MERGE_FIELDS = ['name', 'pinHash', 'active', '_deleted'] as const;

