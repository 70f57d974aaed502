/**
 * Native notifications through node-notifier (notify-send on Linux,
 * Notification Center on macOS, toasts on Windows). Clicking one focuses the
 * window and tells the renderer which product to open.
 *
 * Linux: node-notifier drives notify-send without actions, so main.ts uses
 * linux-notify-send.ts (notify-send --action) where libnotify supports it.
 */
import type { NotifyPayload } from './ipc.js';

export interface NotifyTarget {
  productId: string;
  storeId: string;
  /** Set for a transfer alert: the click opens the transfer. */
  transferId?: string;
}

/** The node-notifier options this module sets (a subset of its `Notification` type). */
export interface NodeNotifierOptions {
  title: string;
  message: string;
  appID?: string;
  icon?: string;
  sound?: boolean;
  wait?: boolean;
  /** seconds (node-notifier converts for notify-send) */
  timeout?: number;
  urgency?: 'low' | 'normal' | 'critical';
  'app-name'?: string;
}

/** node-notifier's default export (or one of its notifier classes) as far as this module uses it. */
export interface NodeNotifierLike {
  notify(
    options: NodeNotifierOptions,
    callback?: (error: Error | string | null | undefined, response?: string, metadata?: { activationType?: string }) => void,
  ): unknown;
}

export interface NotifierDeps {
  backend: NodeNotifierLike;
  platform: NodeJS.Platform;
  appName: string;
  /** Windows needs the AppUserModelID for toasts to show and be clickable. */
  appId: string;
  icon?: string;
  onClick(target: NotifyTarget): void;
}

/** Responses node-notifier reports when the person clicked the notification body. */
const CLICK_RESPONSES = new Set(['activate', 'clicked', 'click']);

export function isClickResponse(response: string | undefined, activationType?: string): boolean {
  if (activationType === 'contentsClicked' || activationType === 'actionClicked') return true;
  return response !== undefined && CLICK_RESPONSES.has(response.toLowerCase());
}

export function notifierOptions(request: NotifyPayload, deps: Omit<NotifierDeps, 'backend' | 'onClick'>): NodeNotifierOptions {
  // `wait` keeps the process listening for the click on macOS/Windows; on Linux
  // node-notifier would turn it into a 5-second expiry (the notify-send backend waits itself).
  const canReportClick = deps.platform === 'darwin' || deps.platform === 'win32';
  return {
    title: request.title,
    message: request.body || ' ',
    appID: deps.appId,
    'app-name': deps.appName,
    ...(deps.icon ? { icon: deps.icon } : {}),
    sound: false,
    ...(canReportClick ? { wait: true } : {}),
  };
}

export interface Notifier {
  notify(request: NotifyPayload): Promise<void>;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  return {
    notify(request) {
      const target: NotifyTarget = { productId: request.productId, storeId: request.storeId };
      if (request.transferId) target.transferId = request.transferId;
      return new Promise<void>((resolve, reject) => {
        let settled = false;
        // With `wait`, node-notifier calls back only when the notification is
        // dismissed or clicked; the promise settles as soon as it is shown.
        const options = notifierOptions(request, deps);
        try {
          deps.backend.notify(options, (error, response, metadata) => {
            if (isClickResponse(response, metadata?.activationType)) deps.onClick(target);
            if (settled) return;
            settled = true;
            // node-notifier passes notify-send's stderr as `error`, '' when all went well.
            if (error && (typeof error !== 'string' || error.trim() !== '')) {
              reject(error instanceof Error ? error : new Error(String(error)));
            } else resolve();
          });
        } catch (e) {
          settled = true;
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (options.wait) {
          settled = true;
          resolve();
        }
      });
    },
  };
}
