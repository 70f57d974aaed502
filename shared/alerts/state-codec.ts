import { z } from 'zod';
import { createAlertState } from './evaluate.js';
import { TRANSFER_ALERT_LEVELS, type AlertItem, type AlertState, type AlertTrack, type StockAlertItem, type TransferAlertItem } from './types.js';

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

const stockItemSchema = z.object({
  key: z.string(),
  storeId: z.string(),
  productId: z.string(),
  level: z.enum(['low', 'critical', 'out']),
  qty: z.number().int(),
  reorderPoint: thresholdSchema,
  criticalPoint: thresholdSchema,
  at: z.number(),
}) satisfies z.ZodType<StockAlertItem>;

const transferItemSchema = z.object({
  key: z.string(),
  transferId: z.string(),
  fromStoreId: z.string(),
  toStoreId: z.string(),
  level: z.enum(TRANSFER_ALERT_LEVELS),
  units: z.number().int(),
  days: z.number().int(),
  at: z.number(),
}) satisfies z.ZodType<TransferAlertItem>;

const itemSchema = z.union([stockItemSchema, transferItemSchema]) satisfies z.ZodType<AlertItem>;

const storedStateSchema = z.object({
  v: z.literal(1),
  tracks: z.array(z.tuple([z.string(), trackSchema])),
  snoozes: z.array(z.tuple([z.string(), z.number()])),
  sentAt: z.array(z.number()),
  held: z.array(itemSchema),
  // added with transfer alerts: absent in states saved before
  transfers: z.array(z.tuple([z.string(), z.array(z.enum(TRANSFER_ALERT_LEVELS))])).default([]),
});

export function serializeAlertState(state: AlertState): string {
  return JSON.stringify({
    v: 1,
    tracks: [...state.tracks],
    snoozes: [...state.snoozes],
    sentAt: state.sentAt,
    held: state.held,
    transfers: [...state.transfers],
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
      transfers: new Map(s.transfers),
    };
  } catch {
    return createAlertState();
  }
}
