import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Role, StockDoc } from '../../../shared/index.js';
import { latestById, pullAll } from '../../support/replication.js';
import type { ServerOptions } from '../../support/server-process.js';
import { startTenant, type TestTenant } from '../../support/tenant.js';
import { launchChromium } from './chromium.js';
import { UiDevice } from './device.js';
import { startWebServer } from './web-server.js';

/**
 * Everything one e2e test needs, all real: the sync server (H2's harness,
 * child process, SQLite in a temp dir, owner paired over the API), the built
 * renderer on a static origin, Debian's Chromium, and browser devices paired
 * through the pairing screen.
 */
export interface E2eStack {
  tenant: TestTenant;
  /** The store the server created on first start. */
  storeId: string;
  webUrl: string;
  browser: Browser;
  /** Pair a new browser device through the UI with a code the owner creates. */
  openDevice(name: string, role: Role, opts?: { notifications?: boolean; storeIds?: string[]; awaitInitialSync?: boolean }): Promise<UiDevice>;
  /** The server's stock rows of the default store, by productId. */
  serverStock(): Promise<Map<string, StockDoc>>;
  /** The server's onHand of one product in the default store (0 when no row yet). */
  serverLevel(productId: string): Promise<number>;
  dispose(): Promise<void>;
}

/**
 * One stack for the enclosing `describe`: started in its first `beforeAll`
 * (register further set-up after this call) and disposed of after its tests.
 */
export function useStack(options: ServerOptions = {}): () => E2eStack {
  let stack: E2eStack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
  });
  afterAll(async () => {
    await stack?.dispose();
  });
  return () => {
    if (!stack) throw new Error('the e2e stack is not started (useStack() belongs in a describe block)');
    return stack;
  };
}

export async function startStack(options: ServerOptions = {}): Promise<E2eStack> {
  const tenant = await startTenant(options);
  const cleanups: Array<() => Promise<unknown>> = [() => tenant.dispose()];
  const dispose = async () => {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => console.error('e2e cleanup:', err));
  };
  try {
    const web = await startWebServer();
    cleanups.push(() => web.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const devices: UiDevice[] = [];
    cleanups.push(() => Promise.all(devices.map((d) => d.close())));
    const storeId = tenant.defaultStoreId;

    const serverStock = async () => {
      const pulled = await pullAll(tenant.owner.api, 'stock');
      const byProduct = new Map<string, StockDoc>();
      for (const s of latestById(pulled.documents).values()) if (s.storeId === storeId && !s._deleted) byProduct.set(s.productId, s);
      return byProduct;
    };

    return {
      tenant,
      storeId,
      webUrl: web.url,
      browser,
      async openDevice(name, role, opts = {}) {
        const storeIds = opts.storeIds ?? (role === 'owner' ? [] : [storeId]);
        const { code } = await tenant.owner.api.devices.createPairingCode.mutate({ role, storeIds });
        const device = await UiDevice.open(browser, {
          name,
          code,
          serverUrl: tenant.server.url,
          webUrl: web.url,
          notifications: opts.notifications,
          awaitInitialSync: opts.awaitInitialSync,
        });
        devices.push(device);
        return device;
      },
      serverStock,
      async serverLevel(productId) {
        return (await serverStock()).get(productId)?.onHand ?? 0;
      },
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}
