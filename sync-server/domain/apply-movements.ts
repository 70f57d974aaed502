import {
  applyPurchaseOrderReceipt,
  applyTransferMovement,
  canSeeStore,
  checkPurchaseOrderMovement,
  checkTransferMovement,
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
  type StoreDoc,
  type TicketLine,
  type PurchaseOrderDoc,
  type TransferDoc,
  isTransferMovement,
} from '../../shared/index.js';
import type { WriteTx } from '../storage/storage.js';
import { LinkedDocuments } from './linked-documents.js';
import { ProblemError } from './problem-error.js';

export interface ApplyMovementsResult {
  /** Every pushed row as stored, with its verdict (DESIGN §3: all rows come back). */
  stored: MovementDoc[];
  /** Rows written by this call (for the change feed). */
  changed: { movements: MovementDoc[]; stock: StockDoc[]; transfers: TransferDoc[]; purchaseOrders: PurchaseOrderDoc[] };
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
 * DESIGN §4 ledger. Runs inside ONE write transaction per push (the caller's tx), which holds
 * the tenant's write lock (storage.ts): every level, id and ticket line read here stays true
 * until the commit, whichever instance or process writes next.
 * - a known id returns the stored row unchanged (idempotency key); an id repeated within the push
 *   returns the row its first occurrence stored;
 * - a store this device may not write fails the whole request (`forbidden-store`) before anything
 *   is written; every other problem is a per-row verdict, so one bad row never blocks the rows
 *   behind it (DESIGN §3);
 * - a movement for a store that does not exist (or was deleted) or a product that does not exist is
 *   rejected `unknown-store` / `unknown-product` and not stored (there is nothing to attach it to:
 *   the tables' foreign keys); it comes back with `seq: 0` and a retry is decided again;
 * - a movement of a transfer (dispatch, receipt, return, write-off) is checked against its transfer
 *   document as it stands after this push's earlier rows (`invalid-transfer`, shared/transfers.ts)
 *   before the stock rules; each transfer an accepted row moved is written once, after the stock
 *   rows, with its derived counters and state (so its seq is after its movements': the device
 *   projects its own unapplied movements on top, like stock);
 * - a receipt naming a purchase order is checked against it the same way (`invalid-purchase-order`,
 *   shared/purchase-orders.ts) and moves its line's `received` and its state;
 * - a void is checked against its ticket's accepted sale line (`invalid-void`, shared/ledger.ts),
 *   the stored line plus what this push accepted before it;
 * - otherwise decideMovement() against the authoritative onHand, in the order sent; accepted rows
 *   move stock and get ledgerSeq = their own seq; rejected rows are kept with status rejected and
 *   ledgerSeq null.
 * Seqs: the push's stored movements take consecutive seqs in the order sent; then every stock row
 * they moved is written once, with the next seqs (so stock.seq > its appliedSeq = ledgerSeq of the
 * last accepted movement on it). Reads are batched (ids, stores, stock rows, products: one call
 * each), so a networked database answers a push in a few round trips, not one per row.
 * This is the only code that changes stock.onHand.
 */
export async function applyMovements(
  tx: WriteTx,
  device: DeviceIdentity,
  rows: readonly MovementPush[],
  now: number,
): Promise<ApplyMovementsResult> {
  const tenantId = device.tenantId;
  const levels = new Map<string, Level>();
  /** Per row: the stored movement when its id was already known before this push. */
  const known: (MovementDoc | undefined)[] = new Array(rows.length);
  /** Per row: a verdict reached without the stock row (unknown store or product); not stored. */
  const unknown: (Rejection | undefined)[] = new Array(rows.length);
  const freshIds = new Set<string>();

  // Pass 1, reads only: refuse the request for a store this device may not write, and find
  // each new movement's store rules and stock row.
  const stored = await tx.getMovements(tenantId, uniq(rows.map((r) => r.id)));
  const fresh: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const existing = stored.get(row.id);
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
    fresh.push(i);
  }
  const stores = fresh.length > 0 ? await tx.getStores(tenantId, uniq(fresh.map((i) => rows[i]!.storeId))) : new Map<string, StoreDoc>();
  const storeRules = (storeId: string) => {
    const store = stores.get(storeId);
    return store && !store._deleted ? { allowNegativeStock: store.allowNegativeStock } : null;
  };
  const inKnownStore = fresh.filter((i) => storeRules(rows[i]!.storeId) !== null);
  const stockRows = inKnownStore.length > 0
    ? await tx.getStocks(tenantId, uniq(inKnownStore.map((i) => stockId(rows[i]!.storeId, rows[i]!.productId))))
    : new Map<string, StockDoc>();
  // A stock row proves its product exists (foreign key); only products without one are looked up.
  const unseen = uniq(inKnownStore.filter((i) => !stockRows.has(stockId(rows[i]!.storeId, rows[i]!.productId))).map((i) => rows[i]!.productId));
  const products = unseen.length > 0 ? await tx.existingProducts(tenantId, unseen) : new Set<string>();
  const transfers = await LinkedDocuments.load(tx, tenantId, 'transfers', fresh.map((i) => rows[i]!.transferId));
  const orders = await LinkedDocuments.load(tx, tenantId, 'purchaseOrders', fresh.map((i) => rows[i]!.purchaseOrderId));
  for (const i of fresh) {
    const row = rows[i]!;
    if (storeRules(row.storeId) === null) {
      unknown[i] = rejection('unknown-store', row.delta, 0, 'This store does not exist (or was deleted)');
      continue;
    }
    const sid = stockId(row.storeId, row.productId);
    if (!levels.has(sid)) {
      const existing = stockRows.get(sid) ?? null;
      if (!existing && !products.has(row.productId)) {
        unknown[i] = rejection('unknown-product', row.delta, 0, 'This product does not exist');
        continue;
      }
      const base: StockDoc = existing ?? {
        id: sid, storeId: row.storeId, productId: row.productId, onHand: 0, appliedSeq: 0,
        reorderPoint: null, criticalPoint: null, updatedAt: now, seq: 0, _deleted: false,
      };
      levels.set(sid, { row: base, exists: existing !== null, onHand: base.onHand, appliedSeq: base.appliedSeq, moved: false });
    }
    freshIds.add(row.id);
  }

  // Pass 2: decide in the order sent.
  const result: ApplyMovementsResult = { stored: [], changed: { movements: [], stock: [], transfers: [], purchaseOrders: [] }, accepted: 0, rejected: 0 };
  const storedNow = new Map<string, MovementDoc>();
  const moved: Level[] = [];
  /** What this push accepted on each ticket line (store × product × ticket), on top of the stored lines. */
  const ticketLines = new Map<string, TicketLine>();
  let seq = freshIds.size > 0 ? await tx.reserveSeqs(tenantId, freshIds.size) : 0;
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
    const transfer = transfers.get(row.transferId);
    const order = orders.get(row.purchaseOrderId);
    const rules = storeRules(row.storeId)!;
    // The push schema lets only a receipt name an order and never a receipt name a transfer, so a row has one or the other.
    const verdict = row.purchaseOrderId !== null
      ? linkedVerdict(checkPurchaseOrderMovement(order, row), level.onHand, rules, row)
      : isTransferMovement(row)
        ? linkedVerdict(checkTransferMovement(transfer, row, device.role), level.onHand, rules, row)
        : await decide(tx, tenantId, row, level.onHand, rules, ticketLines);
    const mseq = seq++;
    const doc = movementDoc(row, device.deviceId, now, mseq, verdict);
    if (verdict.status === 'accepted') {
      if (transfer) transfers.set(transfer.id, applyTransferMovement(transfer, row, now));
      if (order) orders.set(order.id, applyPurchaseOrderReceipt(order, row, now));
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
    storedNow.set(row.id, doc);
    result.stored.push(doc);
    result.changed.movements.push(doc);
  }
  if (result.changed.movements.length > 0) await tx.insertMovements(tenantId, result.changed.movements);

  // Each stock row the push moved is written once, after its movements.
  if (moved.length > 0) {
    let stockSeq = await tx.reserveSeqs(tenantId, moved.length);
    const levelsSet: StockDoc[] = [];
    for (const level of moved) {
      const updated: StockDoc = { ...level.row, onHand: level.onHand, appliedSeq: level.appliedSeq, updatedAt: now, seq: stockSeq++ };
      if (level.exists) levelsSet.push(updated);
      else await tx.putStock(tenantId, updated);
      result.changed.stock.push(updated);
    }
    if (levelsSet.length > 0) await tx.setStockLevels(tenantId, levelsSet);
  }

  // Each transfer and order the push moved is written once, last.
  result.changed.transfers = await transfers.writeMoved(tx, tenantId);
  result.changed.purchaseOrders = await orders.writeMoved(tx, tenantId);
  return result;
}

function uniq(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The verdict on one new movement of a known store × product, against its running level. */
async function decide(
  tx: WriteTx,
  tenantId: string,
  row: MovementPush,
  onHand: number,
  store: { allowNegativeStock: boolean },
  ticketLines: Map<string, TicketLine>,
): Promise<LedgerVerdict> {
  switch (row.kind) {
    case 'void': {
      // The stored line (this push's rows are inserted after the walk) plus this push's own
      // accepted sales and voids before this row.
      const own = row.ticketId === null ? null : pushedLine(row, ticketLines);
      const stored = row.ticketId === null ? null : await tx.ticketLine(tenantId, row.storeId, row.productId, row.ticketId);
      const line = own && stored ? { sold: stored.sold + own.sold, voided: stored.voided + own.voided } : { sold: 0, voided: 0 };
      const refused = checkVoid(row.ticketId, line, row.delta);
      if (refused) return { status: 'rejected', rejection: refused };
      const verdict = decideMovement(onHand, store, row);
      if (verdict.status === 'accepted' && own) own.voided += row.delta;
      return verdict;
    }
    case 'sale': {
      const verdict = decideMovement(onHand, store, row);
      if (verdict.status === 'accepted' && row.ticketId !== null) pushedLine(row, ticketLines).sold -= row.delta;
      return verdict;
    }
    default:
      return decideMovement(onHand, store, row);
  }
}

/** A movement of a transfer or purchase order: its document's rules first, then the stock rules (a dispatch may be short of stock like a sale). */
function linkedVerdict(refused: Rejection | null, onHand: number, store: { allowNegativeStock: boolean }, row: MovementPush): LedgerVerdict {
  return refused ? { status: 'rejected', rejection: refused } : decideMovement(onHand, store, row);
}

/** What this push accepted so far on the row's ticket × store × product (no read). */
function pushedLine(row: MovementPush, lines: Map<string, TicketLine>): TicketLine {
  const key = JSON.stringify([row.ticketId, row.storeId, row.productId]);
  let line = lines.get(key);
  if (!line) {
    line = { sold: 0, voided: 0 };
    lines.set(key, line);
  }
  return line;
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
