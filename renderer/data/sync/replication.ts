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
import { COLLECTIONS, LIMITS, type CollectionName } from '../../../shared/index.js';
import { AbortedError, DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from '../async/retry.js';
import type { StockroomDatabase } from '../local/database.js';
import type { CatalogEdits } from '../push/catalog-outbox.js';
import { createWriteLane } from '../local/write-lane.js';
import { CollectionPuller } from '../pull/collection-pull.js';
import { MovementPusher } from '../push/movement-push.js';
import type { PendingMovements } from '../push/pending-movements.js';
import { createPusher, retryHooksFor, type PusherOptions } from '../push/pusher.js';
import { isCatalogCollection, messageOf, type CatalogCollection, type ReplicationEvent } from '../wire/sync-events.js';
import { isUnauthenticated, type StreamEvent, type SyncApi } from '../wire/transport.js';
import { wireDocs } from '../wire/wire-doc.js';

export type { ReplicationEvent } from '../wire/sync-events.js';

export interface ReplicationOptions {
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
   * This device's unconfirmed catalog edits: pushed through the same pusher (its retries and
   * abort), before each movement batch; a pulled doc with a local edit is rebased on it.
   */
  outbox?: CatalogEdits;
  /** Movements the server refused with a problem (the client keeps them): never pushed again. */
  wasRefused?: (movementId: string) => boolean;
  /** The device's pending movements (the client keeps the list for its health bar); else the pusher keeps its own. */
  pendingMovements?: PendingMovements;
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

export interface Replication {
  /** Wake every sleeping retry and re-pull from the checkpoints. */
  syncNow(): void;
  /** First pull of the catalog collections (stores, products, stock) done. */
  awaitCatalogInitial(): Promise<void>;
  awaitInitial(): Promise<void>;
  cancel(): Promise<void>;
}

export function startReplication(o: ReplicationOptions): Replication {
  const abort = new AbortController();
  const wake = new EventTarget();
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const collections = o.collections ?? COLLECTIONS;
  const live = o.live ?? true;
  const batchSize = o.pullBatchSize ?? LIMITS.pullLimit;
  const outbox = o.outbox;
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
  o.outbox?.attach(pushRows);

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
    const isCatalog = isCatalogCollection(collection);
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
        hasLocalEdit: isCatalog && outbox ? (id) => outbox.has(collection, id) : undefined,
        rebase: isCatalog && outbox ? (doc) => outbox.rebase(collection, doc) : undefined,
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
        before: outbox ? () => outbox.idle() : undefined,
        wasRefused: o.wasRefused ?? (() => false),
        pending: o.pendingMovements,
        adopt: (docs) => movementPuller.adopt(wireDocs(docs)),
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
        puller.onStream(wireDocs(event.documents), event.checkpoint);
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
        const delay = backoffDelay(streamRetry++, backoff);
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

