import { z } from 'zod';

/** Limits shared by the server's validation and the client's forms. */
export const LIMITS = {
  idLength: 128,
  nameLength: 200,
  skuLength: 64,
  barcodeLength: 64,
  barcodesPerProduct: 20,
  reasonLength: 64,
  shortTextLength: 64,
  quantity: 1_000_000_000,
  money: 1_000_000_000_000,
  pullLimit: 5_000,
  pushRows: 1_000,
  streamCollections: 8,
  storesPerDevice: 200,
  bodyBytes: 4 * 1024 * 1024,
} as const;

export const idSchema = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(/^[A-Za-z0-9._:-]+$/, 'ids use letters, digits and . _ : -');

export const shortTextSchema = z.string().min(1).max(LIMITS.shortTextLength);
export const quantitySchema = z.number().int().min(-LIMITS.quantity).max(LIMITS.quantity);
export const nonNegativeQuantitySchema = z.number().int().min(0).max(LIMITS.quantity);
export const moneySchema = z.number().int().min(0).max(LIMITS.money);
/** Epoch milliseconds. */
export const timestampSchema = z.number().int().min(0).max(8_640_000_000_000_000);
export const seqSchema = z.number().int().min(0);

/** Fields every replicated document carries (RxDB's `_deleted`, the server's `seq`). */
export const replicatedFields = {
  seq: seqSchema,
  _deleted: z.boolean(),
};
