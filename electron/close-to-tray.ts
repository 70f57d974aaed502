/** The window and app events used to hide instead of quitting. */
export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}
export interface QuitSignals {
  on(event: 'before-quit', listener: () => void): unknown;
}

/**
 * Closing the window hides it in the tray so the alerts timer keeps running;
 * quitting (tray menu, OS shutdown, Cmd+Q) really quits.
 */
export function attachCloseToTray(
  win: HideableWindow,
  app: QuitSignals,
  closeToTray: () => boolean,
): { isQuitting(): boolean } {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  win.on('close', (event) => {
    if (quitting || !closeToTray()) return;
    event.preventDefault();
    win.hide();
  });
  return { isQuitting: () => quitting };
}
