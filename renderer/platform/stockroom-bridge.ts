/**
 * The object the Electron preload exposes as `window.stockroom` (DESIGN §1:
 * one typed object of named functions, never a generic send). H5 implements
 * it in electron/preload; the renderer only reads this type.
 * Rule: add members, never rename. Optional members may be absent in older shells.
 */
export interface NotifyRequest {
  title: string;
  body: string;
  productId: string;
  storeId: string;
}

export interface TrayCounts {
  low: number;
  critical: number;
  out: number;
}

/** Settings persisted by the desktop shell (alerts timer, quiet hours…); free-form JSON values. */
export type BridgeSettings = Record<string, unknown>;

export interface StockroomBridge {
  /** Show a native notification (node-notifier in the main process). */
  notify(request: NotifyRequest): Promise<void>;
  /** Called when the user clicks a notification or a tray entry: focus the app on that product. Returns unsubscribe. */
  onFocusProduct(callback: (target: { productId: string; storeId: string }) => void): () => void;
  /** Badge / tray tooltip counts. */
  setTrayCounts(counts: TrayCounts): void;
  getSettings?(): Promise<BridgeSettings>;
  setSettings?(settings: BridgeSettings): Promise<void>;
  /** App version of the desktop shell, for the about box. */
  version?: string;
  platform?: string;
}

declare global {
  interface Window {
    stockroom?: StockroomBridge;
  }
}
