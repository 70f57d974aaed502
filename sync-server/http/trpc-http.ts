import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
// tRPC's own building blocks for what it sends: the error shape its clients parse and the
// status of a set of answers. Exported by @trpc/server under a name that says they may
// change between minor versions (package.json pins ^11.25; every suite speaks to this).
import { getErrorShape, getHTTPStatusCode, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import { appRouter } from '../trpc/routers/app-router.js';
import type { Context } from '../trpc/context.js';
import type { RequestTarget } from './request-target.js';

/**
 * tRPC's HTTP protocol (v11, plain JSON, no transformer) for queries and mutations, single
 * or batched (`?batch=1`), answered by calling the router's procedures directly: the same
 * middlewares (auth, rate limits, protocol check), input validation and error formatter as
 * tRPC's own adapter, and the same wire format its httpLink / httpBatchLink read.
 *
 * Why not tRPC's standalone adapter: it turns every node request into a Fetch Request and
 * Response with web streams and abort signals. Measured on this machine (server CPU per
 * request, `/trpc/health`): 320–590 µs through it, 67–91 µs through this; a single-sale
 * push is ~0.6 ms in all, so the adapter was half of it. Subscriptions go to sse-stream.ts.
 */
export const TRPC_PREFIX = '/trpc/';

const ACCEPTED_METHOD = { query: 'GET', mutation: 'POST', subscription: 'GET' } as const;
const MAX_BATCH = 32;

type ProcedureType = keyof typeof ACCEPTED_METHOD;
interface CallableProcedure {
  _def: { type: ProcedureType };
  (opts: { path: string; getRawInput: () => Promise<unknown>; ctx: Context; type: ProcedureType; signal: AbortSignal | undefined; batchIndex: number }): Promise<unknown>;
}

export interface TrpcHttpOptions {
  maxBodyBytes: number;
  /** Every error of a call (the server logs internal ones). */
  onError(error: TRPCError, path: string): void;
}

/** The procedure at `path`, or null (own properties only: `constructor` is no procedure). */
export function procedureAt(path: string): CallableProcedure | null {
  const procedures = appRouter._def.procedures as Record<string, unknown>;
  return Object.hasOwn(procedures, path) ? (procedures[path] as CallableProcedure) : null;
}

/** The type of the procedure a request names, when it is a single call (the SSE route asks). */
export function singleCallType(target: RequestTarget): ProcedureType | null {
  if (target.query.get('batch') === '1') return null;
  const path = decodePath(target.path.slice(TRPC_PREFIX.length));
  return path === null ? null : (procedureAt(path)?._def.type ?? null);
}

function decodePath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Reads a JSON body of at most `max` bytes; undefined when empty. */
function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > max) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? undefined : JSON.parse(text));
      } catch (cause) {
        reject(new TRPCError({ code: 'PARSE_ERROR', message: 'The request body is not valid JSON', cause }));
      }
    });
  });
}

function parseJson(text: string | null): unknown {
  if (text === null || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new TRPCError({ code: 'PARSE_ERROR', message: 'The input is not valid JSON', cause });
  }
}

/** All inputs of the request: index → raw input (a single call is index 0). */
async function readInputs(req: IncomingMessage, target: RequestTarget, batch: boolean, max: number): Promise<(i: number) => unknown> {
  let raw: unknown;
  if (req.method === 'GET') {
    raw = parseJson(target.query.get('input'));
  } else {
    const type = req.headers['content-type'];
    if (!type?.startsWith('application/json')) {
      throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: type ? `Unsupported content-type "${type}"` : 'Missing content-type header' });
    }
    raw = await readJson(req, max);
  }
  if (!batch) return () => raw;
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
  }
  const byIndex = (raw ?? {}) as Record<string, unknown>;
  return (i) => (Object.hasOwn(byIndex, String(i)) ? byIndex[String(i)] : undefined);
}

/**
 * Answers one /trpc/ request (not a subscription). Resolves when the answer is written;
 * never throws. Returns the HTTP status sent.
 */
export async function serveTrpc(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  ctx: Context,
  opts: TrpcHttpOptions,
): Promise<number> {
  const batch = target.query.get('batch') === '1';
  const decoded = decodePath(target.path.slice(TRPC_PREFIX.length));
  const paths = decoded === null ? [] : batch ? decoded.split(',') : [decoded];
  const config = appRouter._def._config;
  const answer = (error: TRPCError, path: string, input: unknown) => {
    opts.onError(error, path);
    return { error: getErrorShape({ config, ctx, error, input, path, type: procedureAt(path)?._def.type ?? 'unknown' }) };
  };

  let bodies: Array<{ result: { data: unknown } } | { error: unknown }>;
  let allow: string | null = null;
  try {
    if (decoded === null) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The procedure path is not valid' });
    if (paths.length > MAX_BATCH) throw new TRPCError({ code: 'BAD_REQUEST', message: `At most ${MAX_BATCH} calls per batch` });
    const input = await readInputs(req, target, batch, opts.maxBodyBytes);
    bodies = await Promise.all(
      paths.map(async (path, i) => {
        try {
          const proc = procedureAt(path);
          if (!proc) throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${path}"` });
          const type = proc._def.type;
          if (type === 'subscription') throw new TRPCError({ code: 'BAD_REQUEST', message: 'Subscriptions are served over SSE, one per request' });
          if (ACCEPTED_METHOD[type] !== req.method) {
            allow = ACCEPTED_METHOD[type];
            throw new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: `Unsupported ${req.method}-request to ${type} procedure at path "${path}"` });
          }
          const data = await proc({ path, getRawInput: async () => input(i), ctx, type, signal: undefined, batchIndex: i });
          return { result: { data } };
        } catch (cause) {
          return answer(getTRPCErrorFromUnknown(cause), path, input(i));
        }
      }),
    );
  } catch (cause) {
    // Before any call: the whole request is refused (one answer per named call, as tRPC does).
    const error = getTRPCErrorFromUnknown(cause);
    bodies = (paths.length > 0 ? paths : ['']).map((path) => answer(error, path, undefined));
  }
  const status = getHTTPStatusCode(bodies as never);
  if (res.destroyed) return status;
  const json = JSON.stringify(batch ? bodies : bodies[0]);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
    ...(allow ? { Allow: allow } : {}),
  });
  res.end(json);
  return status;
}
