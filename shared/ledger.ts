import type { MovementKind, Rejection } from './schemas/index.js';

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

/**
 * DESIGN §4: decide one movement against the authoritative level.
 * A deduction below zero is rejected unless the store allows negative stock;
 * a count is never rejected (it applies countedQty − expectedQty on top).
 */
export function decideMovement(
  onHand: number,
  store: LedgerStoreRules,
  movement: LedgerMovement,
): LedgerVerdict {
  const balanceAfter = onHand + movement.delta;
  const mayReject = movement.kind !== 'count' && movement.delta < 0 && !store.allowNegativeStock;
  if (mayReject && balanceAfter < 0) {
    const available = Math.max(0, onHand);
    return {
      status: 'rejected',
      rejection: {
        code: 'insufficient-stock',
        requested: -movement.delta,
        available,
        message: `Only ${available} available, ${-movement.delta} requested`,
      },
    };
  }
  return { status: 'accepted', balanceAfter };
}
