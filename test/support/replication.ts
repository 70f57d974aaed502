import {
  LIMITS,
  computeDigest,
  type Checkpoint,
  type CollectionDocs,
  type CollectionName,
  type MovementDoc,
  type StockDoc,
} from '../../shared/index.js';
import type { Api } from './client.js';
import type { NewMovement, NewProduct, NewStore } from './docs.js';

export interface PullResult<C extends CollectionName> {
  documents: CollectionDocs[C][];
  checkpoint: Checkpoint | null;
  /** The checkpoint sent was not this database's (a restore): the documents start from the beginning. */
  reset?: boolean;
}

/** One `replication.pull` page. */
export async function pullPage<C extends CollectionName>(
  api: Api,
  collection: C,
  checkpoint: Checkpoint | null,
  limit: number = LIMITS.pullLimit,
): Promise<PullResult<C>> {
  const page = await api.replication.pull.query({ collection, checkpoint, limit });
  return page as unknown as PullResult<C>;
}

/**
 * Pull a collection to the end, page by page, as a device would. Stops at the
 * first empty page so a server that caps `limit` lower still works.
 */
export async function pullAll<C extends CollectionName>(
  api: Api,
  collection: C,
  from: Checkpoint | null = null,
  limit: number = LIMITS.pullLimit,
): Promise<PullResult<C>> {
  const documents: CollectionDocs[C][] = [];
  let checkpoint = from;
  for (;;) {
    const page = await pullPage(api, collection, checkpoint, limit);
    if (page.documents.length === 0) return { documents, checkpoint: page.checkpoint ?? checkpoint };
    documents.push(...page.documents);
    checkpoint = page.checkpoint;
  }
}

/** Latest version of each document by id (a pull may return a row again after it changed). */
export function latestById<T extends { id: string; seq: number }>(docs: Iterable<T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const doc of docs) {
    const prev = map.get(doc.id);
    if (!prev || prev.seq <= doc.seq) map.set(doc.id, doc);
  }
  return map;
}

/** Push movements; the server returns every row as stored, with its verdict. */
export async function pushMovements(api: Api, rows: NewMovement[]): Promise<MovementDoc[]> {
  const result = await api.replication.push.mutate({
    collection: 'movements',
    rows: rows.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })),
  });
  return result as unknown as MovementDoc[];
}

export async function pushProducts(api: Api, rows: NewProduct[]): Promise<unknown[]> {
  const result = await api.replication.push.mutate({
    collection: 'products',
    rows: rows.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })),
  });
  return result as unknown[];
}

export async function pushStores(api: Api, rows: NewStore[]): Promise<unknown[]> {
  const result = await api.replication.push.mutate({
    collection: 'stores',
    rows: rows.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })),
  });
  return result as unknown[];
}

/** The digest a device computes over the stock rows it pulled for one store. */
export function localDigest(stock: Iterable<StockDoc>, storeId: string): string {
  const rows = [...latestById(stock).values()].filter((s) => s.storeId === storeId && !s._deleted);
  return computeDigest(rows.map(({ productId, onHand, appliedSeq }) => ({ productId, onHand, appliedSeq })));
}

/** Sum of `delta` over accepted movements, per `<storeId>:<productId>`. */
export function acceptedSums(movements: Iterable<MovementDoc>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const m of movements) {
    if (m.status !== 'accepted') continue;
    const key = `${m.storeId}:${m.productId}`;
    sums.set(key, (sums.get(key) ?? 0) + m.delta);
  }
  return sums;
}
