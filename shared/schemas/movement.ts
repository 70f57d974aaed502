import { z } from 'zod';
import {
  LIMITS,
  idSchema,
  moneySchema,
  nonNegativeQuantitySchema,
  quantitySchema,
  replicatedFields,
  seqSchema,
  shortTextSchema,
  textSchema,
  timestampSchema,
} from './common.js';

export const MOVEMENT_KINDS = [
  'sale',
  'receipt',
  'adjustment',
  'count',
  'transfer_out',
  'transfer_in',
  'void',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const MOVEMENT_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type MovementStatus = (typeof MOVEMENT_STATUSES)[number];

/** Movement verdict codes (DESIGN §6): a rejected movement is a result, kept with its reason. */
export const REJECTION_CODES = [
  'insufficient-stock',
  'out-of-range',
  'invalid-void',
  'invalid-transfer',
  'invalid-purchase-order',
  'unknown-product',
  'unknown-store',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const rejectionSchema = z.object({
  code: z.enum(REJECTION_CODES),
  requested: nonNegativeQuantitySchema,
  available: quantitySchema,
  message: z.string().max(200),
});
export type Rejection = z.infer<typeof rejectionSchema>;

export const reasonSchema = textSchema(LIMITS.reasonLength);

/**
 * Protocol 2 added `transferId`, `purchaseOrderId`, `unitPriceCents` and `unitCostCents`;
 * a device of protocol 1 omits them (null). Key order is the stored documents' order.
 */
export const movementFields = {
  id: idSchema,
  storeId: idSchema,
  productId: idSchema,
  kind: z.enum(MOVEMENT_KINDS),
  delta: quantitySchema,
  reason: reasonSchema.nullable(),
  ticketId: idSchema.nullable(),
  transferId: idSchema.nullable().default(null),
  purchaseOrderId: idSchema.nullable().default(null),
  /** The price charged per unit, on `sale` and `void` lines (journal, sales reports). */
  unitPriceCents: moneySchema.nullable().default(null),
  /** The cost paid per unit, on `receipt` lines (valuation). */
  unitCostCents: moneySchema.nullable().default(null),
  countedQty: nonNegativeQuantitySchema.nullable(),
  expectedQty: quantitySchema.nullable(),
  /** The server overwrites this with the authenticated device's id. */
  deviceId: z.string().max(LIMITS.idLength),
  actor: shortTextSchema.nullable(),
  clientTime: timestampSchema,
};

/** Written by the server only. */
export const movementServerFields = {
  status: z.enum(MOVEMENT_STATUSES),
  ledgerSeq: seqSchema.nullable(),
  serverTime: timestampSchema.nullable(),
  balanceAfter: quantitySchema.nullable(),
  rejection: rejectionSchema.nullable(),
};

export const movementDocSchema = z.object({
  ...movementFields,
  ...movementServerFields,
  ...replicatedFields,
});
export type MovementDoc = z.infer<typeof movementDocSchema>;

type MovementShape = Pick<MovementDoc, 'kind' | 'delta' | 'reason' | 'countedQty' | 'expectedQty' | 'ticketId'> &
  Partial<Pick<MovementDoc, 'transferId' | 'purchaseOrderId' | 'unitPriceCents' | 'unitCostCents'>>;

/**
 * Kind-specific rules of DESIGN §2. Returns human-readable problems, empty when valid.
 * Pure so the client's forms and the server's validation agree.
 */
export function movementRuleViolations(m: MovementShape): string[] {
  const problems: string[] = [];
  switch (m.kind) {
    case 'sale':
    case 'transfer_out':
      if (!(m.delta < 0)) problems.push(`${m.kind} must have a negative delta`);
      break;
    case 'receipt':
    case 'transfer_in':
      if (!(m.delta > 0)) problems.push(`${m.kind} must have a positive delta`);
      break;
    case 'adjustment':
    case 'void':
      if (m.delta === 0) problems.push(`${m.kind} must change the level`);
      if (m.reason === null) problems.push(`${m.kind} needs a reason (1–64 characters)`);
      if (m.kind === 'void' && m.ticketId === null) problems.push('void needs the ticketId it voids');
      break;
    case 'count':
      if (m.countedQty === null || m.expectedQty === null) {
        problems.push('count needs countedQty and expectedQty');
      } else if (m.delta !== m.countedQty - m.expectedQty) {
        problems.push('count delta must be countedQty − expectedQty');
      }
      break;
  }
  const transfer = m.kind === 'transfer_out' || m.kind === 'transfer_in';
  if (transfer && (m.transferId ?? null) === null) problems.push(`${m.kind} needs the transferId it belongs to`);
  if (!transfer && m.kind !== 'adjustment' && (m.transferId ?? null) !== null) problems.push(`a ${m.kind} carries no transferId`);
  if (m.kind !== 'receipt' && (m.purchaseOrderId ?? null) !== null) problems.push(`a ${m.kind} carries no purchaseOrderId`);
  if (m.kind !== 'sale' && m.kind !== 'void' && (m.unitPriceCents ?? null) !== null) problems.push(`a ${m.kind} carries no unitPriceCents`);
  if (m.kind !== 'receipt' && (m.unitCostCents ?? null) !== null) problems.push(`a ${m.kind} carries no unitCostCents`);
  return problems;
}

function withMovementRules<T extends z.ZodType<MovementShape>>(schema: T) {
  return schema.superRefine((m, ctx) => {
    for (const message of movementRuleViolations(m)) ctx.addIssue({ code: 'custom', message });
  });
}

/** What a device sends: server-owned fields may be present and are ignored. */
export const movementPushSchema = withMovementRules(
  z.object({
    ...movementFields,
    status: z.enum(MOVEMENT_STATUSES).nullish(),
    ledgerSeq: seqSchema.nullish(),
    serverTime: timestampSchema.nullish(),
    balanceAfter: quantitySchema.nullish(),
    rejection: rejectionSchema.nullish(),
    seq: seqSchema.nullish(),
    _deleted: z.boolean().default(false),
  }),
);
export type MovementPush = z.infer<typeof movementPushSchema>;
