/**
 * Everything but movements is edited on a device through the catalog outbox (DESIGN §4):
 * products (one or a CSV import in chunks), stock thresholds, stores, business settings, till
 * users and exception resolutions. Each write records the state it was based on, is written
 * locally at once and pushed behind, merged field by field by the server. The till user chosen
 * at this till (device-only) is here too: it names the actor of every movement.
 */
import { combineLatest, map } from 'rxjs';
import {
  SETTINGS_ID,
  productPushSchema,
  settingsPushSchema,
  stockId,
  storePushSchema,
  tillUserPushSchema,
  uuidv7,
  type CollectionDocs,
  type ProductDoc,
  type StockDoc,
  type StoreDoc,
  type TillUserDoc,
} from '../../../shared/index.js';
import type { ImportProgress, ProductInput, Session, StockroomClient } from '../api.js';
import type { StockroomDatabase } from '../local/database.js';
import { LocalRecord } from '../local/local-state.js';
import { localTable } from '../local/local-tables.js';
import type { RecordCollection } from '../local/record-collections.js';
import type { MemoryCatalogIndex } from '../projection/catalog-index.js';
import type { MemoryLevelIndex } from '../projection/level-index.js';
import type { RecordIndex } from '../projection/record-index.js';
import type { CatalogOutbox } from '../push/catalog-outbox.js';
import { pinHash, pinMatches } from './till-users.js';

export type CatalogWrites = Pick<
  StockroomClient,
  | 'settings$'
  | 'getSettings'
  | 'saveSettings'
  | 'tillUsers$'
  | 'saveTillUser'
  | 'tillUser$'
  | 'getTillUser'
  | 'switchTillUser'
  | 'upsertProduct'
  | 'importProducts'
  | 'setThresholds'
  | 'upsertStore'
  | 'setThresholdsMany'
> & {
  /** Who is recorded as having done it: the till user, else this device's name. */
  actorName(): string;
  /** Writes documents of the small collections through the outbox. */
  saveRecords<C extends RecordCollection>(collection: C, docs: CollectionDocs[C][]): Promise<void>;
};

export interface CatalogWriteDeps {
  db: StockroomDatabase;
  outbox: CatalogOutbox;
  catalog: MemoryCatalogIndex;
  levels: MemoryLevelIndex;
  records: RecordIndex;
  stores(): StoreDoc[];
  session(): Session;
  updateSession(p: Partial<Session>): void;
  now(): number;
}

export async function catalogWrites(deps: CatalogWriteDeps): Promise<CatalogWrites> {
  const { db, outbox, catalog, levels, records, now } = deps;
  /** The person at this till (device-only). */
  const tillUserChoice = await LocalRecord.open<{ userId: string | null }>(db, 'till-user', { userId: null });
  const tillUser = (): TillUserDoc | null => {
    const id = tillUserChoice.value.userId;
    const user = id ? records.get('tillUsers', id) : undefined;
    return user && user.active ? user : null;
  };
  const tillUser$ = combineLatest([tillUserChoice.value$, records.list$('tillUsers')]).pipe(map(() => tillUser()));
  /** Who is recorded as having done it: the till user, else this device's name. */
  const actorName = (): string => tillUser()?.name ?? deps.session().deviceName.slice(0, 64);

  async function saveRecords<C extends RecordCollection>(collection: C, docs: CollectionDocs[C][]): Promise<void> {
    const table = localTable(db, collection);
    await outbox.record(collection, docs.map((d) => ({ id: d.id, before: records.get(collection, d.id) ?? null })), () => table.bulkUpsert(docs));
  }

  /** A product as edited: the stored one with the input over it, checked by the push schema; the seq stays the server's. */
  const productDoc = (input: ProductInput & { id?: string }): ProductDoc => {
    const existing = input.id ? catalog.get(input.id) : undefined;
    const parsed = productPushSchema.parse({ ...existing, ...input, id: input.id ?? uuidv7(now()), updatedAt: now(), _deleted: false });
    return { ...parsed, seq: existing?.seq ?? 0 } as ProductDoc;
  };

  return {
    settings$: records.list$('settings').pipe(map((l) => l.find((d) => d.id === SETTINGS_ID) ?? null)),
    getSettings: () => records.get('settings', SETTINGS_ID) ?? null,
    async saveSettings(input) {
      const existing = records.get('settings', SETTINGS_ID);
      const doc = settingsPushSchema.parse({ ...existing, ...input, id: SETTINGS_ID, updatedAt: now(), seq: existing?.seq ?? 0, _deleted: false });
      await saveRecords('settings', [{ ...doc, seq: existing?.seq ?? 0 }]);
      deps.updateSession({ tenantName: doc.businessName, currency: doc.currency });
    },
    tillUsers$: records.list$('tillUsers'),
    async saveTillUser(input) {
      const id = input.id ?? uuidv7(now());
      const existing = records.get('tillUsers', id);
      const hash = input.pin === undefined ? (existing?.pinHash ?? null) : input.pin === null ? null : pinHash(deps.session().tenantId, id, input.pin);
      const doc = tillUserPushSchema.parse({ id, name: input.name, pinHash: hash, active: input.active, updatedAt: now(), seq: existing?.seq ?? 0, _deleted: false });
      const full: TillUserDoc = { ...doc, seq: existing?.seq ?? 0 };
      await saveRecords('tillUsers', [full]);
      return full;
    },
    tillUser$,
    getTillUser: tillUser,
    actorName,
    saveRecords,
    async switchTillUser(userId, pin) {
      if (userId === null) {
        await tillUserChoice.update(() => ({ userId: null }));
        return true;
      }
      const user = records.get('tillUsers', userId);
      if (!user || !user.active || !pinMatches(deps.session().tenantId, user, pin ?? null)) return false;
      await tillUserChoice.update(() => ({ userId }));
      return true;
    },
    async upsertProduct(input) {
      const existing = input.id ? catalog.get(input.id) : undefined;
      const full = productDoc(input);
      await outbox.record('products', [{ id: full.id, before: existing ?? null }], async () => {
        await db.products.upsert(full);
      });
      return full;
    },
    async importProducts(rows, onProgress?: (p: ImportProgress) => void) {
      const docs = rows.map(productDoc);
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
      const existing = input.id ? deps.stores().find((s) => s.id === input.id) : undefined;
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

  };
}
