/**
 * The StockroomClient facade (renderer/data/api.ts), composed of the data layer's flows:
 *   local/       the RxDB database, its schemas and migrations, device-only records
 *   projection/  the in-memory catalog, levels and small-collection indexes, fed by change events
 *   sync/        the engine: pull/ (checkpoints, stream, RESYNC) + push/ (movements, outbox)
 *   health/      the sync bar and the exceptions
 *   commands/    what screens do: movements (sell, receive, …), transfers and catalog writes
 * Writes go to the local database first and return at once; sync runs behind.
 */
import { BehaviorSubject, map, type Subscription } from 'rxjs';
import { removeRxDatabase, type RxStorage } from 'rxdb';
import { SETTINGS_ID, computeDigest, uuidv7, type MovementDoc, type ProductDoc, type StockDoc, type StoreDoc } from '../../shared/index.js';
import type { DigestCheck, OverrideNotice, Session, StockRow, StockroomClient } from './api.js';
import type { BackoffOptions } from './async/retry.js';
import { catalogWrites } from './commands/catalog-writes.js';
import { movementCommands } from './commands/movement-commands.js';
import { movementWriter } from './commands/movement-writer.js';
import { purchasingCommands } from './commands/purchasing-commands.js';
import { transferCommands } from './commands/transfer-commands.js';
import { exceptionsView } from './health/exceptions-view.js';
import { startHealthReports } from './health/health-report.js';
import { SyncHealthState } from './health/sync-health.js';
import { openDatabase, plainDoc, rawFind, type StockroomDatabase } from './local/database.js';
import { databaseName } from './session.js';
import { LocalRecord } from './local/local-state.js';
import type { RecordRow } from './local/record-collections.js';
import { MemoryCatalogIndex } from './projection/catalog-index.js';
import { MemoryLevelIndex } from './projection/level-index.js';
import { RecordIndex } from './projection/record-index.js';
import { StoreDirectory } from './projection/store-directory.js';
import { PurchaseOrderIndex } from './projection/purchase-order-index.js';
import { TransferIndex } from './projection/transfer-index.js';
import { CatalogOutbox } from './push/catalog-outbox.js';
import { PendingMovements } from './push/pending-movements.js';
import { Refusals } from './push/refusals.js';
import { deviceReports } from './reports/device-reports.js';
import { startReplication, type Replication } from './sync/replication.js';
import type { CatalogCollection, ReplicationEvent } from './wire/sync-events.js';
import { createServerApi, createSyncApi, type SyncApi } from './wire/transport.js';

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

function stateOf(level: number, reorder: number | null, critical: number | null): StockRow['state'] {
  if (level <= 0) return 'out';
  if (critical !== null && level <= critical) return 'critical';
  if (reorder !== null && level <= reorder) return 'low';
  return 'ok';
}

export async function createStockroomClient(initial: Session, options: ClientOptions = {}): Promise<StockroomClient> {
  const now = options.now ?? Date.now;
  const syncing = options.sync !== false;
  const db = await openDatabase({
    name: options.dbName ?? initial.dbName ?? databaseName(initial.tenantId, initial.deviceId),
    storage: options.storage,
    onMigrationProgress: options.onMigrationProgress,
  });
  // One tRPC client per session: sync and the screens' server queries; it goes with the client.
  const server = createServerApi(initial.serverUrl, initial.token);
  const api = options.api ?? createSyncApi(server);
  const session$ = new BehaviorSubject<Session>(initial);
  const updateSession = (p: Partial<Session>): void => {
    const next = { ...session$.value, ...p };
    session$.next(next);
    options.persistSession?.(next);
  };
  const subs: Subscription[] = [];

  // ── device-only state ──
  const refusals = await Refusals.open(db);
  const notices = await LocalRecord.open<OverrideNotice[]>(db, 'override-notices', []);
  const pending = new PendingMovements((id) => refusals.has(id));
  const health = await SyncHealthState.open(db, pending, now, syncing);

  // ── projection: in-memory indexes loaded once, then fed by change events ──
  const catalog = new MemoryCatalogIndex();
  const levels = new MemoryLevelIndex();
  const records = new RecordIndex();
  const transfers = new TransferIndex(() => session$.value.role, now);
  const purchaseOrders = new PurchaseOrderIndex();
  levels.exclude(refusals.ids());
  const [products, stock, movs, recordRows] = await Promise.all([rawFind(db.products), rawFind(db.stock), rawFind(db.movements), rawFind(db.records)]);
  records.applyRows(recordRows);
  catalog.applyBatch(products);
  levels.applyStock(stock);
  levels.applyMovements(movs.filter((m) => m.status === 'pending' || m.status === 'accepted'));
  transfers.applyMovements(movs);
  purchaseOrders.applyMovements(movs);
  pending.track(movs);
  health.refreshPending();

  const stores = new StoreDirectory(session$, (activeStoreId) => updateSession({ activeStoreId }), async () =>
    (await db.stores.find().exec()).map((d) => plainDoc<StoreDoc>(d)));
  subs.push(
    db.products.eventBulks$.subscribe((bulk) => catalog.applyBatch(bulk.events.map((e) => plainDoc<ProductDoc>(e.documentData)))),
    db.stock.eventBulks$.subscribe((bulk) => levels.applyStock(bulk.events.map((e) => plainDoc<StockDoc>(e.documentData)))),
    db.movements.eventBulks$.subscribe((bulk) => {
      // Read as they come (no copy per row: the first sync brings 50 000 of them); RxDB's fields ride along unread.
      const docs: MovementDoc[] = bulk.events.map((e) => e.documentData);
      levels.applyMovements(docs);
      transfers.applyMovements(docs);
      purchaseOrders.applyMovements(docs);
      pending.track(docs);
      health.refreshPending();
    }),
    db.stores.eventBulks$.subscribe(() => void stores.refresh()),
    db.records.eventBulks$.subscribe((bulk) => records.applyRows(bulk.events.map((e) => plainDoc<RecordRow & { _deleted: boolean }>(e.documentData)))),
  );
  subs.push(records.list$('transfers').subscribe((list) => transfers.setDocs(list)), records.list$('purchaseOrders').subscribe((list) => purchaseOrders.setDocs(list)));
  subs.push(records.list$('suppliers').subscribe((list) => purchaseOrders.setSuppliers(list)));
  await stores.refresh();

  // ── push side: the outbox of catalog edits, told when the server overrides or refuses one ──
  const addNotice = (collection: CatalogCollection, docId: string, fields: string[], doc: Record<string, unknown>) => {
    const label = collection === 'stock' ? (catalog.get(String(doc.productId))?.name ?? docId) : String(doc.name ?? catalog.get(docId)?.name ?? docId);
    const notice: OverrideNotice = { id: uuidv7(now()), collection, docId, label, fields, at: now() };
    void notices.update((n) => [...n.slice(-49), notice]);
  };
  const outbox = await CatalogOutbox.open(db, {
    now,
    onOverride: addNotice,
    onRefused: (collection, docId) => addNotice(collection, docId, ['*'], catalog.get(docId) ?? { id: docId }),
  });

  // ── the sync engine ──
  const debug = typeof localStorage !== 'undefined' && localStorage.getItem('stockroom.debug') === '1';
  const t0 = now();
  const onSyncEvent = (e: ReplicationEvent) => {
    if (debug && e.type !== 'transport-ok') console.debug(`[sync +${now() - t0}ms]`, JSON.stringify(e).slice(0, 200));
    health.onEvent(e);
    if (e.type === 'override') addNotice(e.collection, e.docId, e.fields, e.doc);
    if (e.type === 'push-refused') {
      if (e.collection !== 'movements') return console.warn(`[sync] server refused ${e.collection} ${e.ids.join(', ')}: ${e.message}`);
      void refusals.add(e.ids, e.message, e.problem, now());
      levels.exclude(e.ids);
      pending.drop(e.ids);
      health.refreshPending();
    }
  };
  let replication: Replication | null = null;
  const initialDone = new Promise<void>((resolve) => {
    if (!syncing) return resolve();
    const firstStore = initial.activeStoreId ?? initial.storeIds[0];
    if (firstStore) api.digest(firstStore).then((d) => health.setTargetSeq(d.seq), () => undefined);
    replication = startReplication({
      db,
      api,
      identifier: `${initial.serverUrl}|${initial.deviceId}`,
      onEvent: onSyncEvent,
      backoff: options.backoff,
      outbox,
      wasRefused: (id) => refusals.has(id),
      pendingMovements: pending,
      deviceId: initial.deviceId,
    });
    // The counter is usable once the catalog and levels are in; movement history follows.
    replication.awaitCatalogInitial().then(
      () => {
        health.initialSyncDone();
        resolve();
      },
      () => resolve(),
    );
  });
  if (syncing) {
    // Identity (tenant name, currency, stores) refreshed when reachable.
    api.whoami().then(
      (w) => updateSession({ tenantName: w.tenantName, currency: w.currency, storeIds: w.storeIds, role: w.role, deviceName: w.deviceName }),
      () => undefined,
    );
    // Owners see this device's pending movements on their Devices screen (DESIGN §5).
    subs.push(startHealthReports(health.value$, api, { ready: initialDone }));
  }
  // The business settings as they replicate: every till shows the owner's name and currency.
  subs.push(
    records.list$('settings').subscribe((list) => {
      const s = list.find((d) => d.id === SETTINGS_ID);
      const cur = session$.value;
      if (s && (s.businessName !== cur.tenantName || s.currency !== cur.currency)) updateSession({ tenantName: s.businessName, currency: s.currency });
    }),
  );
  // Browser connectivity hints: retry at once when the OS says we are back.
  const onOnline = () => replication?.syncNow();
  const onOffline = () => health.patch({ connection: 'offline' });
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
  }

  // ── health and commands ──
  const exceptions = await exceptionsView({ db, refusals, records, session$, product: (id) => catalog.get(id) });
  subs.push(exceptions.subscription, exceptions.exceptions$.subscribe((list) => health.patch({ exceptionCount: list.length })));
  const writes = await catalogWrites({ db, outbox, catalog, levels, records, stores: () => stores.mine$.value, session: () => session$.value, updateSession, now });
  const { actorName, saveRecords, ...catalogCommands } = writes;
  const commands = movementCommands({ db, catalog, levels, records, pending, health, session: () => session$.value, actorName, saveRecords, now });
  const writeMovements = movementWriter({ db, levels, pending, health });
  const transferWrites = transferCommands({
    db, levels, records, transfers, session: () => session$.value, actorName, now, writeMovements,
    saveRecords: (collection, docs) => saveRecords(collection, docs),
    saveResolutions: (docs) => saveRecords('resolutions', docs),
  });
  const purchasing = purchasingCommands({
    records, orders: purchaseOrders, session: () => session$.value, actorName, now, writeMovements,
    saveSuppliers: (docs) => saveRecords('suppliers', docs), saveOrders: (docs) => saveRecords('purchaseOrders', docs),
  });

  const client: StockroomClient = {
    get session() {
      return session$.value;
    },
    session$: session$.asObservable(),
    health$: health.value$,
    getHealth: () => health.value,
    stores$: stores.mine$.asObservable(),
    getStores: () => stores.mine$.value,
    storeDirectory$: stores.all$.asObservable(),
    getStoreDirectory: () => stores.all$.value,
    activeStoreId$: session$.pipe(map((s) => s.activeStoreId)),
    setActiveStore(storeId) {
      if (storeId !== session$.value.activeStoreId) updateSession({ activeStoreId: storeId });
    },
    server,
    catalog,
    levels,
    transfers,
    purchaseOrders,
    reports: deviceReports({ movements: () => rawFind(db.movements), stores: () => stores.all$.value, productCost: (id) => catalog.get(id)?.costCents ?? 0 }),
    stockRows(storeId) {
      return catalog.all().map((product): StockRow => {
        const level = levels.get(storeId, product.id);
        return { product, level, state: stateOf(level.level, level.reorderPoint, level.criticalPoint) };
      });
    },
    getStock: (storeId, productId) => levels.getStock(storeId, productId),
    exceptions$: exceptions.exceptions$,
    exceptionHistory$: exceptions.history$,
    notices$: notices.value$,
    dismissNotice(noticeId) {
      void notices.update((n) => n.filter((x) => x.id !== noticeId));
    },
    ...commands,
    ...transferWrites,
    ...purchasing,
    ...catalogCommands,
    async syncNow() {
      replication?.syncNow();
    },
    whenInitialSyncDone: () => initialDone,
    async verifyDigest(storeId): Promise<DigestCheck> {
      const [server, rows] = await Promise.all([api.digest(storeId), rawFind(db.stock, { storeId })]);
      const local = computeDigest(rows.map((d) => ({ productId: d.productId, onHand: d.onHand, appliedSeq: d.appliedSeq })));
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
      stores.close();
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
