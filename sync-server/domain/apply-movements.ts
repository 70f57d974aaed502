import {
  canSeeStore,
  checkVoid,
  decideMovement,
  rejection,
  stockId,
  type DeviceIdentity,
  type LedgerVerdict,
  type MovementDoc,
  type MovementPush,
  type Rejection,
  type StockDoc,
} from '../../shared/index.js';
import type { WriteTx } from '../storage/storage.js';
import { ProblemError } from './problem-error.js';

export interface ApplyMovementsResult {
  /** Every pushed row as stored, with its verdict (DESIGN §3: all rows come back). */
  stored: MovementDoc[];
  /** Rows written by this call (for the change feed). */
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
 * - a store this device may not write fails the whole request (`forbidden-store`) before anything
 *   is written; every other problem is a per-row verdict, so one bad row never blocks the rows
 *   behind it (DESIGN §3);
 * - a movement for a store that does not exist (or was deleted) or a product that does not exist is
 *   rejected `unknown-store` / `unknown-product` and not stored (there is nothing to attach it to:
 *   the tables' foreign keys); it comes back with `seq: 0` and a retry is decided again;
 * - transfer movements are rejected `invalid-transfer` until transfers exist;
 * - a void is checked against its ticket's accepted sale line (`invalid-void`, shared/ledger.ts);
 * - otherwise decideMovement() against the authoritative onHand, in the order sent; accepted rows
 *   move stock and get ledgerSeq = their own seq; rejected rows are kept with status rejected and
 *   ledgerSeq null.
 * Seqs: the push's stored movements take consecutive seqs in the order sent; then every stock row
 * they moved is written once, with the next seqs (so stock.seq > its appliedSeq = ledgerSeq of the
 * last accepted movement on it). Each store, product and stock row is read once per push.
 * This is the only code that changes stock.onHand.
 */
export function applyMovements(
  tx: WriteTx,
  device: DeviceIdentity,
  rows: readonly MovementPush[],
  now: number,
): ApplyMovementsResult {
  const tenantId = device.tenantId;
  const storeRules = new Map<string, { allowNegativeStock: boolean } | null>();
  const productKnown = new Map<string, boolean>();
  const levels = new Map<string, Level>();
  /** Per row: the stored movement when its id was already known before this push. */
  const known: (MovementDoc | undefined)[] = new Array(rows.length);
  /** Per row: a verdict reached without the stock row (unknown store or product); not stored. */
  const unknown: (Rejection | undefined)[] = new Array(rows.length);
  const freshIds = new Set<string>();

  // Pass 1, reads only: refuse the request for a store this device may not write, and find
  // each new movement's store rules and stock row (read once per push).
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
    if (!canSeeStore(device, row.storeId)) {
      throw new ProblemError('forbidden-store', `This device may not write to store ${row.storeId}`, { storeId: row.storeId, id: row.id });
    }
    if (!storeRules.has(row.storeId)) {
      const store = tx.getStore(tenantId, row.storeId);
      storeRules.set(row.storeId, store && !store._deleted ? { allowNegativeStock: store.allowNegativeStock } : null);
    }
    if (storeRules.get(row.storeId) === null) {
      unknown[i] = rejection('unknown-store', row.delta, 0, 'This store does not exist (or was deleted)');
      continue;
    }
    const sid = stockId(row.storeId, row.productId);
    if (!levels.has(sid)) {
      const stored = tx.getStock(tenantId, sid);
      // A stock row proves its product exists (foreign key); only products without one are looked up.
      if (!stored) {
        let exists = productKnown.get(row.productId);
        if (exists === undefined) {
          exists = tx.productExists(tenantId, row.productId);
          productKnown.set(row.productId, exists);
        }
        if (!exists) {
          unknown[i] = rejection('unknown-product', row.delta, 0, 'This product does not exist');
          continue;
        }
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
    const refused = unknown[i];
    if (refused) {
      const doc = movementDoc(row, device.deviceId, now, 0, { status: 'rejected', rejection: refused });
      storedNow.set(row.id, doc);
      result.stored.push(doc);
      result.rejected++;
      continue;
    }
    const level = levels.get(stockId(row.storeId, row.productId))!;
    const verdict = decide(tx, tenantId, row, level.onHand, storeRules.get(row.storeId)!);
    const mseq = seq++;
    const doc = movementDoc(row, device.deviceId, now, mseq, verdict);
    if (verdict.status === 'accepted') {
      level.onHand = verdict.balanceAfter;
      level.appliedSeq = mseq;
      if (!level.moved) {
        level.moved = true;
        moved.push(level);
      }
      result.accepted++;
    } else {
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

/** The verdict on one new movement of a known store × product, against its running level. */
function decide(
  tx: WriteTx,
  tenantId: string,
  row: MovementPush,
  onHand: number,
  store: { allowNegativeStock: boolean },
): LedgerVerdict {
  // Transfers and purchase orders move stock through their own rules (later); until then a
  // movement that names one is refused rather than applied without them.
  if (row.transferId !== null || row.kind === 'transfer_out' || row.kind === 'transfer_in') {
    return { status: 'rejected', rejection: rejection('invalid-transfer', row.delta, 0, 'No such transfer') };
  }
  if (row.purchaseOrderId !== null) {
    return { status: 'rejected', rejection: rejection('invalid-purchase-order', row.delta, 0, 'No such purchase order') };
  }
  switch (row.kind) {
    case 'void': {
      // Reads this transaction's own inserts too: a sale earlier in the same push counts.
      const line = row.ticketId === null ? { sold: 0, voided: 0 } : tx.ticketLine(tenantId, row.storeId, row.productId, row.ticketId);
      const refused = checkVoid(row.ticketId, line, row.delta);
      if (refused) return { status: 'rejected', rejection: refused };
      return decideMovement(onHand, store, row);
    }
    default:
      return decideMovement(onHand, store, row);
  }
}

/** The stored movement: the device's fields as sent (deviceId from the token) plus the server's verdict. */
function movementDoc(row: MovementPush, deviceId: string, now: number, seq: number, verdict: LedgerVerdict): MovementDoc {
  const accepted = verdict.status === 'accepted';
  return {
    id: row.id, storeId: row.storeId, productId: row.productId, kind: row.kind, delta: row.delta,
    reason: row.reason, ticketId: row.ticketId, transferId: row.transferId, purchaseOrderId: row.purchaseOrderId,
    unitPriceCents: row.unitPriceCents, unitCostCents: row.unitCostCents, countedQty: row.countedQty, expectedQty: row.expectedQty,
    deviceId, actor: row.actor, clientTime: row.clientTime, serverTime: now, seq, _deleted: false,
    status: verdict.status,
    ledgerSeq: accepted ? seq : null,
    balanceAfter: accepted ? verdict.balanceAfter : null,
    rejection: accepted ? null : verdict.rejection,
  };
}
