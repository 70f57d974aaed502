/**
 * Device-only state kept in RxDB local documents (never replicated):
 * exception acknowledgements, rows the server refused, override notices,
 * the last sync time. In memory for synchronous reads, written through.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import { SerialQueue } from '../async/serial-queue.js';
import type { StockroomDatabase } from './database.js';

export class LocalRecord<T extends object> {
  private readonly subject: BehaviorSubject<T>;
  private readonly writes = new SerialQueue();

  private constructor(
    private readonly db: StockroomDatabase,
    private readonly id: string,
    initial: T,
  ) {
    this.subject = new BehaviorSubject(initial);
  }

  static async open<T extends object>(db: StockroomDatabase, id: string, fallback: T): Promise<LocalRecord<T>> {
    const doc = await db.getLocal<{ value: T }>(id);
    const value = (doc?.toJSON().data as { value?: T } | undefined)?.value ?? fallback;
    return new LocalRecord(db, id, value);
  }

  get value(): T {
    return this.subject.value;
  }

  get value$(): Observable<T> {
    return this.subject.asObservable();
  }

  /** Update in memory at once; persist in order. Resolves when stored. */
  update(fn: (current: T) => T): Promise<void> {
    const next = fn(this.subject.value);
    this.subject.next(next);
    return this.writes.run(async () => {
      await this.db.upsertLocal(this.id, { value: next });
    });
  }
}
