import { z } from 'zod';
import { canSeeStore, idSchema, seqSchema, timestampSchema } from '../../../shared/index.js';
import { ProblemError } from '../../domain/problem-error.js';
import { salesReport, valuationReport } from '../../domain/reports.js';
import { router } from '../init.js';
import { deviceProcedure } from '../procedures.js';

export const movementHistoryInputSchema = z.object({
  storeId: idSchema,
  productId: idSchema,
  /** Only movements with seq < before (page backwards); omit for the newest. */
  before: seqSchema.nullish(),
  limit: z.number().int().min(1).max(1_000).default(100),
});

export const transferMovementsInputSchema = z.object({ transferId: idSchema });

const DAY_MS = 86_400_000;
/** A sales range: from < to, at most about 13 months (a year against last year's month). */
export const salesReportInputSchema = z
  .object({ from: timestampSchema, to: timestampSchema })
  .refine((r) => r.from < r.to, { message: 'from must be before to' })
  .refine((r) => r.to - r.from <= 400 * DAY_MS, { message: 'at most 400 days at once' });
export const valuationInputSchema = z.object({ asOf: timestampSchema });

export const reportsRouter = router({
  /** Sales by store and local day, per till user (DESIGN §5a), of the stores this device may see. */
  salesByDay: deviceProcedure.input(salesReportInputSchema).query(async ({ ctx, input }) => ({ days: await salesReport(ctx.storage, ctx.device, input) })),

  /** Stock valuation at cost as of a date, with ageing (DESIGN §5a), rows of the stores this device may see. */
  valuation: deviceProcedure.input(valuationInputSchema).query(async ({ ctx, input }) => ({ rows: await valuationReport(ctx.storage, ctx.device, input.asOf) })),

  /**
   * Every movement of a transfer, both ends (a device pulls only its own stores' movements, so
   * a transfer's page asks here to show who received or wrote off at the other store). Allowed
   * when the device may see either end; an unknown transfer is `invalid-input`.
   */
  transferMovements: deviceProcedure.input(transferMovementsInputSchema).query(async ({ ctx, input }) => {
    const { tenantId } = ctx.device;
    const transfer = await ctx.storage.getTransfer(tenantId, input.transferId);
    if (!transfer || (!canSeeStore(ctx.device, transfer.fromStoreId) && !canSeeStore(ctx.device, transfer.toStoreId))) {
      throw new ProblemError('invalid-input', 'No such transfer', { transferId: input.transferId });
    }
    return { movements: await ctx.storage.transferMovements(tenantId, input.transferId) };
  }),

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
