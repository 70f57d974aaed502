import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import type { MovementPush, ProductDoc, Role } from '../../shared/index.js';
import { ensureTenant } from '../domain/bootstrap.js';
import { createPairingCode } from '../domain/pairing.js';
import { openBackend } from '../open-backend.js';
import { appRouter } from '../trpc/routers/app-router.js';
import { createContext, streamHubFor, type CreateContextOptions } from '../trpc/context.js';

/**
 * A real database (a SQLite file in a temp dir, or the PostgreSQL database given), the tenant
 * bootstrapped, and callers per device.
 */
export async function makeHarness(opts: { databaseUrl?: string | null } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-unit-'));
  const backend = await openBackend({ dataDir: dir, databaseUrl: opts.databaseUrl });
  const { storage, feed: bus } = backend;
  const { tenant, ownerCode } = await ensureTenant(storage, { timezone: 'UTC' });
  const streams = streamHubFor(storage, bus);
  const mainStoreId = (await storage.listStoreIds(tenant.id))[0]!;
  const caller = (token: string | null, extra: Partial<CreateContextOptions> = {}, signal?: AbortSignal) =>
    appRouter.createCaller(createContext({ storage, token, bus, streams, ...extra }), signal ? { signal } : undefined);
  const pair = async (role: Role, storeIds: string[] = [mainStoreId], name = `${role}-device`) => {
    const { code } = await createPairingCode(storage, { tenantId: tenant.id, role, storeIds });
    const result = await caller(null).auth.pair({ code, deviceName: name });
    return { ...result, api: caller(result.token) };
  };
  return {
    dir, storage, tenant, ownerCode: ownerCode!, bus, streams, mainStoreId, caller, pair,
    async cleanup() {
      streams.close();
      await backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function product(id: string, over: Partial<ProductDoc> = {}) {
  return {
    id, sku: `SKU-${id}`, name: `Product ${id}`, barcodes: [], unit: 'pcs', priceCents: 100, costCents: 50,
    category: null, active: true, supplierId: null, supplierSku: null, packSize: 1, updatedAt: 1, _deleted: false, ...over,
  };
}

let n = 0;
export function movement(storeId: string, productId: string, over: Partial<MovementPush> = {}): MovementPush {
  n++;
  return {
    id: `m-${Date.now()}-${n}`, storeId, productId, kind: 'receipt', delta: 10, reason: null, ticketId: null,
    transferId: null, purchaseOrderId: null, unitPriceCents: null, unitCostCents: null,
    countedQty: null, expectedQty: null, deviceId: 'ignored', actor: null, clientTime: 1, _deleted: false, ...over,
  };
}

export function pushRows<T>(docs: T[]) {
  return docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));
}

/** The problem object the error formatter would put in data.problem. */
export async function problemOf(promise: Promise<unknown>): Promise<{ type: string; status: number } & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const { problemFromError } = await import('../trpc/error-formatter.js');
    return problemFromError(err);
  }
  throw new Error('expected an error');
}
