import type { BrowserContext, Page } from 'playwright-core';

export interface CapturedNotification {
  title: string;
  body: string | null;
  tag: string | null;
  at: number;
}

/**
 * Wrap window.Notification before the app loads so every `new Notification()`
 * is recorded, while still creating the real notification (the app keeps its
 * onclick, permission and requestPermission behave as native).
 */
export async function captureNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.Notification;
    if (typeof Native !== 'function') return;
    const log: Array<{ title: string; body: string | null; tag: string | null; at: number }> = [];
    Object.defineProperty(window, '__e2eNotifications', { value: log, configurable: false });
    class Recorded extends Native {
      constructor(title: string, options?: NotificationOptions) {
        log.push({ title, body: options?.body ?? null, tag: options?.tag ?? null, at: Date.now() });
        super(title, options);
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
  });
}

export function notificationsOf(page: Page): Promise<CapturedNotification[]> {
  return page.evaluate(
    () => ((window as unknown as { __e2eNotifications?: CapturedNotification[] }).__e2eNotifications ?? []).slice(),
  );
}
