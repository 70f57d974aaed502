import { z } from 'zod';
import {
  idSchema,
  nonNegativeQuantitySchema,
  quantitySchema,
  replicatedFields,
  seqSchema,
  timestampSchema,
} from './common.js';

/** One row per store × product; id is `<storeId>:<productId>`. */
export const stockFields = {
  id: z.string().min(3).max(257),
  storeId: idSchema,
  productId: idSchema,
  reorderPoint: nonNegativeQuantitySchema.nullable(),
  criticalPoint: nonNegativeQuantitySchema.nullable(),
  updatedAt: timestampSchema,
};

/** Written by the server only: the authoritative level and the ledgerSeq of the last movement in it. */
export const stockServerFields = {
  onHand: quantitySchema,
  appliedSeq: seqSchema,
};

export const stockDocSchema = z.object({ ...stockFields, ...stockServerFields, ...replicatedFields });
export type StockDoc = z.infer<typeof stockDocSchema>;

/** A device may only change thresholds; `onHand`, `appliedSeq` and `seq` are ignored when sent. */
export const stockPushSchema = z
  .object({
    ...stockFields,
    onHand: quantitySchema.nullish(),
    appliedSeq: seqSchema.nullish(),
    seq: seqSchema.nullish(),
    _deleted: z.boolean().default(false),
  })
  .refine((doc) => doc.id === `${doc.storeId}:${doc.productId}`, {
    message: 'stock id must be "<storeId>:<productId>"',
    path: ['id'],
  });

export const STOCK_MERGE_FIELDS = ['reorderPoint', 'criticalPoint'] as const;
