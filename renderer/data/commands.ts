/**
 * Pure builders for the movements a device writes. Validation is the shared
 * `movementRuleViolations` + zod field schemas (the same rules the server
 * applies), never a copy of them.
 */
import {
  LIMITS,
  movementFields,
  movementRuleViolations,
  reasonSchema,
  uuidv7,
  type MovementDoc,
  type MovementKind,
} from '../../shared/index.js';

export interface DeviceContext {
  deviceId: string;
  actor: string | null;
  now?: () => number;
}

export class CommandError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
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
  const problems = movementRuleViolations(doc);
  for (const [field, schema] of Object.entries(movementFields)) {
    const r = schema.safeParse(doc[field as keyof typeof movementFields]);
    if (!r.success) problems.push(`${field}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  }
  if (problems.length > 0) throw new CommandError(problems);
  return doc;
}

function positiveQty(qty: number): boolean {
  return Number.isInteger(qty) && qty > 0 && qty <= LIMITS.quantity;
}

export interface Line {
  productId: string;
  qty: number;
}

/** Merge lines of the same product (a scanner beeping twice = qty 2). */
export function mergeLines(lines: Line[]): Line[] {
  const byId = new Map<string, number>();
  for (const l of lines) byId.set(l.productId, (byId.get(l.productId) ?? 0) + l.qty);
  return [...byId].map(([productId, qty]) => ({ productId, qty }));
}

/** One `sale` movement per line, all sharing one ticketId. */
export function saleMovements(storeId: string, lines: Line[], ctx: DeviceContext): MovementDoc[] {
  const merged = mergeLines(lines);
  if (merged.length === 0) throw new CommandError(['a ticket needs at least one line']);
  const bad = merged.filter((l) => !positiveQty(l.qty));
  if (bad.length > 0) throw new CommandError(bad.map((l) => `quantity of ${l.productId} must be a positive whole number`));
  const now = (ctx.now ?? Date.now)();
  const ticketId = uuidv7(now);
  return merged.map((l) =>
    newMovement({ storeId, productId: l.productId, kind: 'sale', delta: -l.qty, ticketId, clientTime: now }, ctx),
  );
}

/** `receipt` lines of one delivery, sharing one ticketId; the delivery note goes in `reason`. */
export function receiptMovements(
  storeId: string,
  lines: Line[],
  reference: string | null,
  ctx: DeviceContext,
): MovementDoc[] {
  const merged = mergeLines(lines);
  if (merged.length === 0) throw new CommandError(['a delivery needs at least one line']);
  const bad = merged.filter((l) => !positiveQty(l.qty));
  if (bad.length > 0) throw new CommandError(bad.map((l) => `quantity of ${l.productId} must be a positive whole number`));
  const now = (ctx.now ?? Date.now)();
  const ticketId = uuidv7(now);
  return merged.map((l) =>
    newMovement(
      { storeId, productId: l.productId, kind: 'receipt', delta: l.qty, ticketId, reason: reference, clientTime: now },
      ctx,
    ),
  );
}

/**
 * `void` movements reversing the sale lines of a ticket (same ticketId).
 * Rejected lines never changed stock, so they are not reversed.
 */
export function voidMovements(ticketLines: MovementDoc[], reason: string, ctx: DeviceContext): MovementDoc[] {
  const parsed = reasonSchema.safeParse(reason);
  if (!parsed.success) throw new CommandError(['a void needs a reason (1–64 characters)']);
  const sales = ticketLines.filter((m) => m.kind === 'sale' && m.status !== 'rejected');
  if (sales.length === 0) throw new CommandError(['nothing on this ticket to void']);
  const now = (ctx.now ?? Date.now)();
  return sales.map((m) =>
    newMovement(
      { storeId: m.storeId, productId: m.productId, kind: 'void', delta: -m.delta, ticketId: m.ticketId, reason: parsed.data, clientTime: now },
      ctx,
    ),
  );
}

export function adjustmentMovement(
  storeId: string,
  productId: string,
  delta: number,
  reason: string,
  ctx: DeviceContext,
): MovementDoc {
  if (!Number.isInteger(delta) || delta === 0) throw new CommandError(['an adjustment changes the level by a whole number other than 0']);
  const parsed = reasonSchema.safeParse(reason);
  if (!parsed.success) throw new CommandError(['an adjustment needs a reason (1–64 characters)']);
  return newMovement({ storeId, productId, kind: 'adjustment', delta, reason: parsed.data }, ctx);
}

/** A `count`: delta = counted − expected, where expected is the level the counter saw. */
export function countMovement(
  storeId: string,
  productId: string,
  countedQty: number,
  expectedQty: number,
  ctx: DeviceContext,
): MovementDoc {
  if (!Number.isInteger(countedQty) || countedQty < 0) throw new CommandError(['the counted quantity must be 0 or more']);
  return newMovement(
    { storeId, productId, kind: 'count', delta: countedQty - expectedQty, countedQty, expectedQty },
    ctx,
  );
}
