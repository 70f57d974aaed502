import { z } from 'zod';
import {
  LIMITS,
  idSchema,
  moneySchema,
  replicatedFields,
  shortTextSchema,
  textSchema,
  timestampSchema,
} from './common.js';

export const barcodeSchema = z
  .string()
  .min(1)
  .max(LIMITS.barcodeLength)
  .regex(/^[A-Za-z0-9-]+$/, 'barcodes use letters, digits and -');

export const productFields = {
  id: idSchema,
  sku: textSchema(LIMITS.skuLength),
  name: textSchema(LIMITS.nameLength),
  barcodes: z.array(barcodeSchema).max(LIMITS.barcodesPerProduct),
  /** Base unit quantities are counted in: "pcs", "g", "ml", … */
  unit: shortTextSchema,
  priceCents: moneySchema,
  costCents: moneySchema,
  category: shortTextSchema.nullable(),
  active: z.boolean(),
  /** Protocol 2 (DESIGN §2): the preferred supplier, its SKU for this product, units per pack. */
  supplierId: idSchema.nullable().default(null),
  supplierSku: shortTextSchema.nullable().default(null),
  packSize: z.number().int().min(1).max(LIMITS.quantity).default(1),
  updatedAt: timestampSchema,
};

export const productDocSchema = z.object({ ...productFields, ...replicatedFields });
export type ProductDoc = z.infer<typeof productDocSchema>;

export const productPushSchema = z.object({
  ...productFields,
  seq: replicatedFields.seq.nullish(),
  _deleted: z.boolean().default(false),
});

export const PRODUCT_MERGE_FIELDS = [
  'sku',
  'name',
  'barcodes',
  'unit',
  'priceCents',
  'costCents',
  'category',
  'active',
  'supplierId',
  'supplierSku',
  'packSize',
  '_deleted',
] as const;
