import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { TRPCError } from '@trpc/server';
import { LIMITS, PROTOCOL_VERSION, makeProblem, type Problem } from '../../shared/index.js';
import type { ChangeFeed } from '../domain/change-bus.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { RateLimiter } from '../observability/rate-limiter.js';
import type { Storage } from '../storage/storage.js';
import type { StreamHub } from '../streams/stream-hub.js';
import { createContext, parseBearer, type Context } from '../trpc/context.js';
import { applyCors } from './cors.js';
import type { OriginPolicy } from './origin-policy.js';
import { parseRequestTarget } from './request-target.js';
import { STREAM_PATH, serveStream } from './sse-stream.js';
import { createStaticFiles } from './static-files.js';
import type { ListenInfo } from '../net/lan-addresses.js';
import { TRPC_PREFIX, serveTrpc } from './trpc-http.js';

export interface ConnectionLimits {
  /** Open connections in all; more are refused at accept (file descriptors stay for the DB). */
  total: number;
  /** Open connections from one remote address (loopback is exempt). */
  perAddress: number;
}

export interface HttpServerOptions {
  storage: Storage;
  bus: ChangeFeed;
  streams: StreamHub;
  metrics: Metrics;
  logger: Logger;
  rateLimiter: RateLimiter | null;
  anonymousRateLimiter: RateLimiter | null;
  historyDays: number;
  shutdownSignal: AbortSignal;
  origins: OriginPolicy;
  /** `/metrics` is open when bound to loopback; otherwise it needs this bearer token (null: disabled). */
  metricsOpen: boolean;
  metricsToken: string | null;
  connections: ConnectionLimits;
  tls?: { certFile: string; keyFile: string } | null;
  webDir?: string | null;
  /** Where the server listens, once it does (devices.connectInfo). */
  listen?: () => ListenInfo | null;
}

function headerValue(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

const JSON_RPC_CODES: Record<number, number> = { 400: -32600, 401: -32001, 403: -32003, 404: -32004, 405: -32005, 413: -32013, 429: -32029, 500: -32603 };

/**
 * node:http(s) server (DESIGN §6, §8): /trpc (trpc-http.ts, and the SSE stream writer for
 * replication.stream), /healthz, /metrics, CORS, the optional static UI.
 * Every request passes, in order: a target that parses, an allowed Host, an allowed Origin;
 * anything else gets a problem and changes nothing. The listener never throws.
 */
export function createHttpServer(opts: HttpServerOptions): http.Server {
  const deviceOf = new WeakMap<IncomingMessage, string>();
  const statusOf = new WeakMap<IncomingMessage, number>();
  const staticFiles = opts.webDir ? createStaticFiles(opts.webDir) : null;
  const contextFor = (req: IncomingMessage): Context =>
    createContext({
      storage: opts.storage,
      token: parseBearer(headerValue(req.headers.authorization)),
      bus: opts.bus,
      streams: opts.streams,
      metrics: opts.metrics,
      rateLimiter: opts.rateLimiter,
      anonymousRateLimiter: opts.anonymousRateLimiter,
      historyDays: opts.historyDays,
      protocolHeader: headerValue(req.headers['x-stockroom-protocol']),
      clientKey: req.socket.remoteAddress ?? 'unknown',
      shutdownSignal: opts.shutdownSignal,
      onDevice: (id) => deviceOf.set(req, id),
      listen: opts.listen,
    });
  const trpcOptions = {
    maxBodyBytes: LIMITS.bodyBytes,
    onError(error: TRPCError, path: string) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        opts.logger.log('error', 'internal error', { path, error: error.cause?.message ?? error.message, stack: error.cause?.stack });
      }
    },
  };

  /** A problem outside tRPC's own handling; inside /trpc/ it wears tRPC's error envelope so clients read it. */
  function sendProblem(res: ServerResponse, problem: Problem, inTrpc: boolean): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = inTrpc
      ? { error: { message: problem.detail, code: JSON_RPC_CODES[problem.status] ?? -32600, data: { httpStatus: problem.status, problem } } }
      : problem;
    res.writeHead(problem.status, { 'Content-Type': inTrpc ? 'application/json' : 'application/problem+json', 'X-Content-Type-Options': 'nosniff' });
    res.end(JSON.stringify(body));
  }

  function route(req: IncomingMessage, res: ServerResponse): void {
    const target = parseRequestTarget(req.url);
    if (!target) {
      sendProblem(res, makeProblem('invalid-input', 'The request target is not a path'), false);
      return;
    }
    const inTrpc = target.path.startsWith(TRPC_PREFIX);
    if (!opts.origins.hostAllowed(headerValue(req.headers.host) ?? undefined)) {
      sendProblem(res, makeProblem('forbidden', 'This server does not answer to that host name'), inTrpc);
      return;
    }
    const origin = headerValue(req.headers.origin) ?? undefined;
    if (!opts.origins.originAllowed(origin)) {
      sendProblem(res, makeProblem('forbidden', 'Pages of this origin may not use the sync server'), inTrpc);
      return;
    }
    if (origin !== undefined) applyCors(res, origin);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (target.path === '/healthz') {
      // The database answers a round trip (2 s at most), or this instance is not healthy: 503
      // takes it out of a load balancer's rotation while PostgreSQL is away.
      const started = performance.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), 2_000);
      });
      void Promise.race([opts.storage.ping(), timeout]).then(() => true, () => false).then((up) => {
        clearTimeout(timer);
        res.writeHead(up ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify({
          ok: up, protocolVersion: PROTOCOL_VERSION, time: Date.now(), database: opts.storage.kind, databaseOk: up,
          databaseMs: Math.round((performance.now() - started) * 10) / 10, streams: opts.streams.size,
        }));
      });
      return;
    }
    if (target.path === '/metrics') {
      if (!metricsAllowed(req)) {
        sendProblem(res, makeProblem(opts.metricsToken ? 'unauthenticated' : 'forbidden', opts.metricsToken ? 'Send the metrics token' : 'Metrics are only served on loopback unless a metrics token is set'), false);
        return;
      }
      opts.metrics.render().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': opts.metrics.contentType, 'Cache-Control': 'no-store' });
          res.end(text);
        },
        (err: unknown) => fail(req, res, err),
      );
      return;
    }
    if (target.path === `${TRPC_PREFIX}${STREAM_PATH}` && req.method === 'GET') {
      void serveStream(req, res, target.query, contextFor(req), (status) => statusOf.set(req, status));
      return;
    }
    if (inTrpc) {
      serveTrpc(req, res, target, contextFor(req), trpcOptions).catch((err: unknown) => fail(req, res, err));
      return;
    }
    if (staticFiles?.serve(req, res, target.path)) return;
    sendProblem(res, { ...makeProblem('invalid-input', 'Nothing here'), status: 404 }, false);
  }

  function metricsAllowed(req: IncomingMessage): boolean {
    if (opts.metricsOpen) return true;
    if (!opts.metricsToken) return false;
    const sent = Buffer.from(parseBearer(headerValue(req.headers.authorization)) ?? '');
    const want = Buffer.from(opts.metricsToken);
    return sent.length === want.length && timingSafeEqual(sent, want);
  }

  function fail(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    opts.logger.log('error', 'request failed', { path: req.url?.slice(0, 200), error: err instanceof Error ? err.message : String(err) });
    sendProblem(res, makeProblem('internal', 'The server could not handle this request; try again'), true);
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    res.once('close', () => {
      const status = statusOf.get(req) ?? res.statusCode;
      const path = (parseRequestTarget(req.url)?.path ?? '(malformed)').slice(0, 200);
      const route = path.startsWith(TRPC_PREFIX) ? 'trpc' : path === '/healthz' || path === '/metrics' ? path : 'other';
      opts.metrics.httpRequests.inc({ route, status: String(status) });
      opts.logger.log(status >= 500 ? 'error' : 'info', 'request', {
        method: req.method, path, status, durationMs: Math.round((performance.now() - started) * 100) / 100, deviceId: deviceOf.get(req) ?? null,
        protocol: headerValue(req.headers['x-stockroom-protocol'])?.slice(0, 8) ?? null,
      });
    });
    try {
      route(req, res);
    } catch (err) {
      fail(req, res, err);
    }
  };

  // Slow or silent clients must not hold sockets: headers within 10 s and the whole request
  // within 30 s (checked every second), idle keep-alive sockets close after 5 s, and a socket
  // that has sent no byte after 10 s is closed (limitConnections: Node closes none of those on
  // its own).
  const timeouts = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };
  const server = opts.tls
    ? https.createServer({ ...timeouts, cert: fs.readFileSync(opts.tls.certFile), key: fs.readFileSync(opts.tls.keyFile) }, handler)
    : http.createServer(timeouts, handler);
  limitConnections(server, opts.connections);
  // Malformed request lines and headers never reach `handler`: Node's parser answers 400 itself.
  return server;
}

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || (address?.startsWith('127.') ?? false) || (address?.startsWith('::ffff:127.') ?? false);
}

/** A connection that has sent nothing at all by then is closed. */
const SILENT_SOCKET_MS = 10_000;

/** Caps open connections in all and per remote address (DESIGN §8); closes silent sockets. */
function limitConnections(server: http.Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.total;
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    // Not socket.setTimeout: Node's own request-timeout checks keep re-arming it past 10 s.
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, SILENT_SOCKET_MS);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));
    const address = socket.remoteAddress ?? 'unknown';
    if (isLoopback(address)) return;
    const open = (perAddress.get(address) ?? 0) + 1;
    if (open > limits.perAddress) {
      socket.destroy();
      return;
    }
    perAddress.set(address, open);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
}
