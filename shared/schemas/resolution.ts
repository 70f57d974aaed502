import { z } from 'zod';
import { LIMITS, idSchema, replicatedFields, shortTextSchema, textSchema, timestampSchema } from './common.js';

/**
 * How an exception (a movement the server rejected) left the exceptions list (DESIGN §5):
 * only through an action that is recorded — a count of the shelf, the sale entered again —
 * or a manager's dismissal with a reason. One per rejected movement (`id` is its id); they
 * replicate so every device of the store sees who did what.
 */
export const RESOLUTION_KINDS = ['counted', 're-entered', 'dismissed'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

export const resolutionFields = {
  /** The rejected movement this resolves. */
  id: idSchema,
  storeId: idSchema,
  productId: idSchema,
  resolution: z.enum(RESOLUTION_KINDS),
  /** Why a manager dismissed it (required then), else null. */
  reason: textSchema(LIMITS.reasonLength).nullable(),
  /** The movement that resolved it (the count, the sale entered again); null for a dismissal. */
  resolvingMovementId: idSchema.nullable(),
  /** The person (till user or device name). */
  resolvedBy: shortTextSchema.nullable(),
  at: timestampSchema,
  updatedAt: timestampSchema,
};

export const resolutionDocSchema = z.object({ ...resolutionFields, ...replicatedFields });
export type ResolutionDoc = z.infer<typeof resolutionDocSchema>;

export const resolutionPushSchema = z
  .object({ ...resolutionFields, seq: replicatedFields.seq.nullish(), _deleted: z.boolean().default(false) })
  .superRefine((r, ctx) => {
    if (r.resolution === 'dismissed' && r.reason === null) ctx.addIssue({ code: 'custom', message: 'a dismissal needs a reason', path: ['reason'] });
    if (r.resolution !== 'dismissed' && r.resolvingMovementId === null) {
      ctx.addIssue({ code: 'custom', message: 'a resolution names the movement that resolved it', path: ['resolvingMovementId'] });
    }
  });

/**
 * Merged like the catalog: a device sends a resolution without an assumed state, so for an
 * exception already resolved elsewhere the server's resolution wins and comes back to it.
 */
export const RESOLUTION_MERGE_FIELDS = ['resolution', 'reason', 'resolvingMovementId', 'resolvedBy', 'at', '_deleted'] as const;
