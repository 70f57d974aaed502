/**
 * Replication of the four collections over the sync protocol (DESIGN §3):
 *  - pull (collection-pull.ts): checkpointed by the server's `seq`, large
 *    batches written in bulk for a fast first sync;
 *  - push: movements through movement-push.ts; every row comes back with its
 *    verdict and is adopted; a rejected movement is a result, never an error,
 *    so it never blocks the rows behind it. The rare catalog edits go up
 *    through the catalog outbox (catalog-outbox.ts) with the same push code;
 *  - stream: one SSE subscription fans out to each collection's puller;
 *    a reconnect means "RESYNC": every puller pulls from its checkpoint again;
 *  - transport failures (no response, 5xx, 429) are retried inside the
 *    handlers with exponential backoff + jitter; verdicts are not retried.
 */
import {
  COLLECTIONS,
  LIMITS,
  PRODUCT_MERGE_FIELDS,
  PURCHASE_ORDER_MERGE_FIELDS,
  RESOLUTION_MERGE_FIELDS,
  SETTINGS_MERGE_FIELDS,
  STOCK_MERGE_FIELDS,
  STORE_MERGE_FIELDS,
  SUPPLIER_MERGE_FIELDS,
  TILL_USER_MERGE_FIELDS,
  TRANSFER_MERGE_FIELDS,
  sameValue,
  type Checkpoint,
  type CollectionName,
  type Problem,
} from '../../shared/index.js';
import { CollectionPuller } from './collection-pull.js';
import { plainDoc, type StockroomDatabase } from './database.js';
import { MovementPusher } from './movement-push.js';
import type { PendingMovements } from './pending-movements.js';
import { createWriteLane } from './write-lane.js';
import { AbortedError, DEFAULT_BACKOFF, withRetry, type BackoffOptions } from './retry.js';
import {
  isTransportError,
  isUnauthenticated,
  problemOf,
  type PushRow,
  type StreamEvent,
  type SyncApi,
} from './transport.js';

export type ReplicationEvent =
  | { type: 'transport-ok' }
  | { type: 'transport-error'; message: string; attempt: number; delayMs: number }
  | { type: 'pulled'; collection: CollectionName; count: number; checkpoint: Checkpoint | null; more: boolean }
  | { type: 'pushed'; collection: CollectionName; count: number }
  | { type: 'stream-connected' }
  | { type: 'stream-disconnected'; message: string }
  | { type: 'stream-event'; collection: CollectionName; count: number }
  | { type: 'unauthenticated' }
  /** The server refused rows with a problem (not a verdict); they are not retried. */
  | { type: 'push-refused'; collection: CollectionName; ids: string[]; problem: Problem | null; message: string }
  /** The server kept its value for fields this device changed (DESIGN §4: the loser is told). */
  | { type: 'override'; collection: CatalogCollection; docId: string; fields: string[]; doc: Record<string, unknown> };

export interface ReplicationOptions {
  /** Pushes share the replication's retry/abort (the catalog outbox uses it too). */
  onPusher?: (push: PushFn) => void;
  db: StockroomDatabase;
  api: SyncApi;
  /** Stable per server + device, so checkpoints resume after a reload. */
  identifier: string;
  onEvent(event: ReplicationEvent): void;
  backoff?: BackoffOptions;
  pullBatchSize?: number;
  /** Live replication with the SSE stream (default true). */
  live?: boolean;
  collections?: readonly CollectionName[];
  /**
   * Rebase a pulled catalog doc on this device's unconfirmed edit (outbox);
   * returns what to store locally.
   */
  catalogPullModifier?: (collection: CatalogCollection, doc: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** Awaited before each movement push: catalog edits go up first. */
  beforeMovementPush?: () => Promise<void>;
  /** Movements the server refused with a problem (the client keeps them): never pushed again. */
  wasRefused?: (movementId: string) => boolean;
  /** The device's pending movements (the client keeps the list for its health bar); else the pusher keeps its own. */
  pendingMovements?: PendingMovements;
  /** Whether a catalog doc has an unconfirmed local edit (then catalogPullModifier rebases it). */
  hasLocalEdit?: (collection: CatalogCollection, id: string) => boolean;
  /** This device's id: after the server's data was restored, its accepted movements the server lost are pushed again. */
  deviceId?: string;
}

/**
 * After a restore (DESIGN §3 `reset`), a movement the server no longer has: one this device
 * recorded and saw accepted goes back to pending, so it is applied again (nothing recorded is
 * lost); pending and rejected ones stay as they are; other devices' go (theirs re-push them).
 */
export function movementAfterReset<D extends Record<string, unknown>>(doc: D, deviceId: string | undefined): 'keep' | 'delete' | D {
  if (doc.status === 'pending' || doc.status === 'rejected') return 'keep';
  if (deviceId === undefined || doc.deviceId !== deviceId) return 'delete';
  return { ...doc, status: 'pending', ledgerSeq: null, serverTime: null, balanceAfter: null, rejection: null, seq: 0 };
}

/** Movements per push request. */
const MOVEMENT_PUSH_BATCH = 200;

/** Every collection but movements: edited on devices through the outbox, merged field by field. */
export type CatalogCollection = Exclude<CollectionName, 'movements'>;
export const CATALOG_COLLECTIONS: readonly CatalogCollection[] = COLLECTIONS.filter((c): c is CatalogCollection => c !== 'movements');

export interface Replication {
  /** Wake every sleeping retry and re-pull from the checkpoints. */
  syncNow(): void;
  /** First pull of the catalog collections (stores, products, stock) done. */
  awaitCatalogInitial(): Promise<void>;
  awaitInitial(): Promise<void>;
  cancel(): Promise<void>;
}

export const MERGE_FIELDS = {
  stores: STORE_MERGE_FIELDS,
  products: PRODUCT_MERGE_FIELDS,
  stock: STOCK_MERGE_FIELDS,
  settings: SETTINGS_MERGE_FIELDS,
  tillUsers: TILL_USER_MERGE_FIELDS,
  suppliers: SUPPLIER_MERGE_FIELDS,
  purchaseOrders: PURCHASE_ORDER_MERGE_FIELDS,
  transfers: TRANSFER_MERGE_FIELDS,
  resolutions: RESOLUTION_MERGE_FIELDS,
} as const satisfies Record<CatalogCollection, readonly string[]>;

/** What RxDB may add to a document that is not part of the wire format. */
export function toWire(doc: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  return doc ? plainDoc(doc) : null;
}

/** Fields the device changed (against what it assumed) that the server's returned doc overrides. */
export function overriddenFields(
  fields: readonly string[],
  row: PushRow,
  returned: Record<string, unknown>,
): string[] {
  const lost: string[] = [];
  for (const f of fields) {
    const changed = !row.assumedMasterState || !sameValue(row.assumedMasterState[f], row.newDocumentState[f]);
    if (changed && !sameValue(returned[f], row.newDocumentState[f])) lost.push(f);
  }
  return lost;
}

export interface PusherOptions {
  api: SyncApi;
  signal: AbortSignal;
  onEvent(event: ReplicationEvent): void;
  backoff?: BackoffOptions;
  wake?: EventTarget;
}

export interface PushResult {
  /** What the server returned: conflicts (catalog) or every stored row with its verdict (movements). */
  docs: Record<string, unknown>[];
  /** Ids of rows the server refused with a problem; they were skipped. */
  refused: string[];
}
export type PushFn = (collection: CollectionName, rows: PushRow[]) => Promise<PushResult>;

/** Retry hooks shared by pulls and pushes: transport failures only, reported as events. */
export function retryHooksFor(o: PusherOptions) {
  return {
    signal: o.signal,
    backoff: o.backoff ?? DEFAULT_BACKOFF,
    wake: o.wake,
    isTransportError,
    onSuccess: () => o.onEvent({ type: 'transport-ok' }),
    onTransportError: (err: unknown, attempt: number, delayMs: number) =>
      o.onEvent({ type: 'transport-error', message: messageOf(err), attempt, delayMs }),
  };
}

/**
 * `replication.push` with retries on transport failure. A batch the server
 * refuses with a problem (not a verdict) is split until the offending rows are
 * isolated; those are reported (`push-refused`) and skipped, the rest go through.
 */
export function createPusher(o: PusherOptions): PushFn {
  const hooks = retryHooksFor(o);
  const push: PushFn = async (collection, rows) => {
    try {
      return { docs: await withRetry(() => o.api.push(collection, rows, o.signal), hooks), refused: [] };
    } catch (err) {
      if (err instanceof AbortedError || isUnauthenticated(err)) throw err;
      if (rows.length === 1) {
        const id = String(rows[0]!.newDocumentState.id);
        o.onEvent({ type: 'push-refused', collection, ids: [id], problem: problemOf(err), message: messageOf(err) });
        return { docs: [], refused: [id] };
      }
      const mid = Math.ceil(rows.length / 2);
      const a = await push(collection, rows.slice(0, mid));
      const b = await push(collection, rows.slice(mid));
      return { docs: [...a.docs, ...b.docs], refused: [...a.refused, ...b.refused] };
    }
  };
  return push;
}

export function startReplication(o: ReplicationOptions): Replication {
  const abort = new AbortController();
  const wake = new EventTarget();
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const collections = o.collections ?? COLLECTIONS;
  const live = o.live ?? true;
  const batchSize = o.pullBatchSize ?? LIMITS.pullLimit;
  let unauthenticated = false;
  const emit = (e: ReplicationEvent) => {
    if (e.type === 'unauthenticated') {
      if (unauthenticated) return;
      unauthenticated = true;
    }
    o.onEvent(e);
  };
  const pusherOptions: PusherOptions = { api: o.api, signal: abort.signal, onEvent: emit, backoff, wake };
  const retryHooks = retryHooksFor(pusherOptions);
  const pushRows = createPusher(pusherOptions);
  o.onPusher?.(pushRows);

  function failHard(err: unknown): never {
    if (isUnauthenticated(err)) emit({ type: 'unauthenticated' });
    throw err;
  }
  /** A failure with no caller to receive it: revocation is reported, anything else but a cancel is logged. */
  const reportFailure = (collection: CollectionName) => (err: unknown) => {
    if (isUnauthenticated(err)) emit({ type: 'unauthenticated' });
    else if (!(err instanceof AbortedError) && !abort.signal.aborted) console.warn(`[sync] ${collection}:`, messageOf(err));
  };

  const pullers = new Map<CollectionName, CollectionPuller>();
  const lane = createWriteLane();
  for (const collection of collections) {
    const isCatalog = (CATALOG_COLLECTIONS as readonly string[]).includes(collection);
    pullers.set(
      collection,
      new CollectionPuller({
        db: o.db,
        api: o.api,
        collection,
        identifier: o.identifier,
        batchSize,
        retry: retryHooks,
        lane,
        hasLocalEdit: isCatalog && o.hasLocalEdit ? (id) => o.hasLocalEdit!(collection as CatalogCollection, id) : undefined,
        rebase:
          isCatalog && o.catalogPullModifier
            ? (doc) => o.catalogPullModifier!(collection as CatalogCollection, doc) as Promise<typeof doc>
            : undefined,
        afterReset: collection === 'movements' ? (doc) => movementAfterReset(doc, o.deviceId) : undefined,
        onPage: (count, checkpoint, more) => emit({ type: 'pulled', collection, count, checkpoint, more }),
      }),
    );
  }
  const movementPuller = pullers.get('movements');
  const pusher = movementPuller
    ? new MovementPusher({
        db: o.db,
        push: pushRows,
        batchSize: MOVEMENT_PUSH_BATCH,
        before: o.beforeMovementPush,
        wasRefused: o.wasRefused ?? (() => false),
        pending: o.pendingMovements,
        adopt: (docs) => movementPuller.adopt(docs as never[]),
        onPushed: (count) => emit({ type: 'pushed', collection: 'movements', count }),
        onFatal: reportFailure('movements'),
      })
    : null;

  const startPuller = (p: CollectionPuller) => p.start().catch((err: unknown) => failHard(err));
  const catalog = [...pullers].filter(([c]) => c !== 'movements').map(([, p]) => p);
  // Catalog first: the counter is usable once products and levels are in; movement history follows.
  const catalogInitial = Promise.all(catalog.map(startPuller)).then(() => undefined);
  const movementsInitial: Promise<void> = movementPuller
    ? catalogInitial.catch(() => undefined).then(() => {
        if (abort.signal.aborted) return;
        pusher!.start().catch(reportFailure('movements'));
        return startPuller(movementPuller);
      })
    : Promise.resolve();
  movementsInitial.catch(reportFailure('movements'));

  // One SSE stream for all collections.
  let stopStream: (() => void) | null = null;
  let streamRetry = 0;
  let streamTimer: ReturnType<typeof setTimeout> | null = null;
  let everConnected = false;
  function resyncAll(): void {
    for (const p of pullers.values()) void p.resync().catch(() => undefined);
    void pusher?.schedule();
  }
  function openStream(): void {
    if (abort.signal.aborted || unauthenticated) return;
    stopStream = o.api.stream([...collections], {
      onEvent: (event: StreamEvent) => {
        if (event === 'RESYNC') {
          resyncAll();
          return;
        }
        const puller = pullers.get(event.collection);
        if (!puller) return;
        emit({ type: 'stream-event', collection: event.collection, count: event.documents.length });
        puller.onStream(event.documents as never[], event.checkpoint);
      },
      onConnected: () => {
        streamRetry = 0;
        emit({ type: 'stream-connected' });
        // Changes made while we were away are fetched from the checkpoints.
        if (everConnected) resyncAll();
        everConnected = true;
      },
      onDisconnected: (err) => emit({ type: 'stream-disconnected', message: messageOf(err) }),
      onError: (err) => {
        emit({ type: 'stream-disconnected', message: messageOf(err) });
        stopStream?.();
        stopStream = null;
        if (isUnauthenticated(err)) {
          emit({ type: 'unauthenticated' });
          return;
        }
        const delay = Math.min(backoff.maxMs, backoff.baseMs * 2 ** streamRetry++) * (0.5 + Math.random() / 2);
        streamTimer = setTimeout(openStream, delay);
      },
    });
  }
  if (live) openStream();

  return {
    syncNow() {
      wake.dispatchEvent(new Event('wake'));
      resyncAll();
      if (live && !stopStream && !unauthenticated) {
        if (streamTimer) clearTimeout(streamTimer);
        openStream();
      }
    },
    awaitCatalogInitial: () => catalogInitial,
    async awaitInitial() {
      await catalogInitial;
      await movementsInitial;
    },
    async cancel() {
      abort.abort();
      if (streamTimer) clearTimeout(streamTimer);
      stopStream?.();
      await Promise.all([pusher?.stop(), ...[...pullers.values()].map((p) => p.stop())]);
    },
  };
}

export function messageOf(err: unknown): string {
  const p = problemOf(err);
  if (p) return `${p.title}: ${p.detail}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
