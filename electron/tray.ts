import type { MenuItemConstructorOptions } from 'electron';
import type { TrayCountsPayload } from './ipc.js';

/** "2 out of stock · 1 critical · 5 low", or null when nothing is short. */
export function countsLine(counts: TrayCountsPayload): string | null {
  const parts: string[] = [];
  if (counts.out) parts.push(`${counts.out} out of stock`);
  if (counts.critical) parts.push(`${counts.critical} critical`);
  if (counts.low) parts.push(`${counts.low} low`);
  return parts.length ? parts.join(' · ') : null;
}

export function trayTooltip(counts: TrayCountsPayload): string {
  return `Stockroom — ${countsLine(counts) ?? 'stock OK'}`;
}

export interface TrayActions {
  open(): void;
  openAlerts(): void;
  quit(): void;
}

export function trayMenuTemplate(counts: TrayCountsPayload, actions: TrayActions): MenuItemConstructorOptions[] {
  const line = countsLine(counts);
  return [
    line
      ? { label: line, click: () => actions.openAlerts() }
      : { label: 'Stock OK', enabled: false },
    { type: 'separator' },
    { label: 'Open Stockroom', click: () => actions.open() },
    { label: 'Quit Stockroom', click: () => actions.quit() },
  ];
}

/** The parts of Electron's Tray and Menu used here (injected for tests). */
export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  setTitle?(title: string): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  tray: TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  platform: NodeJS.Platform;
  actions: TrayActions;
}

export interface TrayController {
  update(counts: TrayCountsPayload): void;
  destroy(): void;
}

export function createTrayController(deps: TrayDeps): TrayController {
  const { tray, actions } = deps;
  let last = '';
  tray.on('click', () => actions.open());
  const controller: TrayController = {
    update(counts) {
      const key = `${counts.low}/${counts.critical}/${counts.out}`;
      if (key === last) return; // the renderer reports every tick; rebuild only on change
      last = key;
      tray.setToolTip(trayTooltip(counts));
      tray.setContextMenu(deps.buildMenu(trayMenuTemplate(counts, actions)));
      // macOS shows text next to the menu-bar icon: the urgent count only.
      if (deps.platform === 'darwin') {
        const urgent = counts.out + counts.critical;
        tray.setTitle?.(urgent > 0 ? String(urgent) : '');
      }
    },
    destroy: () => tray.destroy(),
  };
  controller.update({ low: 0, critical: 0, out: 0 });
  return controller;
}
