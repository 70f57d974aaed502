/**
 * Pull side of replication (DESIGN §3) for every collection.
 *
 * Why not RxDB's replicateRxCollection: its upstream half runs even for
 * pull-only replications and scans every local document on start in batches
 * of 100, and with a push half it keeps a second copy of every document as
 * replication meta (on a first sync of 50 000 products, stock rows and
 * movements that doubled the IndexedDB writes and made the catalog take
 * minutes). This puller writes straight to the collection's storage in bulk
 * (as RxDB's own downstream does), fetching the next page while the previous
 * one is written; the seq checkpoint is kept in a local document. The server
 * is the authority on every pulled row, so a pulled row replaces the local one
 * unless the local one is newer by seq. Local catalog edits go up through the
 * outbox (catalog-outbox.ts), movements through movement-push.ts.
 */
import { createRevision, normalizeMangoQuery, now, prepareQuery, type RxCollection, type RxDocumentData } from 'rxdb';
import type { Checkpoint, CollectionName } from '../../../shared/index.js';
import { localTable, type LocalTable } from '../local/local-tables.js';
import { plainDoc, type StockroomDatabase } from '../local/database.js';
import { withRetry, type RetryHooks } from '../async/retry.js';
import { Rerunnable } from '../async/rerunnable.js';
import { SerialQueue } from '../async/serial-queue.js';
import { createWriteLane, type WriteLane } from '../local/write-lane.js';
import type { SyncApi } from '../wire/transport.js';
import { wireDocs, type WireDoc } from '../wire/wire-doc.js';

type Doc = WireDoc;
export interface CollectionPullOptions {
  db: StockroomDatabase;
  api: SyncApi;
  collection: CollectionName;
  identifier: string;
  batchSize: number;
  retry: RetryHooks;
  /** Shared by the collections' pullers: one local write at a time. */
  lane?: WriteLane;
  /** Rebase a pulled doc on a local unconfirmed edit (catalog outbox). */
  rebase?(doc: Doc): Promise<Record<string, unknown>>;
  hasLocalEdit?(id: string): boolean;
  /**
   * After a reset pass (the server's database was restored, DESIGN §3): what becomes of a
   * local document the server did not send. Default: it goes (the server no longer has it).
   */
  afterReset?(doc: Doc): 'keep' | 'delete' | Doc;
  onPage(count: number, checkpoint: Checkpoint | null, more: boolean): void;
}

export class CollectionPuller {
  private checkpoint: Checkpoint | null = null;
  private readonly puller = new Rerunnable(() => this.pullToEnd());
  /**
   * Pulled pages are written in order, and unlike a SerialQueue a failed write fails the
   * writes queued behind it: their checkpoints must not pass a page that was not written.
   */
  private writes: Promise<void> = Promise.resolve();
  private readonly saving = new SerialQueue();
  private saveQueued = false;
  private stopped = false;
  private readonly markerId: string;
  private readonly rx: RxCollection<Doc>;
  private readonly table: LocalTable<CollectionName>;
  private readonly lane: WriteLane;

  constructor(private readonly o: CollectionPullOptions) {
    this.lane = o.lane ?? createWriteLane();
    // `stores` v2: the server sends every store of the tenant (the directory) since transfers; a
    // checkpoint from before would never bring the stores it used to leave out.
    this.markerId = o.collection === 'stores' ? `pull|${o.identifier}|stores|v2` : `pull|${o.identifier}|${o.collection}`;
    this.table = localTable(o.db, o.collection);
    this.rx = this.table.rx as unknown as RxCollection<Doc>;
  }

  async start(): Promise<void> {
    const saved = (await this.o.db.getLocal<{ checkpoint: Checkpoint | null }>(this.markerId))?.toJSON().data as
      | { checkpoint: Checkpoint | null }
      | undefined;
    this.checkpoint = saved?.checkpoint ?? null;
    await this.resync();
  }

  /** Stop pulling and wait for the write in progress (the database closes next). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.writes.catch(() => undefined);
    await this.saving.idle();
  }

  /** Pull everything after the checkpoint (first sync, reconnect, "sync now"). */
  resync(): Promise<void> {
    return this.puller.run();
  }

  private async pullToEnd(): Promise<void> {
    // A failed write stops the writes queued behind it (their checkpoints must not pass
    // it) and fails that pull; the next one starts again from the last saved checkpoint.
    this.writes = this.writes.catch(() => undefined);
    let cp = this.checkpoint;
    /** Ids the server sent since it said `reset` (null: no reset in this pass). */
    let seen: Set<string> | null = null;
    // First sync into an empty collection: rows are inserts, no need to read before writing.
    const fresh = cp === null && (await this.rx.storageInstance.count(
      prepareQuery(this.rx.schema.jsonSchema, normalizeMangoQuery(this.rx.schema.jsonSchema, { selector: this.table.selector as never })),
    )).count === 0;
    for (;;) {
      const page = await withRetry(
        () => this.o.api.pull(this.o.collection, cp, this.o.batchSize, this.o.retry.signal),
        this.o.retry,
      );
      if (page.reset) {
        // A restored server: its seqs start again, so its rows replace ours whatever their seq,
        // and the checkpoint may go back. Rows it does not send are settled at the end.
        seen = new Set();
        this.checkpoint = null;
        console.warn(`[sync] ${this.o.collection}: the server's data was restored; syncing from the start`);
      }
      const next = page.checkpoint ?? cp;
      const more = page.documents.length >= this.o.batchSize;
      this.o.onPage(page.documents.length, next, more);
      if (seen) for (const d of page.documents) seen.add(String(d.id));
      // One write in flight while the next page downloads; the checkpoint moves only once written.
      this.enqueue(wireDocs(page.documents), next, fresh, seen !== null).catch(() => undefined); // surfaces below
      cp = next;
      if (!more || this.stopped) break;
    }
    await this.writes;
    if (seen && !this.stopped) await this.lane(() => this.settleAfterReset(seen));
    await this.saving.idle();
  }

  /** Local rows the restored server did not send: gone, kept (pending, local edits) or replaced. */
  private async settleAfterReset(seen: Set<string>): Promise<void> {
    const schema = this.rx.schema.jsonSchema;
    const all = (await this.rx.storageInstance.query(prepareQuery(schema, normalizeMangoQuery(schema, { selector: this.table.selector as never })))).documents;
    const lwt = now();
    const rows: { previous: RxDocumentData<Doc>; document: RxDocumentData<Doc> }[] = [];
    for (const previous of all) {
      const local = this.table.fromRow(plainDoc(previous)) as unknown as Doc;
      if (previous._deleted || seen.has(local.id) || this.o.hasLocalEdit?.(local.id)) continue;
      const decision = this.o.afterReset?.(local) ?? 'delete';
      if (decision === 'keep') continue;
      const doc = decision === 'delete' ? { ...local, _deleted: true } : decision;
      rows.push({
        previous,
        document: { ...this.table.toRow(doc as never), _meta: { lwt }, _rev: createRevision(this.o.db.token, previous), _attachments: {} } as unknown as RxDocumentData<Doc>,
      });
    }
    if (rows.length > 0) await this.rx.storageInstance.bulkWrite(rows, 'stockroom-reset');
  }

  /** Documents pushed by the server's stream. */
  onStream(documents: Doc[], checkpoint: Checkpoint): void {
    // While a resync runs, a stream checkpoint could jump past pages not written yet.
    // A failed write here is pulled again on the next resync (the checkpoint did not move).
    this.enqueue(documents, this.puller.running ? null : checkpoint).catch(() => undefined);
  }

  /** The server's answer to a push (rows as stored): written like pulled rows, checkpoint untouched. */
  adopt(documents: Doc[]): Promise<void> {
    return this.enqueue(documents, null);
  }

  private enqueue(docs: Doc[], checkpoint: Checkpoint | null, fresh = false, replace = false): Promise<void> {
    this.writes = this.writes.then(async () => {
      if (this.stopped) return;
      if (docs.length > 0) await this.lane(() => this.write(docs, fresh, replace));
      if (checkpoint && (!this.checkpoint || checkpoint.seq > this.checkpoint.seq || checkpoint.epoch !== this.checkpoint.epoch)) {
        this.saveCheckpoint(checkpoint);
      }
    });
    return this.writes;
  }

  /**
   * Store the checkpoint of a written page. Off the write chain, so the next
   * page's write does not wait for it, and coalesced: a save that has not
   * started yet takes the newest checkpoint.
   */
  private saveCheckpoint(checkpoint: Checkpoint): void {
    this.checkpoint = checkpoint;
    if (this.saveQueued) return;
    this.saveQueued = true;
    void this.saving.run(async () => {
      this.saveQueued = false;
      // A lost save only means pulling a few pages again.
      if (!this.stopped) await this.o.db.upsertLocal(this.markerId, { checkpoint: this.checkpoint }).catch((err: unknown) => {
        console.warn(`[sync] ${this.o.collection}: checkpoint not saved:`, err);
      });
    });
  }

  /** `replace`: the server's rows win whatever their seq (after a reset). */
  private async write(incoming: Doc[], fresh: boolean, replace = false): Promise<void> {
    // Last version of each id in this batch.
    const byId = new Map<string, Doc>();
    for (const d of incoming) {
      const prev = byId.get(d.id);
      if (!prev || prev.seq <= d.seq) byId.set(d.id, d);
    }
    const ids = [...byId.keys()];
    const existing = fresh ? [] : await this.rx.storageInstance.findDocumentsById(ids.map((id) => this.table.key(id)), true);
    const current = new Map(existing.map((row) => [String((this.table.fromRow(plainDoc(row)) as unknown as Doc).id), row]));
    const rows = await this.rows(ids, byId, current, replace);
    if (rows.length === 0) return;
    const res = await this.rx.storageInstance.bulkWrite(rows, 'stockroom-pull');
    if (res.error.length === 0) return;
    // The doc existed after all (or a local write raced us): write again on top of what is stored.
    const again = new Map<string, RxDocumentData<Doc>>();
    for (const e of res.error) {
      if (e.status === 409 && e.documentInDb) again.set(String((this.table.fromRow(plainDoc(e.documentInDb)) as unknown as Doc).id), e.documentInDb);
    }
    const retryRows = await this.rows([...again.keys()], byId, again, replace);
    if (retryRows.length === 0) return;
    const res2 = await this.rx.storageInstance.bulkWrite(retryRows, 'stockroom-pull');
    for (const e of res2.error) {
      const row = retryRows.find((r) => this.table.key(String((this.table.fromRow(plainDoc(r.document)) as unknown as Doc).id)) === e.documentId);
      if (row) await this.table.bulkUpsert([this.table.fromRow(plainDoc(row.document))]);
    }
  }

  private async rows(
    ids: string[],
    byId: Map<string, Doc>,
    current: Map<string, RxDocumentData<Doc>>,
    replace: boolean,
  ): Promise<{ previous?: RxDocumentData<Doc>; document: RxDocumentData<Doc> }[]> {
    const lwt = now();
    const rows: { previous?: RxDocumentData<Doc>; document: RxDocumentData<Doc> }[] = [];
    for (const id of ids) {
      let doc = byId.get(id)!;
      const previous = current.get(id);
      // Never go back to an older server version (a late stream event), and never rewrite the
      // version already held: a seq names one version, so the stream's echo of a movement whose
      // push answer was adopted (or a page pulled again after RESYNC) costs no write.
      if (!replace && previous && !previous._deleted && Number(previous.seq) > doc.seq) continue;
      if (!replace && previous && doc.seq > 0 && Number(previous.seq) === doc.seq && !!previous._deleted === !!doc._deleted) continue;
      if (this.o.rebase && this.o.hasLocalEdit?.(id)) doc = (await this.o.rebase(doc)) as Doc;
      rows.push({
        previous,
        document: {
          ...(this.table.toRow({ ...doc, _deleted: !!doc._deleted } as never) as Doc),
          _deleted: !!doc._deleted,
          _meta: { lwt },
          _rev: createRevision(this.o.db.token, previous),
          _attachments: {},
        } as RxDocumentData<Doc>,
      });
    }
    return rows;
  }
}
