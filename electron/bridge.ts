import type { FocusTarget, StockroomBridge } from '../shared/bridge.js';
import { IPC, VERSION_ARG } from './ipc-channels.js';

/** The part of Electron's ipcRenderer the bridge uses (injected, so it is testable without Electron). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

// Checked by hand, not with the shared schema: the sandboxed preload bundle stays free of zod.
function isFocusTarget(v: unknown): v is FocusTarget {
  const t = v as { productId?: unknown; storeId?: unknown; transferId?: unknown } | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.productId === 'string' &&
    typeof t.storeId === 'string' &&
    (t.transferId === undefined || typeof t.transferId === 'string')
  );
}

/**
 * `window.stockroom`: named functions only. Arguments are copied into plain
 * objects so nothing but the documented fields crosses the bridge.
 */
export function createBridge(ipc: IpcRendererLike, argv: readonly string[], platform: string): StockroomBridge {
  const version = argv.find((a) => a.startsWith(VERSION_ARG))?.slice(VERSION_ARG.length);
  return {
    async notify({ title, body, productId, storeId, transferId }) {
      await ipc.invoke(IPC.notify, { title, body, productId, storeId, ...(typeof transferId === 'string' ? { transferId } : {}) });
    },
    onFocusProduct(callback) {
      const listener = (_event: unknown, target: unknown) => {
        if (!isFocusTarget(target)) return;
        const { productId, storeId, transferId } = target;
        callback(transferId === undefined ? { productId, storeId } : { productId, storeId, transferId });
      };
      ipc.on(IPC.focusProduct, listener);
      return () => {
        ipc.removeListener(IPC.focusProduct, listener);
      };
    },
    setTrayCounts({ low, critical, out }) {
      ipc.send(IPC.setTrayCounts, { low, critical, out });
    },
    async getSettings() {
      return (await ipc.invoke(IPC.getSettings)) as Record<string, unknown>;
    },
    async setSettings(settings) {
      await ipc.invoke(IPC.setSettings, settings);
    },
    ...(version ? { version } : {}),
    platform,
  };
}
