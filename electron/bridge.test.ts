import { describe, expect, it } from 'vitest';
import { createBridge, type IpcRendererLike } from './bridge.js';
import { IPC } from './ipc-channels.js';

function fakeIpc() {
  const invoked: Array<[string, unknown[]]> = [];
  const sent: Array<[string, unknown[]]> = [];
  const listeners = new Map<string, Set<(e: unknown, ...a: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, args]);
      return channel === IPC.getSettings ? { alerts: { intervalSeconds: 30 } } : undefined;
    },
    send: (channel, ...args) => sent.push([channel, args]),
    on: (channel, l) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    },
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({}, payload));
  return { ipc, invoked, sent, emit, listeners };
}

describe('window.stockroom bridge', () => {
  it('exposes named functions only, each on its own channel', async () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, ['electron', '--stockroom-version=1.2.3'], 'linux');
    expect(Object.keys(bridge).sort()).toEqual(
      ['getSettings', 'notify', 'onFocusProduct', 'platform', 'setSettings', 'setTrayCounts', 'version'].sort(),
    );
    expect(bridge).not.toHaveProperty('send');
    expect(bridge.version).toBe('1.2.3');
    const extra = { title: 't', body: 'b', productId: 'p', storeId: 's', evil: () => 1 };
    await bridge.notify(extra);
    expect(f.invoked[0]).toEqual([IPC.notify, [{ title: 't', body: 'b', productId: 'p', storeId: 's' }]]);
    // a transfer alert names its transfer (optional: absent above, so older payloads are unchanged)
    await bridge.notify({ title: 't', body: 'b', productId: '', storeId: '', transferId: 'tr1' });
    expect(f.invoked[1]).toEqual([IPC.notify, [{ title: 't', body: 'b', productId: '', storeId: '', transferId: 'tr1' }]]);
    bridge.setTrayCounts({ low: 1, critical: 2, out: 3 });
    expect(f.sent).toEqual([[IPC.setTrayCounts, [{ low: 1, critical: 2, out: 3 }]]]);
    expect(await bridge.getSettings!()).toEqual({ alerts: { intervalSeconds: 30 } });
  });

  it('delivers focus requests until unsubscribed, ignoring malformed ones', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, [], 'linux');
    const got: unknown[] = [];
    const off = bridge.onFocusProduct((t) => got.push(t));
    f.emit(IPC.focusProduct, { productId: 'beans', storeId: 'main' });
    f.emit(IPC.focusProduct, { productId: 42 });
    f.emit(IPC.focusProduct, { productId: '', storeId: '', transferId: 'tr1' });
    f.emit(IPC.focusProduct, { productId: '', storeId: '', transferId: 7 });
    off();
    f.emit(IPC.focusProduct, { productId: 'milk', storeId: 'main' });
    expect(got).toEqual([{ productId: 'beans', storeId: 'main' }, { productId: '', storeId: '', transferId: 'tr1' }]);
    expect(f.listeners.get(IPC.focusProduct)?.size).toBe(0);
  });
});
