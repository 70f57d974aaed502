import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { LIMITS, PROTOCOL_VERSION } from '../../shared/index.js';
import type { ChangeBus } from '../domain/change-bus.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { RateLimiter } from '../observability/rate-limiter.js';
import type { Storage } from '../storage/storage.js';
import { appRouter } from '../trpc/app-router.js';
import { createContext, parseBearer } from '../trpc/context.js';
import { applyCors, handlePreflight } from './cors.js';
import { serveStatic } from './static-files.js';

export interface HttpServerOptions {
  storage: Storage;
  bus: ChangeBus;
  metrics: Metrics;
  logger: Logger;
  rateLimiter: RateLimiter | null;
  historyDays: number;
  shutdownSignal: AbortSignal;
  tls?: { certFile: string; keyFile: string } | null;
  webDir?: string | null;
}

function headerValue(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** node:http(s) server: /trpc (tRPC standalone handler), /healthz, /metrics, CORS, optional static UI. */
export function createHttpServer(opts: HttpServerOptions): http.Server {
  const deviceOf = new WeakMap<IncomingMessage, string>();
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: LIMITS.bodyBytes,
    createContext: ({ req }) =>
      createContext({
        storage: opts.storage,
        token: parseBearer(headerValue(req.headers.authorization)),
        bus: opts.bus,
        metrics: opts.metrics,
        rateLimiter: opts.rateLimiter,
        historyDays: opts.historyDays,
        protocolHeader: headerValue(req.headers['x-stockroom-protocol']),
        clientKey: req.socket.remoteAddress ?? 'unknown',
        shutdownSignal: opts.shutdownSignal,
        onDevice: (id) => deviceOf.set(req, id),
      }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        opts.logger.log('error', 'internal error', { path, error: error.cause?.message ?? error.message, stack: error.cause?.stack });
      }
    },
  });

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname.startsWith('/trpc/') ? 'trpc' : url.pathname;
    res.once('close', () => {
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      opts.metrics.httpRequests.inc({ route: route === 'trpc' || route === '/healthz' || route === '/metrics' ? route : 'other', status: String(res.statusCode) });
      opts.logger.log(res.statusCode >= 500 ? 'error' : 'info', 'request', {
        method: req.method, path: url.pathname, status: res.statusCode, durationMs, deviceId: deviceOf.get(req) ?? null,
      });
    });
    applyCors(res);
    if (handlePreflight(req, res)) return;
    if (url.pathname === '/healthz') {
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ ok: true, protocolVersion: PROTOCOL_VERSION, time: Date.now() }));
      return;
    }
    if (url.pathname === '/metrics') {
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/plain; version=0.0.4');
      res.end(opts.metrics.render());
      return;
    }
    if (url.pathname.startsWith('/trpc/')) {
      trpc(req, res);
      return;
    }
    if (opts.webDir && serveStatic(opts.webDir, req, res)) return;
    res.statusCode = 404;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: 'not found' }));
  };

  if (opts.tls) {
    return https.createServer({ cert: fs.readFileSync(opts.tls.certFile), key: fs.readFileSync(opts.tls.keyFile) }, handler);
  }
  return http.createServer(handler);
}
