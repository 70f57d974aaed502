import { tracked } from '@trpc/server';
import { z } from 'zod';
import {
  canPushCollection,
  canSeeStore,
  computeDigest,
  digestInputSchema,
  pullInputSchema,
  streamInputSchema,
  type AnyDoc,
  type CollectionName,
  type DeviceIdentity,
} from '../../../shared/index.js';
import { applyMovements } from '../../domain/apply-movements.js';
import type { ChangeEvent } from '../../domain/change-bus.js';
import { pushProducts, pushStock, pushStores } from '../../domain/merge-catalog.js';
import { ProblemError } from '../../domain/problem-error.js';
import { router } from '../init.js';
import { deviceProcedure } from '../procedures.js';
import { pushInputParser } from '../push-input.js';

const DAY_MS = 86_400_000;

/** Whether a device may see a document (products: whole tenant catalog; the rest: its stores). */
export function visibleTo(device: DeviceIdentity, collection: CollectionName, doc: AnyDoc): boolean {
  switch (collection) {
    case 'products':
      return true;
    case 'stores':
      return canSeeStore(device, doc.id);
    default:
      return canSeeStore(device, (doc as { storeId: string }).storeId);
  }
}

export interface StreamEvent {
  collection: CollectionName;
  documents: AnyDoc[];
  checkpoint: { seq: number };
}

/** lastEventId is added by tRPC from the Last-Event-ID header / query param on reconnect. */
export const streamProcedureInputSchema = streamInputSchema.extend({
  lastEventId: z.string().max(128).nullish(),
});

export const replicationRouter = router({
  pull: deviceProcedure.input(pullInputSchema).query(({ ctx, input }) => {
    const { device } = ctx;
    const after = input.checkpoint?.seq ?? 0;
    const documents = ctx.storage.pull(device.tenantId, input.collection, after, input.limit, {
      storeIds: device.role === 'owner' ? null : device.storeIds,
      movementsSince: ctx.now() - ctx.historyDays * DAY_MS,
    });
    const last = documents[documents.length - 1];
    return { documents, checkpoint: { seq: last ? last.seq : after } };
  }),

  push: deviceProcedure.input(pushInputParser).mutation(({ ctx, input }): AnyDoc[] => {
    const { device } = ctx;
    if (!canPushCollection(device, input.collection)) {
      throw new ProblemError('forbidden', `A ${device.role} device may not push ${input.collection}`, { collection: input.collection });
    }
    ctx.metrics.pushes.inc({ collection: input.collection });
    const now = ctx.now();
    const publish = (collection: CollectionName, documents: AnyDoc[]) =>
      ctx.bus.publish({ tenantId: device.tenantId, collection, documents });
    switch (input.collection) {
      case 'movements': {
        const rows = input.rows.map((r) => r.newDocumentState);
        const result = ctx.storage.transaction((tx) => applyMovements(tx, device, rows, now));
        ctx.metrics.movements.inc({ status: 'accepted' }, result.accepted);
        ctx.metrics.movements.inc({ status: 'rejected' }, result.rejected);
        publish('movements', result.changed.movements);
        publish('stock', result.changed.stock);
        return result.stored;
      }
      case 'stores': {
        const rows = input.rows;
        const result = ctx.storage.transaction((tx) => pushStores(tx, device, rows));
        publish('stores', result.changed);
        return result.conflicts;
      }
      case 'products': {
        const rows = input.rows;
        const result = ctx.storage.transaction((tx) => pushProducts(tx, device, rows));
        publish('products', result.changed);
        return result.conflicts;
      }
      case 'stock': {
        const rows = input.rows;
        const result = ctx.storage.transaction((tx) => pushStock(tx, device, rows));
        publish('stock', result.changed);
        return result.conflicts;
      }
    }
  }),

  /**
   * Live changes over SSE. Each event is tracked() with id = its checkpoint seq; a client that
   * reconnects with Last-Event-ID first gets "RESYNC" (it may have missed events) and re-pulls.
   */
  stream: deviceProcedure.input(streamProcedureInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const { device, bus, metrics } = ctx;
    const wanted = new Set<CollectionName>(input.collections);
    const queue: ChangeEvent[] = [];
    let wake: (() => void) | null = null;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    const unsubscribe = bus.subscribe(device.tenantId, (event) => {
      if (!wanted.has(event.collection)) return;
      queue.push(event);
      notify();
    });
    const unclose = bus.onClose(notify);
    const shutdown = ctx.shutdownSignal;
    signal?.addEventListener('abort', notify);
    shutdown?.addEventListener('abort', notify);
    const ended = () => signal?.aborted === true || shutdown?.aborted === true || bus.isClosed;
    metrics.activeStreams++;
    try {
      if (input.lastEventId) yield tracked(input.lastEventId, 'RESYNC' as const);
      while (!ended()) {
        const event = queue.shift();
        if (!event) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          continue;
        }
        const documents = event.documents.filter((d) => visibleTo(device, event.collection, d));
        if (documents.length === 0) continue;
        const seq = documents.reduce((m, d) => Math.max(m, d.seq), 0);
        const payload: StreamEvent = { collection: event.collection, documents, checkpoint: { seq } };
        yield tracked(String(seq), payload);
      }
    } finally {
      unsubscribe();
      unclose();
      signal?.removeEventListener('abort', notify);
      shutdown?.removeEventListener('abort', notify);
      metrics.activeStreams--;
    }
  }),

  digest: deviceProcedure.input(digestInputSchema).query(({ ctx, input }) => {
    const { device } = ctx;
    if (!ctx.storage.storeExists(device.tenantId, input.storeId)) throw new ProblemError('unknown-store', `Store ${input.storeId} does not exist`, { storeId: input.storeId });
    if (!canSeeStore(device, input.storeId)) throw new ProblemError('forbidden-store', `This device may not see store ${input.storeId}`, { storeId: input.storeId });
    const seq = ctx.storage.tenantSeq(device.tenantId);
    return { seq, digest: computeDigest(ctx.storage.digestRows(device.tenantId, input.storeId)) };
  }),
});
