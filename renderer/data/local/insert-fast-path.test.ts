/**
 * The insert fast path must be invisible except for speed: the same stored
 * rows, results, conflicts and change events as RxDB's Dexie storage, and
 * new documents written without the storage's read-then-write path.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { uuidv7, type ProductDoc } from '../../../shared/index.js';
import { product } from '../../../test/support/docs.js';
import { openDatabase, type StockroomDatabase } from './database.js';
import { withInsertFastPath } from './insert-fast-path.js';

/** Dexie storage that counts its own (read-then-write) bulkWrite calls per collection. */
function countingDexie(): { storage: RxStorage<unknown, unknown>; slowWrites: Map<string, number> } {
  const base = getRxStorageDexie();
  const slowWrites = new Map<string, number>();
  const storage = Object.assign(Object.create(base) as typeof base, {
    async createStorageInstance(params: Parameters<typeof base.createStorageInstance>[0]) {
      const instance = await base.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        slowWrites.set(params.collectionName, (slowWrites.get(params.collectionName) ?? 0) + 1);
        return bulkWrite(rows, context);
      };
      return instance;
    },
  });
  return { storage: withInsertFastPath(storage) as RxStorage<unknown, unknown>, slowWrites };
}

/** Rows as IndexedDB holds them, with the per-database revision token and write time blanked. */
async function storedRows(db: StockroomDatabase, collection: 'products' | 'outbox' = 'products'): Promise<Record<string, unknown>[]> {
  const internals = await (db[collection].storageInstance.internals as Promise<{ dexieTable: { toArray(): Promise<Record<string, unknown>[]> } }>);
  const rows = await internals.dexieTable.toArray();
  return rows
    .map((r): Record<string, unknown> => ({ ...r, _rev: String(r._rev).split('-')[0], _meta: { lwt: 0 } }))
    .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
}

const open: StockroomDatabase[] = [];
async function openWith(storage: RxStorage<unknown, unknown>): Promise<StockroomDatabase> {
  const db = await openDatabase({ name: `fast${uuidv7().replace(/-/g, '').slice(-16)}`, storage });
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const products = (n: number): ProductDoc[] => Array.from({ length: n }, (_, i) => product(`Fast ${i}`) as ProductDoc);

describe('insert fast path', () => {
  it('stores a batch of new documents exactly as the Dexie storage does, without its read-then-write path', async () => {
    const docs = products(30);
    const plain = await openWith(getRxStorageDexie());
    const { storage, slowWrites } = countingDexie();
    const fast = await openWith(storage);

    const [a, b] = await Promise.all([plain.products.bulkInsert(docs), fast.products.bulkInsert(docs)]);
    expect(a.error).toEqual([]);
    expect(b.error).toEqual([]);
    expect(slowWrites.get('products') ?? 0).toBe(0);
    expect(await storedRows(fast)).toEqual(await storedRows(plain));
    // A free-form field with keys Dexie needs escaped ('|…') and a deleted row, stored alike too.
    const outbox = [
      { id: 'products|a', target: 'products' as const, docId: 'a', assumed: { '|odd': { '|nested': [1, { '|deep': true }] }, name: 'A' }, at: 1 },
      { id: 'products|b', target: 'products' as const, docId: 'b', assumed: null, at: 2, _deleted: true },
    ];
    for (const db of [plain, fast]) await db.outbox.storageInstance.bulkWrite(
      outbox.map((doc) => ({ document: { _deleted: false, ...doc, _meta: { lwt: 1 }, _rev: '1-x', _attachments: {} } })),
      'test',
    );
    expect(await storedRows(fast, 'outbox')).toEqual(await storedRows(plain, 'outbox'));
    expect((await storedRows(fast, 'outbox'))[0]!.assumed).toEqual({ __odd: { __nested: [1, { __deep: true }] }, name: 'A' });
    // RxDB reads them back as it wrote them, through its indexes too.
    const found = await fast.products.find({ selector: { name: { $regex: '^Fast' } }, sort: [{ id: 'asc' }] }).exec();
    expect(found.map((d) => d.name).sort()).toEqual(docs.map((d) => d.name).sort());
  });

  it('a batch with an id already stored gets the storage\'s conflict for that id; the others are written once', async () => {
    const { storage, slowWrites } = countingDexie();
    const db = await openWith(storage);
    const [first, second] = products(2);
    await db.products.insert(first!);
    const events: string[] = [];
    const sub = db.products.$.subscribe((e) => events.push(`${e.operation} ${e.documentId}`));

    const res = await db.products.bulkInsert([{ ...first!, name: 'Changed' }, second!]);
    sub.unsubscribe();

    expect(res.error.map((e) => [e.documentId, e.status])).toEqual([[first!.id, 409]]);
    expect(res.success.map((d) => d.id)).toEqual([second!.id]);
    expect(slowWrites.get('products')).toBe(1); // the refused optimistic insert fell back once
    expect((await db.products.findOne(first!.id).exec())?.name).toBe(first!.name);
    expect(events).toEqual([`INSERT ${second!.id}`]);
  });

  it('re-inserting a deleted document works as with the plain storage', async () => {
    const db = await openWith(countingDexie().storage);
    const [doc] = products(1);
    const stored = await db.products.insert(doc!);
    await stored.remove();
    await db.products.insert({ ...doc!, name: 'Back again' });
    expect((await db.products.findOne(doc!.id).exec())?.name).toBe('Back again');
  });

  it('live queries see fast-path inserts', async () => {
    const db = await openWith(countingDexie().storage);
    const seen = firstValueFrom(db.products.find().$.pipe(filter((docs) => docs.length === 5)));
    await db.products.bulkInsert(products(5));
    expect((await seen).length).toBe(5);
  });
});
