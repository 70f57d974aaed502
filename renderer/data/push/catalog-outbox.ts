/**
 * Catalog edits made on this device (products, stock thresholds, stores)
 * waiting for the server. Each row keeps the server state the edit was based
 * on (`assumed`) so the server can merge field by field (DESIGN §4). When the
 * server keeps its own value for a field this device changed, the device is
 * told ("your change to <field> was overridden") and adopts the server's doc.
 */
import { mergeFields, sameValue, type CollectionName } from '../../../shared/index.js';
import type { StockroomDatabase } from '../local/database.js';
import { localTable } from '../local/local-tables.js';
import { overriddenFields, toWire, type PushFn } from './pusher.js';
import { CATALOG_COLLECTIONS, MERGE_FIELDS, type CatalogCollection } from '../wire/sync-events.js';
import { Rerunnable } from '../async/rerunnable.js';
import { SerialQueue } from '../async/serial-queue.js';
import type { OutboxDoc } from '../local/schemas.js';
import type { PushRow } from '../wire/transport.js';

type Doc = Record<string, unknown>;

export interface OutboxHooks {
  /** The server (or a newer pulled version) won on these fields. */
  onOverride(collection: CatalogCollection, docId: string, fields: string[], doc: Doc): void;
  /** The server refused the edit outright (e.g. a staff device editing products); the local doc was reverted. */
  onRefused(collection: CatalogCollection, docId: string): void;
  now(): number;
}

const key = (collection: string, docId: string) => `${collection}|${docId}`;

/** A local doc in wire form. */
function wireOf(doc: Doc): Doc {
  return { ...toWire(doc)!, _deleted: false };
}

/** What the sync engine needs of the outbox: the pusher it shares, the wait before movements, the rebase of pulls. */
export type CatalogEdits = Pick<CatalogOutbox, 'attach' | 'idle' | 'has' | 'rebase'>;

export class CatalogOutbox {
  private entries = new Map<string, OutboxDoc>();
  private push: PushFn | null = null;
  private readonly flusher = new Rerunnable(async () => {
    try {
      for (const c of CATALOG_COLLECTIONS) await this.exclusive(() => this.flushCollection(c));
    } catch (err) {
      // Aborted on close, or the local write failed: the rows stay for the next flush.
      if (!(err instanceof Error && err.name === 'AbortedError')) console.warn('[sync] catalog push:', err);
    }
  });
  /**
   * Entries whose last push the server took exactly as sent while the doc was
   * edited again. The server answers such a push with nothing, so this device
   * does not know the seq it now has: any version pulled meanwhile may be older
   * (an echo of an earlier push) and is not rebased onto. Safe, because the
   * next push carries its assumed state and the server merges field-wise.
   */
  private readonly acceptedUnseen = new Set<string>();
  /**
   * Local edits (note + write) and a flush's reads/adoptions of the same docs
   * take turns: a flush that read a doc between an edit's note and its write,
   * or adopted the server's doc over it, would lose the edit. Never held over
   * the network.
   */
  private readonly localTurns = new SerialQueue();

  private local<T>(fn: () => Promise<T>): Promise<T> {
    return this.localTurns.run(fn);
  }
  /** Rebase (pull) and push of the same rows must not interleave. */
  private readonly pushTurns = new SerialQueue();

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.pushTurns.run(fn);
  }

  private constructor(
    private readonly db: StockroomDatabase,
    private readonly hooks: OutboxHooks,
  ) {}

  static async open(db: StockroomDatabase, hooks: OutboxHooks): Promise<CatalogOutbox> {
    const box = new CatalogOutbox(db, hooks);
    for (const d of await db.outbox.find().exec()) box.entries.set(d.id, d.toJSON() as OutboxDoc);
    return box;
  }

  get size(): number {
    return this.entries.size;
  }

  has(collection: CatalogCollection, docId: string): boolean {
    return this.entries.has(key(collection, docId));
  }

  /** Use the replication's pusher (retries, refusal isolation). Flushes what is waiting. */
  attach(push: PushFn): void {
    this.push = push;
    if (this.entries.size > 0) void this.flush();
  }

  /**
   * Record local edits and store them: `befores` are the local docs as they
   * were (the server state, unless an earlier edit is still waiting), `write`
   * stores the new versions. Then push.
   */
  async record(
    collection: CatalogCollection,
    befores: Array<{ id: string; before: Doc | null }>,
    write: () => Promise<void>,
  ): Promise<void> {
    await this.local(async () => {
      await this.note(collection, befores);
      await write();
    });
    void this.flush();
  }

  private async note(collection: CatalogCollection, befores: Array<{ id: string; before: Doc | null }>): Promise<void> {
    const fresh: OutboxDoc[] = [];
    for (const { id, before } of befores) {
      const k = key(collection, id);
      if (this.entries.has(k)) continue; // keep the state the FIRST unsynced edit was based on
      const entry: OutboxDoc = { id: k, target: collection, docId: id, assumed: before ? toWire(before) : null, at: this.hooks.now() };
      this.entries.set(k, entry);
      fresh.push(entry);
    }
    if (fresh.length > 0) await this.db.outbox.bulkUpsert(fresh);
  }

  /**
   * A newer server version of a doc this device edited arrived by pull:
   * keep the device's changed fields on top of it, except where the server
   * changed the same field (server wins, device told), and rebase the edit on it.
   */
  rebase(collection: CatalogCollection, master: Doc): Promise<Doc> {
    return this.exclusive(() => this.rebaseNow(collection, master));
  }

  private async rebaseNow(collection: CatalogCollection, master: Doc): Promise<Doc> {
    const k = key(collection, String(master.id));
    const entry = this.entries.get(k);
    if (!entry) return master;
    const local = (await localTable(this.db, collection).findByIds([String(master.id)])).get(String(master.id)) as Doc | undefined;
    if (!local) return master;
    // Older than the server state this edit is based on (a local edit keeps its base's
    // seq, so the puller's seq check cannot see it): a late event, keep the local doc.
    if (this.acceptedUnseen.has(k) || (entry.assumed && Number(entry.assumed.seq) >= Number(master.seq))) return wireOf(local);
    const fields = MERGE_FIELDS[collection] as readonly string[];
    const { merged, lostFields } = mergeFields(master, entry.assumed, wireOf(local), fields);
    if (lostFields.length > 0) this.hooks.onOverride(collection, entry.docId, lostFields, master);
    const next = { ...entry, assumed: toWire(master) };
    this.entries.set(k, next);
    await this.db.outbox.upsert(next);
    return merged;
  }

  /** Push everything waiting, stores → products → stock (order matters for references). */
  flush(): Promise<void> {
    return this.flusher.run();
  }

  /** Detach from the pusher and wait for the flush in progress (the database closes next). */
  async close(): Promise<void> {
    this.push = null;
    await this.flusher.running;
  }

  /** Resolves when nothing is being pushed (movements wait for this). */
  async idle(): Promise<void> {
    if (this.entries.size > 0 && this.push && !this.flusher.running) void this.flush();
    await this.flusher.running;
  }

  private async flushCollection(collection: CatalogCollection): Promise<void> {
    const push = this.push;
    if (!push) return;
    let waiting = [...this.entries.values()].filter((e) => e.target === collection);
    if (collection === 'stock') {
      // (H4) A stock row whose product is itself still waiting here (written after this
      // flush pushed products, e.g. a CSV import in batches) would be refused by the
      // server as an unknown product and reverted: keep it for the next round.
      const ready = waiting.filter((e) => !this.entries.has(key('products', e.docId.slice(e.docId.indexOf(':') + 1))));
      if (ready.length < waiting.length) void this.flush(); // another round after this one
      waiting = ready;
    }
    const table = localTable(this.db, collection);
    for (let i = 0; i < waiting.length; i += 1000) {
      const batch = waiting.slice(i, i + 1000);
      const rows = await this.local(async () => {
        const locals = await table.findByIds(batch.map((e) => e.docId));
        const found: PushRow[] = [];
        const gone: OutboxDoc[] = [];
        for (const e of batch) {
          const local = locals.get(e.docId) as Doc | undefined;
          if (!local) gone.push(e);
          else found.push({ assumedMasterState: e.assumed, newDocumentState: wireOf(local) });
        }
        await this.drop(gone);
        return found;
      });
      if (rows.length === 0) continue;
      if (!this.push) return; // closing
      const result = await push(collection as CollectionName, rows);
      await this.local(() => this.settle(collection, rows, result));
    }
  }

  /** Adopt what the server returned, unless the doc was edited again meanwhile. */
  private async settle(collection: CatalogCollection, rows: PushRow[], result: Awaited<ReturnType<PushFn>>): Promise<void> {
    const fields = MERGE_FIELDS[collection] as readonly string[];
    const table = localTable(this.db, collection);
    const returned = new Map(result.docs.map((d) => [String(d.id), d]));
    const refused = new Set(result.refused);
    const done: OutboxDoc[] = [];
    const rebased: OutboxDoc[] = [];
    const adopt: Doc[] = [];
    const now = await table.findByIds(rows.map((r) => String(r.newDocumentState.id)));
    for (const row of rows) {
      const id = String(row.newDocumentState.id);
      const entry = this.entries.get(key(collection, id))!;
      const current = now.get(id) as Doc | undefined;
      const changedSince = !!current && !sameValue(wireOf(current), row.newDocumentState);
      if (refused.has(id)) {
        // Not allowed / invalid: put the server state back locally.
        if (!changedSince) {
          if (entry.assumed) adopt.push({ ...entry.assumed, _deleted: false });
          else if (current) await table.remove(id);
        }
        this.hooks.onRefused(collection, id);
        done.push(entry);
        continue;
      }
      const server = returned.get(id);
      if (server) {
        const lost = overriddenFields(fields, row, server);
        if (lost.length > 0) this.hooks.onOverride(collection, id, lost, server);
      }
      if (changedSince) {
        // Edited again while we pushed: keep it waiting, based on what the server now has.
        rebased.push({ ...entry, assumed: toWire(server ?? row.newDocumentState) });
        if (server) this.acceptedUnseen.delete(entry.id);
        else this.acceptedUnseen.add(entry.id);
      } else {
        if (server) adopt.push(server);
        done.push(entry);
      }
    }
    if (adopt.length > 0) await table.bulkUpsert(adopt as never[]);
    if (rebased.length > 0) {
      for (const e of rebased) this.entries.set(e.id, e);
      await this.db.outbox.bulkUpsert(rebased);
    }
    await this.drop(done);
  }

  private async drop(entries: OutboxDoc[]): Promise<void> {
    for (const e of entries) {
      this.entries.delete(e.id);
      this.acceptedUnseen.delete(e.id);
    }
    if (entries.length > 0) await this.db.outbox.bulkRemove(entries.map((e) => e.id));
  }
}
