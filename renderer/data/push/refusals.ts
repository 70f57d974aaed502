/**
 * Movements the server refused with a problem (not a verdict: e.g. a store this device may not
 * write to). Kept on the device so they are never pushed again, never counted in the projected
 * level, and shown as exceptions with the server's words.
 */
import type { Observable } from 'rxjs';
import type { Problem } from '../../../shared/index.js';
import type { StockroomDatabase } from '../local/database.js';
import { LocalRecord } from '../local/local-state.js';

export interface Refusal {
  message: string;
  problemType: string | null;
  at: number;
}

export class Refusals {
  private constructor(private readonly record: LocalRecord<Record<string, Refusal>>) {}

  static async open(db: StockroomDatabase): Promise<Refusals> {
    return new Refusals(await LocalRecord.open<Record<string, Refusal>>(db, 'push-refused', {}));
  }

  has(movementId: string): boolean {
    return movementId in this.record.value;
  }

  ids(): string[] {
    return Object.keys(this.record.value);
  }

  message(movementId: string): string | undefined {
    return this.record.value[movementId]?.message;
  }

  get value$(): Observable<Record<string, Refusal>> {
    return this.record.value$;
  }

  add(ids: readonly string[], message: string, problem: Problem | null, at: number): Promise<void> {
    return this.record.update((r) => {
      const next = { ...r };
      for (const id of ids) next[id] = { message, problemType: problem?.type ?? null, at };
      return next;
    });
  }
}
