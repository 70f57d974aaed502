import type { Platform } from './platform.js';
import type { BridgeSettings, FocusTarget } from './stockroom-bridge.js';

const SETTINGS_KEY = 'stockroom.settings';

/** Plain-browser host: Web Notifications API, settings in localStorage, no tray. */
export function createWebPlatform(): Platform {
  const focusListeners = new Set<(t: FocusTarget) => void>();
  return {
    kind: 'web',
    async notify({ title, body, productId, storeId, transferId }) {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const n = new Notification(title, { body, tag: transferId ? `transfer:${transferId}` : `${storeId}:${productId}` });
      n.onclick = () => {
        window.focus();
        for (const l of focusListeners) l(transferId ? { productId, storeId, transferId } : { productId, storeId });
      };
    },
    onFocusProduct(callback) {
      focusListeners.add(callback);
      return () => focusListeners.delete(callback);
    },
    setTrayCounts({ low, critical, out }) {
      // No tray in a browser: put the worst count in the tab title instead.
      const n = out + critical + low;
      const base = document.title.replace(/^\(\d+\) /, '');
      document.title = n > 0 ? `(${n}) ${base}` : base;
    },
    async getSettings() {
      try {
        return JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as BridgeSettings;
      } catch {
        return {};
      }
    },
    async setSettings(settings) {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    },
    async requestNotificationPermission() {
      if (typeof Notification === 'undefined') return false;
      if (Notification.permission === 'granted') return true;
      if (Notification.permission === 'denied') return false;
      return (await Notification.requestPermission()) === 'granted';
    },
  };
}
