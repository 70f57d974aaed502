import type { Platform } from './platform.js';
import type { StockroomBridge } from './stockroom-bridge.js';

const SETTINGS_KEY = 'stockroom.settings';

/** Electron host: everything goes through the typed preload object `window.stockroom`. */
export function createElectronPlatform(bridge: StockroomBridge): Platform {
  return {
    kind: 'electron',
    notify: (request) => bridge.notify(request),
    onFocusProduct: (callback) => bridge.onFocusProduct(callback),
    setTrayCounts: (counts) => bridge.setTrayCounts(counts),
    async getSettings() {
      if (bridge.getSettings) return bridge.getSettings();
      return JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Record<string, unknown>;
    },
    async setSettings(settings) {
      if (bridge.setSettings) return bridge.setSettings(settings);
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    },
    // Native notifications need no permission prompt.
    requestNotificationPermission: async () => true,
  };
}
