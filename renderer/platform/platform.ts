import type { BridgeSettings, FocusTarget, NotifyRequest, TrayCounts } from './stockroom-bridge.js';

/** What the renderer needs from its host, whether Electron or a plain browser. */
export interface Platform {
  kind: 'electron' | 'web';
  notify(request: NotifyRequest): Promise<void>;
  onFocusProduct(callback: (target: FocusTarget) => void): () => void;
  setTrayCounts(counts: TrayCounts): void;
  getSettings(): Promise<BridgeSettings>;
  setSettings(settings: BridgeSettings): Promise<void>;
  /** Ask for permission to notify when the host needs it (web); resolves to whether notifying is allowed. */
  requestNotificationPermission(): Promise<boolean>;
}
