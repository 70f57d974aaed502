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
  type PullResult,
} from '../../../shared/index.js';
import { applyMovements } from '../../domain/apply-movements.js';
import { pushProducts, pushStock, pushStores } from '../../domain/merge-catalog.js';
import { pushPurchaseOrders, pushResolutions, pushSettings, pushSuppliers, pushTillUsers, pushTransfers } from '../../domain/merge-documents.js';
import { ProblemError } from '../../domain/problem-error.js';
import { router } from '../init.js';
import { deviceProcedure } from '../procedures.js';
import { pushInputParser } from '../push-input.js';

const DAY_MS = 86_400_000;

/** lastEventId is added by tRPC from the Last-Event-ID header / query param on reconnect. */
export const streamProcedureInputSchema = streamInputSchema.extend({
  lastEventId: z.string().max(128).nullish(),
});

export const replicationRouter = router({
  /**
   * DESIGN §3: rows after the checkpoint, of the stores the device may see (all stores for the `stores` directory). A checkpoint of another epoch (a restored backup)
   * or past the tenant's seq is not this database's: the pull starts from the beginning and
   * says so (`reset: true`), so the device never waits on a seq the server no longer has.
   */
  pull: deviceProcedure.input(pullInputSchema).query(async ({ ctx, input }): Promise<PullResult<AnyDoc>> => {
    const { device } = ctx;
    const epoch = ctx.storage.epoch();
    const cp = input.checkpoint;
    const reset = cp !== null && ((cp.epoch != null && cp.epoch !== epoch) || cp.seq > (await ctx.storage.tenantSeq(device.tenantId)));
    const after = reset ? 0 : (cp?.seq ?? 0);
    const documents = await ctx.storage.pull(device.tenantId, input.collection, after, input.limit, {
      // The store list itself is the tenant's directory (names, time zones): every device needs
      // the other stores to send a transfer to or to name where one came from. What a store holds
      // (stock, movements, its documents) stays scoped.
      storeIds: device.role === 'owner' || input.collection === 'stores' ? null : device.storeIds,
      movementsSince: ctx.now() - ctx.historyDays * DAY_MS,
    });
    const last = documents[documents.length - 1];
    const checkpoint = { seq: last ? last.seq : after, epoch };
    return reset ? { documents, checkpoint, reset: true } : { documents, checkpoint };
  }),

  push: deviceProcedure.input(pushInputParser).mutation(async ({ ctx, input }): Promise<AnyDoc[]> => {
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
        const result = await ctx.storage.transaction(device.tenantId, (tx) => applyMovements(tx, device, rows, now));
        ctx.metrics.movements.inc({ status: 'accepted' }, result.accepted);
        ctx.metrics.movements.inc({ status: 'rejected' }, result.rejected);
        publish('movements', result.changed.movements);
        publish('stock', result.changed.stock);
        publish('transfers', result.changed.transfers);
        publish('purchaseOrders', result.changed.purchaseOrders);
        return result.stored;
      }
      case 'stores': {
        const rows = input.rows;
        const result = await ctx.storage.transaction(device.tenantId, (tx) => pushStores(tx, device, rows));
        publish('stores', result.changed);
        return result.conflicts;
      }
      case 'products': {
        const rows = input.rows;
        const result = await ctx.storage.transaction(device.tenantId, (tx) => pushProducts(tx, device, rows));
        publish('products', result.changed);
        return result.conflicts;
      }
      case 'stock': {
        const rows = input.rows;
        const result = await ctx.storage.transaction(device.tenantId, (tx) => pushStock(tx, device, rows));
        publish('stock', result.changed);
        return result.conflicts;
      }
      case 'settings': {
        const rows = input.rows;
        const result = await ctx.storage.transaction(device.tenantId, (tx) => pushSettings(tx, device, rows));
        publish('settings', result.changed);
        return result.conflicts;
      }
      case 'tillUsers': {
        const rows = input.rows;
        const result = await ctx.storage.transaction(device.tenantId, (tx) => pushTillUsers(tx, device, rows));
        publish('tillUsers', result.changed);
        return result.conflicts;
      }
      case 'suppliers': {
        const rows = input.rows;
        const result = await ctx.storage.transaction(device.tenantId, (tx) => pushSuppliers(tx, device, rows));
        publish('suppliers', result.changed);
        return result.conflicts;
      }
      case 'purchaseOrders': {
        const rows = input.rows;
        const result = await ctx.storage.transaction(device.tenantId, (tx) => pushPurchaseOrders(tx, device, rows));
        publish('purchaseOrders', result.changed);
        return result.conflicts;
      }
      case 'transfers': {
        const rows = input.rows;
        const result = await ctx.storage.transaction(device.tenantId, (tx) => pushTransfers(tx, device, rows));
        publish('transfers', result.changed);
        return result.conflicts;
      }
      case 'resolutions': {
        const rows = input.rows;
        const result = await ctx.storage.transaction(device.tenantId, (tx) => pushResolutions(tx, device, rows));
        publish('resolutions', result.changed);
        return result.conflicts;
      }
    }
  }),

  /**
   * Live changes over SSE (DESIGN §3), fanned out by the stream hub (streams/stream-hub.ts).
   * Each event is tracked() with id = its checkpoint seq; a client that reconnects with
   * Last-Event-ID first gets "RESYNC" (it may have missed events) and re-pulls. A stream the
   * hub ends for falling behind says "RESYNC" last. Over HTTP, http/sse-stream.ts writes the
   * events (one serialization per payload for every stream that shares it).
   */
  stream: deviceProcedure.input(streamProcedureInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const subscriber = ctx.streams.open(ctx.device, input.collections, signal);
    ctx.metrics.activeStreams.set(ctx.streams.size);
    let lastId = input.lastEventId ?? '0';
    try {
      if (input.lastEventId) yield tracked(input.lastEventId, 'RESYNC' as const);
      for await (const item of subscriber) {
        if (item === 'RESYNC') {
          yield tracked(lastId, 'RESYNC' as const);
          return;
        }
        lastId = String(item.checkpoint.seq);
        yield tracked(lastId, item);
      }
    } finally {
      subscriber.close();
      ctx.metrics.activeStreams.set(ctx.streams.size);
    }
  }),
  digest: deviceProcedure.input(digestInputSchema).query(async ({ ctx, input }) => {
    const { device } = ctx;
    if (!(await ctx.storage.storeExists(device.tenantId, input.storeId))) throw new ProblemError('unknown-store', `Store ${input.storeId} does not exist`, { storeId: input.storeId });
    if (!canSeeStore(device, input.storeId)) throw new ProblemError('forbidden-store', `This device may not see store ${input.storeId}`, { storeId: input.storeId });
    // Both reads in one turn: on SQLite nothing commits between them; on PostgreSQL a write
    // between them only makes the device compare again (its seq is then behind).
    const [seq, rows] = await Promise.all([ctx.storage.tenantSeq(device.tenantId), ctx.storage.digestRows(device.tenantId, input.storeId)]);
    return { seq, digest: computeDigest(rows) };
  }),
});
