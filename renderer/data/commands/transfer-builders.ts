/**
 * Pure builders for transfers (DESIGN §2 `transfers`, §4 transfer rules): the draft document a
 * manager writes, and the movements of a dispatch, a receipt (with its write-offs) and a return.
 * Each is checked against the transfer as this device projects it with the same shared rules
 * the server applies (shared/transfers.ts), so what the server would refuse is refused here.
 */
import { inTransit, transferPushSchema, uuidv7, type MovementDoc, type TransferDoc, type TransferLine } from '../../../shared/index.js';
import type { TicketLineInput, TransferDraftInput, TransferWriteOff } from '../api.js';
import { CommandError, mergeLines, newMovement, qtyProblem, type CommandProblem, type DeviceContext } from './commands.js';

/** A draft document as the device sends it: lines with `qty`, the server's counters at 0. */
export function draftDocument(input: TransferDraftInput, existing: TransferDoc | undefined, createdBy: string, now: number): TransferDoc {
  if (existing && existing.state !== 'draft') throw new CommandError([{ code: 'transfer-not-draft' }]);
  if (input.fromStoreId === input.toStoreId) throw new CommandError([{ code: 'transfer-same-store' }]);
  const lines = mergeLines(input.lines);
  if (lines.length === 0) throw new CommandError([{ code: 'no-lines' }]);
  const bad = lines.map((l) => qtyProblem(l.qty, l.productId)).filter((p): p is CommandProblem => p !== null);
  if (bad.length > 0) throw new CommandError(bad);
  const note = input.note?.trim() ? input.note.trim() : null;
  const doc = {
    id: existing?.id ?? input.id ?? uuidv7(now),
    fromStoreId: existing?.fromStoreId ?? input.fromStoreId,
    toStoreId: existing?.toStoreId ?? input.toStoreId,
    note,
    lines: lines.map((l): TransferLine => ({ productId: l.productId, qty: l.qty, sent: 0, received: 0, returned: 0, writtenOff: 0 })),
    state: 'draft' as const,
    createdBy: existing?.createdBy ?? createdBy.slice(0, 64),
    createdAt: existing?.createdAt ?? now,
    sentAt: null,
    closedAt: null,
    updatedAt: now,
    seq: existing?.seq ?? 0,
    _deleted: false,
  };
  const parsed = transferPushSchema.safeParse(doc);
  if (!parsed.success) throw new CommandError([{ code: 'invalid', detail: parsed.error.issues[0]?.message ?? 'invalid transfer' }]);
  return doc;
}

export function cancelledDocument(existing: TransferDoc, now: number): TransferDoc {
  if (existing.state !== 'draft') throw new CommandError([{ code: 'transfer-not-draft' }]);
  return { ...existing, state: 'cancelled', closedAt: now, updatedAt: now };
}

const lineOf = (t: TransferDoc, productId: string) => t.lines.find((l) => l.productId === productId);

/** One `transfer_out` per packed line at the source (delta = −qty), never more than is left of the line. */
export function transferDispatchMovements(t: TransferDoc, packed: readonly TicketLineInput[], ctx: DeviceContext): MovementDoc[] {
  // A closed transfer may still send what never left (the server allows it: a dispatch refused
  // for stock, reduced to what is there, after the rest arrived); a cancelled one is final.
  if (t.state === 'cancelled') throw new CommandError([{ code: 'transfer-finished' }]);
  const lines = mergeLines(packed).filter((l) => l.qty !== 0);
  if (lines.length === 0) throw new CommandError([{ code: 'no-lines' }]);
  const problems: CommandProblem[] = [];
  for (const l of lines) {
    const line = lineOf(t, l.productId);
    const bad = qtyProblem(l.qty, l.productId);
    if (bad) problems.push(bad);
    else if (!line) problems.push({ code: 'transfer-not-on-it', productId: l.productId });
    else if (l.qty > line.qty - line.sent) problems.push({ code: 'transfer-too-much', productId: l.productId, left: line.qty - line.sent });
  }
  if (problems.length > 0) throw new CommandError(problems);
  const now = (ctx.now ?? Date.now)();
  return lines.map((l) => newMovement({ storeId: t.fromStoreId, productId: l.productId, kind: 'transfer_out', delta: -l.qty, transferId: t.id, clientTime: now }, ctx));
}

export interface ReceiptPlan {
  movements: MovementDoc[];
  /** Counted beyond what was in transit, or products not on the transfer. */
  extras: TicketLineInput[];
}

/**
 * A receipt at the destination: per line, `transfer_in` of counted + written off (at most what
 * is in transit; more counted is an extra, never booked), then one write-off `adjustment` per
 * reason, one millisecond later so it is pushed (and projected) after the receipt it takes from.
 */
export function transferReceiptMovements(t: TransferDoc, counted: readonly TicketLineInput[], writeOffs: readonly TransferWriteOff[], ctx: DeviceContext): ReceiptPlan {
  if (t.state !== 'sent' && t.state !== 'partial') throw new CommandError([{ code: 'transfer-nothing-in-transit' }]);
  const count = new Map(mergeLines(counted.filter((l) => l.qty !== 0)).map((l) => [l.productId, l.qty]));
  const offs = writeOffs.filter((w) => w.qty !== 0);
  const problems: CommandProblem[] = [];
  for (const [productId, qty] of count) {
    const bad = qtyProblem(qty, productId);
    if (bad) problems.push(bad);
  }
  for (const w of offs) {
    const bad = qtyProblem(w.qty, w.productId);
    if (bad) problems.push(bad);
    else if (!lineOf(t, w.productId)) problems.push({ code: 'transfer-not-on-it', productId: w.productId });
  }
  if (problems.length > 0) throw new CommandError(problems);

  const now = (ctx.now ?? Date.now)();
  const receipts: MovementDoc[] = [];
  const adjustments: MovementDoc[] = [];
  const extras: TicketLineInput[] = [];
  for (const [productId, qty] of count) if (!lineOf(t, productId)) extras.push({ productId, qty });
  for (const line of t.lines) {
    const transit = inTransit(line);
    const good = count.get(line.productId) ?? 0;
    const lineOffs = offs.filter((w) => w.productId === line.productId);
    const off = lineOffs.reduce((a, w) => a + w.qty, 0);
    if (off > 0 && good + off > transit) problems.push({ code: 'transfer-too-much', productId: line.productId, left: Math.max(0, transit - good) });
    const received = Math.min(good + off, transit);
    if (good > transit) extras.push({ productId: line.productId, qty: good - transit });
    if (received <= 0) continue;
    receipts.push(newMovement({ storeId: t.toStoreId, productId: line.productId, kind: 'transfer_in', delta: received, transferId: t.id, clientTime: now }, ctx));
    for (const w of lineOffs) {
      adjustments.push(newMovement({ storeId: t.toStoreId, productId: line.productId, kind: 'adjustment', delta: -w.qty, reason: w.reason, transferId: t.id, clientTime: now + 1 }, ctx));
    }
  }
  if (problems.length > 0) throw new CommandError(problems);
  if (receipts.length === 0 && extras.length === 0) throw new CommandError([{ code: 'no-lines' }]);
  return { movements: [...receipts, ...adjustments], extras };
}

/** A return: `transfer_in` at the source for everything still in transit, one per line. */
export function transferReturnMovements(t: TransferDoc, ctx: DeviceContext): MovementDoc[] {
  const now = (ctx.now ?? Date.now)();
  const docs = t.lines
    .filter((l) => inTransit(l) > 0)
    .map((l) => newMovement({ storeId: t.fromStoreId, productId: l.productId, kind: 'transfer_in', delta: inTransit(l), transferId: t.id, clientTime: now }, ctx));
  if (docs.length === 0) throw new CommandError([{ code: 'transfer-nothing-in-transit' }]);
  return docs;
}

/** The line of the note that records extras found on receipt (kept in the transfer's note). */
export function extrasNote(previous: string | null, extra: string): string {
  const next = previous ? `${previous}\n${extra}` : extra;
  return next.length > 2000 ? next.slice(next.length - 2000) : next;
}
