import type { IncomingMessage, ServerResponse } from 'node:http';
// tRPC's own SSE building blocks: the error shape its clients parse, its tracked() envelope and
// headers. Public exports of @trpc/server, under a name that says they may change between
// minor versions (package.json pins ^11.25; the e2e suite speaks to this over real SSE).
import {
  getErrorShape,
  getTRPCErrorFromUnknown,
  isTrackedEnvelope,
  sseHeaders,
} from '@trpc/server/unstable-core-do-not-import';
import { appRouter } from '../trpc/routers/app-router.js';
import type { Context } from '../trpc/context.js';
import { problemFromError } from '../trpc/error-formatter.js';

/**
 * `replication.stream` over SSE, in the wire format of tRPC's httpSubscriptionLink (events
 * `connected`, `ping`, `serialized-error`, `return`; tracked ids as `id:`), with the
 * procedure itself run through tRPC (`createCaller`: auth, rate limits, input validation).
 * Why not tRPC's own writer: it JSON-encodes every event for every stream; here a payload the
 * stream hub shares between streams is encoded once (`encoded`), so 500 open streams cost
 * 500 socket writes of one buffer, not 500 serializations. A reader that stops reading is
 * cut off after DRAIN_TIMEOUT_MS instead of holding its buffer.
 */
export const STREAM_PATH = 'replication.stream';

const PING_MS = 15_000;
const DRAIN_TIMEOUT_MS = 30_000;
/** Clients reconnect after this much silence; pings come every PING_MS. */
const CLIENT_OPTIONS = JSON.stringify({ reconnectAfterInactivityMs: 40_000 });
const PING = Buffer.from('event: ping\ndata: \n\n');
const RETURN = Buffer.from('event: return\ndata: \n\n');

const encoded = new WeakMap<object, Buffer>();

/**
 * `id: <id>\ndata: <json>\n\n` of one event, encoded once per shared payload object (its id
 * is its checkpoint's seq, the same for every stream that shares it).
 */
function frame(id: unknown, value: unknown): Buffer {
  const key = typeof value === 'object' && value !== null ? value : null;
  const cached = key ? encoded.get(key) : undefined;
  if (cached) return cached;
  const idLine = id === undefined ? '' : `id: ${String(id).replace(/[\r\n]/g, '')}\n`;
  const bytes = Buffer.from(`${idLine}data: ${JSON.stringify(value)}\n\n`);
  if (key) encoded.set(key, bytes);
  return bytes;
}

/** The input tRPC's link sends (`?input=<json>`), with the reconnect id merged in as tRPC does. */
function streamInput(req: IncomingMessage, query: URLSearchParams): unknown {
  const raw = query.get('input');
  let input: unknown = raw === null ? undefined : JSON.parse(raw);
  const header = req.headers['last-event-id'];
  const lastEventId = (Array.isArray(header) ? header[0] : header) ?? query.get('lastEventId') ?? query.get('Last-Event-Id');
  if (lastEventId && typeof input === 'object' && input !== null && !Array.isArray(input)) input = { ...input, lastEventId };
  return input;
}

/**
 * Serves one stream request. Resolves when the response has ended; never throws.
 * `onProblem` receives the HTTP status of a refused stream (the SSE response itself is a
 * 200 carrying the error, as tRPC's clients expect), for the request log.
 */
export async function serveStream(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  ctx: Context,
  onProblem: (status: number) => void,
): Promise<void> {
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  let input: unknown;
  let iterable: AsyncIterable<unknown>;
  try {
    input = streamInput(req, query);
    const caller = appRouter.createCaller(ctx, { signal: abort.signal });
    iterable = (await caller.replication.stream(input as never)) as AsyncIterable<unknown>;
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause instanceof SyntaxError ? Object.assign(cause, { code: 'PARSE_ERROR' }) : cause);
    const shape = getErrorShape({ config: appRouter._def._config, error, type: 'subscription', path: STREAM_PATH, input, ctx });
    onProblem(problemFromError(error).status);
    if (res.destroyed) return;
    const { Connection: _keepAlive, ...headers } = sseHeaders; // the answer ends here
    void _keepAlive;
    res.writeHead(200, headers);
    res.end(`event: connected\ndata: ${CLIENT_OPTIONS}\n\nevent: serialized-error\ndata: ${JSON.stringify(shape)}\n\n`);
    return;
  }

  const iterator = iterable[Symbol.asyncIterator]();
  res.writeHead(200, sseHeaders);
  res.write(`event: connected\ndata: ${CLIENT_OPTIONS}\n\n`);
  let lastWrite = Date.now();
  const ping = setInterval(() => {
    if (Date.now() - lastWrite >= PING_MS - 100 && !res.writableNeedDrain) res.write(PING);
  }, PING_MS);
  // Events queued together (one push moves movements and stock) leave in one write: corked
  // until the queue is empty for this turn of the event loop.
  let corked: ReturnType<typeof setImmediate> | null = null;
  const uncork = () => {
    corked = null;
    res.uncork();
  };
  try {
    for (;;) {
      const step = await iterator.next();
      if (step.done || res.destroyed) break;
      const [id, data] = isTrackedEnvelope(step.value) ? [step.value[0], step.value[1]] : [undefined, step.value];
      if (!corked) {
        res.cork();
        corked = setImmediate(uncork);
      }
      const flowing = res.write(frame(id, data));
      lastWrite = Date.now();
      if (!flowing) {
        if (corked) {
          clearImmediate(corked);
          uncork();
        }
        if (!(await drained(res))) {
          res.destroy();
          break;
        }
      }
    }
    if (corked) {
      clearImmediate(corked);
      uncork();
    }
    if (!res.destroyed) res.end(RETURN);
  } catch (cause) {
    if (!res.destroyed) {
      const error = getTRPCErrorFromUnknown(cause);
      const shape = getErrorShape({ config: appRouter._def._config, error, type: 'subscription', path: STREAM_PATH, input, ctx });
      res.end(`event: serialized-error\ndata: ${JSON.stringify(shape)}\n\n`);
    }
  } finally {
    clearInterval(ping);
    abort.abort();
    await iterator.return?.().catch(() => undefined);
  }
}

/** Waits for the socket to take more; false when the reader is gone or stuck. */
function drained(res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), DRAIN_TIMEOUT_MS);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
