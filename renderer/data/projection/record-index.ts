import { BehaviorSubject, type Observable } from 'rxjs';
import type { CollectionDocs } from '../../../shared/index.js';
import type { RecordCollection, RecordRow } from '../local/record-collections.js';

type Doc<C extends RecordCollection> = CollectionDocs[C];

/**
 * The documents of the small collections (settings, till users, suppliers, purchase orders,
 * transfers, resolutions) in memory, by collection: read at start, then kept by the change
 * stream of `records`. Screens read them synchronously or as observables.
 */
export class RecordIndex {
  private readonly byCollection = new Map<RecordCollection, Map<string, unknown>>();
  private readonly subjects = new Map<RecordCollection, BehaviorSubject<readonly unknown[]>>();

  /** Applies stored rows (a start-up read or a change batch); deleted rows leave. */
  applyRows(rows: ReadonlyArray<Partial<RecordRow> & { _deleted?: boolean }>): void {
    const touched = new Set<RecordCollection>();
    for (const row of rows) {
      if (!row.table || !row.doc) continue;
      const map = this.map(row.table);
      const id = String(row.doc.id);
      if (row._deleted) map.delete(id);
      else map.set(id, { ...row.doc, _deleted: false });
      touched.add(row.table);
    }
    for (const c of touched) this.subjectOf(c).next([...this.map(c).values()]);
  }

  get<C extends RecordCollection>(collection: C, id: string): Doc<C> | undefined {
    return this.map(collection).get(id) as Doc<C> | undefined;
  }

  list<C extends RecordCollection>(collection: C): readonly Doc<C>[] {
    return this.subjectOf(collection).value as readonly Doc<C>[];
  }

  list$<C extends RecordCollection>(collection: C): Observable<readonly Doc<C>[]> {
    return this.subjectOf(collection).asObservable() as Observable<readonly Doc<C>[]>;
  }

  private map(c: RecordCollection): Map<string, unknown> {
    let m = this.byCollection.get(c);
    if (!m) {
      m = new Map();
      this.byCollection.set(c, m);
    }
    return m;
  }

  private subjectOf(c: RecordCollection): BehaviorSubject<readonly unknown[]> {
    let s = this.subjects.get(c);
    if (!s) {
      s = new BehaviorSubject<readonly unknown[]>([]);
      this.subjects.set(c, s);
    }
    return s;
  }
}
