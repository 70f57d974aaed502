import { createElectronPlatform } from './electron-platform.js';
import type { Platform } from './platform.js';
import { createWebPlatform } from './web-platform.js';

export type { Platform } from './platform.js';
export type { StockroomBridge, NotifyRequest, TrayCounts, BridgeSettings } from './stockroom-bridge.js';

let current: Platform | null = null;

/** The host adapter: Electron when the preload exposed `window.stockroom`, else the web one. */
export function getPlatform(): Platform {
  if (!current) {
    current =
      typeof window !== 'undefined' && window.stockroom
        ? createElectronPlatform(window.stockroom)
        : createWebPlatform();
  }
  return current;
}
