/**
 * Browser-side bench entry (bundled by esbuild, evaluated in the app's page):
 * the same documents the initial sync wrote, written with plain Dexie
 * `bulkPut` into a scratch database, to compare against the sync's write time.
 */
import Dexie from 'dexie';

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
  /** Wall time of all bulkPut calls (batches of `batch`, one after another). */
  ms: number;
}

export async function rawDexieBulkPut(collections: string[], batch: number): Promise<RawDexieResult> {
  const session = JSON.parse(localStorage.getItem('stockroom.session') ?? 'null') as { serverUrl: string; token: string } | null;
  if (!session) throw new Error('no paired session in this page');
  const data: Record<string, Doc[]> = {};
  for (const c of collections) data[c] = await pullAll(session.serverUrl, session.token, c, batch);

  const name = `bench-raw-dexie-${Date.now()}`;
  const db = new Dexie(name);
  db.version(1).stores(Object.fromEntries(collections.map((c) => [c, 'id'])));
  await db.open();
  let docs = 0;
  let ms = 0;
  try {
    for (const c of collections) {
      const rows = data[c]!;
      for (let i = 0; i < rows.length; i += batch) {
        const chunk = rows.slice(i, i + batch);
        const t = performance.now();
        await db.table(c).bulkPut(chunk);
        ms += performance.now() - t;
        docs += chunk.length;
      }
    }
  } finally {
    db.close();
    await Dexie.delete(name);
  }
  return { docs, ms };
}
