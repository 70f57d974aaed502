/** The part of Electron's `app` used for the single-instance lock. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: (...args: unknown[]) => void): unknown;
  quit(): void;
}

/**
 * One Stockroom per user: a second launch focuses the first window and quits.
 * Returns whether this process is the primary instance.
 */
export function claimSingleInstance(app: SingleInstanceApp, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}
