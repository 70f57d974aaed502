import { z } from 'zod';
import { LIMITS, idSchema, replicatedFields, textSchema } from './common.js';

export const storeFields = {
  id: idSchema,
  name: textSchema(LIMITS.nameLength),
  timezone: textSchema(LIMITS.shortTextLength),
  allowNegativeStock: z.boolean(),
};

export const storeDocSchema = z.object({ ...storeFields, ...replicatedFields });
export type StoreDoc = z.infer<typeof storeDocSchema>;

/** What a device may send; `seq` is the server's and is ignored. */
export const storePushSchema = z.object({
  ...storeFields,
  seq: replicatedFields.seq.nullish(),
  _deleted: z.boolean().default(false),
});

/** Fields merged field by field against `assumedMasterState`. */
export const STORE_MERGE_FIELDS = ['name', 'timezone', 'allowNegativeStock', '_deleted'] as const;
