import { ChangeBus } from '../domain/change-bus.js';
import { Metrics } from '../observability/metrics.js';
import type { RateLimiter } from '../observability/rate-limiter.js';
import type { Storage } from '../storage/storage.js';

export const DEFAULT_HISTORY_DAYS = 60;

export interface CreateContextOptions {
  storage: Storage;
  /** Raw bearer token (without "Bearer "), null when absent. */
  token: string | null;
  bus?: ChangeBus;
  metrics?: Metrics;
  rateLimiter?: RateLimiter | null;
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
}

export interface Context {
  storage: Storage;
  token: string | null;
  bus: ChangeBus;
  metrics: Metrics;
  rateLimiter: RateLimiter | null;
  historyDays: number;
  protocolHeader: string | null;
  clientKey: string;
  shutdownSignal: AbortSignal | null;
  now: () => number;
  onDevice: (deviceId: string) => void;
}

/** Builds a request context; tests call it directly with a real SqliteStorage (no HTTP). */
export function createContext(opts: CreateContextOptions): Context {
  return {
    storage: opts.storage,
    token: opts.token,
    bus: opts.bus ?? new ChangeBus(),
    metrics: opts.metrics ?? new Metrics(),
    rateLimiter: opts.rateLimiter ?? null,
    historyDays: opts.historyDays ?? DEFAULT_HISTORY_DAYS,
    protocolHeader: opts.protocolHeader ?? null,
    clientKey: opts.clientKey ?? 'local',
    shutdownSignal: opts.shutdownSignal ?? null,
    now: opts.now ?? Date.now,
    onDevice: opts.onDevice ?? (() => {}),
  };
}

/** "Bearer abc" → "abc"; anything else → null. */
export function parseBearer(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
