import { LIMITS, type MovementKind, type Rejection, type RejectionCode } from './schemas/index.js';

/**
 * DESIGN §4: what the server decides about one movement, as pure rules.
 * Invariants the callers rely on:
 * - a verdict never depends on anything but its arguments (the caller reads the
 *   authoritative level and the ticket's totals inside the push's transaction);
 * - an accepted movement's `balanceAfter` stays within ±LIMITS.quantity;
 * - only a deduction may be refused for stock, never a count;
 * - a void takes back at most what its ticket sold of that product, minus what
 *   was voided before.
 */
export interface LedgerStoreRules {
  allowNegativeStock: boolean;
}

export interface LedgerMovement {
  kind: MovementKind;
  delta: number;
}

export type LedgerVerdict =
  | { status: 'accepted'; balanceAfter: number }
  | { status: 'rejected'; rejection: Rejection };

export function rejection(code: RejectionCode, requested: number, available: number, message: string): Rejection {
  return { code, requested: Math.min(LIMITS.quantity, Math.abs(requested)), available, message: message.slice(0, 200) };
}

const reject = (...args: Parameters<typeof rejection>): LedgerVerdict => ({ status: 'rejected', rejection: rejection(...args) });

/**
 * The stock rules: a deduction below zero is rejected unless the store allows
 * negative stock; a count is never rejected for stock (it applies
 * countedQty − expectedQty on top); no level may leave ±LIMITS.quantity.
 */
export function decideMovement(
  onHand: number,
  store: LedgerStoreRules,
  movement: LedgerMovement,
): LedgerVerdict {
  const balanceAfter = onHand + movement.delta;
  if (balanceAfter > LIMITS.quantity || balanceAfter < -LIMITS.quantity) {
    return reject('out-of-range', movement.delta, onHand, `The level would be ${balanceAfter}, outside ±${LIMITS.quantity}`);
  }
  const mayReject = movement.kind !== 'count' && movement.delta < 0 && !store.allowNegativeStock;
  if (mayReject && balanceAfter < 0) {
    const available = Math.max(0, onHand);
    return reject('insufficient-stock', movement.delta, available, `Only ${available} available, ${-movement.delta} requested`);
  }
  return { status: 'accepted', balanceAfter };
}

/** What a ticket did to one store × product so far (accepted movements only). */
export interface TicketLine {
  /** Units sold: Σ −delta of the ticket's accepted sales. */
  sold: number;
  /** Units taken back: Σ delta of the ticket's accepted voids. */
  voided: number;
}

/**
 * A void takes back (part of) an accepted sale line of its ticket: it adds stock
 * back (delta > 0), and never more than was sold minus what was voided before.
 * Returns the rejection, or null when the void may go on to the stock rules.
 */
export function checkVoid(ticketId: string | null, line: TicketLine, delta: number): Rejection | null {
  const left = Math.max(0, line.sold - line.voided);
  if (ticketId === null || line.sold === 0) {
    return rejection('invalid-void', delta, 0, `Ticket ${ticketId ?? '(none)'} has no accepted sale of this product`);
  }
  if (delta <= 0) return rejection('invalid-void', delta, left, 'A void puts sold units back: its quantity must be positive');
  if (delta > left) {
    return rejection('invalid-void', delta, left, left === 0 ? 'This sale line was already voided' : `Only ${left} of this sale line can still be voided`);
  }
  return null;
}
