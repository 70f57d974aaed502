import type { z } from 'zod';
import { bridgeSettingsSchema, notifyRequestSchema, trayCountsSchema, type NotifyRequest, type TrayCounts } from '../shared/bridge.js';
import { IPC } from './ipc-channels.js';

/** What the main process does for the renderer; each bridge function maps to one handler. */
export interface ShellHandlers {
  notify(request: NotifyPayload): Promise<void> | void;
  setTrayCounts(counts: TrayCountsPayload): void;
  getSettings(): Promise<Record<string, unknown>> | Record<string, unknown>;
  setSettings(settings: Record<string, unknown>): Promise<void> | void;
}

export type NotifyPayload = NotifyRequest;
export type TrayCountsPayload = TrayCounts;

/** The minimal event shape handlers read: who sent it. */
export interface IpcEventLike {
  senderFrame?: { url: string } | null;
}

/** The part of Electron's ipcMain used here (injected for tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeHandler(channel: string): void;
  removeAllListeners(channel: string): unknown;
}

export class IpcRejected extends Error {}

/**
 * Register one named handler per channel. Every message is checked: it must
 * come from a frame of the app itself and carry a valid payload; anything
 * else is refused (invoke) or dropped (send).
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: ShellHandlers,
  isTrustedSender: (frameUrl: string) => boolean,
): () => void {
  const trusted = (event: IpcEventLike) => {
    const url = event.senderFrame?.url;
    return typeof url === 'string' && isTrustedSender(url);
  };
  const guard = <T>(event: IpcEventLike, schema: z.ZodType<T>, payload: unknown): T => {
    if (!trusted(event)) throw new IpcRejected('untrusted sender');
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new IpcRejected(`invalid payload: ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data;
  };

  ipcMain.handle(IPC.notify, (event, payload) => handlers.notify(guard(event, notifyRequestSchema, payload)));
  ipcMain.handle(IPC.getSettings, (event) => {
    if (!trusted(event)) throw new IpcRejected('untrusted sender');
    return handlers.getSettings();
  });
  ipcMain.handle(IPC.setSettings, (event, payload) =>
    handlers.setSettings(guard(event, bridgeSettingsSchema, payload)),
  );
  ipcMain.on(IPC.setTrayCounts, (event, payload) => {
    if (!trusted(event)) return;
    const parsed = trayCountsSchema.safeParse(payload);
    if (parsed.success) handlers.setTrayCounts(parsed.data);
  });

  return () => {
    ipcMain.removeHandler(IPC.notify);
    ipcMain.removeHandler(IPC.getSettings);
    ipcMain.removeHandler(IPC.setSettings);
    ipcMain.removeAllListeners(IPC.setTrayCounts);
  };
}
