import { z } from 'zod';
import { LIMITS, idSchema, moneySchema, replicatedFields, shortTextSchema, textSchema, timestampSchema } from './common.js';

/** DESIGN §2 `suppliers`: who a shop buys from (owner and managers edit them). */
export const supplierFields = {
  id: idSchema,
  name: textSchema(LIMITS.nameLength),
  contact: textSchema(LIMITS.nameLength).nullable(),
  email: textSchema(LIMITS.nameLength).nullable(),
  phone: shortTextSchema.nullable(),
  /** ISO 4217; what the supplier invoices in. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'a currency code like EUR'),
  leadTimeDays: z.number().int().min(0).max(365),
  minOrderCents: moneySchema,
  notes: textSchema(2000).nullable(),
  active: z.boolean(),
  updatedAt: timestampSchema,
};

export const supplierDocSchema = z.object({ ...supplierFields, ...replicatedFields });
export type SupplierDoc = z.infer<typeof supplierDocSchema>;

export const supplierPushSchema = z.object({
  ...supplierFields,
  seq: replicatedFields.seq.nullish(),
  _deleted: z.boolean().default(false),
});

export const SUPPLIER_MERGE_FIELDS = [
  'name', 'contact', 'email', 'phone', 'currency', 'leadTimeDays', 'minOrderCents', 'notes', 'active', '_deleted',
] as const;
