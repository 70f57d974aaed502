import { z } from 'zod';
import { createAlertState } from './evaluate.js';
import type { AlertItem, AlertState, AlertTrack } from './types.js';

/**
 * The alert state as JSON, so a restart does not notify again for crossings
 * already told (the track map is sparse, so this stays small).
 */
const severitySchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const thresholdSchema = z.number().int().nullable();

const trackSchema = z.object({
  storeId: z.string(),
  productId: z.string(),
  severity: severitySchema,
  qty: z.number().int(),
  reorderPoint: thresholdSchema,
  criticalPoint: thresholdSchema,
  lowSince: z.number(),
  criticalSince: z.number(),
  outSince: z.number(),
  notified: severitySchema,
}) satisfies z.ZodType<AlertTrack>;

const itemSchema = z.object({
  key: z.string(),
  storeId: z.string(),
  productId: z.string(),
  level: z.enum(['low', 'critical', 'out']),
  qty: z.number().int(),
  reorderPoint: thresholdSchema,
  criticalPoint: thresholdSchema,
  at: z.number(),
}) satisfies z.ZodType<AlertItem>;

const storedStateSchema = z.object({
  v: z.literal(1),
  tracks: z.array(z.tuple([z.string(), trackSchema])),
  snoozes: z.array(z.tuple([z.string(), z.number()])),
  sentAt: z.array(z.number()),
  held: z.array(itemSchema),
});

export function serializeAlertState(state: AlertState): string {
  return JSON.stringify({
    v: 1,
    tracks: [...state.tracks],
    snoozes: [...state.snoozes],
    sentAt: state.sentAt,
    held: state.held,
  });
}

/** Anything unreadable starts fresh rather than breaking alerts. */
export function parseAlertState(json: string | null | undefined): AlertState {
  if (!json) return createAlertState();
  try {
    const parsed = storedStateSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return createAlertState();
    const s = parsed.data;
    return {
      tracks: new Map(s.tracks),
      snoozes: new Map(s.snoozes),
      sentAt: s.sentAt,
      held: s.held,
    };
  } catch {
    return createAlertState();
  }
}
