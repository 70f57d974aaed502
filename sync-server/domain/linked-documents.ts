import type { CollectionDocs } from '../../shared/index.js';
import type { WriteTx } from '../storage/storage.js';

type Linked = 'transfers' | 'purchaseOrders';

/**
 * The documents a push's movements name (transfers, purchase orders), read once at the start of
 * the push and kept as working copies while the ledger walks its rows, so each row is decided
 * against what the rows before it did. Each document a row moved is written once at the end,
 * with a seq after its movements' (the device projects its unapplied movements on top, like stock).
 */
export class LinkedDocuments<C extends Linked> {
  private readonly docs = new Map<string, { doc: CollectionDocs[C] | null; moved: boolean }>();

  private constructor(private readonly collection: C) {}

  static async load<C extends Linked>(tx: WriteTx, tenantId: string, collection: C, ids: Iterable<string | null>): Promise<LinkedDocuments<C>> {
    const linked = new LinkedDocuments(collection);
    for (const id of new Set(ids)) {
      if (id !== null) linked.docs.set(id, { doc: await tx.getDoc(tenantId, collection, id), moved: false });
    }
    return linked;
  }

  get(id: string | null): CollectionDocs[C] | null {
    return id === null ? null : (this.docs.get(id)?.doc ?? null);
  }

  /** The working copy after an accepted row moved it. */
  set(id: string, doc: CollectionDocs[C]): void {
    this.docs.set(id, { doc, moved: true });
  }

  /** Writes every moved document once, each with the next seq; returns them as written. */
  async writeMoved(tx: WriteTx, tenantId: string): Promise<CollectionDocs[C][]> {
    const moved = [...this.docs.values()].flatMap((e) => (e.moved && e.doc ? [e.doc] : []));
    if (moved.length === 0) return [];
    let seq = await tx.reserveSeqs(tenantId, moved.length);
    const written = moved.map((doc) => ({ ...doc, seq: seq++ }));
    for (const doc of written) await tx.putDoc(tenantId, this.collection, doc);
    return written;
  }
}
