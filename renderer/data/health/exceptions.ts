/**
 * The exceptions list (DESIGN §5): movements the server rejected (or refused with a problem)
 * that no recorded action has resolved yet. A resolution (replicated) — a count of the shelf,
 * the sale entered again, a manager's dismissal with a reason — takes one out and into the
 * history. Acknowledgements made on this device before resolutions existed count as resolved.
 * Pure: the client feeds it what it holds.
 */
import type { MovementDoc, ResolutionDoc } from '../../../shared/index.js';

export interface ExceptionInputs {
  rejected: readonly MovementDoc[];
  /** Rows the server refused with a problem (kept on this device), with its words. */
  refused: ReadonlyArray<{ movement: MovementDoc; message: string }>;
  resolutions: ReadonlyMap<string, ResolutionDoc>;
  legacyAcks: ReadonlySet<string>;
  /** Owners review every device's; others their own (ids this installation was paired as). */
  seesAll: boolean;
  ownDeviceIds: ReadonlySet<string>;
}

export interface OpenException {
  movement: MovementDoc;
  /** The server's words when it refused the row outright (no verdict). */
  message: string | null;
}

export function openExceptions(x: ExceptionInputs): OpenException[] {
  const out: OpenException[] = [];
  const seen = new Set<string>();
  const consider = (movement: MovementDoc, message: string | null) => {
    if (seen.has(movement.id)) return;
    seen.add(movement.id);
    if (x.resolutions.has(movement.id) || x.legacyAcks.has(movement.id)) return;
    // Staff act on their own refused sales only ("Re-enter" on another till's sale would sell it twice).
    if (!x.seesAll && !x.ownDeviceIds.has(movement.deviceId)) return;
    out.push({ movement, message });
  };
  for (const m of x.rejected) consider(m, null);
  for (const r of x.refused) consider(r.movement, r.message);
  return out.sort((a, b) => b.movement.clientTime - a.movement.clientTime);
}
