import { ChangeBus, type ChangeFeed } from '../domain/change-bus.js';
import type { ListenInfo } from '../net/lan-addresses.js';
import { Metrics } from '../observability/metrics.js';
import type { RateLimiter } from '../observability/rate-limiter.js';
import type { Storage } from '../storage/storage.js';
import { StreamHub, type StreamLimits } from '../streams/stream-hub.js';

export const DEFAULT_HISTORY_DAYS = 60;

export interface CreateContextOptions {
  storage: Storage;
  /** Raw bearer token (without "Bearer "), null when absent. */
  token: string | null;
  bus?: ChangeFeed;
  /** Open change streams; made over `bus` when not given (tests). */
  streams?: StreamHub;
  metrics?: Metrics;
  rateLimiter?: RateLimiter | null;
  /** Budget per source address of requests without a valid device token. */
  anonymousRateLimiter?: RateLimiter | null;
  historyDays?: number;
  /** Value of the x-stockroom-protocol header, if sent. */
  protocolHeader?: string | null;
  /** Rate-limit key for requests without a device (e.g. remote address). */
  clientKey?: string;
  /** Ends streams on graceful shutdown. */
  shutdownSignal?: AbortSignal;
  now?: () => number;
  /** Called once the device is authenticated (request logs carry the deviceId). */
  onDevice?: (deviceId: string) => void;
  /** Where the server listens (the pairing panel's addresses); null in tests without HTTP. */
  listen?: () => ListenInfo | null;
}

export interface Context {
  storage: Storage;
  token: string | null;
  bus: ChangeFeed;
  streams: StreamHub;
  metrics: Metrics;
  rateLimiter: RateLimiter | null;
  anonymousRateLimiter: RateLimiter | null;
  historyDays: number;
  protocolHeader: string | null;
  clientKey: string;
  shutdownSignal: AbortSignal | null;
  now: () => number;
  onDevice: (deviceId: string) => void;
  listen: () => ListenInfo | null;
}

/** Builds a request context; tests call it directly with a real SqliteStorage (no HTTP). */
export function createContext(opts: CreateContextOptions): Context {
  const bus = opts.bus ?? new ChangeBus();
  const storage = opts.storage;
  return {
    storage,
    token: opts.token,
    bus,
    streams: opts.streams ?? streamHubFor(storage, bus),
    metrics: opts.metrics ?? new Metrics(),
    rateLimiter: opts.rateLimiter ?? null,
    anonymousRateLimiter: opts.anonymousRateLimiter ?? null,
    historyDays: opts.historyDays ?? DEFAULT_HISTORY_DAYS,
    protocolHeader: opts.protocolHeader ?? null,
    clientKey: opts.clientKey ?? 'local',
    shutdownSignal: opts.shutdownSignal ?? null,
    now: opts.now ?? Date.now,
    onDevice: opts.onDevice ?? (() => {}),
    listen: opts.listen ?? (() => null),
  };
}

/** The change streams of one storage, fed by its change bus. */
export function streamHubFor(storage: Storage, bus: ChangeFeed, limits?: Partial<StreamLimits>): StreamHub {
  return new StreamHub({
    bus,
    limits,
    epoch: () => storage.epoch(),
    isRevoked: async (tenantId, deviceId) => (await storage.getDevice(tenantId, deviceId))?.revokedAt != null,
  });
}

/** "Bearer abc" → "abc"; anything else → null. */
export function parseBearer(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
