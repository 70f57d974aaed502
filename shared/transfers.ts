import { rejection } from './ledger.js';
import { isUnappliedMovement } from './projection.js';
import type { Role } from './protocol.js';
import type { MovementKind, MovementStatus, Rejection, TransferDoc, TransferLine, TransferState } from './schemas/index.js';

/**
 * DESIGN §4 transfers, as pure rules shared by the server (which decides) and the device
 * (which projects its pending movements on top of the server's document).
 * Invariants:
 * - a line's `sent`, `received`, `returned` and `writtenOff` only ever grow, each by an
 *   accepted movement carrying the transfer's id;
 * - in transit per line = sent − received − returned, never negative: a receipt or a return
 *   never exceeds it, a dispatch never exceeds qty − sent;
 * - `writtenOff` ≤ `received` (a write-off takes away units that arrived, damaged or missing);
 * - so across stores Σ onHand + Σ in transit changes only by write-offs;
 * - `closed` (nothing in transit, something arrived) is final except for write-offs and for
 *   dispatching what was never sent (which puts it on the road again); `cancelled` is final;
 * - the state is derived from the lines, never chosen by a device after `draft`.
 */

/** What a movement does to its transfer. */
export type TransferStep = 'dispatch' | 'receipt' | 'return' | 'write-off';

export interface TransferMovement {
  kind: MovementKind;
  storeId: string;
  productId: string;
  delta: number;
  transferId: string | null;
}

export function inTransit(line: Pick<TransferLine, 'sent' | 'received' | 'returned'>): number {
  return line.sent - line.received - line.returned;
}

/** The step a movement takes, from its kind and store; null when it is not a transfer movement at all. */
export function transferStep(transfer: Pick<TransferDoc, 'fromStoreId' | 'toStoreId'>, m: TransferMovement): TransferStep | null {
  if (m.kind === 'transfer_out') return 'dispatch';
  if (m.kind === 'transfer_in') return m.storeId === transfer.fromStoreId ? 'return' : 'receipt';
  if (m.kind === 'adjustment' && m.transferId !== null) return 'write-off';
  return null;
}

/** Whether a movement belongs to the transfer rules (it names a transfer or moves stock between stores). */
export function isTransferMovement(m: Pick<TransferMovement, 'kind' | 'transferId'>): boolean {
  return m.transferId !== null || m.kind === 'transfer_out' || m.kind === 'transfer_in';
}

/**
 * Why a transfer movement was refused, by a stable key (devices say it in the person's language,
 * transferRefusalKey); the English sentence is what the server stores as `rejection.message`.
 * `n` is the rejection's `available`.
 */
export const TRANSFER_REFUSALS = {
  'no-transfer-id': () => 'A transfer movement must name its transfer',
  'no-such-transfer': () => 'No such transfer',
  'not-a-step': () => 'Only dispatches, receipts, returns and write-offs belong to a transfer',
  'not-the-source': () => 'A transfer is dispatched by the store it leaves from',
  'not-the-destination': () => 'A transfer is received by the store it goes to',
  'write-off-elsewhere': () => 'Units of a transfer are written off at the store they went to',
  'cancelled': () => 'This transfer was cancelled',
  'not-on-transfer': () => 'This product is not on the transfer',
  'dispatch-positive': () => 'A dispatch takes stock out: its quantity must be positive',
  'dispatched-in-full': () => 'This line was already dispatched in full',
  'dispatch-too-much': (n: number) => `Only ${n} more of this line can be dispatched`,
  'return-by-manager': () => 'Only a manager may book a return',
  'receipt-positive': () => 'A receipt puts stock in: its quantity must be positive',
  'nothing-in-transit': () => 'Nothing of this line is in transit',
  'more-than-in-transit': (n: number) => `Only ${n} of this line are in transit`,
  'write-off-positive': () => 'A write-off takes stock out: its quantity must be positive',
  'nothing-to-write-off': () => 'Nothing received on this line is left to write off',
  'write-off-too-much': (n: number) => `Only ${n} received units of this line can be written off`,
} as const;
export type TransferRefusal = keyof typeof TRANSFER_REFUSALS;

/** The key of a stored `invalid-transfer` rejection, or null for a message this version does not know. */
export function transferRefusalKey(r: Pick<Rejection, 'code' | 'available' | 'message'>): TransferRefusal | null {
  if (r.code !== 'invalid-transfer') return null;
  for (const [key, text] of Object.entries(TRANSFER_REFUSALS)) if (text(r.available) === r.message) return key as TransferRefusal;
  return null;
}

const refuse = (m: TransferMovement, available: number, why: TransferRefusal): Rejection =>
  rejection('invalid-transfer', m.delta, available, TRANSFER_REFUSALS[why](available));

/**
 * The transfer rules for one movement against its transfer as it stands (the stored document
 * plus what the same push accepted before). Returns the rejection, or null when the movement
 * may go on to the stock rules. `role` is the pushing device's: a return is a manager's.
 * The store itself was already checked against the device (a store it may not write fails
 * the request), so "only the source dispatches, only the destination receives" is the check
 * that the movement's store is the right end of the transfer.
 */
export function checkTransferMovement(transfer: TransferDoc | null, m: TransferMovement, role: Role): Rejection | null {
  if (m.transferId === null) return refuse(m, 0, 'no-transfer-id');
  if (!transfer || transfer._deleted) return refuse(m, 0, 'no-such-transfer');
  const step = transferStep(transfer, m);
  if (step === null) return refuse(m, 0, 'not-a-step');
  // The store end first: a device at neither end learns nothing about the transfer's lines.
  if (step === 'dispatch' && m.storeId !== transfer.fromStoreId) return refuse(m, 0, 'not-the-source');
  if (step === 'receipt' && m.storeId !== transfer.toStoreId) return refuse(m, 0, 'not-the-destination');
  if (step === 'write-off' && m.storeId !== transfer.toStoreId) return refuse(m, 0, 'write-off-elsewhere');
  if (transfer.state === 'cancelled') return refuse(m, 0, 'cancelled');
  const line = transfer.lines.find((l) => l.productId === m.productId);
  if (!line) return refuse(m, 0, 'not-on-transfer');
  switch (step) {
    case 'dispatch': {
      // Also on a closed transfer: what was not sent yet (a dispatch refused for stock, then
      // reduced) may still go, and the transfer is on the road again.
      const left = line.qty - line.sent;
      if (m.delta >= 0) return refuse(m, left, 'dispatch-positive');
      if (-m.delta > left) return refuse(m, left, left === 0 ? 'dispatched-in-full' : 'dispatch-too-much');
      return null;
    }
    case 'receipt':
    case 'return': {
      const transit = inTransit(line);
      if (step === 'return' && role === 'staff') return refuse(m, transit, 'return-by-manager');
      if (m.delta <= 0) return refuse(m, transit, 'receipt-positive');
      if (m.delta > transit) {
        return refuse(m, transit, transit === 0 ? 'nothing-in-transit' : 'more-than-in-transit');
      }
      return null;
    }
    case 'write-off': {
      // Any device of the destination: the person receiving books what arrived damaged or never
      // came (DESIGN §4 says managers; a till receiving blind must be able to reconcile).
      const left = line.received - line.writtenOff;
      if (m.delta >= 0) return refuse(m, left, 'write-off-positive');
      if (-m.delta > left) return refuse(m, left, left === 0 ? 'nothing-to-write-off' : 'write-off-too-much');
      return null;
    }
  }
}

/** The state the lines imply (DESIGN §4): nothing sent → draft; nothing in transit → closed if something arrived, else cancelled. */
export function deriveTransferState(lines: readonly TransferLine[], prior: TransferState): TransferState {
  let sent = 0;
  let transit = 0;
  let received = 0;
  let returned = 0;
  for (const l of lines) {
    sent += l.sent;
    transit += inTransit(l);
    received += l.received;
    returned += l.returned;
  }
  if (sent === 0) return prior === 'cancelled' ? 'cancelled' : 'draft';
  if (transit === 0) return received > 0 ? 'closed' : 'cancelled';
  return received > 0 || returned > 0 ? 'partial' : 'sent';
}

/**
 * The transfer after one accepted movement (checked by checkTransferMovement first): the line's
 * counter grows, the state follows the lines, `sentAt` is the first dispatch, `closedAt` the
 * moment nothing is left in transit.
 */
export function applyTransferMovement(transfer: TransferDoc, m: TransferMovement, at: number): TransferDoc {
  const step = transferStep(transfer, m);
  if (step === null) return transfer;
  const lines = transfer.lines.map((l) => {
    if (l.productId !== m.productId) return l;
    switch (step) {
      case 'dispatch': return { ...l, sent: l.sent - m.delta };
      case 'receipt': return { ...l, received: l.received + m.delta };
      case 'return': return { ...l, returned: l.returned + m.delta };
      case 'write-off': return { ...l, writtenOff: l.writtenOff - m.delta };
    }
  });
  const state = deriveTransferState(lines, transfer.state);
  const finished = state === 'closed' || state === 'cancelled';
  return {
    ...transfer,
    lines,
    state,
    sentAt: transfer.sentAt ?? (step === 'dispatch' ? at : null),
    closedAt: finished ? (transfer.closedAt ?? at) : null,
    updatedAt: Math.max(transfer.updatedAt, at),
  };
}

export interface ProjectedTransferMovement extends TransferMovement {
  status: MovementStatus;
  ledgerSeq: number | null;
  clientTime: number;
}

/**
 * What a device shows (DESIGN §5 applied to transfers): the server's document plus this
 * device's movements of the transfer that the document does not include yet: pending ones,
 * and accepted ones with a ledgerSeq after the document's seq (the server writes the document
 * in the same transaction as the movement, with a later seq). Pending movements that the
 * rules would refuse are left out, as the server would refuse them too.
 */
export function projectTransfer(doc: TransferDoc, movements: Iterable<ProjectedTransferMovement>, role: Role): TransferDoc {
  let projected = doc;
  for (const m of movements) {
    if (m.transferId !== doc.id || !isUnappliedMovement(m, doc.seq)) continue;
    if (m.status === 'pending' && checkTransferMovement(projected, m, role) !== null) continue;
    projected = applyTransferMovement(projected, m, m.clientTime);
  }
  return projected;
}

/** Units of a transfer still on the road, over its lines. */
export function transferInTransit(transfer: Pick<TransferDoc, 'lines'>): number {
  let total = 0;
  for (const l of transfer.lines) total += inTransit(l);
  return total;
}

export function transferWrittenOff(transfer: Pick<TransferDoc, 'lines'>): number {
  let total = 0;
  for (const l of transfer.lines) total += l.writtenOff;
  return total;
}

/** Whether a transfer is on the road longer than `days` (DESIGN §7), at `now`. */
export function isTransferOverdue(transfer: Pick<TransferDoc, 'lines' | 'sentAt' | 'state'>, days: number, now: number): boolean {
  if (transfer.state !== 'sent' && transfer.state !== 'partial') return false;
  if (transfer.sentAt === null || transferInTransit(transfer) === 0) return false;
  return now - transfer.sentAt > days * 86_400_000;
}

/** A short code people read out and see on slips and notifications ("T-3F9A2C"): the end of the id (random in a UUIDv7). */
export function transferCode(id: string): string {
  return `T-${id.replace(/-/g, '').slice(-6).toUpperCase()}`;
}
