/**
 * Where each replicated collection lives in the local database. RxDB's open core allows 13
 * collections per process (a page, or a Node test that opens two devices), so the five
 * small collections of protocol 2 (settings, till users, suppliers, purchase orders,
 * transfers: tens to hundreds of documents) share one RxDB collection, `records`, keyed
 * `<collection>|<id>`; stores, products, stock and movements each keep their own (their
 * indexes and bulk paths matter). A device database has 6 collections, so two devices fit
 * in one process. Everything that reads or writes a replicated document locally (the
 * puller, the catalog outbox, commands) goes through a `LocalTable`.
 */
import { normalizeMangoQuery, prepareQuery, type MangoQuerySelector, type RxCollection } from 'rxdb';
import type { CollectionDocs, CollectionName } from '../../../shared/index.js';
import { plainDoc, type StockroomDatabase } from './database.js';
import { isRecordCollection, type RecordCollection, type RecordRow } from './record-collections.js';


type Row = Record<string, unknown>;
type Doc<C extends CollectionName> = CollectionDocs[C];

export interface LocalTable<C extends CollectionName> {
  readonly collection: C;
  /** The RxDB collection holding the rows. */
  readonly rx: RxCollection;
  /** Primary key of the row of document `id`. */
  key(id: string): string;
  /** The stored row of a document (without RxDB's bookkeeping fields). */
  toRow(doc: Doc<C>): Row;
  /** The document of a stored row (`_deleted` included). */
  fromRow(row: Row): Doc<C>;
  /** Selector of this table's rows in `rx`. */
  readonly selector: MangoQuerySelector<Row>;
  findByIds(ids: readonly string[]): Promise<Map<string, Doc<C>>>;
  bulkUpsert(docs: readonly Doc<C>[]): Promise<void>;
  remove(id: string): Promise<void>;
  /** Every document of this table that is not deleted. */
  all(): Promise<Doc<C>[]>;
}

export function localTable<C extends CollectionName>(db: StockroomDatabase, collection: C): LocalTable<C> {
  return isRecordCollection(collection) ? recordTable(db, collection) as unknown as LocalTable<C> : directTable(db, collection);
}

function directTable<C extends CollectionName>(db: StockroomDatabase, collection: C): LocalTable<C> {
  const rx = db.collections[collection as Exclude<CollectionName, RecordCollection>] as unknown as RxCollection;
  return {
    collection,
    rx,
    key: (id) => id,
    toRow: (doc) => doc as Row,
    fromRow: (row) => row as Doc<C>,
    selector: {},
    async findByIds(ids) {
      const found = await rx.findByIds([...ids]).exec();
      return new Map([...found].map(([id, d]) => [id, { ...plainDoc<Doc<C>>(d.toJSON(true)), _deleted: false }]));
    },
    async bulkUpsert(docs) {
      const res = await rx.bulkUpsert(docs as never[]);
      if (res.error.length > 0) throw new Error(`${collection}: ${res.error.length} document(s) not saved`);
    },
    async remove(id) {
      await (await rx.findOne(id).exec())?.remove();
    },
    async all() {
      return (await rx.find().exec()).map((d) => ({ ...plainDoc<Doc<C>>(d.toJSON(true)), _deleted: false }));
    },
  };
}

function recordTable<C extends RecordCollection>(db: StockroomDatabase, collection: C): LocalTable<C> {
  const rx = db.collections.records as unknown as RxCollection<RecordRow>;
  const key = (id: string) => `${collection}|${id}`;
  const fromRow = (row: Row) => ({ ...(row.doc as object), _deleted: !!row._deleted }) as Doc<C>;
  const toRow = (doc: Doc<C>): Row => {
    const { _deleted, ...body } = doc as Row;
    return { key: key(String(body.id)), table: collection, seq: Number(body.seq ?? 0), doc: body, _deleted: !!_deleted };
  };
  return {
    collection,
    rx: rx as unknown as RxCollection,
    key,
    toRow,
    fromRow,
    selector: { table: collection },
    async findByIds(ids) {
      const found = await rx.findByIds(ids.map(key)).exec();
      const out = new Map<string, Doc<C>>();
      for (const d of found.values()) {
        const doc = fromRow(d.toJSON(true) as Row);
        out.set(String((doc as Row).id), { ...doc, _deleted: false });
      }
      return out;
    },
    async bulkUpsert(docs) {
      const res = await rx.bulkUpsert(docs.map((d) => toRow(d) as unknown as RecordRow));
      if (res.error.length > 0) throw new Error(`${collection}: ${res.error.length} document(s) not saved`);
    },
    async remove(id) {
      await (await rx.findOne(key(id)).exec())?.remove();
    },
    async all() {
      const schema = rx.schema.jsonSchema;
      const query = prepareQuery(schema, normalizeMangoQuery(schema, { selector: { table: collection, _deleted: { $eq: false } } as never }));
      return (await rx.storageInstance.query(query)).documents.map((r) => fromRow(r as unknown as Row));
    },
  };
}
