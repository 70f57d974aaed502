import { describe, expect, it } from 'vitest';
import { IPC } from './ipc-channels.js';
import { registerIpcHandlers, type IpcEventLike, type IpcMainLike, type ShellHandlers } from './ipc.js';

function fakeIpcMain() {
  const handles = new Map<string, (e: IpcEventLike, ...a: unknown[]) => unknown>();
  const ons = new Map<string, (e: IpcEventLike, ...a: unknown[]) => void>();
  const ipcMain: IpcMainLike = {
    handle: (c, l) => handles.set(c, l),
    on: (c, l) => ons.set(c, l),
    removeHandler: (c) => handles.delete(c),
    removeAllListeners: (c) => ons.delete(c),
  };
  return { ipcMain, handles, ons };
}

const APP = { senderFrame: { url: 'app://stockroom/index.html#/alerts' } };
const EVIL = { senderFrame: { url: 'https://evil.example/' } };

function setup() {
  const f = fakeIpcMain();
  const log: unknown[] = [];
  let settings: Record<string, unknown> = { a: 1 };
  const handlers: ShellHandlers = {
    notify: (r) => void log.push(['notify', r]),
    setTrayCounts: (c) => void log.push(['tray', c]),
    getSettings: () => settings,
    setSettings: (s) => {
      settings = s;
    },
  };
  const off = registerIpcHandlers(f.ipcMain, handlers, (url) => url.startsWith('app://stockroom/'));
  return { ...f, log, off, settings: () => settings };
}

describe('ipc handlers', () => {
  it('serves the app with validated payloads', async () => {
    const s = setup();
    await s.handles.get(IPC.notify)!(APP, { title: 'T', body: 'B', productId: 'p', storeId: 's' });
    s.ons.get(IPC.setTrayCounts)!(APP, { low: 1, critical: 0, out: 2 });
    await s.handles.get(IPC.setSettings)!(APP, { alerts: { sustainSeconds: 30 } });
    expect(await s.handles.get(IPC.getSettings)!(APP)).toEqual({ alerts: { sustainSeconds: 30 } });
    expect(s.log).toEqual([
      ['notify', { title: 'T', body: 'B', productId: 'p', storeId: 's' }],
      ['tray', { low: 1, critical: 0, out: 2 }],
    ]);
  });

  it('refuses other senders and bad payloads', async () => {
    const s = setup();
    expect(() => s.handles.get(IPC.notify)!(EVIL, { title: 'T', body: 'B', productId: 'p', storeId: 's' })).toThrow('untrusted');
    expect(() => s.handles.get(IPC.getSettings)!({})).toThrow('untrusted');
    expect(() => s.handles.get(IPC.notify)!(APP, { title: '', body: 'B', productId: 'p', storeId: 's' })).toThrow('invalid');
    expect(() => s.handles.get(IPC.notify)!(APP, { title: 'x'.repeat(201), body: '', productId: 'p', storeId: 's' })).toThrow('invalid');
    expect(() => s.handles.get(IPC.setSettings)!(APP, { big: 'x'.repeat(70_000) })).toThrow('invalid');
    s.ons.get(IPC.setTrayCounts)!(EVIL, { low: 1, critical: 0, out: 0 });
    s.ons.get(IPC.setTrayCounts)!(APP, { low: -1, critical: 0, out: 0 });
    expect(s.log).toEqual([]);
    expect(s.settings()).toEqual({ a: 1 });
  });

  it('unregisters everything', () => {
    const s = setup();
    s.off();
    expect(s.handles.size + s.ons.size).toBe(0);
  });
});
