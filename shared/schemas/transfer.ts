import { z } from 'zod';
import { LIMITS, idSchema, nonNegativeQuantitySchema, replicatedFields, shortTextSchema, textSchema, timestampSchema } from './common.js';

export const TRANSFER_STATES = ['draft', 'sent', 'partial', 'closed', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/**
 * DESIGN §2 `transfers`. A device writes drafts (lines with `qty`) and may cancel a draft; the
 * server owns `sent`, `received`, `returned`, `writtenOff`, the states after `draft`, `sentAt`
 * and `closedAt`, derived from the transfer's movements. In transit per line is
 * `sent − received − returned`, never stored.
 */
export const transferLineSchema = z.object({
  productId: idSchema,
  qty: nonNegativeQuantitySchema.min(1),
  sent: nonNegativeQuantitySchema.default(0),
  received: nonNegativeQuantitySchema.default(0),
  returned: nonNegativeQuantitySchema.default(0),
  writtenOff: nonNegativeQuantitySchema.default(0),
});
export type TransferLine = z.infer<typeof transferLineSchema>;

export const transferFields = {
  id: idSchema,
  fromStoreId: idSchema,
  toStoreId: idSchema,
  note: textSchema(2000).nullable(),
  lines: z.array(transferLineSchema).min(1).max(LIMITS.orderLines),
  state: z.enum(TRANSFER_STATES),
  /** The person who created it (a till user's name or the device's). */
  createdBy: shortTextSchema.nullable(),
  createdAt: timestampSchema,
  sentAt: timestampSchema.nullable(),
  closedAt: timestampSchema.nullable(),
  updatedAt: timestampSchema,
};

export const transferDocSchema = z.object({ ...transferFields, ...replicatedFields });
export type TransferDoc = z.infer<typeof transferDocSchema>;

export const transferPushSchema = z.object({
  ...transferFields,
  seq: replicatedFields.seq.nullish(),
  _deleted: z.boolean().default(false),
});

export const TRANSFER_MERGE_FIELDS = ['note', 'lines', 'state', '_deleted'] as const;
