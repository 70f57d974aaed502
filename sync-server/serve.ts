import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { listenAdminSocket, type AdminResponse } from './admin/admin-socket.js';
import { ensureTenant } from './domain/bootstrap.js';
import { createPairingCodeForCli } from './domain/pairing.js';
import { createHttpServer, type ConnectionLimits } from './http/create-http-server.js';
import { createOriginPolicy } from './http/origin-policy.js';
import { createLogger, type Logger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { RateLimiter } from './observability/rate-limiter.js';
import { openBackend, type Backend } from './open-backend.js';
import type { Storage } from './storage/storage.js';
import type { StreamLimits } from './streams/stream-hub.js';
import { DEFAULT_HISTORY_DAYS, streamHubFor } from './trpc/context.js';

export interface ServeOptions {
  dataDir: string;
  /** PostgreSQL instead of the data dir's SQLite file (DESIGN §9). */
  databaseUrl?: string | null;
  port: number;
  host: string;
  tls?: { certFile: string; keyFile: string } | null;
  historyDays?: number;
  /** Requests per second per device; burst is 5× (min 10). 0 disables. */
  rateLimit?: number;
  currency?: string;
  webDir?: string | null;
  /** Extra browser origins allowed (DESIGN §8; the app's own are always allowed). */
  allowedOrigins?: readonly string[];
  /** Extra Host names answered to (a proxy's public name). */
  allowedHosts?: readonly string[];
  /** Bearer token for /metrics when not bound to loopback. */
  metricsToken?: string | null;
  connections?: Partial<ConnectionLimits>;
  streams?: Partial<StreamLimits>;
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  ownerCode: string | null;
  storage: Storage;
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT = 200;

/** Requests without a valid token share a tenth of a device's budget per source address. */
export function anonymousRate(deviceRate: number): number {
  return Math.max(5, Math.round(deviceRate / 10));
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Connections the process can hold with room left for the database and logs. */
function defaultConnectionLimits(): ConnectionLimits {
  let soft = 4096;
  try {
    const m = /Max open files\s+(\d+)/.exec(fs.readFileSync('/proc/self/limits', 'utf8'));
    if (m) soft = Number(m[1]);
  } catch {
    // not Linux: keep the conservative default
  }
  return { total: Math.max(64, Math.min(10_000, soft - 512)), perAddress: 512 };
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger();
  const backend = await openBackend({
    dataDir: opts.dataDir,
    databaseUrl: opts.databaseUrl,
    onDatabaseError: (err) => logger.log('warn', 'database connection lost', { error: err.message }),
  });
  try {
    return await serveBackend(backend, opts, logger);
  } catch (err) {
    await backend.close();
    throw err;
  }
}

async function serveBackend(backend: Backend, opts: ServeOptions, logger: Logger): Promise<RunningServer> {
  const { storage, feed: bus } = backend;
  const { ownerCode } = await ensureTenant(storage, { currency: opts.currency });
  const streams = streamHubFor(storage, bus, opts.streams);
  const metrics = new Metrics();
  backend.onWriteGroup((size) => metrics.writeGroups.observe(size));
  const shutdown = new AbortController();
  const rate = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const anonymous = anonymousRate(rate);
  let port = opts.port;
  let listening = false;
  const origins = createOriginPolicy({
    get port() {
      return port;
    },
    tls: !!opts.tls,
    allowedHosts: opts.allowedHosts,
    allowedOrigins: opts.allowedOrigins,
  });
  const server = createHttpServer({
    storage, bus, streams, metrics, logger, origins,
    rateLimiter: rate > 0 ? new RateLimiter(rate, Math.max(10, rate * 5)) : null,
    anonymousRateLimiter: rate > 0 ? new RateLimiter(anonymous, anonymous * 5) : null,
    historyDays: opts.historyDays ?? DEFAULT_HISTORY_DAYS,
    shutdownSignal: shutdown.signal,
    metricsOpen: isLoopbackHost(opts.host),
    metricsToken: opts.metricsToken ?? null,
    connections: { ...defaultConnectionLimits(), ...opts.connections },
    tls: opts.tls ?? null,
    webDir: opts.webDir ?? null,
    listen: () => (listening ? { host: opts.host, port, tls: !!opts.tls, webApp: !!opts.webDir } : null),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  listening = true;
  // The admin socket is how `pair`/`backup` reach a SQLite file this process holds alone; on
  // PostgreSQL they open the database themselves.
  const admin = storage.kind !== 'sqlite' ? { close: async () => {} } : await listenAdminSocket(opts.dataDir, async (req): Promise<AdminResponse> => {
    if (req.command === 'pair') {
      const { code } = await createPairingCodeForCli(storage, req);
      return { ok: true, text: `pairing code: ${code}` };
    }
    if (req.command === 'ping') return { ok: true, text: 'running' };
    await storage.backup(req.out);
    return { ok: true, text: `backup written: ${req.out}` };
  });
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `${opts.tls ? 'https' : 'http'}://${hostForUrl}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting, end streams, let in-flight requests finish, then close the DB.
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      shutdown.abort();
      streams.close();
      bus.close();
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 3_000);
      force.unref();
      await Promise.all([drained, admin.close()]);
      clearTimeout(force);
      await backend.close();
    })();
    return closing;
  };
  return { url, port, ownerCode, storage, close };
}
