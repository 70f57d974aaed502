import { z } from 'zod';
import { canSeeStore, idSchema, seqSchema } from '../../../shared/index.js';
import { ProblemError } from '../../domain/problem-error.js';
import { router } from '../init.js';
import { deviceProcedure } from '../procedures.js';

export const movementHistoryInputSchema = z.object({
  storeId: idSchema,
  productId: idSchema,
  /** Only movements with seq < before (page backwards); omit for the newest. */
  before: seqSchema.nullish(),
  limit: z.number().int().min(1).max(1_000).default(100),
});

export const reportsRouter = router({
  /** History older than the pull window (DESIGN §3), newest first, paged by seq. */
  movementHistory: deviceProcedure.input(movementHistoryInputSchema).query(async ({ ctx, input }) => {
    const { tenantId } = ctx.device;
    if (!(await ctx.storage.storeExists(tenantId, input.storeId))) throw new ProblemError('unknown-store', `Store ${input.storeId} does not exist`, { storeId: input.storeId });
    if (!canSeeStore(ctx.device, input.storeId)) throw new ProblemError('forbidden-store', `This device may not see store ${input.storeId}`, { storeId: input.storeId });
    const movements = await ctx.storage.movementHistory(tenantId, input.storeId, input.productId, input.before ?? null, input.limit);
    const last = movements[movements.length - 1];
    return { movements, nextBefore: movements.length === input.limit && last ? last.seq : null };
  }),
});
