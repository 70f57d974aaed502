/**
 * The StockroomClient facade (renderer/data/api.ts): local database,
 * replication, in-memory catalog and level indexes, sync health, commands.
 * Writes go to the local database first and return at once; sync runs behind.
 */
import { BehaviorSubject, combineLatest, map, type Observable, type Subscription } from 'rxjs';
import { removeRxDatabase, type RxStorage } from 'rxdb';
import {
  SETTINGS_ID,
  computeDigest,
  productPushSchema,
  settingsPushSchema,
  storePushSchema,
  stockId,
  tillUserPushSchema,
  uuidv7,
  uuidv7Time,
  type MovementDoc,
  type ProductDoc,
  type ResolutionDoc,
  type SettingsDoc,
  type StockDoc,
  type StoreDoc,
  type TillUserDoc,
} from '../../shared/index.js';
import type {
  DigestCheck,
  ImportProgress,
  LastTicket,
  MovementQuery,
  OverrideNotice,
  ProductInput,
  ResolvedException,
  Session,
  StockRow,
  StockroomClient,
  SyncException,
  SyncHealth,
  TicketResult,
} from './api.js';
import { MemoryCatalogIndex } from './projection/catalog-index.js';
import { CatalogOutbox } from './push/catalog-outbox.js';
import {
  CommandError,
  adjustmentMovement,
  countMovement,
  lineVoidMovement,
  receiptMovements,
  saleMovements,
  voidMovements,
  type DeviceContext,
} from './commands/commands.js';
import { openExceptions } from './health/exceptions.js';
import { buildJournal } from './commands/journal.js';
import { localTable } from './local/local-tables.js';
import type { RecordCollection, RecordRow } from './local/record-collections.js';
import { RecordIndex } from './projection/record-index.js';
import { pinHash, pinMatches } from './commands/till-users.js';
import { databaseName, openDatabase, plainDoc, rawFind, type StockroomDatabase } from './local/database.js';
import { startHealthReports } from './health/health-report.js';
import { MemoryLevelIndex } from './projection/level-index.js';
import { LocalRecord } from './local/local-state.js';
import { startReplication, type Replication } from './sync/replication.js';
import type { CatalogCollection, ReplicationEvent } from './wire/sync-events.js';
import { PendingMovements } from './push/pending-movements.js';
import type { BackoffOptions } from './async/retry.js';
import { createSyncApi, type SyncApi } from './wire/transport.js';

export interface ClientOptions {
  /** Persist session changes (active store, whoami refresh). */
  persistSession?: (session: Session) => void;
  /** Injected for tests; defaults to the tRPC transport. */
  api?: SyncApi;
  storage?: RxStorage<unknown, unknown>;
  dbName?: string;
  backoff?: BackoffOptions;
  /** Start replication (default true). */
  sync?: boolean;
  now?: () => number;
  /** Local data being migrated after an app update (see openDatabase). */
  onMigrationProgress?(handled: number, total: number): void;
}

interface Refusal {
  message: string;
  problemType: string | null;
  at: number;
}

/** Exceptions acknowledged on this device before resolutions replicated (they stay resolved). */
type Acks = Record<string, { resolution: string; at: number }>;

function plain<T>(doc: { toJSON(withMeta?: boolean): unknown }): T {
  return { ...(doc.toJSON(false) as object), _deleted: false } as T;
}

function stateOf(level: number, reorder: number | null, critical: number | null): StockRow['state'] {
  if (level <= 0) return 'out';
  if (critical !== null && level <= critical) return 'critical';
  if (reorder !== null && level <= reorder) return 'low';
  return 'ok';
}

/** Share of the first sync per collection, for the progress bar (movements follow in the background). */
const INITIAL_WEIGHTS: Record<string, number> = { stores: 0.02, products: 0.49, stock: 0.49 };

export async function createStockroomClient(initial: Session, options: ClientOptions = {}): Promise<StockroomClient> {
  const now = options.now ?? Date.now;
  const db = await openDatabase({
    name: options.dbName ?? initial.dbName ?? databaseName(initial.tenantId, initial.deviceId),
    storage: options.storage,
    onMigrationProgress: options.onMigrationProgress,
  });
  const api = options.api ?? createSyncApi(initial.serverUrl, initial.token);
  const session$ = new BehaviorSubject<Session>(initial);
  const catalog = new MemoryCatalogIndex();
  const levels = new MemoryLevelIndex();
  const subs: Subscription[] = [];

  const acks = await LocalRecord.open<Acks>(db, 'exception-acks', {});
  const refused = await LocalRecord.open<Record<string, Refusal>>(db, 'push-refused', {});
  const notices = await LocalRecord.open<OverrideNotice[]>(db, 'override-notices', []);
  const syncMeta = await LocalRecord.open<{ lastSyncAt: number | null }>(db, 'sync-meta', { lastSyncAt: null });
  /** The person at this till (device-only). */
  const tillUserChoice = await LocalRecord.open<{ userId: string | null }>(db, 'till-user', { userId: null });
  levels.exclude(Object.keys(refused.value));
  const pending = new PendingMovements((id) => id in refused.value);

  const addNotice = (collection: CatalogCollection, docId: string, fields: string[], doc: Record<string, unknown>) => {
    const label =
      collection === 'stock'
        ? (catalog.get(String(doc.productId))?.name ?? docId)
        : String(doc.name ?? catalog.get(docId)?.name ?? docId);
    const notice: OverrideNotice = { id: uuidv7(now()), collection, docId, label, fields, at: now() };
    void notices.update((n) => [...n.slice(-49), notice]);
  };
  const outbox = await CatalogOutbox.open(db, {
    now,
    onOverride: addNotice,
    onRefused: (collection, docId) => addNotice(collection, docId, ['*'], catalog.get(docId) ?? { id: docId }),
  });

  // ── load the in-memory indexes ──
  const records = new RecordIndex();
  const [products, stock, movs, recordRows] = await Promise.all([rawFind(db.products), rawFind(db.stock), rawFind(db.movements), rawFind(db.records)]);
  records.applyRows(recordRows);
  catalog.applyBatch(products);
  levels.applyStock(stock);
  levels.applyMovements(movs.filter((m) => m.status === 'pending' || m.status === 'accepted'));
  pending.track(movs);

  const stores$ = new BehaviorSubject<StoreDoc[]>([]);
  const refreshStores = async () => {
    const docs = await db.stores.find().exec();
    const list = docs.map((d) => plain<StoreDoc>(d)).sort((a, b) => a.name.localeCompare(b.name));
    stores$.next(list);
    const s = session$.value;
    if ((!s.activeStoreId || !list.some((x) => x.id === s.activeStoreId)) && list.length > 0) {
      const first = list.find((x) => s.storeIds.length === 0 || s.storeIds.includes(x.id)) ?? list[0]!;
      updateSession({ activeStoreId: first.id });
    }
  };

  // ── health ──
  const health$ = new BehaviorSubject<SyncHealth>({
    connection: 'connecting',
    pendingCount: 0,
    oldestPendingAt: null,
    lastSyncAt: syncMeta.value.lastSyncAt,
    exceptionCount: 0,
    initialSync: { running: options.sync !== false, collection: null, loaded: 0, fraction: null },
    lastError: null,
    unauthenticated: false,
  });
  const patchHealth = (p: Partial<SyncHealth>) => health$.next({ ...health$.value, ...p });
  const refreshPending = () => {
    const oldest = pending.oldestAt();
    if (health$.value.pendingCount !== pending.size || health$.value.oldestPendingAt !== oldest) {
      patchHealth({ pendingCount: pending.size, oldestPendingAt: oldest });
    }
  };
  refreshPending();
  let lastSyncWrite = 0;
  const markSynced = () => {
    const t = now();
    patchHealth({ lastSyncAt: t, connection: 'online', lastError: null });
    if (t - lastSyncWrite > 5000) {
      lastSyncWrite = t;
      void syncMeta.update(() => ({ lastSyncAt: t }));
    }
  };

  function updateSession(p: Partial<Session>): void {
    const next = { ...session$.value, ...p };
    session$.next(next);
    options.persistSession?.(next);
  }

  // ── change streams → indexes ──
  subs.push(
    db.products.eventBulks$.subscribe((bulk) => {
      catalog.applyBatch(bulk.events.map((e) => plainDoc<ProductDoc>(e.documentData)));
    }),
    db.stock.eventBulks$.subscribe((bulk) => {
      levels.applyStock(bulk.events.map((e) => plainDoc<StockDoc>(e.documentData)));
    }),
    db.movements.eventBulks$.subscribe((bulk) => {
      const docs = bulk.events.map((e) => e.documentData as MovementDoc);
      levels.applyMovements(docs);
      pending.track(docs);
      refreshPending();
    }),
    db.stores.eventBulks$.subscribe(() => void refreshStores()),
    db.records.eventBulks$.subscribe((bulk) => {
      records.applyRows(bulk.events.map((e) => plainDoc<RecordRow & { _deleted: boolean }>(e.documentData)));
    }),
  );
  await refreshStores();

  // ── initial sync progress ──
  let targetSeq: number | null = null;
  const collectionFraction: Record<string, number> = {};
  const debug = typeof localStorage !== 'undefined' && localStorage.getItem('stockroom.debug') === '1';
  const t0 = now();
  const onReplicationEvent = (e: ReplicationEvent) => {
    if (debug && e.type !== 'transport-ok') console.debug(`[sync +${now() - t0}ms]`, JSON.stringify(e).slice(0, 200));
    switch (e.type) {
      case 'transport-ok':
        markSynced();
        break;
      case 'transport-error':
        patchHealth({ connection: 'offline', lastError: e.message });
        break;
      case 'pulled': {
        markSynced();
        const init = health$.value.initialSync;
        if (init.running) {
          collectionFraction[e.collection] = !e.more
            ? 1
            : targetSeq && e.checkpoint
              ? Math.min(0.99, e.checkpoint.seq / targetSeq)
              : (collectionFraction[e.collection] ?? 0);
          const fraction = Object.entries(INITIAL_WEIGHTS).reduce(
            (acc, [c, w]) => acc + w * (collectionFraction[c] ?? 0),
            0,
          );
          patchHealth({
            initialSync: { running: true, collection: e.collection, loaded: init.loaded + e.count, fraction },
          });
        }
        break;
      }
      case 'stream-event':
      case 'stream-connected':
        markSynced();
        break;
      case 'stream-disconnected':
        patchHealth({ connection: 'offline', lastError: e.message });
        break;
      case 'unauthenticated':
        patchHealth({ unauthenticated: true, connection: 'offline' });
        break;
      case 'push-refused':
        if (e.collection === 'movements') {
          const at = now();
          void refused.update((r) => {
            const next = { ...r };
            for (const id of e.ids) next[id] = { message: e.message, problemType: e.problem?.type ?? null, at };
            return next;
          });
          levels.exclude(e.ids);
          pending.drop(e.ids);
          refreshPending();
        } else {
          console.warn(`[sync] server refused ${e.collection} ${e.ids.join(', ')}: ${e.message}`);
        }
        break;
      case 'override':
        addNotice(e.collection, e.docId, e.fields, e.doc);
        break;
      case 'pushed':
        break;
    }
  };

  let replication: Replication | null = null;
  const initialDone = new Promise<void>((resolve) => {
    if (options.sync === false) {
      resolve();
      return;
    }
    const firstStore = initial.activeStoreId ?? initial.storeIds[0];
    if (firstStore) {
      api.digest(firstStore).then(
        (d) => (targetSeq = d.seq > 0 ? d.seq : null),
        () => undefined,
      );
    }
    replication = startReplication({
      db,
      api,
      identifier: `${initial.serverUrl}|${initial.deviceId}`,
      onEvent: onReplicationEvent,
      backoff: options.backoff,
      outbox,
      wasRefused: (id) => id in refused.value,
      pendingMovements: pending,
      deviceId: initial.deviceId,
    });
    // The counter is usable once the catalog and levels are in; movement history follows.
    replication.awaitCatalogInitial().then(
      () => {
        patchHealth({ initialSync: { ...health$.value.initialSync, running: false, fraction: 1 } });
        resolve();
      },
      () => resolve(),
    );
  });

  // Refresh identity (tenant name, currency, stores) when reachable.
  if (options.sync !== false) {
    api.whoami().then(
      (w) => updateSession({ tenantName: w.tenantName, currency: w.currency, storeIds: w.storeIds, role: w.role, deviceName: w.deviceName }),
      () => undefined,
    );
  }

  // The business settings as they replicate: every till shows the owner's name and currency.
  subs.push(
    records.list$('settings').subscribe((list) => {
      const s = list.find((d) => d.id === SETTINGS_ID);
      const cur = session$.value;
      if (s && (s.businessName !== cur.tenantName || s.currency !== cur.currency)) updateSession({ tenantName: s.businessName, currency: s.currency });
    }),
  );

  // Owners see this device's pending movements on their Devices screen (DESIGN §5).
  if (options.sync !== false) subs.push(startHealthReports(health$, api, { ready: initialDone }));

  // Browser connectivity hints: retry at once when the OS says we are back.
  const onOnline = () => replication?.syncNow();
  const onOffline = () => patchHealth({ connection: 'offline' });
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
  }

  // ── exceptions ──
  const rejected$ = db.movements
    .find({ selector: { status: 'rejected' } })
    .$.pipe(map((docs) => docs.map((d) => plain<MovementDoc>(d))));
  const refusedDocs$ = new BehaviorSubject<MovementDoc[]>([]);
  subs.push(
    refused.value$.subscribe(async (r) => {
      const ids = Object.keys(r);
      if (ids.length === 0) return refusedDocs$.next([]);
      const found = await db.movements.findByIds(ids).exec();
      refusedDocs$.next([...found.values()].map((d) => plain<MovementDoc>(d)));
    }),
  );
  const resolutions$ = records.list$('resolutions');
  const exceptions$: Observable<SyncException[]> = combineLatest([rejected$, refusedDocs$, resolutions$, acks.value$, session$]).pipe(
    map(([rejected, refusedDocs, resolutions, ackMap, session]) =>
      openExceptions({
        rejected,
        refused: refusedDocs.map((movement) => ({ movement, message: refused.value[movement.id]?.message ?? 'refused by the server' })),
        resolutions: new Map(resolutions.map((r) => [r.id, r])),
        legacyAcks: new Set(Object.keys(ackMap)),
        seesAll: session.role === 'owner',
        ownDeviceIds: new Set([session.deviceId, ...(session.formerDeviceIds ?? [])]),
      }).map(({ movement, message }) => ({
        movement,
        product: catalog.get(movement.productId),
        requested: movement.rejection?.requested ?? null,
        available: movement.rejection?.available ?? null,
        message: movement.rejection?.message ?? message ?? 'refused by the server',
      })),
    ),
  );
  const exceptionHistory$: Observable<ResolvedException[]> = resolutions$.pipe(
    map((list) =>
      [...list]
        .sort((a, b) => b.at - a.at)
        .map((resolution) => ({ resolution, movement: undefined, product: catalog.get(resolution.productId) })),
    ),
  );
  subs.push(exceptions$.subscribe((list) => patchHealth({ exceptionCount: list.length })));

  // ── helpers ──
  const tillUser = (): TillUserDoc | null => {
    const id = tillUserChoice.value.userId;
    const user = id ? records.get('tillUsers', id) : undefined;
    return user && user.active ? user : null;
  };
  const tillUser$ = combineLatest([tillUserChoice.value$, records.list$('tillUsers')]).pipe(map(() => tillUser()));
  /** Who is recorded as having done it: the till user, else this device's name. */
  const actorName = (): string => tillUser()?.name ?? session$.value.deviceName.slice(0, 64);
  const ctx = (): DeviceContext => ({ deviceId: session$.value.deviceId, actor: actorName(), now });
  const storeOf = (storeId?: string) => {
    const s = storeId ?? session$.value.activeStoreId;
    if (!s) throw new CommandError([{ code: 'no-store' }]);
    return s;
  };
  const requireProducts = (ids: string[]) => {
    const missing = ids.filter((id) => !catalog.get(id));
    if (missing.length > 0) throw new CommandError(missing.map((productId) => ({ code: 'unknown-product' as const, productId })));
  };

  /** Writes documents of the small collections through the outbox (pushed, merged field-wise). */
  async function saveRecords<C extends RecordCollection>(collection: C, docs: ResolutionDoc[] | SettingsDoc[] | TillUserDoc[]): Promise<void> {
    const table = localTable(db, collection);
    await outbox.record(collection, docs.map((d) => ({ id: d.id, before: (records.get(collection, d.id) as Record<string, unknown> | undefined) ?? null })), () =>
      table.bulkUpsert(docs as never[]),
    );
  }

  /** Records that a movement of this device resolved an exception (DESIGN §5). */
  async function resolve(exceptionId: string | null | undefined, resolution: 'counted' | 're-entered', by: MovementDoc | undefined): Promise<void> {
    if (!exceptionId || !by) return;
    const exception = (await db.movements.findOne(exceptionId).exec())?.toJSON() as MovementDoc | undefined;
    if (!exception || records.get('resolutions', exceptionId)) return;
    await saveRecords('resolutions', [{
      id: exceptionId, storeId: exception.storeId, productId: exception.productId, resolution, reason: null,
      resolvingMovementId: by.id, resolvedBy: by.actor, at: now(), updatedAt: now(), seq: 0, _deleted: false,
    }]);
  }

  /** Local write first: levels repaint at once, IndexedDB follows. */
  async function writeMovements(docs: MovementDoc[]): Promise<void> {
    levels.applyMovements(docs);
    pending.track(docs);
    refreshPending();
    const res = await db.movements.bulkInsert(docs);
    if (res.error.length > 0) {
      const failed = res.error.map((e) => e.documentId);
      levels.applyMovements(docs.filter((d) => failed.includes(d.id)).map((d) => ({ ...d, _deleted: true })));
      pending.drop(failed);
      refreshPending();
      throw new Error(`could not save ${failed.length} movement(s) locally`);
    }
  }

  async function ticketMovements(storeId: string, ticketId: string, since: number): Promise<MovementDoc[]> {
    const docs = await db.movements
      .find({ selector: { storeId, clientTime: { $gte: since - 1 }, ticketId } })
      .exec();
    return docs.map((d) => plain<MovementDoc>(d));
  }

  const client: StockroomClient = {
    get session() {
      return session$.value;
    },
    session$: session$.asObservable(),
    health$: health$.asObservable(),
    getHealth: () => health$.value,
    stores$: stores$.asObservable(),
    getStores: () => stores$.value,
    activeStoreId$: session$.pipe(map((s) => s.activeStoreId)),
    setActiveStore(storeId) {
      if (storeId !== session$.value.activeStoreId) updateSession({ activeStoreId: storeId });
    },
    catalog,
    levels,
    stockRows(storeId) {
      const rows: StockRow[] = [];
      for (const product of catalog.all()) {
        const level = levels.get(storeId, product.id);
        rows.push({ product, level, state: stateOf(level.level, level.reorderPoint, level.criticalPoint) });
      }
      return rows;
    },
    getStock: (storeId, productId) => levels.getStock(storeId, productId),

    movements$(q: MovementQuery) {
      const selector: Record<string, unknown> = { storeId: q.storeId };
      if (q.productId) selector.productId = q.productId;
      if (q.ticketId) selector.ticketId = q.ticketId;
      if (q.status) selector.status = q.status;
      if (q.kinds) selector.kind = { $in: q.kinds };
      return db.movements
        .find({ selector, sort: [{ clientTime: 'desc' }], limit: q.limit ?? 200 })
        .$.pipe(map((docs) => docs.map((d) => plain<MovementDoc>(d))));
    },
    exceptions$,
    notices$: notices.value$,
    lastTicket$(storeId) {
      return db.movements
        .find({
          selector: { storeId, deviceId: session$.value.deviceId, kind: { $in: ['sale', 'void'] } },
          sort: [{ clientTime: 'desc' }],
          limit: 200,
        })
        .$.pipe(
          map((docs) => {
            const list = docs.map((d) => plain<MovementDoc>(d));
            const lastSale = list.find((m) => m.kind === 'sale' && m.ticketId);
            if (!lastSale?.ticketId) return null;
            const ticketId = lastSale.ticketId;
            const lines = list.filter((m) => m.ticketId === ticketId && m.kind === 'sale');
            const ticket: LastTicket = {
              ticketId,
              storeId,
              clientTime: lastSale.clientTime,
              lines: lines.map((m) => ({ productId: m.productId, qty: -m.delta, movementId: m.id, status: m.status })),
              voided: list.some((m) => m.ticketId === ticketId && m.kind === 'void'),
            };
            return ticket;
          }),
        );
    },

    async sell(input): Promise<TicketResult> {
      const storeId = storeOf(input.storeId);
      requireProducts(input.lines.map((l) => l.productId));
      const priced = input.lines.map((l) => ({ ...l, unitCents: catalog.get(l.productId)!.priceCents }));
      const docs = saleMovements(storeId, priced, { ...ctx(), ...(input.actor !== undefined ? { actor: input.actor } : {}) });
      await writeMovements(docs);
      for (const exceptionId of input.resolves ?? []) {
        const exception = (await db.movements.findOne(exceptionId).exec())?.toJSON() as MovementDoc | undefined;
        await resolve(exceptionId, 're-entered', docs.find((d) => d.productId === exception?.productId));
      }
      const totalCents = docs.reduce((acc, m) => acc + -m.delta * (m.unitPriceCents ?? 0), 0);
      return { ticketId: docs[0]!.ticketId!, movementIds: docs.map((d) => d.id), totalCents };
    },
    journal$(storeId) {
      return db.movements
        .find({ selector: { storeId, kind: { $in: ['sale', 'void'] } }, sort: [{ clientTime: 'desc' }] })
        .$.pipe(map((docs) => buildJournal(docs.map((d) => plain<MovementDoc>(d)))));
    },
    async voidLine(input) {
      const sale = (await db.movements.findOne(input.saleMovementId).exec())?.toJSON() as MovementDoc | undefined;
      if (!sale || sale.ticketId === null) throw new CommandError([{ code: 'nothing-to-void' }]);
      const line = buildJournal(await ticketMovements(sale.storeId, sale.ticketId, uuidv7Time(sale.ticketId)))
        .flatMap((t) => t.lines)
        .find((l) => l.saleMovementId === sale.id);
      const doc = lineVoidMovement(sale, input.qty, line?.voidable ?? 0, input.reason, ctx());
      await writeMovements([doc]);
      return doc.id;
    },
    async voidTicket(ticketId, reason) {
      const storeId = storeOf();
      const lines = await ticketMovements(storeId, ticketId, uuidv7Time(ticketId));
      if (lines.some((m) => m.kind === 'void')) throw new CommandError([{ code: 'nothing-to-void' }]);
      const docs = voidMovements(lines, reason, ctx());
      await writeMovements(docs);
      return docs.map((d) => d.id);
    },
    async receive(input) {
      const storeId = storeOf(input.storeId);
      requireProducts(input.lines.map((l) => l.productId));
      const priced = input.lines.map((l) => ({ ...l, unitCents: catalog.get(l.productId)!.costCents }));
      const docs = receiptMovements(storeId, priced, input.reference ?? null, { ...ctx(), ...(input.actor !== undefined ? { actor: input.actor } : {}) });
      await writeMovements(docs);
      return { ticketId: docs[0]!.ticketId!, movementIds: docs.map((d) => d.id), totalCents: 0 };
    },
    async adjust(input) {
      const storeId = storeOf(input.storeId);
      requireProducts([input.productId]);
      const doc = adjustmentMovement(storeId, input.productId, input.delta, input.reason, ctx());
      await writeMovements([doc]);
      return doc.id;
    },
    async count(input) {
      const storeId = storeOf(input.storeId);
      requireProducts([input.productId]);
      const expected = input.expectedQty ?? levels.get(storeId, input.productId).level;
      const doc = countMovement(storeId, input.productId, input.countedQty, expected, ctx());
      await writeMovements([doc]);
      await resolve(input.resolves, 'counted', doc);
      return doc.id;
    },
    async dismissException(movementId, reason) {
      const exception = (await db.movements.findOne(movementId).exec())?.toJSON() as MovementDoc | undefined;
      if (!exception) throw new CommandError([{ code: 'nothing-to-void' }]);
      const why = reason.trim();
      if (why.length === 0) throw new CommandError([{ code: 'reason-missing' }]);
      if (why.length > 64) throw new CommandError([{ code: 'reason-too-long', max: 64 }]);
      await saveRecords('resolutions', [{
        id: movementId, storeId: exception.storeId, productId: exception.productId, resolution: 'dismissed', reason: why,
        resolvingMovementId: null, resolvedBy: actorName(), at: now(), updatedAt: now(), seq: 0, _deleted: false,
      }]);
    },
    exceptionHistory$,

    settings$: records.list$('settings').pipe(map((l) => l.find((d) => d.id === SETTINGS_ID) ?? null)),
    getSettings: () => records.get('settings', SETTINGS_ID) ?? null,
    async saveSettings(input) {
      const existing = records.get('settings', SETTINGS_ID);
      const doc = settingsPushSchema.parse({ ...existing, ...input, id: SETTINGS_ID, updatedAt: now(), seq: existing?.seq ?? 0, _deleted: false });
      await saveRecords('settings', [{ ...doc, seq: existing?.seq ?? 0 }]);
      updateSession({ tenantName: doc.businessName, currency: doc.currency });
    },
    tillUsers$: records.list$('tillUsers'),
    async saveTillUser(input) {
      const id = input.id ?? uuidv7(now());
      const existing = records.get('tillUsers', id);
      const hash = input.pin === undefined ? (existing?.pinHash ?? null) : input.pin === null ? null : pinHash(session$.value.tenantId, id, input.pin);
      const doc = tillUserPushSchema.parse({ id, name: input.name, pinHash: hash, active: input.active, updatedAt: now(), seq: existing?.seq ?? 0, _deleted: false });
      const full: TillUserDoc = { ...doc, seq: existing?.seq ?? 0 };
      await saveRecords('tillUsers', [full]);
      return full;
    },
    tillUser$,
    getTillUser: tillUser,
    async switchTillUser(userId, pin) {
      if (userId === null) {
        await tillUserChoice.update(() => ({ userId: null }));
        return true;
      }
      const user = records.get('tillUsers', userId);
      if (!user || !user.active || !pinMatches(session$.value.tenantId, user, pin ?? null)) return false;
      await tillUserChoice.update(() => ({ userId }));
      return true;
    },
    dismissNotice(noticeId) {
      void notices.update((n) => n.filter((x) => x.id !== noticeId));
    },

    async upsertProduct(input) {
      const existing = input.id ? catalog.get(input.id) : undefined;
      const doc = productPushSchema.parse({
        ...existing,
        ...input,
        id: input.id ?? uuidv7(now()),
        updatedAt: now(),
        seq: existing?.seq ?? 0,
        _deleted: false,
      }) as ProductDoc;
      const full: ProductDoc = { ...doc, seq: existing?.seq ?? 0 };
      await outbox.record('products', [{ id: full.id, before: existing ?? null }], async () => {
        await db.products.upsert(full);
      });
      return full;
    },
    async importProducts(rows, onProgress?: (p: ImportProgress) => void) {
      const docs: ProductDoc[] = rows.map((input) => {
        const existing = input.id ? catalog.get(input.id) : undefined;
        const parsed = productPushSchema.parse({
          ...existing,
          ...input,
          id: input.id ?? uuidv7(now()),
          updatedAt: now(),
          _deleted: false,
        });
        return { ...parsed, seq: existing?.seq ?? 0 } as ProductDoc;
      });
      let done = 0;
      for (let i = 0; i < docs.length; i += 1000) {
        const chunk = docs.slice(i, i + 1000);
        const befores = chunk.map((d) => ({ id: d.id, before: catalog.get(d.id) ?? null }));
        await outbox.record('products', befores, async () => {
          const res = await db.products.bulkUpsert(chunk);
          if (res.error.length > 0) throw new Error(`could not save ${res.error.length} product(s)`);
        });
        done += chunk.length;
        onProgress?.({ done, total: docs.length });
      }
      return done;
    },
    async setThresholds(storeId, productId, t) {
      const existing = levels.getStock(storeId, productId);
      const doc: StockDoc = existing
        ? { ...existing, reorderPoint: t.reorderPoint, criticalPoint: t.criticalPoint, updatedAt: now() }
        : {
            id: stockId(storeId, productId),
            storeId,
            productId,
            onHand: 0,
            appliedSeq: 0,
            reorderPoint: t.reorderPoint,
            criticalPoint: t.criticalPoint,
            updatedAt: now(),
            seq: 0,
            _deleted: false,
          };
      await outbox.record('stock', [{ id: doc.id, before: existing ?? null }], async () => {
        await db.stock.upsert(doc);
      });
    },

    // ── ADDED by H4 (catalog/admin screens): same write path as upsertProduct / setThresholds ──
    async upsertStore(input) {
      const existing = input.id ? stores$.value.find((s) => s.id === input.id) : undefined;
      const parsed = storePushSchema.parse({
        ...existing,
        ...input,
        id: input.id ?? uuidv7(now()),
        seq: existing?.seq ?? 0,
        _deleted: false,
      });
      const full: StoreDoc = { ...parsed, seq: existing?.seq ?? 0 };
      await outbox.record('stores', [{ id: full.id, before: existing ?? null }], async () => {
        await db.stores.upsert(full);
      });
      return full;
    },
    async setThresholdsMany(storeId, rows) {
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const befores = chunk.map((r) => levels.getStock(storeId, r.productId));
        const docs: StockDoc[] = chunk.map((r, j) => {
          const existing = befores[j];
          return existing
            ? { ...existing, reorderPoint: r.reorderPoint, criticalPoint: r.criticalPoint, updatedAt: now() }
            : {
                id: stockId(storeId, r.productId),
                storeId,
                productId: r.productId,
                onHand: 0,
                appliedSeq: 0,
                reorderPoint: r.reorderPoint,
                criticalPoint: r.criticalPoint,
                updatedAt: now(),
                seq: 0,
                _deleted: false,
              };
        });
        await outbox.record('stock', docs.map((d, j) => ({ id: d.id, before: befores[j] ?? null })), async () => {
          const res = await db.stock.bulkUpsert(docs);
          if (res.error.length > 0) throw new Error(`could not save thresholds of ${res.error.length} product(s)`);
        });
      }
    },

    async syncNow() {
      replication?.syncNow();
    },
    whenInitialSyncDone: () => initialDone,
    async verifyDigest(storeId): Promise<DigestCheck> {
      const [server, rows] = await Promise.all([api.digest(storeId), rawFind(db.stock, { storeId })]);
      const local = computeDigest(
        rows.map((d) => ({ productId: d.productId, onHand: d.onHand, appliedSeq: d.appliedSeq })),
      );
      const match = local === server.digest;
      if (!match) replication?.syncNow();
      return { storeId, local, server: server.digest, serverSeq: server.seq, match };
    },
    async close() {
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
      subs.forEach((s) => s.unsubscribe());
      await (replication as Replication | null)?.cancel();
      await outbox.close();
      await db.close();
    },
    async signOut() {
      await client.close();
      await removeDatabase(db);
    },
  };
  DATABASES.set(client, db);
  if (debug && typeof window !== 'undefined') {
    (window as unknown as { __stockroom: unknown }).__stockroom = { client, db, replication: () => replication };
  }
  return client;
}

const DATABASES = new WeakMap<StockroomClient, StockroomDatabase>();

/** The client's RxDB database (tests and diagnostics only; screens use the facade). */
export function databaseOf(client: StockroomClient): StockroomDatabase {
  const db = DATABASES.get(client);
  if (!db) throw new Error('not a client created by createStockroomClient');
  return db;
}

async function removeDatabase(db: StockroomDatabase): Promise<void> {
  await removeRxDatabase(db.name, db.storage);
}
