/**
 * The local database: RxDB on IndexedDB through Dexie (open-core storage).
 * Five RxDB collections hold the nine replicated ones (local-tables.ts), plus the catalog
 * outbox: 6 of open core's 13 per process, so two devices fit in one test. Database-level local documents hold
 * device-only state (exception acknowledgements, override notices), which
 * never replicate.
 */
import {
  addRxPlugin,
  createRxDatabase,
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuerySelector,
  type MigrationStrategies,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
  isRxDocument,
} from 'rxdb';
import { combineLatest, startWith } from 'rxjs';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { MovementDoc, ProductDoc, StockDoc, StoreDoc } from '../../../shared/index.js';
import type { RecordRow } from './record-collections.js';
import { OUTBOX_MIGRATIONS, OUTBOX_SCHEMA, RECORDS_SCHEMA, RX_MIGRATIONS, RX_SCHEMAS, type OutboxDoc } from './schemas.js';
import { withInsertFastPath } from './insert-fast-path.js';
import { withWriteTiming } from './write-timing.js';

let pluginsAdded = false;
function addPlugins(): void {
  if (pluginsAdded) return;
  pluginsAdded = true;
  addRxPlugin(RxDBMigrationSchemaPlugin);
  addRxPlugin(RxDBLocalDocumentsPlugin);
}

export interface StockroomCollections {
  stores: RxCollection<StoreDoc>;
  products: RxCollection<ProductDoc>;
  stock: RxCollection<StockDoc>;
  movements: RxCollection<MovementDoc>;
  /** Settings, till users, suppliers, purchase orders, transfers (local-tables.ts). */
  records: RxCollection<RecordRow>;
  /** Device-only: unconfirmed catalog edits (see catalog-outbox.ts). */
  outbox: RxCollection<OutboxDoc>;
}
export type StockroomDatabase = RxDatabase<StockroomCollections>;

/**
 * RxDB hashes revisions and names with this. A plain JS hash instead of
 * crypto.subtle, which browsers only offer in secure contexts (a tablet using
 * the web UI over http:// on the shop LAN would otherwise fail).
 */
export async function fastHash(input: string | ArrayBuffer | Blob): Promise<string> {
  // Attachments (unused here) would arrive as binary; hash their bytes.
  const codes: ArrayLike<number> =
    typeof input === 'string'
      ? stringCodes(input)
      : new Uint8Array(input instanceof Blob ? await input.arrayBuffer() : input);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

function stringCodes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}


/**
 * Documents per schema-migration batch. RxDB's default of 200 took 305 s to
 * migrate 50 000 movements and 50 000 stock rows in Chromium; 5 000 took 19 s
 * (`client.upgrade_migration_s` in `npm run bench`).
 */
const MIGRATION_BATCH = 5000;

/** Only the steps up to the schema's version (a test may open an older version). */
function strategiesUpTo(all: MigrationStrategies, version: number): MigrationStrategies {
  return Object.fromEntries(Object.entries(all).filter(([v]) => Number(v) <= version));
}

export interface OpenOptions {
  name: string;
  /** Defaults to Dexie on the global indexedDB (fake-indexeddb in Node tests). */
  storage?: RxStorage<unknown, unknown>;
  /** Override schemas (tests of older versions). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxDB's schema generics are invariant
  schemas?: Partial<Record<keyof StockroomCollections, RxJsonSchema<any>>>;
  /** Documents migrated so far after an app update changed a schema (a big store takes seconds). */
  onMigrationProgress?(handled: number, total: number): void;
}

/** The storage the app runs on (tests use it too): Dexie with the insert fast path, timed when the bench asks. */
export function appStorage(): RxStorage<unknown, unknown> {
  return withWriteTiming(withInsertFastPath(getRxStorageDexie())) as RxStorage<unknown, unknown>;
}

export async function openDatabase(options: OpenOptions): Promise<StockroomDatabase> {
  addPlugins();
  const db = await createRxDatabase<StockroomCollections>({
    name: options.name,
    storage: options.storage ?? appStorage(),
    multiInstance: false,
    eventReduce: true,
    localDocuments: true,
    closeDuplicates: true,
    hashFunction: fastHash,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxDB's schema generics are invariant
  const schema = <K extends keyof typeof RX_SCHEMAS>(k: K) => (options.schemas?.[k] ?? RX_SCHEMAS[k]) as RxJsonSchema<any>;
  const migrating = <K extends keyof typeof RX_SCHEMAS>(k: K) => ({
    schema: schema(k),
    migrationStrategies: strategiesUpTo(RX_MIGRATIONS[k] ?? {}, schema(k).version),
    autoMigrate: false, // run below, in bigger batches
  });
  await db.addCollections({
    stores: migrating('stores'),
    products: migrating('products'),
    stock: migrating('stock'),
    movements: migrating('movements'),
    records: { schema: RECORDS_SCHEMA },
    outbox: { schema: OUTBOX_SCHEMA, migrationStrategies: OUTBOX_MIGRATIONS, autoMigrate: false },
  });
  // Before anything reads them. A migration interrupted by a crash resumes on the next open.
  const collections = Object.values(db.collections).filter((c) => c.schema.version > 0);
  const progress = options.onMigrationProgress
    ? combineLatest(collections.map((c) => c.getMigrationState().$.pipe(startWith(null)))).subscribe((states) => {
        const running = states.filter((st) => st !== null && st.count.total > 0);
        const total = running.reduce((n, st) => n + st!.count.total, 0);
        if (total > 0) options.onMigrationProgress!(running.reduce((n, st) => n + st!.count.handled, 0), total);
      })
    : null;
  try {
    await Promise.all(collections.map((c) => c.migratePromise(MIGRATION_BATCH)));
  } finally {
    progress?.unsubscribe();
  }
  return db;
}

/**
 * Read plain documents straight from the storage (no RxDocument per row):
 * loading 50 000 products into the in-memory index at start-up.
 */
export async function rawFind<T>(rx: RxCollection<T>, selector: MangoQuerySelector<T> = {}): Promise<T[]> {
  const schema = rx.schema.jsonSchema;
  const query = prepareQuery(schema, normalizeMangoQuery(schema, { selector: { ...selector, _deleted: { $eq: false } } as never }));
  return (await rx.storageInstance.query(query)).documents.map((row) => plainDoc<T>(row));
}

/**
 * A stored row, a change event's data or an RxDocument as a plain document: without RxDB's
 * bookkeeping fields (the wire format). The one place that knows which fields those are.
 */
export function plainDoc<T>(row: unknown): T {
  const source = isRxDocument(row) ? (row as { toJSON(withMeta: true): unknown }).toJSON(true) : row;
  const { _meta, _rev, _attachments, ...doc } = source as Record<string, unknown>;
  void _meta;
  void _rev;
  void _attachments;
  return doc as T;
}
