import { LIMITS, PROTOCOL_HEADER_PATTERN, PROTOCOL_VERSION, canManageDevices, type DeviceIdentity } from '../../shared/index.js';
import { ProblemError } from '../domain/problem-error.js';
import { sha256 } from '../domain/tokens.js';
import { problemToTRPCError } from './error-formatter.js';
import type { Context } from './context.js';
import { t } from './init.js';

/** Accepts the current protocol and the previous one for one release (DESIGN §3). */
export function checkProtocolHeader(header: string | null): void {
  if (header === null) return;
  if (!PROTOCOL_HEADER_PATTERN.test(header)) {
    throw new ProblemError('invalid-input', `The x-stockroom-protocol header must be a version number such as ${PROTOCOL_VERSION}`, {
      supported: [PROTOCOL_VERSION, PROTOCOL_VERSION - 1],
    });
  }
  const n = Number(header);
  if (n !== PROTOCOL_VERSION && n !== PROTOCOL_VERSION - 1) {
    throw new ProblemError('invalid-input', `Protocol version ${header} is not supported; this server speaks ${PROTOCOL_VERSION} (and ${PROTOCOL_VERSION - 1})`, {
      supported: [PROTOCOL_VERSION, PROTOCOL_VERSION - 1],
    });
  }
}

const TOUCH_INTERVAL_MS = 30_000;

/** Metrics, protocol check, and mapping of domain ProblemErrors to tRPC errors with the right status. */
const base = t.middleware(async ({ ctx, path, next }) => {
  const started = performance.now();
  try {
    checkProtocolHeader(ctx.protocolHeader);
  } catch (err) {
    throw problemToTRPCError(err as ProblemError);
  }
  const result = await next();
  ctx.metrics.procedureSeconds.observe({ procedure: path }, (performance.now() - started) / 1000);
  ctx.metrics.procedureCalls.inc({ procedure: path, ok: String(result.ok) });
  if (!result.ok && result.error.cause instanceof ProblemError) throw problemToTRPCError(result.error.cause);
  return result;
});

/** Requests without a valid device token share one budget per source address (DESIGN §8). */
function chargeAnonymous(ctx: Context): void {
  if (ctx.anonymousRateLimiter && !ctx.anonymousRateLimiter.take(ctx.clientKey)) {
    ctx.metrics.rateLimited.inc();
    throw problemToTRPCError(new ProblemError('rate-limited', 'Too many requests from this address; slow down'));
  }
}

export const publicProcedure = t.procedure.use(base).use(({ ctx, next }) => {
  chargeAnonymous(ctx);
  return next();
});

export interface AuthedDevice extends DeviceIdentity {
  deviceName: string;
}

/** Bearer token → device identity; unknown or revoked tokens are `unauthenticated`. */
export const deviceProcedure = t.procedure.use(base).use(async ({ ctx, next }) => {
  const refuse = (detail: string): never => {
    chargeAnonymous(ctx);
    throw problemToTRPCError(new ProblemError('unauthenticated', detail));
  };
  if (!ctx.token) return refuse('Missing Authorization: Bearer <deviceToken>');
  // Tokens are 43 characters; anything much longer is not one (and is not hashed).
  const record = ctx.token.length <= LIMITS.tokenLength ? await ctx.storage.findDeviceByTokenHash(sha256(ctx.token)) : null;
  if (!record) return refuse('Unknown device token');
  if (record.revokedAt !== null) return refuse('This device was revoked');
  ctx.onDevice(record.id);
  if (ctx.rateLimiter && !ctx.rateLimiter.take(`device:${record.id}`)) {
    ctx.metrics.rateLimited.inc();
    throw problemToTRPCError(new ProblemError('rate-limited', 'Too many requests from this device; slow down'));
  }
  const now = ctx.now();
  // Not awaited: "last seen" may land with the next group commit; a lost one is rewritten later.
  if (record.lastSeenAt === null || now - record.lastSeenAt > TOUCH_INTERVAL_MS) ctx.storage.touchDevice(record.id, now).catch(() => undefined);
  const device: AuthedDevice = {
    deviceId: record.id,
    deviceName: record.name,
    tenantId: record.tenantId,
    role: record.role,
    storeIds: record.role === 'owner' ? await ctx.storage.listStoreIds(record.tenantId) : record.storeIds,
  };
  return next({ ctx: { ...ctx, device } });
});

export const ownerProcedure = deviceProcedure.use(({ ctx, next }) => {
  if (!canManageDevices(ctx.device)) throw problemToTRPCError(new ProblemError('forbidden', 'Only an owner device may do this'));
  return next();
});
