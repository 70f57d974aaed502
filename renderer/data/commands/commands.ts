/**
 * Pure builders for the movements a device writes. Validation is the shared
 * `movementRuleViolations` + zod field schemas (the same rules the server
 * applies), never a copy of them. A refusal is a `CommandError` of coded
 * problems, which screens put in the person's words (ui/command-error-text.ts).
 */
import {
  LIMITS,
  movementFields,
  movementRuleViolations,
  reasonSchema,
  uuidv7,
  type MovementDoc,
  type MovementKind,
} from '../../../shared/index.js';

export interface DeviceContext {
  deviceId: string;
  actor: string | null;
  now?: () => number;
}

/** What a command refuses, in codes (the UI words them; `message` is the English fallback). */
export type CommandProblem =
  | { code: 'no-store' }
  | { code: 'no-lines' }
  | { code: 'unknown-product'; productId: string }
  | { code: 'qty-invalid'; productId?: string }
  | { code: 'qty-too-big'; productId?: string; max: number }
  | { code: 'reason-missing' }
  | { code: 'reason-too-long'; max: number }
  | { code: 'nothing-to-void' }
  | { code: 'void-too-much'; productId: string; left: number }
  | { code: 'delta-zero' }
  | { code: 'not-allowed' }
  | { code: 'transfer-unknown' }
  | { code: 'transfer-not-draft' }
  | { code: 'transfer-same-store' }
  | { code: 'transfer-finished' }
  | { code: 'transfer-nothing-in-transit' }
  | { code: 'transfer-not-on-it'; productId: string }
  | { code: 'transfer-too-much'; productId: string; left: number }
  | { code: 'supplier-unknown' }
  | { code: 'po-unknown' }
  | { code: 'po-not-draft' }
  | { code: 'po-not-out' }
  | { code: 'po-cannot-cancel' }
  | { code: 'po-other-store' }
  | { code: 'po-not-on-it'; productId: string }
  | { code: 'po-line-closed'; productId: string }
  | { code: 'po-too-much'; productId: string; left: number }
  | { code: 'invalid'; detail: string };

function describe(p: CommandProblem): string {
  switch (p.code) {
    case 'no-store': return 'no store selected';
    case 'no-lines': return 'add at least one line';
    case 'unknown-product': return `unknown product ${p.productId}`;
    case 'qty-invalid': return 'a quantity must be a whole number of at least 1';
    case 'qty-too-big': return `a quantity may be at most ${p.max}`;
    case 'reason-missing': return 'a reason is needed';
    case 'reason-too-long': return `a reason may have at most ${p.max} characters`;
    case 'nothing-to-void': return 'nothing on this ticket to void';
    case 'void-too-much': return `only ${p.left} can still be voided`;
    case 'delta-zero': return 'the change must not be 0';
    case 'not-allowed': return 'only a manager or the owner may do this';
    case 'transfer-unknown': return 'no such transfer on this device';
    case 'transfer-not-draft': return 'this transfer is no longer a draft';
    case 'transfer-same-store': return 'a transfer goes from one store to another';
    case 'transfer-finished': return 'this transfer is closed or cancelled';
    case 'transfer-nothing-in-transit': return 'nothing of this transfer is in transit';
    case 'transfer-not-on-it': return `product ${p.productId} is not on this transfer`;
    case 'transfer-too-much': return `only ${p.left} more of this line`;
    case 'supplier-unknown': return 'no such supplier on this device';
    case 'po-unknown': return 'no such purchase order on this device';
    case 'po-not-draft': return 'this purchase order is no longer a draft';
    case 'po-not-out': return 'this purchase order is not out with the supplier';
    case 'po-cannot-cancel': return 'only a draft or an order nothing has arrived of can be cancelled';
    case 'po-other-store': return 'this purchase order is for another store';
    case 'po-not-on-it': return `product ${p.productId} is not on this purchase order`;
    case 'po-line-closed': return `the line of product ${p.productId} is closed`;
    case 'po-too-much': return `only ${p.left} more of this line are on order`;
    case 'invalid': return p.detail;
  }
}

export class CommandError extends Error {
  constructor(readonly problems: CommandProblem[]) {
    super(problems.map(describe).join('; '));
    this.name = 'CommandError';
  }
}

interface Draft {
  storeId: string;
  productId: string;
  kind: MovementKind;
  delta: number;
  reason?: string | null;
  ticketId?: string | null;
  transferId?: string | null;
  purchaseOrderId?: string | null;
  unitPriceCents?: number | null;
  unitCostCents?: number | null;
  countedQty?: number | null;
  expectedQty?: number | null;
  clientTime?: number;
}

/** A new local movement: `pending`, server-owned fields null, `seq` 0 until the server stamps it. */
export function newMovement(draft: Draft, ctx: DeviceContext): MovementDoc {
  const clientTime = draft.clientTime ?? (ctx.now ?? Date.now)();
  const doc: MovementDoc = {
    id: uuidv7(clientTime),
    storeId: draft.storeId,
    productId: draft.productId,
    kind: draft.kind,
    delta: draft.delta,
    reason: draft.reason?.trim() ? draft.reason.trim() : null,
    ticketId: draft.ticketId ?? null,
    transferId: draft.transferId ?? null,
    purchaseOrderId: draft.purchaseOrderId ?? null,
    unitPriceCents: draft.unitPriceCents ?? null,
    unitCostCents: draft.unitCostCents ?? null,
    countedQty: draft.countedQty ?? null,
    expectedQty: draft.expectedQty ?? null,
    deviceId: ctx.deviceId,
    actor: ctx.actor,
    clientTime,
    status: 'pending',
    ledgerSeq: null,
    serverTime: null,
    balanceAfter: null,
    rejection: null,
    seq: 0,
    _deleted: false,
  };
  const problems: CommandProblem[] = movementRuleViolations(doc).map((detail) => ({ code: 'invalid', detail }));
  for (const [field, schema] of Object.entries(movementFields)) {
    const r = schema.safeParse(doc[field as keyof typeof movementFields]);
    if (!r.success) problems.push({ code: 'invalid', detail: `${field}: ${r.error.issues[0]?.message ?? 'invalid'}` });
  }
  if (problems.length > 0) throw new CommandError(problems);
  return doc;
}

/** Why a line quantity is not one, or null when it is (a whole number, 1 … LIMITS.quantity). */
export function qtyProblem(qty: number, productId?: string): CommandProblem | null {
  if (!Number.isInteger(qty) || qty < 1) return { code: 'qty-invalid', productId };
  if (qty > LIMITS.quantity) return { code: 'qty-too-big', productId, max: LIMITS.quantity };
  return null;
}

function parseReason(reason: string): string {
  const parsed = reasonSchema.safeParse(reason);
  if (parsed.success) return parsed.data;
  throw new CommandError([reason.trim().length > LIMITS.reasonLength ? { code: 'reason-too-long', max: LIMITS.reasonLength } : { code: 'reason-missing' }]);
}

export interface Line {
  productId: string;
  qty: number;
}

/** A line and what it is worth per unit (price charged for sales, cost paid for receipts). */
export interface PricedLine extends Line {
  unitCents: number | null;
}

/** Merge lines of the same product (a scanner beeping twice = qty 2); the first line's price stays. */
export function mergeLines<L extends Line>(lines: readonly L[]): L[] {
  const byId = new Map<string, L>();
  for (const l of lines) {
    const prev = byId.get(l.productId);
    byId.set(l.productId, prev ? { ...prev, qty: prev.qty + l.qty } : { ...l });
  }
  return [...byId.values()];
}

function checkedLines<L extends Line>(lines: readonly L[]): L[] {
  const merged = mergeLines(lines);
  if (merged.length === 0) throw new CommandError([{ code: 'no-lines' }]);
  const bad = merged.map((l) => qtyProblem(l.qty, l.productId)).filter((p): p is CommandProblem => p !== null);
  if (bad.length > 0) throw new CommandError(bad);
  return merged;
}

/** One `sale` movement per line, all sharing one ticketId, each with the price charged. */
export function saleMovements(storeId: string, lines: readonly PricedLine[], ctx: DeviceContext): MovementDoc[] {
  const merged = checkedLines(lines);
  const now = (ctx.now ?? Date.now)();
  const ticketId = uuidv7(now);
  return merged.map((l) =>
    newMovement({ storeId, productId: l.productId, kind: 'sale', delta: -l.qty, ticketId, unitPriceCents: l.unitCents, clientTime: now }, ctx),
  );
}

/** `receipt` lines of one delivery, sharing one ticketId, each with the cost paid; the delivery note goes in `reason`. */
export function receiptMovements(
  storeId: string,
  lines: readonly PricedLine[],
  reference: string | null,
  ctx: DeviceContext,
): MovementDoc[] {
  const merged = checkedLines(lines);
  const now = (ctx.now ?? Date.now)();
  const ticketId = uuidv7(now);
  return merged.map((l) =>
    newMovement(
      { storeId, productId: l.productId, kind: 'receipt', delta: l.qty, ticketId, reason: reference, unitCostCents: l.unitCents, clientTime: now },
      ctx,
    ),
  );
}

/**
 * `void` movements reversing the sale lines of a ticket (same ticketId, same price).
 * Rejected lines never changed stock, so they are not reversed.
 */
export function voidMovements(ticketLines: readonly MovementDoc[], reason: string, ctx: DeviceContext): MovementDoc[] {
  const why = parseReason(reason);
  const sales = ticketLines.filter((m) => m.kind === 'sale' && m.status !== 'rejected');
  if (sales.length === 0) throw new CommandError([{ code: 'nothing-to-void' }]);
  const now = (ctx.now ?? Date.now)();
  return sales.map((m) =>
    newMovement(
      { storeId: m.storeId, productId: m.productId, kind: 'void', delta: -m.delta, ticketId: m.ticketId, reason: why, unitPriceCents: m.unitPriceCents, clientTime: now },
      ctx,
    ),
  );
}

/**
 * Void (or return) `qty` of one sale line of a past ticket, at the price it was sold for.
 * `left` is what can still be voided of that line (sold − voided so far).
 */
export function lineVoidMovement(sale: MovementDoc, qty: number, left: number, reason: string, ctx: DeviceContext): MovementDoc {
  const why = parseReason(reason);
  const bad = qtyProblem(qty, sale.productId);
  if (bad) throw new CommandError([bad]);
  if (sale.kind !== 'sale' || sale.status === 'rejected' || sale.ticketId === null) throw new CommandError([{ code: 'nothing-to-void' }]);
  if (qty > left) throw new CommandError([{ code: 'void-too-much', productId: sale.productId, left }]);
  return newMovement(
    { storeId: sale.storeId, productId: sale.productId, kind: 'void', delta: qty, ticketId: sale.ticketId, reason: why, unitPriceCents: sale.unitPriceCents },
    ctx,
  );
}

export function adjustmentMovement(
  storeId: string,
  productId: string,
  delta: number,
  reason: string,
  ctx: DeviceContext,
): MovementDoc {
  if (!Number.isInteger(delta) || delta === 0) throw new CommandError([{ code: 'delta-zero' }]);
  if (Math.abs(delta) > LIMITS.quantity) throw new CommandError([{ code: 'qty-too-big', productId, max: LIMITS.quantity }]);
  return newMovement({ storeId, productId, kind: 'adjustment', delta, reason: parseReason(reason) }, ctx);
}

/** A `count`: delta = counted − expected, where expected is the level the counter saw. */
export function countMovement(
  storeId: string,
  productId: string,
  countedQty: number,
  expectedQty: number,
  ctx: DeviceContext,
): MovementDoc {
  if (!Number.isInteger(countedQty) || countedQty < 0) throw new CommandError([{ code: 'qty-invalid', productId }]);
  if (countedQty > LIMITS.quantity) throw new CommandError([{ code: 'qty-too-big', productId, max: LIMITS.quantity }]);
  return newMovement(
    { storeId, productId, kind: 'count', delta: countedQty - expectedQty, countedQty, expectedQty },
    ctx,
  );
}
