import type { TransferView, TransitAmounts } from '../api.js';
import {
  inTransit,
  isTransferOverdue,
  projectTransfer,
  type MovementDoc,
  type Role,
  type TransferDoc,
} from '../../../shared/index.js';

/** DESIGN §7's "in transit longer than N days" until the alert settings say otherwise. */
export const DEFAULT_OVERDUE_DAYS = 3;

const NONE: TransitAmounts = Object.freeze({ incoming: 0, outgoing: 0, overdueIncoming: 0 });

/**
 * The transfers this device sees, projected (DESIGN §5 applied to transfers, shared/transfers.ts):
 * each server document plus this device's movements of it that the document does not include yet,
 * so a dispatch or a receipt recorded offline shows at once on both the transfer and the
 * in-transit amounts. Fed by the `records` rows of `transfers` and by movement change events
 * (only those naming a transfer are kept). Projections are computed on read after a change and
 * cached until the next one.
 */
export class TransferIndex implements TransferView {
  private readonly docs = new Map<string, TransferDoc>();
  /** transferId → movementId → movement (this device's view of the ledger for that transfer). */
  private readonly movements = new Map<string, Map<string, MovementDoc>>();
  private projected: Map<string, TransferDoc> | null = null;
  private transit: Map<string, TransitAmounts> | null = null;
  private transitAt = 0;
  private ver = 0;
  private readonly listeners = new Set<() => void>();

  private overdue = DEFAULT_OVERDUE_DAYS;

  constructor(
    private readonly role: () => Role,
    private readonly now: () => number = Date.now,
  ) {}

  setOverdueDays(days: number): void {
    if (days === this.overdue) return;
    this.overdue = days;
    this.changed();
  }

  overdueDays(): number {
    return this.overdue;
  }

  /** The server's transfer documents as the records index holds them (the whole list on each change: a few hundred at most). */
  setDocs(docs: Iterable<TransferDoc>): void {
    this.docs.clear();
    for (const d of docs) this.docs.set(d.id, d);
    this.changed();
  }

  applyMovements(docs: Iterable<MovementDoc & { _deleted?: boolean }>): void {
    let touched = false;
    for (const m of docs) {
      if (m.transferId === null || m.transferId === undefined) continue;
      let map = this.movements.get(m.transferId);
      if (!map) {
        map = new Map();
        this.movements.set(m.transferId, map);
      }
      // Rejected ones stay listed (a transfer's page shows them with their verdict); the projection skips them.
      if (m._deleted) map.delete(m.id);
      else map.set(m.id, m);
      touched = true;
    }
    if (touched) this.changed();
  }

  /** Every transfer, projected, newest first. */
  all(): TransferDoc[] {
    return [...this.projection().values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  get(id: string): TransferDoc | undefined {
    return this.projection().get(id);
  }

  /** This device's movements of a transfer (pending, accepted and rejected), oldest first. */
  movementsOf(transferId: string): MovementDoc[] {
    return [...(this.movements.get(transferId)?.values() ?? [])].sort((a, b) => a.clientTime - b.clientTime);
  }

  inTransit(storeId: string, productId: string): TransitAmounts {
    const now = this.now();
    // Overdue depends on the clock: recomputed at most once a minute between changes.
    if (!this.transit || now - this.transitAt > 60_000) {
      this.transit = this.computeTransit(now);
      this.transitAt = now;
    }
    return this.transit.get(`${storeId}:${productId}`) ?? NONE;
  }

  version(): number {
    return this.ver;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private projection(): Map<string, TransferDoc> {
    if (!this.projected) {
      const role = this.role();
      const out = new Map<string, TransferDoc>();
      for (const doc of this.docs.values()) {
        if (doc._deleted) continue;
        const own = this.movements.get(doc.id);
        out.set(doc.id, own ? projectTransfer(doc, [...own.values()].sort((a, b) => a.clientTime - b.clientTime), role) : doc);
      }
      this.projected = out;
    }
    return this.projected;
  }

  private computeTransit(now: number): Map<string, TransitAmounts> {
    const days = this.overdue;
    const out = new Map<string, TransitAmounts>();
    const add = (key: string, field: keyof TransitAmounts, n: number) => {
      const cur = out.get(key) ?? { incoming: 0, outgoing: 0, overdueIncoming: 0 };
      cur[field] += n;
      out.set(key, cur);
    };
    for (const t of this.projection().values()) {
      if (t.state !== 'sent' && t.state !== 'partial') continue;
      const overdue = isTransferOverdue(t, days, now);
      for (const line of t.lines) {
        const n = inTransit(line);
        if (n <= 0) continue;
        add(`${t.toStoreId}:${line.productId}`, 'incoming', n);
        add(`${t.fromStoreId}:${line.productId}`, 'outgoing', n);
        if (overdue) add(`${t.toStoreId}:${line.productId}`, 'overdueIncoming', n);
      }
    }
    return out;
  }

  private changed(): void {
    this.projected = null;
    this.transit = null;
    this.ver++;
    for (const l of this.listeners) l();
  }
}
