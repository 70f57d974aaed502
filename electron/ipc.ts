import { z } from 'zod';
import { IPC } from './ipc-channels.js';

/** What the main process does for the renderer; each bridge function maps to one handler. */
export interface ShellHandlers {
  notify(request: NotifyPayload): Promise<void> | void;
  setTrayCounts(counts: TrayCountsPayload): void;
  getSettings(): Promise<Record<string, unknown>> | Record<string, unknown>;
  setSettings(settings: Record<string, unknown>): Promise<void> | void;
}

const text = (max: number) => z.string().max(max);
export const notifyPayloadSchema = z.object({
  title: text(200).min(1),
  body: text(500),
  // empty = a summary: clicking it opens the alert centre
  productId: text(128),
  storeId: text(128),
});
export type NotifyPayload = z.infer<typeof notifyPayloadSchema>;

const count = z.number().int().min(0).max(10_000_000);
export const trayCountsPayloadSchema = z.object({ low: count, critical: count, out: count });
export type TrayCountsPayload = z.infer<typeof trayCountsPayloadSchema>;

const MAX_SETTINGS_BYTES = 64 * 1024;
export const settingsPayloadSchema = z
  .record(z.string().max(64), z.unknown())
  .refine((s) => JSON.stringify(s).length <= MAX_SETTINGS_BYTES, 'settings too large');

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

  ipcMain.handle(IPC.notify, (event, payload) => handlers.notify(guard(event, notifyPayloadSchema, payload)));
  ipcMain.handle(IPC.getSettings, (event) => {
    if (!trusted(event)) throw new IpcRejected('untrusted sender');
    return handlers.getSettings();
  });
  ipcMain.handle(IPC.setSettings, (event, payload) =>
    handlers.setSettings(guard(event, settingsPayloadSchema, payload)),
  );
  ipcMain.on(IPC.setTrayCounts, (event, payload) => {
    if (!trusted(event)) return;
    const parsed = trayCountsPayloadSchema.safeParse(payload);
    if (parsed.success) handlers.setTrayCounts(parsed.data);
  });

  return () => {
    ipcMain.removeHandler(IPC.notify);
    ipcMain.removeHandler(IPC.getSettings);
    ipcMain.removeHandler(IPC.setSettings);
    ipcMain.removeAllListeners(IPC.setTrayCounts);
  };
}
