import { z } from 'zod';
import { LIMITS, idSchema, moneySchema, nonNegativeQuantitySchema, replicatedFields, textSchema, timestampSchema } from './common.js';

export const PURCHASE_ORDER_STATES = ['draft', 'ordered', 'partial', 'received', 'cancelled'] as const;
export type PurchaseOrderState = (typeof PURCHASE_ORDER_STATES)[number];

/**
 * DESIGN §2 `purchaseOrders`. A device writes drafts and orders them; the server owns each
 * line's `received` (Σ of the PO's accepted receipts) and the states after `ordered`. A line
 * closed short keeps its reason (`closedShortReason`, not in DESIGN: "a reason is kept").
 */
export const purchaseOrderLineSchema = z.object({
  productId: idSchema,
  qty: nonNegativeQuantitySchema.min(1),
  unitCostCents: moneySchema,
  received: nonNegativeQuantitySchema.default(0),
  closedShortReason: textSchema(LIMITS.reasonLength).nullable().default(null),
});
export type PurchaseOrderLine = z.infer<typeof purchaseOrderLineSchema>;

export const purchaseOrderFields = {
  id: idSchema,
  supplierId: idSchema,
  storeId: idSchema,
  note: textSchema(2000).nullable(),
  lines: z.array(purchaseOrderLineSchema).max(LIMITS.orderLines),
  state: z.enum(PURCHASE_ORDER_STATES),
  createdAt: timestampSchema,
  orderedAt: timestampSchema.nullable(),
  expectedAt: timestampSchema.nullable(),
  closedAt: timestampSchema.nullable(),
  updatedAt: timestampSchema,
};

export const purchaseOrderDocSchema = z.object({ ...purchaseOrderFields, ...replicatedFields });
export type PurchaseOrderDoc = z.infer<typeof purchaseOrderDocSchema>;

export const purchaseOrderPushSchema = z.object({
  ...purchaseOrderFields,
  seq: replicatedFields.seq.nullish(),
  _deleted: z.boolean().default(false),
});

export const PURCHASE_ORDER_MERGE_FIELDS = ['supplierId', 'note', 'lines', 'state', 'orderedAt', 'expectedAt', '_deleted'] as const;
