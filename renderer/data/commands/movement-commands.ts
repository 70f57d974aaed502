/**
 * The till's commands (DESIGN §5): sell, receive, adjust, count, void, dismiss, and the live
 * lists of movements they read (last ticket, journal, a product's history). Each command checks
 * its input (commands.ts builds and validates the movements), writes locally and returns at
 * once: levels and the pending count repaint before IndexedDB has the rows; sync runs behind.
 */
import { map } from 'rxjs';
import { uuidv7Time, type MovementDoc, type ResolutionDoc } from '../../../shared/index.js';
import type { LastTicket, MovementQuery, Session, StockroomClient, TicketResult } from '../api.js';
import type { SyncHealthState } from '../health/sync-health.js';
import { plainDoc, type StockroomDatabase } from '../local/database.js';
import type { MemoryCatalogIndex } from '../projection/catalog-index.js';
import type { MemoryLevelIndex } from '../projection/level-index.js';
import type { RecordIndex } from '../projection/record-index.js';
import type { PendingMovements } from '../push/pending-movements.js';
import {
  CommandError,
  adjustmentMovement,
  countMovement,
  lineVoidMovement,
  receiptMovements,
  saleMovements,
  voidMovements,
  type DeviceContext,
} from './commands.js';
import { buildJournal } from './journal.js';
import { movementWriter } from './movement-writer.js';

export type MovementCommands = Pick<
  StockroomClient,
  'movements$' | 'lastTicket$' | 'sell' | 'journal$' | 'voidLine' | 'voidTicket' | 'receive' | 'adjust' | 'count' | 'dismissException'
>;

export interface MovementCommandDeps {
  db: StockroomDatabase;
  catalog: MemoryCatalogIndex;
  levels: MemoryLevelIndex;
  records: RecordIndex;
  pending: PendingMovements;
  health: SyncHealthState;
  session(): Session;
  /** Who is recorded as having done it (the till user, else the device's name). */
  actorName(): string;
  /** Writes resolutions through the outbox (record-writes.ts). */
  saveRecords(collection: 'resolutions', docs: ResolutionDoc[]): Promise<void>;
  now(): number;
}

export function movementCommands(deps: MovementCommandDeps): MovementCommands {
  const { db, catalog, levels, records, now } = deps;
  const ctx = (): DeviceContext => ({ deviceId: deps.session().deviceId, actor: deps.actorName(), now });
  const movementById = async (id: string): Promise<MovementDoc | undefined> => {
    const doc = await db.movements.findOne(id).exec();
    return doc ? plainDoc<MovementDoc>(doc) : undefined;
  };
  const storeOf = (storeId?: string) => {
    const s = storeId ?? deps.session().activeStoreId;
    if (!s) throw new CommandError([{ code: 'no-store' }]);
    return s;
  };
  const requireProducts = (ids: string[]) => {
    const missing = ids.filter((id) => !catalog.get(id));
    if (missing.length > 0) throw new CommandError(missing.map((productId) => ({ code: 'unknown-product' as const, productId })));
  };

  /** Records that a movement of this device resolved an exception (DESIGN §5). */
  async function resolve(exceptionId: string | null | undefined, resolution: 'counted' | 're-entered', by: MovementDoc | undefined): Promise<void> {
    if (!exceptionId || !by) return;
    const exception = await movementById(exceptionId);
    if (!exception || records.get('resolutions', exceptionId)) return;
    await deps.saveRecords('resolutions', [{
      id: exceptionId, storeId: exception.storeId, productId: exception.productId, resolution, reason: null,
      resolvingMovementId: by.id, resolvedBy: by.actor, at: now(), updatedAt: now(), seq: 0, _deleted: false,
    }]);
  }

  /** Local write first: levels repaint at once, IndexedDB follows. */
  const writeMovements = movementWriter(deps);

  async function ticketMovements(storeId: string, ticketId: string, since: number): Promise<MovementDoc[]> {
    const docs = await db.movements
      .find({ selector: { storeId, clientTime: { $gte: since - 1 }, ticketId } })
      .exec();
    return docs.map((d) => plainDoc<MovementDoc>(d));
  }

  return {
    movements$(q: MovementQuery) {
      const selector: Record<string, unknown> = { storeId: q.storeId };
      if (q.productId) selector.productId = q.productId;
      if (q.ticketId) selector.ticketId = q.ticketId;
      if (q.status) selector.status = q.status;
      if (q.kinds) selector.kind = { $in: q.kinds };
      return db.movements
        .find({ selector, sort: [{ clientTime: 'desc' }], limit: q.limit ?? 200 })
        .$.pipe(map((docs) => docs.map((d) => plainDoc<MovementDoc>(d))));
    },
    lastTicket$(storeId) {
      return db.movements
        .find({
          selector: { storeId, deviceId: deps.session().deviceId, kind: { $in: ['sale', 'void'] } },
          sort: [{ clientTime: 'desc' }],
          limit: 200,
        })
        .$.pipe(
          map((docs) => {
            const list = docs.map((d) => plainDoc<MovementDoc>(d));
            const lastSale = list.find((m) => m.kind === 'sale' && m.ticketId);
            if (!lastSale?.ticketId) return null;
            const ticketId = lastSale.ticketId;
            const lines = list.filter((m) => m.ticketId === ticketId && m.kind === 'sale');
            const ticket: LastTicket = {
              ticketId,
              storeId,
              clientTime: lastSale.clientTime,
              lines: lines.map((m) => ({ productId: m.productId, qty: -m.delta, movementId: m.id, status: m.status })),
              voided: list.some((m) => m.ticketId === ticketId && m.kind === 'void'),
            };
            return ticket;
          }),
        );
    },

    async sell(input): Promise<TicketResult> {
      const storeId = storeOf(input.storeId);
      requireProducts(input.lines.map((l) => l.productId));
      const priced = input.lines.map((l) => ({ ...l, unitCents: catalog.get(l.productId)!.priceCents }));
      const docs = saleMovements(storeId, priced, { ...ctx(), ...(input.actor !== undefined ? { actor: input.actor } : {}) });
      await writeMovements(docs);
      for (const exceptionId of input.resolves ?? []) {
        const exception = await movementById(exceptionId);
        await resolve(exceptionId, 're-entered', docs.find((d) => d.productId === exception?.productId));
      }
      const totalCents = docs.reduce((acc, m) => acc + -m.delta * (m.unitPriceCents ?? 0), 0);
      return { ticketId: docs[0]!.ticketId!, movementIds: docs.map((d) => d.id), totalCents };
    },
    journal$(storeId) {
      return db.movements
        .find({ selector: { storeId, kind: { $in: ['sale', 'void'] } }, sort: [{ clientTime: 'desc' }] })
        .$.pipe(map((docs) => buildJournal(docs.map((d) => plainDoc<MovementDoc>(d)))));
    },
    async voidLine(input) {
      const sale = await movementById(input.saleMovementId);
      if (!sale || sale.ticketId === null) throw new CommandError([{ code: 'nothing-to-void' }]);
      const line = buildJournal(await ticketMovements(sale.storeId, sale.ticketId, uuidv7Time(sale.ticketId)))
        .flatMap((t) => t.lines)
        .find((l) => l.saleMovementId === sale.id);
      const doc = lineVoidMovement(sale, input.qty, line?.voidable ?? 0, input.reason, ctx());
      await writeMovements([doc]);
      return doc.id;
    },
    async voidTicket(ticketId, reason) {
      const storeId = storeOf();
      const lines = await ticketMovements(storeId, ticketId, uuidv7Time(ticketId));
      if (lines.some((m) => m.kind === 'void')) throw new CommandError([{ code: 'nothing-to-void' }]);
      const docs = voidMovements(lines, reason, ctx());
      await writeMovements(docs);
      return docs.map((d) => d.id);
    },
    async receive(input) {
      const storeId = storeOf(input.storeId);
      requireProducts(input.lines.map((l) => l.productId));
      const priced = input.lines.map((l) => ({ ...l, unitCents: catalog.get(l.productId)!.costCents }));
      const docs = receiptMovements(storeId, priced, input.reference ?? null, { ...ctx(), ...(input.actor !== undefined ? { actor: input.actor } : {}) });
      await writeMovements(docs);
      return { ticketId: docs[0]!.ticketId!, movementIds: docs.map((d) => d.id), totalCents: 0 };
    },
    async adjust(input) {
      const storeId = storeOf(input.storeId);
      requireProducts([input.productId]);
      const doc = adjustmentMovement(storeId, input.productId, input.delta, input.reason, ctx());
      await writeMovements([doc]);
      return doc.id;
    },
    async count(input) {
      const storeId = storeOf(input.storeId);
      requireProducts([input.productId]);
      const expected = input.expectedQty ?? levels.get(storeId, input.productId).level;
      const doc = countMovement(storeId, input.productId, input.countedQty, expected, ctx());
      await writeMovements([doc]);
      await resolve(input.resolves, 'counted', doc);
      return doc.id;
    },
    async dismissException(movementId, reason) {
      const exception = await movementById(movementId);
      if (!exception) throw new CommandError([{ code: 'nothing-to-void' }]);
      const why = reason.trim();
      if (why.length === 0) throw new CommandError([{ code: 'reason-missing' }]);
      if (why.length > 64) throw new CommandError([{ code: 'reason-too-long', max: 64 }]);
      await deps.saveRecords('resolutions', [{
        id: movementId, storeId: exception.storeId, productId: exception.productId, resolution: 'dismissed', reason: why,
        resolvingMovementId: null, resolvedBy: deps.actorName(), at: now(), updatedAt: now(), seq: 0, _deleted: false,
      }]);
    },

  };
}
