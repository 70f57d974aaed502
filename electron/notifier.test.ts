import { describe, expect, it } from 'vitest';
import { createNotifier, isClickResponse, notifierOptions, type NodeNotifierLike, type NodeNotifierOptions, type NotifyTarget } from './notifier.js';

type Callback = Parameters<NodeNotifierLike['notify']>[1];

function fakeBackend() {
  const calls: Array<{ options: NodeNotifierOptions; callback: Callback }> = [];
  const backend: NodeNotifierLike = { notify: (options, callback) => calls.push({ options, callback }) };
  return { backend, calls };
}

const request = { title: 'Espresso beans — 3 left at Main St', body: 'Reorder at 10 · critical at 3', productId: 'beans', storeId: 'main' };

describe('notifier', () => {
  it('passes title and body to node-notifier', async () => {
    const { backend, calls } = fakeBackend();
    const n = createNotifier({ backend, platform: 'linux', appName: 'Stockroom', appId: 'com.stockroom.app', onClick: () => {} });
    const shown = n.notify(request);
    calls[0]!.callback?.('', '');
    await shown;
    expect(calls[0]!.options).toMatchObject({ title: request.title, message: request.body, 'app-name': 'Stockroom' });
    // on Linux `wait` would only shorten the notification to 5 s
    expect(calls[0]!.options.wait).toBeUndefined();
  });

  it('focuses the product when the person clicks (macOS/Windows)', async () => {
    const { backend, calls } = fakeBackend();
    const clicked: NotifyTarget[] = [];
    const n = createNotifier({ backend, platform: 'win32', appName: 'Stockroom', appId: 'com.stockroom.app', onClick: (t) => clicked.push(t) });
    await n.notify(request); // resolves once shown, without waiting for the click
    expect(calls[0]!.options.wait).toBe(true);
    expect(calls[0]!.options.appID).toBe('com.stockroom.app');
    calls[0]!.callback?.(null, 'activate');
    expect(clicked).toEqual([{ productId: 'beans', storeId: 'main' }]);
  });

  it('a transfer alert\'s click opens the transfer', async () => {
    const { backend, calls } = fakeBackend();
    const clicked: NotifyTarget[] = [];
    const n = createNotifier({ backend, platform: 'darwin', appName: 'Stockroom', appId: 'x', onClick: (t) => clicked.push(t) });
    await n.notify({ title: 'Transfer Main St → Airport: 12 units on the road for 4 days', body: 'T-ABC123', productId: '', storeId: '', transferId: 'tr1' });
    calls[0]!.callback?.(null, 'activate');
    expect(clicked).toEqual([{ productId: '', storeId: '', transferId: 'tr1' }]);
  });

  it('does not treat a timeout or dismissal as a click', async () => {
    const { backend, calls } = fakeBackend();
    const clicked: NotifyTarget[] = [];
    const n = createNotifier({ backend, platform: 'darwin', appName: 'Stockroom', appId: 'x', onClick: (t) => clicked.push(t) });
    await n.notify(request);
    calls[0]!.callback?.(null, 'timeout');
    calls[0]!.callback?.(null, 'closed');
    expect(clicked).toEqual([]);
    expect(isClickResponse(undefined, 'contentsClicked')).toBe(true);
    expect(isClickResponse('dismissed')).toBe(false);
  });

  it('reports a failure to show (e.g. notify-send missing)', async () => {
    const { backend, calls } = fakeBackend();
    const n = createNotifier({ backend, platform: 'linux', appName: 'Stockroom', appId: 'x', onClick: () => {} });
    const shown = n.notify(request);
    calls[0]!.callback?.(new Error('notify-send must be installed on the system.'));
    await expect(shown).rejects.toThrow('notify-send');
  });

  it('never sends an empty message (node-notifier refuses it)', () => {
    expect(notifierOptions({ ...request, body: '' }, { platform: 'linux', appName: 'S', appId: 'x' }).message).toBe(' ');
  });
});
