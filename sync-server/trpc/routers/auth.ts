import { pairInputSchema } from '../../../shared/index.js';
import { redeemPairingCode } from '../../domain/pairing.js';
import { router } from '../init.js';
import { deviceProcedure, publicProcedure } from '../procedures.js';

export const authRouter = router({
  /** Public: trade a one-time pairing code for a device token (only its hash is stored). */
  pair: publicProcedure
    .input(pairInputSchema)
    .mutation(({ ctx, input }) => redeemPairingCode(ctx.storage, input.code, input.deviceName, ctx.now())),

  whoami: deviceProcedure.query(async ({ ctx }) => {
    const tenant = (await ctx.storage.getTenant(ctx.device.tenantId))!;
    const settings = await ctx.storage.getSettings(tenant.id);
    return {
      deviceId: ctx.device.deviceId,
      deviceName: ctx.device.deviceName,
      tenantId: tenant.id,
      tenantName: settings?.businessName ?? tenant.name,
      currency: settings?.currency ?? tenant.currency,
      role: ctx.device.role,
      storeIds: [...ctx.device.storeIds],
    };
  }),
});
