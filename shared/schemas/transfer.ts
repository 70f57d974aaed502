import { z } from 'zod';
import { idSchema, nonNegativeQuantitySchema, replicatedFields, timestampSchema } from './common.js';

export const TRANSFER_STATES = ['requested', 'sent', 'received', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** Allowed state changes (DESIGN §4). Transfers are specified; their routes come in a later issue. */
export const TRANSFER_TRANSITIONS: Record<TransferState, readonly TransferState[]> = {
  requested: ['sent', 'cancelled'],
  sent: ['received', 'cancelled'],
  received: [],
  cancelled: [],
};

export const transferDocSchema = z.object({
  id: idSchema,
  fromStoreId: idSchema,
  toStoreId: idSchema,
  lines: z
    .array(z.object({ productId: idSchema, qty: nonNegativeQuantitySchema.min(1) }))
    .min(1)
    .max(500),
  state: z.enum(TRANSFER_STATES),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  ...replicatedFields,
});
export type TransferDoc = z.infer<typeof transferDocSchema>;
