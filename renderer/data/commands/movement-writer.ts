import type { MovementDoc } from '../../../shared/index.js';
import type { SyncHealthState } from '../health/sync-health.js';
import type { StockroomDatabase } from '../local/database.js';
import type { MemoryLevelIndex } from '../projection/level-index.js';
import type { PendingMovements } from '../push/pending-movements.js';

export type WriteMovements = (docs: MovementDoc[]) => Promise<void>;

/**
 * The one local write of movements every command uses: levels and the pending count repaint at
 * once, IndexedDB follows in one bulk insert (so the rows of one command are pushed together, in
 * clientTime order); rows that could not be saved are taken back out of the projection.
 */
export function movementWriter(deps: { db: StockroomDatabase; levels: MemoryLevelIndex; pending: PendingMovements; health: SyncHealthState }): WriteMovements {
  const { db, levels, pending, health } = deps;
  return async (docs) => {
    levels.applyMovements(docs);
    pending.track(docs);
    health.refreshPending();
    const res = await db.movements.bulkInsert(docs);
    if (res.error.length > 0) {
      const failed = res.error.map((e) => e.documentId);
      levels.applyMovements(docs.filter((d) => failed.includes(d.id)).map((d) => ({ ...d, _deleted: true })));
      pending.drop(failed);
      health.refreshPending();
      throw new Error(`could not save ${failed.length} movement(s) locally`);
    }
  };
}
