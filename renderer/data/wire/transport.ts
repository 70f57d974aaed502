/**
 * The wire to the sync server (DESIGN §3): tRPC v11, plain JSON at /trpc,
 * httpBatchLink for queries/mutations and httpSubscriptionLink (SSE) for the
 * stream, chosen by splitLink. `Authorization: Bearer` on every request,
 * including the SSE stream (the `eventsource` ponyfill lets us set headers,
 * which the browser's native EventSource cannot).
 *
 * Everything else in the data layer talks to the narrow `SyncApi` below, so
 * the replication logic does not depend on router typings.
 */
import {
  TRPCClientError,
  createTRPCClient,
  type TRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import {
  PROTOCOL_VERSION,
  isProblem,
  type Checkpoint,
  type CollectionName,
  type PairResult,
  type Problem,
  type ReportHealthInput,
} from '../../../shared/index.js';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../sync-server/trpc/routers/app-router.js';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

export interface PullPage {
  documents: Record<string, unknown>[];
  checkpoint: Checkpoint | null;
  /** The device's checkpoint was not this database's (a restored backup): the pull started over. */
  reset?: boolean;
}

export interface PushRow {
  assumedMasterState: Record<string, unknown> | null | undefined;
  newDocumentState: Record<string, unknown>;
}

export type StreamEvent =
  | { collection: CollectionName; documents: Record<string, unknown>[]; checkpoint: Checkpoint }
  | 'RESYNC';

export interface StreamHandlers {
  onEvent(event: StreamEvent): void;
  /** The SSE connection is up (first time or after a reconnect). */
  onConnected(): void;
  /** The connection dropped; the link reconnects by itself. */
  onDisconnected(error: unknown): void;
  /** The subscription ended for good (e.g. unauthenticated). */
  onError(error: unknown): void;
}

/** The device's identity as the server knows it (`auth.whoami`). */
export type WhoAmI = Outputs['auth']['whoami'];

/** What the data layer needs from the server. */
export interface SyncApi {
  pull(collection: CollectionName, checkpoint: Checkpoint | null, limit: number, signal?: AbortSignal): Promise<PullPage>;
  push(collection: CollectionName, rows: PushRow[], signal?: AbortSignal): Promise<Record<string, unknown>[]>;
  stream(collections: CollectionName[], handlers: StreamHandlers): () => void;
  digest(storeId: string): Promise<{ seq: number; digest: string }>;
  whoami(): Promise<WhoAmI>;
  /** `devices.reportHealth`: this device's unsynced movements, for the owner's Devices screen. */
  reportHealth(input: ReportHealthInput, signal?: AbortSignal): Promise<{ ok: true }>;
}

/** `http://host:port` → `http://host:port/trpc`. */
export function trpcUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/trpc`;
}

/** The session's one tRPC client: the sync engine's wire and the screens' server queries. */
export type ServerApi = TRPCClient<AppRouter>;

export function createServerApi(serverUrl: string, token: string): ServerApi {
  return makeClient(serverUrl, token);
}

function makeClient(serverUrl: string, token: string | null): ServerApi {
  const url = trpcUrl(serverUrl);
  // Every request says which protocol this device speaks (DESIGN §3).
  const auth = (): Record<string, string> => ({
    'x-stockroom-protocol': String(PROTOCOL_VERSION),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...auth() } }),
          }),
        }),
        // Pulls of several collections started together share one HTTP request.
        false: httpBatchLink({ url, headers: auth, maxURLLength: 4000 }),
      }),
    ],
  });
}

/** A tRPC event may arrive wrapped by `tracked()` as `{ id, data }`. */
function unwrapTracked(value: unknown): unknown {
  if (value && typeof value === 'object' && 'data' in value && 'id' in value && !('collection' in value)) {
    return (value as { data: unknown }).data;
  }
  return value;
}

export function createSyncApi(client: ServerApi): SyncApi {
  return {
    async pull(collection, checkpoint, limit, signal) {
      return client.replication.pull.query({ collection, checkpoint, limit }, { signal });
    },
    async push(collection, rows, signal) {
      // The one cast left on the wire: the device builds push rows from its stored documents as
      // plain records; the server's zod parser checks every row (typing rows per collection
      // through the outbox and pusher is the remaining step).
      const input = { collection, rows } as Inputs['replication']['push'];
      return client.replication.push.mutate(input, { signal });
    },
    stream(collections, handlers) {
      let connected = false;
      let closed = false;
      // The server ends every stream with an SSE `return` on shutdown (sync-server README):
      // the link then stops for good without an error. Report it as one, so the device
      // shows it is offline and the replication opens a new stream with backoff.
      const ended = () => {
        if (closed) return;
        closed = true;
        handlers.onError(new Error('the server ended the change stream'));
      };
      const sub = client.replication.stream.subscribe(
        { collections },
        {
          onData: (value: unknown) => handlers.onEvent(unwrapTracked(value) as StreamEvent),
          onStarted: () => {
            connected = true;
            handlers.onConnected();
          },
          onConnectionStateChange: (state) => {
            if (state.state === 'connecting' && state.error) {
              connected = false;
              handlers.onDisconnected(state.error);
            } else if (state.state === 'pending' && !connected) {
              connected = true;
              handlers.onConnected();
            }
          },
          onError: (err: unknown) => {
            if (closed) return;
            closed = true;
            handlers.onError(err);
          },
          onStopped: ended,
          onComplete: ended,
        },
      );
      return () => {
        closed = true;
        sub.unsubscribe();
      };
    },
    async digest(storeId) {
      return client.replication.digest.query({ storeId });
    },
    async whoami() {
      return client.auth.whoami.query();
    },
    async reportHealth(input, signal) {
      return client.devices.reportHealth.mutate(input, { signal });
    },
  };
}

/** `auth.pair` with no token (public). */
export async function pairWithServer(serverUrl: string, code: string, deviceName: string): Promise<PairResult> {
  const client = makeClient(serverUrl, null);
  return client.auth.pair.mutate({ code, deviceName });
}

/** The server's problem object (DESIGN §6) carried by an error, or null. */
export function problemOf(err: unknown): Problem | null {
  if (err instanceof TRPCClientError) {
    const data = err.data as { problem?: unknown } | null | undefined;
    if (isProblem(data?.problem)) return data.problem;
  }
  return null;
}

function httpStatusOf(err: unknown): number | null {
  if (err instanceof TRPCClientError) {
    const data = err.data as { httpStatus?: unknown } | null | undefined;
    if (typeof data?.httpStatus === 'number') return data.httpStatus;
    const p = problemOf(err);
    if (p) return p.status;
  }
  return null;
}

/**
 * Transport failures are retried; verdicts are not. No response at all
 * (network down, DNS, refused, a proxy's HTML page), 5xx, 408 and 429 are
 * transport failures. Everything with a 4xx problem is a verdict.
 */
export function isTransportError(err: unknown): boolean {
  if (err instanceof TRPCClientError) {
    const status = httpStatusOf(err);
    if (status === null) return true;
    return status >= 500 || status === 408 || status === 429;
  }
  // fetch() throws TypeError on network failure
  return err instanceof TypeError;
}

export function isUnauthenticated(err: unknown): boolean {
  const p = problemOf(err);
  if (p) return p.type === 'unauthenticated';
  return httpStatusOf(err) === 401;
}
