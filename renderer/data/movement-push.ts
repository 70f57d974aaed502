/**
 * Push side of movement replication (DESIGN §3).
 *
 * A device only ever creates movements: each is written locally as `pending`
 * and never edited after, so the work list is simply "pending movements",
 * read from the status index. No per-document replication bookkeeping is
 * needed (RxDB's replication meta doubled the writes of every pulled
 * movement). Batches go up oldest first through the shared pusher (retries,
 * refusal isolation); the server answers every row as stored, with its
 * verdict, and that answer is written like a pulled page.
 */
import type { Subscription } from 'rxjs';
import type { MovementDoc } from '../../shared/index.js';
import { rawFind, type StockroomDatabase } from './database.js';
import type { PushFn } from './replication.js';
import { Rerunnable } from './rerunnable.js';

export interface MovementPushOptions {
  db: StockroomDatabase;
  push: PushFn;
  batchSize: number;
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
  private sub: Subscription | null = null;

  constructor(private readonly o: MovementPushOptions) {}

  /** Push what is pending now, and every new movement as it is written. */
  start(): void {
    this.sub = this.o.db.movements.eventBulks$.subscribe((bulk) => {
      if (bulk.events.some((e) => e.operation === 'INSERT' && (e.documentData as MovementDoc).status === 'pending')) {
        void this.schedule();
      }
    });
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
    this.sub?.unsubscribe();
    await this.idle();
  }

  private async pushPending(): Promise<void> {
    // Each row at most once per pass: a row the server did not answer waits for the next pass.
    const sent = new Set<string>();
    for (;;) {
      if (this.stopped) return;
      const batch = (await rawFind(this.o.db.movements, { status: 'pending' }))
        .filter((m) => !sent.has(m.id) && !this.o.wasRefused(m.id))
        .sort((a, b) => a.clientTime - b.clientTime || (a.id < b.id ? -1 : 1))
        .slice(0, this.o.batchSize);
      if (batch.length === 0) return;
      await this.o.before?.();
      // rawFind returns the stored rows without RxDB's bookkeeping fields: the wire format.
      const rows = batch.map((m) => ({ assumedMasterState: null, newDocumentState: m as unknown as Record<string, unknown> }));
      const result = await this.o.push('movements', rows);
      for (const m of batch) sent.add(m.id);
      this.o.onPushed(rows.length);
      await this.o.adopt(result.docs);
    }
  }
}
