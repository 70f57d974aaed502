import { PROTOCOL_VERSION } from '../../../shared/index.js';
import { publicProcedure } from '../procedures.js';

export const healthRouter = publicProcedure.query(({ ctx }) => ({
  ok: true as const,
  protocolVersion: PROTOCOL_VERSION,
  time: ctx.now(),
}));

