/**
 * Transfers between stores (DESIGN §2 `transfers`, §4): owners and managers write drafts (and
 * cancel them) through the outbox; the source's devices dispatch, the destination's receive
 * (with write-offs for what arrived damaged or never arrived), a manager of the source takes
 * back what is still on the road. Movements are checked against the transfer as this device
 * projects it (transfer-builders.ts) and written in one local write, so they push together and
 * in order; the server decides (shared/transfers.ts) and its verdicts come back as for a sale.
 *
 * Extras (more counted than was in transit) are never booked as stock: they are appended to the
 * transfer's note, on staff devices too (the server lets staff change a sent transfer's note and
 * nothing else), so a manager sees them and counts the shelf or books the surplus.
 */
import type { MovementDoc, ResolutionDoc, TransferDoc } from '../../../shared/index.js';
import type { Session, StockroomClient } from '../api.js';
import type { StockroomDatabase } from '../local/database.js';
import { plainDoc } from '../local/database.js';
import type { MemoryLevelIndex } from '../projection/level-index.js';
import type { RecordIndex } from '../projection/record-index.js';
import type { TransferIndex } from '../projection/transfer-index.js';
import { CommandError, type DeviceContext } from './commands.js';
import type { WriteMovements } from './movement-writer.js';
import {
  cancelledDocument,
  draftDocument,
  extrasNote,
  transferDispatchMovements,
  transferReceiptMovements,
  transferReturnMovements,
} from './transfer-builders.js';

export type TransferCommands = Pick<
  StockroomClient,
  'saveTransferDraft' | 'cancelTransferDraft' | 'dispatchTransfer' | 'receiveTransfer' | 'returnTransfer' | 'reduceDispatchToAvailable'
>;

export interface TransferCommandDeps {
  db: StockroomDatabase;
  levels: MemoryLevelIndex;
  records: RecordIndex;
  transfers: TransferIndex;
  session(): Session;
  actorName(): string;
  saveRecords(collection: 'transfers', docs: TransferDoc[]): Promise<void>;
  saveResolutions(docs: ResolutionDoc[]): Promise<void>;
  writeMovements: WriteMovements;
  now(): number;
}

export const isManager = (s: Pick<Session, 'role'>): boolean => s.role === 'owner' || s.role === 'manager';

/** Whether this device may write movements of a store (a store it may not write would fail the whole push). */
export const writesStore = (s: Pick<Session, 'role' | 'storeIds'>, storeId: string): boolean => s.role === 'owner' || s.storeIds.includes(storeId);

export function transferCommands(deps: TransferCommandDeps): TransferCommands {
  const { records, transfers, now } = deps;
  const ctx = (): DeviceContext => ({ deviceId: deps.session().deviceId, actor: deps.actorName(), now });
  const projected = (id: string): TransferDoc => {
    const t = transfers.get(id);
    if (!t) throw new CommandError([{ code: 'transfer-unknown' }]);
    return t;
  };
  const requireStore = (storeId: string) => {
    if (!writesStore(deps.session(), storeId)) throw new CommandError([{ code: 'not-allowed' }]);
  };
  const requireManager = () => {
    if (!isManager(deps.session())) throw new CommandError([{ code: 'not-allowed' }]);
  };

  async function dispatch(transferId: string, lines: Parameters<TransferCommands['dispatchTransfer']>[1]): Promise<MovementDoc[]> {
    const t = projected(transferId);
    requireStore(t.fromStoreId);
    const docs = transferDispatchMovements(t, lines, ctx());
    await deps.writeMovements(docs);
    return docs;
  }

  const dispatchTransfer: TransferCommands['dispatchTransfer'] = async (transferId, lines, options) => {
    const docs = await dispatch(transferId, lines);
    const resolves = options?.resolves;
    if (resolves) {
      const found = await deps.db.movements.findOne(resolves).exec();
      const exception = found ? plainDoc<MovementDoc>(found) : undefined;
      const by = docs.find((d) => d.productId === exception?.productId);
      if (exception && by && !records.get('resolutions', resolves)) {
        await deps.saveResolutions([{
          id: resolves, storeId: exception.storeId, productId: exception.productId, resolution: 're-entered', reason: null,
          resolvingMovementId: by.id, resolvedBy: by.actor, at: now(), updatedAt: now(), seq: 0, _deleted: false,
        }]);
      }
    }
    return docs.map((d) => d.id);
  };

  return {
    async saveTransferDraft(input) {
      requireManager();
      const s = deps.session();
      if (!writesStore(s, input.fromStoreId) && !writesStore(s, input.toStoreId)) throw new CommandError([{ code: 'not-allowed' }]);
      const existing = input.id ? records.get('transfers', input.id) : undefined;
      // A dispatch recorded here but not yet synced makes it more than a draft (as for cancel).
      if (input.id && existing && projected(input.id).state !== 'draft') throw new CommandError([{ code: 'transfer-not-draft' }]);
      const doc = draftDocument(input, existing, deps.actorName(), now());
      await deps.saveRecords('transfers', [doc]);
      return doc;
    },
    async cancelTransferDraft(transferId) {
      requireManager();
      const existing = records.get('transfers', transferId);
      if (!existing) throw new CommandError([{ code: 'transfer-unknown' }]);
      // A dispatch recorded on this device but not yet synced makes it more than a draft.
      if (projected(transferId).state !== 'draft') throw new CommandError([{ code: 'transfer-not-draft' }]);
      await deps.saveRecords('transfers', [cancelledDocument(existing, now())]);
    },
    dispatchTransfer,
    async receiveTransfer(transferId, input) {
      const t = projected(transferId);
      requireStore(t.toStoreId);
      const plan = transferReceiptMovements(t, input.counted, input.writeOffs, ctx());
      const note = input.extraNote?.trim();
      const server = records.get('transfers', transferId);
      const extrasNoted = plan.extras.length > 0 && !!note && !!server;
      if (extrasNoted && server && note) {
        await deps.saveRecords('transfers', [{ ...server, note: extrasNote(server.note, note), updatedAt: Math.max(now(), server.updatedAt) }]);
      }
      if (plan.movements.length > 0) await deps.writeMovements(plan.movements);
      return { movementIds: plan.movements.map((m) => m.id), extras: plan.extras, extrasNoted };
    },
    async returnTransfer(transferId) {
      requireManager();
      const t = projected(transferId);
      requireStore(t.fromStoreId);
      const docs = transferReturnMovements(t, ctx());
      await deps.writeMovements(docs);
      return docs.map((d) => d.id);
    },
    async reduceDispatchToAvailable(movementId) {
      const found = await deps.db.movements.findOne(movementId).exec();
      const m = found ? plainDoc<MovementDoc>(found) : undefined;
      if (!m || m.kind !== 'transfer_out' || m.transferId === null) throw new CommandError([{ code: 'transfer-unknown' }]);
      const t = projected(m.transferId);
      const line = t.lines.find((l) => l.productId === m.productId);
      const left = line ? line.qty - line.sent : 0;
      const available = deps.levels.get(m.storeId, m.productId).level;
      const qty = Math.min(left, -m.delta, Math.max(0, available));
      if (qty <= 0) return null;
      const ids = await dispatchTransfer(m.transferId, [{ productId: m.productId, qty }], { resolves: movementId });
      return ids[0] ? { movementId: ids[0], qty } : null;
    },
  };
}
