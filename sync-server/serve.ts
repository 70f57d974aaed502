import type { AddressInfo } from 'node:net';
import { ChangeBus } from './domain/change-bus.js';
import { ensureTenant } from './domain/bootstrap.js';
import { createHttpServer } from './http/create-http-server.js';
import { createLogger, type Logger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { RateLimiter } from './observability/rate-limiter.js';
import { SqliteStorage } from './storage/sqlite-storage.js';
import { DEFAULT_HISTORY_DAYS } from './trpc/context.js';

export interface ServeOptions {
  dataDir: string;
  port: number;
  host: string;
  tls?: { certFile: string; keyFile: string } | null;
  historyDays?: number;
  /** Requests per second per device; burst is 5× (min 10). 0 disables. */
  rateLimit?: number;
  currency?: string;
  webDir?: string | null;
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  ownerCode: string | null;
  storage: SqliteStorage;
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT = 200;

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger();
  const storage = SqliteStorage.open(opts.dataDir);
  const { ownerCode } = ensureTenant(storage, { currency: opts.currency });
  const bus = new ChangeBus();
  const metrics = new Metrics();
  const shutdown = new AbortController();
  const rate = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const server = createHttpServer({
    storage, bus, metrics, logger,
    rateLimiter: rate > 0 ? new RateLimiter(rate, Math.max(10, rate * 5)) : null,
    historyDays: opts.historyDays ?? DEFAULT_HISTORY_DAYS,
    shutdownSignal: shutdown.signal,
    tls: opts.tls ?? null,
    webDir: opts.webDir ?? null,
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `${opts.tls ? 'https' : 'http'}://${hostForUrl}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      // Stop accepting, end streams, let in-flight requests finish, then close the DB.
      server.close(() => {
        storage.close();
        resolve();
      });
      shutdown.abort();
      bus.close();
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 3_000).unref();
    });
    return closing;
  };
  return { url, port, ownerCode, storage, close };
}
