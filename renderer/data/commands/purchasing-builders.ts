/**
 * Pure builders for purchasing (DESIGN §2 `suppliers`, `purchaseOrders`, §4): the documents an
 * owner or a manager writes (a supplier, a draft, ordering, cancelling, closing a line short)
 * and the receipts against an order. Receipts are checked against the order as this device
 * projects it, in the order and by the rules the server applies (shared/purchase-orders.ts), so
 * what the server would refuse is refused here, in coded problems the screens put in words.
 */
import {
  LIMITS,
  checkPurchaseOrderMovement,
  isOrderOut,
  purchaseOrderPushSchema,
  reasonSchema,
  supplierPushSchema,
  uuidv7,
  withDerivedState,
  type MovementDoc,
  type PurchaseOrderDoc,
  type SupplierDoc,
} from '../../../shared/index.js';
import type { ZodTypeAny } from 'zod';
import type { PurchaseOrderDraftInput, PurchaseReceiptLine, SupplierInput } from '../api.js';
import { CommandError, mergeLines, newMovement, qtyProblem, type CommandProblem, type DeviceContext } from './commands.js';

const DAY_MS = 86_400_000;
const text = (s: string | null | undefined): string | null => (s?.trim() ? s.trim() : null);

function parsed<T>(schema: ZodTypeAny, doc: T, what: string): T {
  const r = schema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CommandError([{ code: 'invalid', detail: issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : `invalid ${what}` }]);
  }
  return doc;
}

export function supplierDocument(input: SupplierInput, existing: SupplierDoc | undefined, now: number): SupplierDoc {
  const doc: SupplierDoc = {
    id: existing?.id ?? input.id ?? uuidv7(now),
    name: input.name.trim(),
    contact: text(input.contact),
    email: text(input.email),
    phone: text(input.phone),
    currency: input.currency.trim().toUpperCase(),
    leadTimeDays: input.leadTimeDays,
    minOrderCents: input.minOrderCents,
    notes: text(input.notes),
    active: input.active,
    updatedAt: Math.max(now, existing?.updatedAt ?? 0),
    seq: existing?.seq ?? 0,
    _deleted: false,
  };
  return parsed(supplierPushSchema, doc, 'supplier');
}

/** A draft as the device sends it: the lines with `qty` and cost, the server's `received` at 0. */
export function purchaseOrderDraftDocument(input: PurchaseOrderDraftInput, existing: PurchaseOrderDoc | undefined, now: number): PurchaseOrderDoc {
  if (existing && existing.state !== 'draft') throw new CommandError([{ code: 'po-not-draft' }]);
  const lines = mergeLines(input.lines);
  if (lines.length === 0) throw new CommandError([{ code: 'no-lines' }]);
  const bad = lines.map((l) => qtyProblem(l.qty, l.productId)).filter((p): p is CommandProblem => p !== null);
  if (bad.length > 0) throw new CommandError(bad);
  const doc: PurchaseOrderDoc = {
    id: existing?.id ?? input.id ?? uuidv7(now),
    supplierId: input.supplierId,
    storeId: existing?.storeId ?? input.storeId,
    note: text(input.note),
    lines: lines.map((l) => ({ productId: l.productId, qty: l.qty, unitCostCents: l.unitCostCents, received: 0, closedShortReason: null })),
    state: 'draft',
    createdAt: existing?.createdAt ?? now,
    orderedAt: null,
    expectedAt: null,
    closedAt: null,
    updatedAt: Math.max(now, existing?.updatedAt ?? 0),
    seq: existing?.seq ?? 0,
    _deleted: false,
  };
  return parsed(purchaseOrderPushSchema, doc, 'purchase order');
}

/** draft → ordered: sent to the supplier now, expected after its lead time. */
export function orderedDocument(order: PurchaseOrderDoc, supplier: SupplierDoc, now: number): PurchaseOrderDoc {
  if (order.state !== 'draft') throw new CommandError([{ code: 'po-not-draft' }]);
  if (order.lines.length === 0) throw new CommandError([{ code: 'no-lines' }]);
  const at = Math.max(now, order.updatedAt);
  return { ...order, state: 'ordered', orderedAt: at, expectedAt: at + supplier.leadTimeDays * DAY_MS, updatedAt: at };
}

/** draft | ordered (nothing arrived, judged on the projected order) → cancelled. */
export function cancelledOrderDocument(server: PurchaseOrderDoc, projected: PurchaseOrderDoc, now: number): PurchaseOrderDoc {
  if (projected.state !== 'draft' && projected.state !== 'ordered') throw new CommandError([{ code: 'po-cannot-cancel' }]);
  const at = Math.max(now, server.updatedAt);
  return { ...server, state: 'cancelled', closedAt: at, updatedAt: at };
}

/** The order with one open line closed short; the state follows the lines as on the server. */
export function closedShortDocument(server: PurchaseOrderDoc, productId: string, reason: string, now: number): PurchaseOrderDoc {
  if (!isOrderOut(server.state)) throw new CommandError([{ code: 'po-not-out' }]);
  const line = server.lines.find((l) => l.productId === productId);
  if (!line) throw new CommandError([{ code: 'po-not-on-it', productId }]);
  if (line.closedShortReason !== null) throw new CommandError([{ code: 'po-line-closed', productId }]);
  const r = reasonSchema.safeParse(reason);
  if (!r.success) throw new CommandError([reason.trim() ? { code: 'reason-too-long', max: LIMITS.reasonLength } : { code: 'reason-missing' }]);
  const at = Math.max(now, server.updatedAt);
  const lines = server.lines.map((l) => (l.productId === productId ? { ...l, closedShortReason: r.data } : l));
  return withDerivedState({ ...server, lines, updatedAt: at }, at);
}

function lineProblem(order: PurchaseOrderDoc, productId: string, qty: number): CommandProblem | null {
  const line = order.lines.find((l) => l.productId === productId);
  if (!line) return { code: 'po-not-on-it', productId };
  if (line.closedShortReason !== null) return { code: 'po-line-closed', productId };
  if (qty > line.qty - line.received) return { code: 'po-too-much', productId, left: line.qty - line.received };
  return null;
}

/** One `receipt` per product that arrived, sharing one ticketId, with the PO and the line's cost. */
export function purchaseReceiptMovements(order: PurchaseOrderDoc, arrived: readonly PurchaseReceiptLine[], ctx: DeviceContext): MovementDoc[] {
  if (!isOrderOut(order.state)) throw new CommandError([{ code: 'po-not-out' }]);
  const lines = mergeLines(arrived).filter((l) => l.qty !== 0);
  if (lines.length === 0) throw new CommandError([{ code: 'no-lines' }]);
  const problems = lines.map((l) => qtyProblem(l.qty, l.productId) ?? lineProblem(order, l.productId, l.qty)).filter((p): p is CommandProblem => p !== null);
  if (problems.length > 0) throw new CommandError(problems);
  const now = (ctx.now ?? Date.now)();
  const ticketId = uuidv7(now);
  return lines.map((l) => {
    const cost = order.lines.find((x) => x.productId === l.productId)?.unitCostCents ?? null;
    const m = newMovement({ storeId: order.storeId, productId: l.productId, kind: 'receipt', delta: l.qty, ticketId, purchaseOrderId: order.id, unitCostCents: cost, clientTime: now }, ctx);
    const refused = checkPurchaseOrderMovement(order, m);
    if (refused) throw new CommandError([{ code: 'invalid', detail: refused.message }]);
    return m;
  });
}
