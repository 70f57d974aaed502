/**
 * Browser-side bench entry (bundled by esbuild, evaluated in the app's page):
 * the same documents the initial sync wrote, written with plain Dexie
 * `bulkPut` into a scratch database, to compare against the sync's write time.
 * Twice: into bare tables (the baseline), and into tables with the
 * index set RxDB's Dexie storage declares for each collection, the documents
 * carrying RxDB's bookkeeping fields (what any RxDB write must store), so the
 * report tells the storage's structural cost from the sync's own.
 */
import Dexie from 'dexie';
import { fillWithDefaultSettings } from 'rxdb';
import { getDexieStoreSchema } from 'rxdb/plugins/storage-dexie';
import { RX_SCHEMAS } from '../../renderer/data/local/schemas.js';

type Doc = Record<string, unknown> & { id: string };

/** Pull every document of a collection as the device sees it (plain tRPC GET, no batching). */
async function pullAll(serverUrl: string, token: string, collection: string, limit: number): Promise<Doc[]> {
  const docs: Doc[] = [];
  let checkpoint: { seq: number } | null = null;
  for (;;) {
    const input = encodeURIComponent(JSON.stringify({ collection, checkpoint, limit }));
    const res = await fetch(`${serverUrl}/trpc/replication.pull?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`pull ${collection}: HTTP ${res.status}`);
    const body = (await res.json()) as { result: { data: { documents: Doc[]; checkpoint: { seq: number } | null } } };
    const page = body.result.data;
    if (page.documents.length === 0) return docs;
    docs.push(...page.documents);
    checkpoint = page.checkpoint;
  }
}

export interface RawDexieResult {
  docs: number;
  /**
   * Per collection, the wall time of its bulkPut calls (batches of `batch`, one
   * after another) in ms: [into bare tables, into tables with RxDB's index set].
   */
  byCollection: Record<string, [number, number]>;
}

/** Time bulkPut of every collection's rows, batch by batch, into a scratch database. */
async function timedBulkPut(
  data: Record<string, Doc[]>,
  batch: number,
  stores: Record<string, string>,
  shape: (doc: Doc) => Record<string, unknown>,
): Promise<{ docs: number; byCollection: Record<string, number> }> {
  const name = `bench-raw-dexie-${Date.now()}`;
  const db = new Dexie(name);
  db.version(1).stores(stores);
  await db.open();
  let docs = 0;
  const byCollection: Record<string, number> = {};
  try {
    for (const [c, all] of Object.entries(data)) {
      const rows = all.map(shape);
      byCollection[c] = 0;
      for (let i = 0; i < rows.length; i += batch) {
        const chunk = rows.slice(i, i + batch);
        const t = performance.now();
        await db.table(c).bulkPut(chunk);
        byCollection[c] += performance.now() - t;
        docs += chunk.length;
      }
    }
  } finally {
    db.close();
    await Dexie.delete(name);
  }
  return { docs, byCollection };
}

/** A row as RxDB's Dexie storage stores it (booleans in indexes become '0'/'1'). */
function asRxRow(doc: Doc): Record<string, unknown> {
  return { ...doc, _deleted: doc._deleted ? '1' : '0', _meta: { lwt: Date.now() }, _rev: '1-benchbaseline', _attachments: {} };
}

export async function rawDexieBulkPut(collections: string[], batch: number): Promise<RawDexieResult> {
  const session = JSON.parse(localStorage.getItem('stockroom.session') ?? 'null') as { serverUrl: string; token: string } | null;
  if (!session) throw new Error('no paired session in this page');
  const data: Record<string, Doc[]> = {};
  for (const c of collections) data[c] = await pullAll(session.serverUrl, session.token, c, batch);

  const bare = await timedBulkPut(data, batch, Object.fromEntries(collections.map((c) => [c, 'id'])), (d) => d);
  const rxSchemas = RX_SCHEMAS as unknown as Record<string, Parameters<typeof fillWithDefaultSettings>[0]>;
  // Filled in as RxDB does before creating the storage: every index gets `_deleted` in front and the id behind.
  const stores = Object.fromEntries(collections.map((c) => [c, getDexieStoreSchema(fillWithDefaultSettings(rxSchemas[c]!))]));
  const indexed = await timedBulkPut(data, batch, stores, asRxRow);
  const byCollection = Object.fromEntries(collections.map((c) => [c, [bare.byCollection[c] ?? 0, indexed.byCollection[c] ?? 0] as [number, number]]));
  return { docs: bare.docs, byCollection };
}
