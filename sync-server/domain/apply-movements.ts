import {
  canSeeStore,
  decideMovement,
  stockId,
  type DeviceIdentity,
  type MovementDoc,
  type MovementPush,
  type StockDoc,
} from '../../shared/index.js';
import type { WriteTx } from '../storage/storage.js';
import { ProblemError } from './problem-error.js';

export interface ApplyMovementsResult {
  /** Every pushed row as stored, with its verdict (DESIGN §3: all rows come back). */
  stored: MovementDoc[];
  /** Rows written by this call (for the change bus). */
  changed: { movements: MovementDoc[]; stock: StockDoc[] };
  accepted: number;
  rejected: number;
}

/** One stock row as the ledger walks a push: the row read once, its running level, and whether it moved. */
interface Level {
  row: StockDoc;
  exists: boolean;
  onHand: number;
  appliedSeq: number;
  moved: boolean;
}

/**
 * DESIGN §4 ledger. Runs inside ONE write transaction per push (the caller's tx):
 * - a known id returns the stored row unchanged (idempotency key); an id repeated within the push
 *   returns the row its first occurrence stored;
 * - unknown/invisible store or unknown product fails the whole request before anything is written;
 * - otherwise decideMovement() against the authoritative onHand, in the order sent; accepted rows
 *   move stock and get ledgerSeq = their own seq; rejected rows are kept with status rejected and
 *   ledgerSeq null.
 * Seqs: the push's new movements take consecutive seqs in the order sent; then every stock row they
 * moved is written once, with the next seqs (so stock.seq > its appliedSeq = ledgerSeq of the last
 * accepted movement on it). Each store, product and stock row is read once per push.
 * This is the only code that changes stock.onHand.
 */
export function applyMovements(
  tx: WriteTx,
  device: DeviceIdentity,
  rows: readonly MovementPush[],
  now: number,
): ApplyMovementsResult {
  const tenantId = device.tenantId;
  const storeRules = new Map<string, { allowNegativeStock: boolean }>();
  const knownProducts = new Set<string>();
  const levels = new Map<string, Level>();
  /** Per row: the stored movement when its id was already known before this push. */
  const known: (MovementDoc | undefined)[] = new Array(rows.length);
  const freshIds = new Set<string>();

  // Pass 1: validate everything first so a bad row changes nothing (reads only). The stock row
  // each new movement will move is read here too, once per push.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const existing = tx.getMovement(tenantId, row.id);
    if (existing) {
      if (!canSeeStore(device, existing.storeId)) {
        throw new ProblemError('forbidden-store', `Movement ${row.id} belongs to a store this device may not see`, { storeId: existing.storeId, id: row.id });
      }
      known[i] = existing;
      continue;
    }
    if (!storeRules.has(row.storeId)) {
      const store = tx.getStore(tenantId, row.storeId);
      if (!store || store._deleted) throw new ProblemError('unknown-store', `Store ${row.storeId} does not exist`, { storeId: row.storeId, id: row.id });
      if (!canSeeStore(device, row.storeId)) {
        throw new ProblemError('forbidden-store', `This device may not write to store ${row.storeId}`, { storeId: row.storeId, id: row.id });
      }
      storeRules.set(row.storeId, { allowNegativeStock: store.allowNegativeStock });
    }
    const sid = stockId(row.storeId, row.productId);
    if (!levels.has(sid)) {
      const stored = tx.getStock(tenantId, sid);
      // A stock row proves its product exists (foreign key); only products without one are looked up.
      if (!stored && !knownProducts.has(row.productId)) {
        if (!tx.productExists(tenantId, row.productId)) {
          throw new ProblemError('unknown-product', `Product ${row.productId} does not exist`, { productId: row.productId, id: row.id });
        }
        knownProducts.add(row.productId);
      }
      const base: StockDoc = stored ?? {
        id: sid, storeId: row.storeId, productId: row.productId, onHand: 0, appliedSeq: 0,
        reorderPoint: null, criticalPoint: null, updatedAt: now, seq: 0, _deleted: false,
      };
      levels.set(sid, { row: base, exists: stored !== null, onHand: base.onHand, appliedSeq: base.appliedSeq, moved: false });
    }
    freshIds.add(row.id);
  }

  // Pass 2: decide and insert in the order sent.
  const result: ApplyMovementsResult = { stored: [], changed: { movements: [], stock: [] }, accepted: 0, rejected: 0 };
  const storedNow = new Map<string, MovementDoc>();
  const moved: Level[] = [];
  let seq = freshIds.size > 0 ? tx.reserveSeqs(tenantId, freshIds.size) : 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const existing = known[i] ?? storedNow.get(row.id);
    if (existing) {
      result.stored.push(existing);
      continue;
    }
    const level = levels.get(stockId(row.storeId, row.productId))!;
    const verdict = decideMovement(level.onHand, storeRules.get(row.storeId)!, row);
    const mseq = seq++;
    let doc: MovementDoc;
    if (verdict.status === 'accepted') {
      doc = movementDoc(row, device.deviceId, now, mseq, 'accepted', mseq, verdict.balanceAfter, null);
      level.onHand = verdict.balanceAfter;
      level.appliedSeq = mseq;
      if (!level.moved) {
        level.moved = true;
        moved.push(level);
      }
      result.accepted++;
    } else {
      doc = movementDoc(row, device.deviceId, now, mseq, 'rejected', null, null, verdict.rejection);
      result.rejected++;
    }
    tx.insertMovement(tenantId, doc);
    storedNow.set(row.id, doc);
    result.stored.push(doc);
    result.changed.movements.push(doc);
  }

  // Each stock row the push moved is written once, after its movements.
  if (moved.length > 0) {
    let stockSeq = tx.reserveSeqs(tenantId, moved.length);
    for (const level of moved) {
      const updated: StockDoc = { ...level.row, onHand: level.onHand, appliedSeq: level.appliedSeq, updatedAt: now, seq: stockSeq++ };
      if (level.exists) tx.setStockLevel(tenantId, updated);
      else tx.putStock(tenantId, updated);
      result.changed.stock.push(updated);
    }
  }
  return result;
}

/** The stored movement: the device's fields as sent (deviceId from the token) plus the server's verdict. */
function movementDoc(
  row: MovementPush,
  deviceId: string,
  now: number,
  seq: number,
  status: 'accepted' | 'rejected',
  ledgerSeq: number | null,
  balanceAfter: number | null,
  rejection: MovementDoc['rejection'],
): MovementDoc {
  return {
    id: row.id, storeId: row.storeId, productId: row.productId, kind: row.kind, delta: row.delta,
    reason: row.reason, ticketId: row.ticketId, countedQty: row.countedQty, expectedQty: row.expectedQty,
    deviceId, actor: row.actor, clientTime: row.clientTime, serverTime: now, seq, _deleted: false,
    status, ledgerSeq, balanceAfter, rejection,
  };
}
