import { createPairingCodeInputSchema, reportHealthInputSchema, revokeInputSchema } from '../../../shared/index.js';
import { createPairingCode } from '../../domain/pairing.js';
import { ProblemError } from '../../domain/problem-error.js';
import { connectInfo, type ConnectInfo } from '../../net/lan-addresses.js';
import { router } from '../init.js';
import { deviceProcedure, ownerProcedure } from '../procedures.js';

export const devicesRouter = router({
  createPairingCode: ownerProcedure
    .input(createPairingCodeInputSchema)
    .mutation(({ ctx, input }) =>
      createPairingCode(ctx.storage, { tenantId: ctx.device.tenantId, role: input.role, storeIds: input.storeIds, now: ctx.now() }),
    ),

  /** The addresses other tills pair with (the owner's pairing panel, issue 11 §10). */
  connectInfo: ownerProcedure.query(({ ctx }): ConnectInfo => {
    const listen = ctx.listen();
    return listen ? connectInfo(listen) : { listensOnNetwork: false, serverUrls: [], webApp: false };
  }),

  list: ownerProcedure.query(async ({ ctx }) =>
    (await ctx.storage.listDevices(ctx.device.tenantId)).map((d) => ({
      deviceId: d.id,
      deviceName: d.name,
      role: d.role,
      storeIds: d.storeIds,
      createdAt: d.createdAt,
      lastSeenAt: d.lastSeenAt,
      revokedAt: d.revokedAt,
      pendingCount: d.pendingCount,
      oldestPendingAt: d.oldestPendingAt,
      healthReportedAt: d.healthReportedAt,
    })),
  ),

  /**
   * Revokes a device: its token stops working and its open streams end at once. An owner
   * cannot revoke the device it is using (it would lock itself out of device management);
   * another owner device can.
   */
  revoke: ownerProcedure.input(revokeInputSchema).mutation(async ({ ctx, input }) => {
    const device = await ctx.storage.getDevice(ctx.device.tenantId, input.deviceId);
    if (!device) throw new ProblemError('invalid-input', `Device ${input.deviceId} does not exist`, { deviceId: input.deviceId });
    if (device.id === ctx.device.deviceId) {
      throw new ProblemError('forbidden', 'This is the device you are using; revoke it from another owner device', { deviceId: device.id, self: true });
    }
    if (device.revokedAt === null) await ctx.storage.revokeDevice(ctx.device.tenantId, input.deviceId, ctx.now());
    ctx.streams.closeDevice(device.id);
    ctx.bus.announceRevoked(ctx.device.tenantId, device.id); // the device's streams on other instances
    const after = (await ctx.storage.getDevice(ctx.device.tenantId, input.deviceId))!;
    return { deviceId: after.id, revokedAt: after.revokedAt! };
  }),

  /**
   * Any paired device reports its own unsynced movements (DESIGN §5: owners see sync
   * health per device). Always the caller's row: the input carries no device id.
   */
  reportHealth: deviceProcedure.input(reportHealthInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.storage.reportDeviceHealth(ctx.device.deviceId, input, ctx.now());
    return { ok: true as const };
  }),
});
