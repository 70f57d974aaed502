/**
 * Push side of movement replication (DESIGN §3).
 *
 * A device only ever creates movements: each is written locally as `pending`
 * and never edited after, so the work list is simply "pending movements"
 * (pending-movements.ts). No per-document replication bookkeeping is
 * needed (RxDB's replication meta doubled the writes of every pulled
 * movement). Batches go up oldest first through the shared pusher (retries,
 * refusal isolation); the server answers every row as stored, with its
 * verdict, and that answer is written like a pulled page.
 */
import { Subscription } from 'rxjs';
import type { MovementDoc } from '../../../shared/index.js';
import { plainDoc, rawFind, type StockroomDatabase } from '../local/database.js';
import { PendingMovements } from './pending-movements.js';
import type { PushFn } from './pusher.js';
import { Rerunnable } from '../async/rerunnable.js';

export interface MovementPushOptions {
  db: StockroomDatabase;
  push: PushFn;
  batchSize: number;
  /** The client's list (it shows the count too); without one the pusher loads and follows its own. */
  pending?: PendingMovements;
  /** Awaited before each batch: catalog edits go up first. */
  before?: () => Promise<void>;
  /** Rows the server refused with a problem (not a verdict; kept by the client): never sent again. */
  wasRefused(id: string): boolean;
  /** Write the server's answer locally (the movement puller's write path). */
  adopt(docs: Record<string, unknown>[]): Promise<void>;
  onPushed(count: number): void;
  /** Pushing cannot go on (aborted, or the device was revoked). */
  onFatal(err: unknown): void;
}

export class MovementPusher {
  private stopped = false;
  private readonly passes = new Rerunnable(async () => {
    try {
      await this.pushPending();
    } catch (err) {
      this.o.onFatal(err);
    }
  });
  private readonly subs = new Subscription();
  private readonly pending: PendingMovements;

  constructor(private readonly o: MovementPushOptions) {
    this.pending = o.pending ?? new PendingMovements(o.wasRefused);
  }

  /** Push what is pending now, and every new movement as it is written. */
  async start(): Promise<void> {
    const movements = this.o.db.movements;
    if (!this.o.pending) {
      // Follow first, then read: a sale written in between is not missed (a stale read only costs a resend).
      this.subs.add(this.pending.follow(movements));
      this.pending.track(await rawFind(movements));
    }
    this.subs.add(
      movements.eventBulks$.subscribe((bulk) => {
        if (bulk.events.some((e) => e.operation === 'INSERT' && (e.documentData as MovementDoc).status === 'pending')) {
          void this.schedule();
        }
      }),
    );
    void this.schedule();
  }

  /** Run a push pass now, or once more after the one under way. Never rejects. */
  schedule(): Promise<void> {
    return this.stopped ? Promise.resolve() : this.passes.run();
  }

  /** Resolves once no push pass is under way. */
  async idle(): Promise<void> {
    while (this.passes.running) await this.passes.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subs.unsubscribe();
    await this.idle();
  }

  private async pushPending(): Promise<void> {
    // Each row at most once per pass: a row the server did not answer waits for the next pass.
    const sent = new Set<string>();
    for (;;) {
      if (this.stopped) return;
      const ids = this.pending.oldest(this.o.batchSize, (id) => sent.has(id) || this.o.wasRefused(id));
      if (ids.length === 0) return;
      // Listed before its local write finished, or answered meanwhile: the next pass has it.
      ids.forEach((id) => sent.add(id));
      const stored = (await this.o.db.movements.storageInstance.findDocumentsById(ids, false)).map((row) => plainDoc<MovementDoc>(row));
      const byId = new Map(stored.filter((m) => m.status === 'pending').map((m) => [m.id, m]));
      const batch = ids.flatMap((id) => byId.get(id) ?? []);
      if (batch.length === 0) continue;
      await this.o.before?.();
      // Stored rows without RxDB's bookkeeping fields: the wire format.
      const rows = batch.map((m) => ({ assumedMasterState: null, newDocumentState: m as unknown as Record<string, unknown> }));
      const result = await this.o.push('movements', rows);
      this.o.onPushed(rows.length);
      await this.o.adopt(result.docs);
    }
  }
}
