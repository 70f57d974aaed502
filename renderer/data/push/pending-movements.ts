/**
 * The device's movements still waiting for the server's answer, in memory
 * (id → clientTime). The pusher takes its work list from here, and the sync
 * health bar its count and oldest age.
 *
 * Why not a `status` index: every pulled movement (50 000 on a first sync)
 * paid for an index entry that only ever served the few pending ones. The
 * client reads every movement once at start-up anyway (the level index), and
 * every later write passes through the change stream, so this list is exact.
 */
import type { Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { MovementDoc } from '../../../shared/index.js';

type Tracked = Pick<MovementDoc, 'id' | 'status' | 'clientTime'> & { _deleted?: boolean };

export class PendingMovements {
  private readonly clientTimes = new Map<string, number>();

  /** `ignored`: movements never to list (the server refused them outright). */
  constructor(private readonly ignored: (id: string) => boolean = () => false) {}

  /** Take these movements' current state: pending ones are listed, any other state is not. */
  track(docs: Iterable<Tracked>): void {
    for (const m of docs) {
      if (m.status === 'pending' && !m._deleted && !this.ignored(m.id)) this.clientTimes.set(m.id, m.clientTime);
      else this.clientTimes.delete(m.id);
    }
  }

  drop(ids: Iterable<string>): void {
    for (const id of ids) this.clientTimes.delete(id);
  }

  /** Keep the list in step with every write to the collection (sales, pulled verdicts). */
  follow(movements: RxCollection<MovementDoc>): Subscription {
    return movements.eventBulks$.subscribe((bulk) => this.track(bulk.events.map((e) => e.documentData as Tracked)));
  }

  get size(): number {
    return this.clientTimes.size;
  }

  oldestAt(): number | null {
    let oldest: number | null = null;
    for (const t of this.clientTimes.values()) if (oldest === null || t < oldest) oldest = t;
    return oldest;
  }

  /** Up to `limit` ids, oldest first (ties by id, as uuidv7 ids sort by creation), leaving out `skip`. */
  oldest(limit: number, skip: (id: string) => boolean = () => false): string[] {
    return [...this.clientTimes]
      .filter(([id]) => !skip(id))
      .sort(([a, ta], [b, tb]) => ta - tb || (a < b ? -1 : 1))
      .slice(0, limit)
      .map(([id]) => id);
  }
}
