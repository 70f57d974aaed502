import type { MovementDoc, TransferDoc } from '../../shared/index.js';

/**
 * The data API of transfers between stores (DESIGN §2, §4), part of StockroomClient (api.ts
 * re-exports it): the projected transfers and in-transit amounts, and the commands.
 */

/** A product and a quantity (the shape of api.ts's TicketLineInput). */
export interface TransferLineInput {
  productId: string;
  qty: number;
}

/** Units of one product on the road, seen from one store (DESIGN §2: sent − received − returned). */
export interface TransitAmounts {
  /** Coming to this store: Σ in transit of transfers towards it. */
  incoming: number;
  /** Gone from this store and not yet arrived (or returned). */
  outgoing: number;
  /** The part of `incoming` on transfers on the road longer than the overdue setting. */
  overdueIncoming: number;
}

/**
 * The transfers this device sees, each the server's document plus this device's movements of it
 * not yet included (projection/transfer-index.ts), so offline dispatches and receipts show at once.
 */
export interface TransferView {
  /** Newest first. */
  all(): TransferDoc[];
  get(id: string): TransferDoc | undefined;
  /** This device's movements of a transfer, oldest first. */
  movementsOf(transferId: string): MovementDoc[];
  inTransit(storeId: string, productId: string): TransitAmounts;
  /** Transfers on the road longer than this are overdue (the alert setting, DESIGN §7). */
  setOverdueDays(days: number): void;
  /** The overdue setting in force (days). */
  overdueDays(): number;
  version(): number;
  subscribe(listener: () => void): () => void;
}

/** A transfer draft as the owner or a manager edits it (DESIGN §2 `transfers`); `id` absent → a new one. */
export interface TransferDraftInput {
  id?: string;
  fromStoreId: string;
  toStoreId: string;
  note: string | null;
  lines: TransferLineInput[];
}

/** Why units that were sent did not arrive in good order: booked as a write-off at the destination. */
export type TransferWriteOffReason = 'damaged' | 'missing';
export const TRANSFER_WRITE_OFF_REASONS: readonly TransferWriteOffReason[] = ['damaged', 'missing'];

export interface TransferWriteOff {
  productId: string;
  qty: number;
  reason: TransferWriteOffReason;
}

/**
 * One receipt of a transfer at its destination: what was counted in good order per product,
 * and the shortfall written off (damaged: arrived unusable; missing: never arrived). Units
 * neither counted nor written off stay in transit for a later receipt.
 */
export interface TransferReceiptInput {
  counted: TransferLineInput[];
  writeOffs: TransferWriteOff[];
  /** Appended to the transfer's note (manager devices) with the extras found. */
  extraNote?: string | null;
}

export interface TransferReceiptResult {
  movementIds: string[];
  /** Units counted beyond what was in transit (or of products not on the transfer): never booked. */
  extras: TransferLineInput[];
  /** Whether the extras were written into the transfer's note (manager devices), else staff tell a manager. */
  extrasNoted: boolean;
}

/** What StockroomClient offers for transfers. */
export interface TransferClient {
  readonly transfers: TransferView;
  /** Owner / manager: create or change a draft (local write, pushed through the outbox). */
  saveTransferDraft(input: TransferDraftInput): Promise<TransferDoc>;
  cancelTransferDraft(transferId: string): Promise<void>;
  /** The source's devices: one `transfer_out` per line packed (−qty), at most what is left of each line. */
  dispatchTransfer(transferId: string, lines: TransferLineInput[], options?: { resolves?: string | null }): Promise<string[]>;
  /** The destination's devices: `transfer_in` for what arrived, then the write-offs, in one local write. */
  receiveTransfer(transferId: string, input: TransferReceiptInput): Promise<TransferReceiptResult>;
  /** Owner / manager of the source: take back everything still in transit (`transfer_in` at the source). */
  returnTransfer(transferId: string): Promise<string[]>;
  /** Exceptions → "Reduce to available": dispatch again what the source holds of a rejected dispatch's line. */
  reduceDispatchToAvailable(movementId: string): Promise<{ movementId: string; qty: number } | null>;

}
