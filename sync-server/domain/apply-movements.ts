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

/**
 * DESIGN §4 ledger. Runs inside ONE write transaction per push (the caller's tx):
 * - a known id returns the stored row unchanged (idempotency key);
 * - unknown/invisible store or unknown product fails the whole request before anything is written;
 * - otherwise decideMovement() against the authoritative onHand; accepted rows move stock and get
 *   ledgerSeq = their own seq; rejected rows are kept with status rejected and ledgerSeq null.
 * This is the only code that changes stock.onHand.
 */
export function applyMovements(
  tx: WriteTx,
  device: DeviceIdentity,
  rows: readonly MovementPush[],
  now: number,
): ApplyMovementsResult {
  const tenantId = device.tenantId;
  const storeCache = new Map<string, { allowNegativeStock: boolean }>();

  // Pass 1: validate everything first so a bad row changes nothing.
  for (const row of rows) {
    const existing = tx.getMovement(tenantId, row.id);
    if (existing) {
      if (!canSeeStore(device, existing.storeId)) {
        throw new ProblemError('forbidden-store', `Movement ${row.id} belongs to a store this device may not see`, { storeId: existing.storeId, id: row.id });
      }
      continue;
    }
    if (!storeCache.has(row.storeId)) {
      const store = tx.getStore(tenantId, row.storeId);
      if (!store || store._deleted) throw new ProblemError('unknown-store', `Store ${row.storeId} does not exist`, { storeId: row.storeId, id: row.id });
      storeCache.set(row.storeId, { allowNegativeStock: store.allowNegativeStock });
    }
    if (!canSeeStore(device, row.storeId)) {
      throw new ProblemError('forbidden-store', `This device may not write to store ${row.storeId}`, { storeId: row.storeId, id: row.id });
    }
    if (!tx.getProduct(tenantId, row.productId)) {
      throw new ProblemError('unknown-product', `Product ${row.productId} does not exist`, { productId: row.productId, id: row.id });
    }
  }

  // Pass 2: apply in the order sent.
  const result: ApplyMovementsResult = { stored: [], changed: { movements: [], stock: [] }, accepted: 0, rejected: 0 };
  const touchedStock = new Map<string, StockDoc>();
  for (const row of rows) {
    const existing = tx.getMovement(tenantId, row.id);
    if (existing) {
      result.stored.push(existing);
      continue;
    }
    const rules = storeCache.get(row.storeId)!;
    const sid = stockId(row.storeId, row.productId);
    const stock: StockDoc = touchedStock.get(sid) ??
      tx.getStock(tenantId, sid) ?? {
        id: sid, storeId: row.storeId, productId: row.productId, onHand: 0, appliedSeq: 0,
        reorderPoint: null, criticalPoint: null, updatedAt: now, seq: 0, _deleted: false,
      };
    const verdict = decideMovement(stock.onHand, rules, { kind: row.kind, delta: row.delta });
    const seq = tx.nextSeq(tenantId);
    const base = {
      id: row.id, storeId: row.storeId, productId: row.productId, kind: row.kind, delta: row.delta,
      reason: row.reason, ticketId: row.ticketId, countedQty: row.countedQty, expectedQty: row.expectedQty,
      deviceId: device.deviceId, actor: row.actor, clientTime: row.clientTime, serverTime: now, seq, _deleted: false,
    };
    let doc: MovementDoc;
    if (verdict.status === 'accepted') {
      doc = { ...base, status: 'accepted', ledgerSeq: seq, balanceAfter: verdict.balanceAfter, rejection: null };
      tx.insertMovement(tenantId, doc);
      const updated: StockDoc = { ...stock, onHand: verdict.balanceAfter, appliedSeq: seq, updatedAt: now, seq: tx.nextSeq(tenantId) };
      tx.putStock(tenantId, updated);
      touchedStock.set(sid, updated);
      result.accepted++;
    } else {
      doc = { ...base, status: 'rejected', ledgerSeq: null, balanceAfter: null, rejection: verdict.rejection };
      tx.insertMovement(tenantId, doc);
      result.rejected++;
    }
    result.stored.push(doc);
    result.changed.movements.push(doc);
  }
  result.changed.stock = [...touchedStock.values()];
  return result;
}
