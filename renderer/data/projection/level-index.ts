/**
 * Projected levels in memory (DESIGN §5), updated incrementally from the
 * stock and movement change streams. Each store × product keeps only the
 * movements that may still be missing from its stock row, so a read is O(1)
 * and a sale repaints without touching IndexedDB.
 */
import { isUnappliedMovement, projectLevel, stockId, type MovementDoc, type StockDoc } from '../../../shared/index.js';
import type { LevelIndex, ProjectedLevel } from '../api.js';

type LevelMovement = Pick<MovementDoc, 'id' | 'storeId' | 'productId' | 'delta' | 'status' | 'ledgerSeq'> & {
  _deleted?: boolean;
};

interface Slot {
  storeId: string;
  productId: string;
  stock: StockDoc | null;
  unapplied: Map<string, LevelMovement>;
  cached: ProjectedLevel | null;
}

export class MemoryLevelIndex implements LevelIndex {
  private slots = new Map<string, Slot>();
  private byStore = new Map<string, Map<string, Slot>>();
  /** Movements the server refused outright (not a verdict): never counted. */
  private excluded = new Set<string>();
  private ver = 0;
  private listeners = new Set<() => void>();

  private slot(storeId: string, productId: string): Slot {
    const key = stockId(storeId, productId);
    let s = this.slots.get(key);
    if (!s) {
      s = { storeId, productId, stock: null, unapplied: new Map(), cached: null };
      this.slots.set(key, s);
      let m = this.byStore.get(storeId);
      if (!m) this.byStore.set(storeId, (m = new Map()));
      m.set(productId, s);
    }
    return s;
  }

  private notify(): void {
    this.ver++;
    for (const l of this.listeners) l();
  }

  applyStock(docs: Iterable<StockDoc>): void {
    let changed = false;
    for (const doc of docs) {
      const s = this.slot(doc.storeId, doc.productId);
      s.stock = doc._deleted ? null : doc;
      const applied = s.stock?.appliedSeq ?? 0;
      // appliedSeq only grows: movements now inside onHand are done for good.
      for (const [id, m] of s.unapplied) if (!isUnappliedMovement(m, applied)) s.unapplied.delete(id);
      s.cached = null;
      changed = true;
    }
    if (changed) this.notify();
  }

  applyMovements(docs: Iterable<LevelMovement>): void {
    let changed = false;
    for (const m of docs) {
      const s = this.slot(m.storeId, m.productId);
      const had = s.unapplied.has(m.id);
      const counts =
        !m._deleted && !this.excluded.has(m.id) && isUnappliedMovement(m, s.stock?.appliedSeq ?? 0);
      if (counts) {
        const prev = s.unapplied.get(m.id);
        if (prev && prev.status === m.status && prev.ledgerSeq === m.ledgerSeq && prev.delta === m.delta) continue;
        s.unapplied.set(m.id, {
          id: m.id,
          storeId: m.storeId,
          productId: m.productId,
          delta: m.delta,
          status: m.status,
          ledgerSeq: m.ledgerSeq,
        });
      } else if (had) {
        s.unapplied.delete(m.id);
      } else {
        continue;
      }
      s.cached = null;
      changed = true;
    }
    if (changed) this.notify();
  }

  /** Stop counting movements the server refused outright (see replication push fallback). */
  exclude(ids: Iterable<string>): void {
    let changed = false;
    for (const id of ids) {
      if (this.excluded.has(id)) continue;
      this.excluded.add(id);
      for (const s of this.slots.values()) {
        if (s.unapplied.delete(id)) {
          s.cached = null;
          changed = true;
        }
      }
    }
    if (changed) this.notify();
  }

  get(storeId: string, productId: string): ProjectedLevel {
    const s = this.slots.get(stockId(storeId, productId));
    if (!s) return emptyLevel(storeId, productId);
    if (!s.cached) {
      const onHand = s.stock?.onHand ?? 0;
      const level = projectLevel(s.stock, s.unapplied.values());
      s.cached = {
        storeId,
        productId,
        level,
        onHand,
        unappliedDelta: level - onHand,
        reorderPoint: s.stock?.reorderPoint ?? null,
        criticalPoint: s.stock?.criticalPoint ?? null,
        hasStockRow: s.stock !== null,
        stocked: (s.stock?.appliedSeq ?? 0) > 0 || s.unapplied.size > 0,
      };
    }
    return s.cached;
  }

  forStore(storeId: string): ProjectedLevel[] {
    const m = this.byStore.get(storeId);
    if (!m) return [];
    return [...m.values()].map((s) => this.get(storeId, s.productId));
  }

  getStock(storeId: string, productId: string): StockDoc | undefined {
    return this.slots.get(stockId(storeId, productId))?.stock ?? undefined;
  }

  version = (): number => this.ver;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

function emptyLevel(storeId: string, productId: string): ProjectedLevel {
  return {
    storeId,
    productId,
    level: 0,
    onHand: 0,
    unappliedDelta: 0,
    reorderPoint: null,
    criticalPoint: null,
    hasStockRow: false,
    stocked: false,
  };
}
