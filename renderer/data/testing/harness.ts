/**
 * Test harness for the data layer: the real sync server (child process on
 * 127.0.0.1, port 0, temp SQLite dir) and StockroomClients on fake-indexeddb.
 * Only imported by *.test.ts files.
 */
import 'fake-indexeddb/auto';
import { uuidv7 } from '../../../shared/index.js';
import type { Device } from '../../../test/support/client.js';
import type { Session, StockroomClient } from '../api.js';
import { createStockroomClient, type ClientOptions } from '../client.js';
import { appStorage } from '../local/database.js';
import { createServerApi, createSyncApi, type SyncApi } from '../wire/transport.js';

export function sessionFor(device: Device, storeId: string | null): Session {
  return {
    serverUrl: device.baseUrl,
    deviceId: device.deviceId,
    deviceName: device.name,
    token: device.token,
    tenantId: device.tenantId,
    tenantName: '',
    currency: 'EUR',
    role: device.role,
    storeIds: device.storeIds,
    activeStoreId: storeId,
    pairedAt: Date.now(),
  };
}

export async function openClient(
  device: Device,
  storeId: string | null,
  options: ClientOptions = {},
): Promise<StockroomClient> {
  return createStockroomClient(sessionFor(device, storeId), {
    dbName: `t${uuidv7().replace(/-/g, '').slice(-20)}`,
    storage: appStorage(),
    backoff: { baseMs: 20, maxMs: 200 },
    ...options,
  });
}

export function realApi(device: Device): SyncApi {
  return createSyncApi(createServerApi(device.baseUrl, device.token));
}

/** Poll until `fn` returns truthy (or throw with the last value). */
export async function eventually<T>(
  fn: () => T | Promise<T>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start < timeoutMs) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}
