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
  /** Lines of one transfer or purchase order. */
  orderLines: 500,
  storesPerDevice: 200,
  bodyBytes: 4 * 1024 * 1024,
  /** Longest bearer token the server will look up (its own are 43 characters). */
  tokenLength: 256,
} as const;

/** DESIGN §2: no ':' in ids, which joins the two ids of a stock row (`<storeId>:<productId>`). */
export const ID_PATTERN = /^[A-Za-z0-9._-]+$/;

export const idSchema = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(ID_PATTERN, 'ids use letters, digits and . _ -');

/** A lone UTF-16 surrogate cannot be stored as UTF-8 (SQLite would keep U+FFFD instead). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** Free text a person typed (names, reasons…): well-formed Unicode, trimmed, 1–max characters. */
export function textSchema(max: number) {
  return z.string().trim().min(1).max(max).refine(isWellFormedText, 'contains a character that is not valid text');
}

export const shortTextSchema = textSchema(LIMITS.shortTextLength);
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
