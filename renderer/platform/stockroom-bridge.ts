/**
 * `window.stockroom`, the object the Electron preload exposes; its contract (types and the
 * schemas the main process checks) lives in shared/bridge.ts.
 */
import type { StockroomBridge } from '../../shared/bridge.js';

export type { BridgeSettings, FocusTarget, NotifyRequest, StockroomBridge, TrayCounts } from '../../shared/bridge.js';

declare global {
  interface Window {
    stockroom?: StockroomBridge;
  }
}
