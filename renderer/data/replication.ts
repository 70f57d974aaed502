/**
 * Replication of the four collections over the sync protocol (DESIGN §3),
 * with RxDB's replication plugin and custom handlers:
 *  - pull: checkpointed by the server's `seq`, large batches for a fast first sync.
 *    stores/products/stock replicate pull-only (no RxDB push meta: half the
 *    IndexedDB writes on a 50 000-product first sync); their rare local edits
 *    go up through the catalog outbox (catalog-outbox.ts) with the same push code;
 *  - push (movements): conflicts returned by the server are adopted (RxDB's
 *    default handler keeps the master state). Every row comes back with its
 *    verdict; a rejected movement is a result, never an error, so it never
 *    blocks the rows behind it;
 *  - stream: one SSE subscription fans out to each collection's `pull.stream$`;
 *    a reconnect emits "RESYNC" so RxDB pulls from its checkpoint again;
 *  - transport failures (no response, 5xx, 429) are retried inside the
 *    handlers with exponential backoff + jitter; verdicts are not retried.
 */
import { Subject } from 'rxjs';
import type { RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import {
  COLLECTIONS,
  LIMITS,
  PRODUCT_MERGE_FIELDS,
  STOCK_MERGE_FIELDS,
  STORE_MERGE_FIELDS,
  sameValue,
  type Checkpoint,
  type CollectionName,
  type Problem,
} from '../../shared/index.js';
import { CatalogPuller } from './catalog-pull.js';
import type { StockroomDatabase } from './database.js';
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
  | { type: 'override'; collection: 'stores' | 'products' | 'stock'; docId: string; fields: string[]; doc: Record<string, unknown> };

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
  pushBatchSize?: Partial<Record<CollectionName, number>>;
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
  /** Start movements only after the catalog's first pull (default true): the counter is usable sooner. */
  catalogFirst?: boolean;
  /** Whether a catalog doc has an unconfirmed local edit (then catalogPullModifier rebases it). */
  hasLocalEdit?: (collection: CatalogCollection, id: string) => boolean;
}

export type CatalogCollection = 'stores' | 'products' | 'stock';
export const CATALOG_COLLECTIONS: readonly CatalogCollection[] = ['stores', 'products', 'stock'];

export interface Replication {
  /** RxDB replication states (movements). */
  states: Partial<Record<CollectionName, RxReplicationState<unknown, Checkpoint>>>;
  /** Wake every sleeping retry and re-pull from the checkpoints. */
  syncNow(): void;
  /** First pull of the catalog collections (stores, products, stock) done. */
  awaitCatalogInitial(): Promise<void>;
  awaitInitial(): Promise<void>;
  /** Resolves when every collection is in sync (pull done, nothing to push). */
  awaitInSync(): Promise<void>;
  cancel(): Promise<void>;
}

export const MERGE_FIELDS = {
  stores: STORE_MERGE_FIELDS,
  products: PRODUCT_MERGE_FIELDS,
  stock: STOCK_MERGE_FIELDS,
} as const;

/** What RxDB may add to a document that is not part of the wire format. */
export function toWire(doc: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!doc) return null;
  const { _meta, _rev, _attachments, ...rest } = doc;
  void _meta;
  void _rev;
  void _attachments;
  return rest;
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
  const streams = new Map<CollectionName, Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>>();
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

  const states: Replication['states'] = {};
  function start(collection: CollectionName, initialCheckpoint?: Checkpoint): RxReplicationState<unknown, Checkpoint> {
    const stream$ = streams.get(collection)!;
    const rxCollection = o.db.collections[collection];
    const isCatalog = (CATALOG_COLLECTIONS as readonly string[]).includes(collection);
    const state = replicateRxCollection<unknown, Checkpoint>({
      replicationIdentifier: `${o.identifier}|${collection}`,
      collection: rxCollection as never,
      live,
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      retryTime: 15_000,
      autoStart: true,
      pull: {
        batchSize: o.pullBatchSize ?? LIMITS.pullLimit,
        initialCheckpoint,
        stream$: live ? stream$.asObservable() : undefined,
        handler: async (checkpoint, batchSize) => {
          try {
            const page = await withRetry(
              () => o.api.pull(collection, checkpoint ?? null, batchSize, abort.signal),
              retryHooks,
            );
            emit({
              type: 'pulled',
              collection,
              count: page.documents.length,
              checkpoint: page.checkpoint,
              more: page.documents.length >= batchSize,
            });
            return {
              documents: page.documents as WithDeleted<unknown>[],
              checkpoint: page.checkpoint ?? checkpoint ?? undefined,
            };
          } catch (err) {
            failHard(err);
          }
        },
      },
      push: isCatalog
        ? undefined
        : {
            batchSize: o.pushBatchSize?.[collection] ?? 200,
            // Only pending movements go up: accepted/rejected ones are the server's.
            modifier: (doc: Record<string, unknown>) => (doc.status === 'pending' ? toWire(doc) : null),
            handler: async (rxRows) => {
              const rows: PushRow[] = rxRows.map((r) => ({
                assumedMasterState: toWire(r.assumedMasterState as Record<string, unknown> | undefined),
                newDocumentState: toWire(r.newDocumentState as Record<string, unknown>)!,
              }));
              if (rows.length === 0) return [];
              try {
                await o.beforeMovementPush?.();
                const stored = await pushRows(collection, rows);
                emit({ type: 'pushed', collection, count: rows.length });
                return stored.docs as WithDeleted<unknown>[];
              } catch (err) {
                failHard(err);
              }
            },
          },
    });
    state.error$.subscribe((err) => {
      if (!(err instanceof AbortedError) && !abort.signal.aborted) {
        // RxDB wraps handler errors; unwrap for the message.
        const inner = (err as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0] ?? err;
        if (!isUnauthenticated(inner)) console.warn(`[sync] ${collection}:`, messageOf(inner));
      }
    });
    states[collection] = state;
    return state;
  }

  const catalog = collections.filter((c) => (CATALOG_COLLECTIONS as readonly string[]).includes(c));
  const others = collections.filter((c) => !catalog.includes(c));
  for (const c of others) streams.set(c, new Subject());
  // Catalog first (pulled by CatalogPuller, see catalog-pull.ts), then movements.
  const pullers = new Map<CatalogCollection, CatalogPuller>();
  for (const collection of catalog as CatalogCollection[]) {
    pullers.set(
      collection,
      new CatalogPuller({
        db: o.db,
        api: o.api,
        collection,
        identifier: o.identifier,
        batchSize: o.pullBatchSize ?? LIMITS.pullLimit,
        retry: retryHooks,
        hasLocalEdit: o.hasLocalEdit ? (id) => o.hasLocalEdit!(collection, id) : undefined,
        rebase: o.catalogPullModifier
          ? (doc) => o.catalogPullModifier!(collection, doc) as Promise<typeof doc>
          : undefined,
        onPage: (count, checkpoint, more) => emit({ type: 'pulled', collection, count, checkpoint, more }),
      }),
    );
  }
  const catalogInitial = Promise.all(
    [...pullers.values()].map((p) => p.start().catch((err: unknown) => failHard(err))),
  ).then(() => undefined);
  const othersStarted: Promise<RxReplicationState<unknown, Checkpoint>[]> =
    o.catalogFirst === false || catalog.length === 0
      ? Promise.resolve(others.map((c) => start(c)))
      : catalogInitial.then(
          () => (abort.signal.aborted ? [] : others.map((c) => start(c))),
          () => [],
        );

  // One SSE stream for all collections.
  let stopStream: (() => void) | null = null;
  let streamRetry = 0;
  let streamTimer: ReturnType<typeof setTimeout> | null = null;
  let everConnected = false;
  function resyncAll(): void {
    for (const p of pullers.values()) void p.resync().catch(() => undefined);
    for (const s of streams.values()) s.next('RESYNC');
  }
  function openStream(): void {
    if (abort.signal.aborted || unauthenticated) return;
    stopStream = o.api.stream([...collections], {
      onEvent: (event: StreamEvent) => {
        if (event === 'RESYNC') {
          resyncAll();
          return;
        }
        const puller = pullers.get(event.collection as CatalogCollection);
        if (puller) {
          emit({ type: 'stream-event', collection: event.collection, count: event.documents.length });
          puller.onStream(event.documents as never[], event.checkpoint);
          return;
        }
        const s = streams.get(event.collection);
        if (!s) return;
        emit({ type: 'stream-event', collection: event.collection, count: event.documents.length });
        s.next({ documents: event.documents as WithDeleted<unknown>[], checkpoint: event.checkpoint });
      },
      onConnected: () => {
        streamRetry = 0;
        emit({ type: 'stream-connected' });
        // Changes made while we were away are fetched through the pull handler.
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

  const all = () => Object.values(states).filter((s): s is RxReplicationState<unknown, Checkpoint> => !!s);

  return {
    states,
    syncNow() {
      wake.dispatchEvent(new Event('wake'));
      for (const p of pullers.values()) void p.resync().catch(() => undefined);
      for (const s of all()) s.reSync();
      if (live && !stopStream && !unauthenticated) {
        if (streamTimer) clearTimeout(streamTimer);
        openStream();
      }
    },
    awaitCatalogInitial: () => catalogInitial,
    async awaitInitial() {
      await catalogInitial;
      const rest = await othersStarted;
      await Promise.all(rest.map((s) => s.awaitInitialReplication()));
    },
    async awaitInSync() {
      await catalogInitial;
      await othersStarted;
      await Promise.all(all().map((s) => s.awaitInSync()));
    },
    async cancel() {
      abort.abort();
      if (streamTimer) clearTimeout(streamTimer);
      stopStream?.();
      for (const s of streams.values()) s.complete();
      await Promise.all([...all().map((s) => s.cancel()), ...[...pullers.values()].map((p) => p.stop())]);
    },
  };
}

export function messageOf(err: unknown): string {
  const p = problemOf(err);
  if (p) return `${p.title}: ${p.detail}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
