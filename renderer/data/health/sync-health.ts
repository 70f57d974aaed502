/**
 * The sync bar's state (DESIGN §5): connection, pending count and age, last sync, exceptions,
 * first-sync progress. Fed by the sync engine's events and by the pending list; the time of the
 * last sync is kept on the device (at most one write per 5 s: every pulled page marks it).
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import type { CollectionName } from '../../../shared/index.js';
import type { SyncHealth } from '../api.js';
import { LocalRecord } from '../local/local-state.js';
import type { StockroomDatabase } from '../local/database.js';
import type { PendingMovements } from '../push/pending-movements.js';
import type { ReplicationEvent } from '../wire/sync-events.js';

/** Share of the first sync per collection, for the progress bar (movements follow in the background). */
const INITIAL_WEIGHTS: Partial<Record<CollectionName, number>> = { stores: 0.02, products: 0.49, stock: 0.49 };
const LAST_SYNC_WRITE_EVERY_MS = 5000;

export class SyncHealthState {
  private readonly subject: BehaviorSubject<SyncHealth>;
  private lastSyncWrite = 0;
  /** The server's seq when the first sync started: how far along a page is. */
  private targetSeq: number | null = null;
  private readonly fractions = new Map<CollectionName, number>();

  private constructor(
    private readonly syncMeta: LocalRecord<{ lastSyncAt: number | null }>,
    private readonly pending: PendingMovements,
    private readonly now: () => number,
    syncing: boolean,
  ) {
    this.subject = new BehaviorSubject<SyncHealth>({
      connection: 'connecting',
      pendingCount: 0,
      oldestPendingAt: null,
      lastSyncAt: syncMeta.value.lastSyncAt,
      exceptionCount: 0,
      initialSync: { running: syncing, collection: null, loaded: 0, fraction: null },
      lastError: null,
      unauthenticated: false,
    });
    this.refreshPending();
  }

  static async open(db: StockroomDatabase, pending: PendingMovements, now: () => number, syncing: boolean): Promise<SyncHealthState> {
    const syncMeta = await LocalRecord.open<{ lastSyncAt: number | null }>(db, 'sync-meta', { lastSyncAt: null });
    return new SyncHealthState(syncMeta, pending, now, syncing);
  }

  get value(): SyncHealth {
    return this.subject.value;
  }

  get value$(): Observable<SyncHealth> {
    return this.subject.asObservable();
  }

  patch(p: Partial<SyncHealth>): void {
    this.subject.next({ ...this.subject.value, ...p });
  }

  /** After the pending list changed (only emits when the bar would change). */
  refreshPending(): void {
    const size = this.pending.size;
    const oldest = this.pending.oldestAt();
    const h = this.subject.value;
    if (h.pendingCount !== size || h.oldestPendingAt !== oldest) this.patch({ pendingCount: size, oldestPendingAt: oldest });
  }

  setTargetSeq(seq: number): void {
    this.targetSeq = seq > 0 ? seq : null;
  }

  initialSyncDone(): void {
    this.patch({ initialSync: { ...this.subject.value.initialSync, running: false, fraction: 1 } });
  }

  /** The engine's events that say something about the connection or the first sync. */
  onEvent(e: ReplicationEvent): void {
    switch (e.type) {
      case 'transport-ok':
      case 'stream-event':
      case 'stream-connected':
        this.markSynced();
        break;
      case 'transport-error':
      case 'stream-disconnected':
        this.patch({ connection: 'offline', lastError: e.message });
        break;
      case 'unauthenticated':
        this.patch({ unauthenticated: true, connection: 'offline' });
        break;
      case 'pulled':
        this.markSynced();
        this.onPage(e.collection, e.count, e.more, e.checkpoint?.seq ?? null);
        break;
      default:
        break;
    }
  }

  private markSynced(): void {
    const t = this.now();
    this.patch({ lastSyncAt: t, connection: 'online', lastError: null });
    if (t - this.lastSyncWrite > LAST_SYNC_WRITE_EVERY_MS) {
      this.lastSyncWrite = t;
      void this.syncMeta.update(() => ({ lastSyncAt: t }));
    }
  }

  private onPage(collection: CollectionName, count: number, more: boolean, seq: number | null): void {
    const init = this.subject.value.initialSync;
    if (!init.running) return;
    const previous = this.fractions.get(collection) ?? 0;
    this.fractions.set(collection, !more ? 1 : this.targetSeq && seq !== null ? Math.min(0.99, seq / this.targetSeq) : previous);
    let fraction = 0;
    for (const [c, w] of Object.entries(INITIAL_WEIGHTS) as [CollectionName, number][]) fraction += w * (this.fractions.get(c) ?? 0);
    this.patch({ initialSync: { running: true, collection, loaded: init.loaded + count, fraction } });
  }
}
