/**
 * The contract between the Electron shell and the renderer (DESIGN §1): the one object the
 * preload exposes as `window.stockroom`, named functions only, never a generic send. The main
 * process checks every payload against these schemas; the preload and the renderer use the
 * types. Rule: add members, never rename; optional members may be absent in older shells.
 */
import { z } from 'zod';

const text = (max: number) => z.string().max(max);

export const notifyRequestSchema = z.object({
  title: text(200).min(1),
  body: text(500),
  // empty = a summary: clicking it opens the alert centre
  productId: text(128),
  storeId: text(128),
  // added with transfer alerts (productId then empty): the transfer a click opens; older shells ignore it
  transferId: text(128).optional(),
});
export type NotifyRequest = z.infer<typeof notifyRequestSchema>;

const count = z.number().int().min(0).max(10_000_000);
export const trayCountsSchema = z.object({ low: count, critical: count, out: count });
export type TrayCounts = z.infer<typeof trayCountsSchema>;

/** What a notification or tray click focuses (a transfer when transferId is set, else empty productId: the alert centre). */
export const focusTargetSchema = z.object({ productId: text(128), storeId: text(128), transferId: text(128).optional() });
export type FocusTarget = z.infer<typeof focusTargetSchema>;

const MAX_SETTINGS_BYTES = 64 * 1024;
/** Settings persisted by the desktop shell (alerts timer, quiet hours…); free-form JSON values. */
export const bridgeSettingsSchema = z
  .record(z.string().max(64), z.unknown())
  .refine((s) => JSON.stringify(s).length <= MAX_SETTINGS_BYTES, 'settings too large');
export type BridgeSettings = z.infer<typeof bridgeSettingsSchema>;

export interface StockroomBridge {
  /** Show a native notification (node-notifier in the main process). */
  notify(request: NotifyRequest): Promise<void>;
  /** Called when the user clicks a notification or a tray entry: focus the app on that product. Returns unsubscribe. */
  onFocusProduct(callback: (target: FocusTarget) => void): () => void;
  /** Badge / tray tooltip counts. */
  setTrayCounts(counts: TrayCounts): void;
  getSettings?(): Promise<BridgeSettings>;
  setSettings?(settings: BridgeSettings): Promise<void>;
  /** App version of the desktop shell, for the about box. */
  version?: string;
  platform?: string;
}
