import { rejection } from './ledger.js';
import type { MovementKind, PurchaseOrderDoc, PurchaseOrderLine, PurchaseOrderState, Rejection } from './schemas/index.js';

/**
 * DESIGN §2 `purchaseOrders` and §4: receipts against a purchase order, as pure rules shared by
 * the server (which decides) and the device (which projects and computes what is on order).
 * Invariants:
 * - a line's `received` only grows, by accepted `receipt` movements naming the PO, at its store;
 * - a receipt never takes a line past what was ordered, nor lands on a line closed short, nor on
 *   an order that is not out (draft) or is finished (received, cancelled);
 * - on order per line = qty − received while the order is out and the line open, else 0;
 * - the state after `ordered` follows the lines: something received → partial; every line
 *   received in full or closed short → received.
 */

export interface PurchaseOrderMovement {
  kind: MovementKind;
  storeId: string;
  productId: string;
  delta: number;
  purchaseOrderId: string | null;
}

const refuse = (m: PurchaseOrderMovement, available: number, message: string): Rejection =>
  rejection('invalid-purchase-order', m.delta, available, message);

export function isOrderOut(state: PurchaseOrderState): boolean {
  return state === 'ordered' || state === 'partial';
}

/** Units of a line still expected from the supplier. */
export function onOrder(order: Pick<PurchaseOrderDoc, 'state'>, line: PurchaseOrderLine): number {
  if (!isOrderOut(order.state) || line.closedShortReason !== null) return 0;
  return Math.max(0, line.qty - line.received);
}

/** The rejection of a movement naming a purchase order, or null when it may go on to the stock rules. */
export function checkPurchaseOrderMovement(order: PurchaseOrderDoc | null, m: PurchaseOrderMovement): Rejection | null {
  if (m.purchaseOrderId === null) return null;
  if (!order || order._deleted) return refuse(m, 0, 'No such purchase order');
  if (m.kind !== 'receipt') return refuse(m, 0, 'Only receipts are booked against a purchase order');
  if (m.storeId !== order.storeId) return refuse(m, 0, 'This purchase order is for another store');
  if (order.state === 'draft') return refuse(m, 0, 'This purchase order has not been ordered yet');
  if (order.state === 'cancelled') return refuse(m, 0, 'This purchase order was cancelled');
  if (order.state === 'received') return refuse(m, 0, 'This purchase order was received in full');
  const line = order.lines.find((l) => l.productId === m.productId);
  if (!line) return refuse(m, 0, 'This product is not on the purchase order');
  if (line.closedShortReason !== null) return refuse(m, 0, 'This line was closed short');
  const left = line.qty - line.received;
  if (m.delta > left) return refuse(m, left, left === 0 ? 'This line was received in full' : `Only ${left} more of this line are on order`);
  return null;
}

/** The state the lines imply for an order that is out; other states stay as they are. */
export function derivePurchaseOrderState(lines: readonly PurchaseOrderLine[], prior: PurchaseOrderState): PurchaseOrderState {
  if (!isOrderOut(prior)) return prior;
  const done = lines.length > 0 && lines.every((l) => l.received >= l.qty || l.closedShortReason !== null);
  if (done) return 'received';
  return lines.some((l) => l.received > 0) ? 'partial' : 'ordered';
}

/** The order after one accepted receipt against it (checked first). */
export function applyPurchaseOrderReceipt(order: PurchaseOrderDoc, m: PurchaseOrderMovement, at: number): PurchaseOrderDoc {
  const lines = order.lines.map((l) => (l.productId === m.productId ? { ...l, received: l.received + m.delta } : l));
  return withDerivedState({ ...order, lines, updatedAt: Math.max(order.updatedAt, at) }, at);
}

/** The order with the state its lines imply, and `closedAt` stamped when it finishes. */
export function withDerivedState(order: PurchaseOrderDoc, at: number): PurchaseOrderDoc {
  const state = derivePurchaseOrderState(order.lines, order.state);
  const finished = state === 'received' || state === 'cancelled';
  return { ...order, state, closedAt: finished ? (order.closedAt ?? at) : null };
}
