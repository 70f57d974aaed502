/** window, single instance, tray and close-to-tray with Electron objects faked at the seam. */
import { describe, expect, it } from 'vitest';
import { attachCloseToTray } from './close-to-tray.js';
import { claimSingleInstance } from './single-instance.js';
import { countsLine, createTrayController, trayMenuTemplate, trayTooltip, type TrayLike } from './tray.js';
import { mainWindowOptions, showAndFocus, startsHidden, type FocusableWindow } from './window.js';

describe('window', () => {
  it('locks the renderer down and keeps timers running when hidden', () => {
    const o = mainWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs', version: '0.1.0' });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      backgroundThrottling: false,
    });
    expect(o.webPreferences?.additionalArguments).toEqual(['--stockroom-version=0.1.0']);
    expect(o.show).toBe(false);
  });

  it('restores, shows and focuses', () => {
    const calls: string[] = [];
    const win: FocusableWindow = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    };
    expect(showAndFocus(win)).toBe(true);
    expect(calls).toEqual(['restore', 'show', 'focus']);
    expect(showAndFocus(null)).toBe(false);
    expect(showAndFocus({ ...win, isDestroyed: () => true })).toBe(false);
    expect(startsHidden(['stockroom', '--hidden'])).toBe(true);
    expect(startsHidden(['stockroom'])).toBe(false);
  });
});

describe('single instance', () => {
  it('a second launch focuses the first one; the second quits', () => {
    const listeners: Array<() => void> = [];
    let focused = 0;
    let quit = 0;
    const first = { requestSingleInstanceLock: () => true, on: (_e: string, l: () => void) => listeners.push(l), quit: () => quit++ };
    expect(claimSingleInstance(first, () => focused++)).toBe(true);
    listeners[0]!();
    expect(focused).toBe(1);
    const second = { ...first, requestSingleInstanceLock: () => false };
    expect(claimSingleInstance(second, () => focused++)).toBe(false);
    expect(quit).toBe(1);
  });
});

describe('tray', () => {
  it('tells the counts in words', () => {
    expect(countsLine({ low: 5, critical: 1, out: 2 })).toBe('2 out of stock · 1 critical · 5 low');
    expect(countsLine({ low: 0, critical: 0, out: 0 })).toBeNull();
    expect(trayTooltip({ low: 3, critical: 0, out: 0 })).toBe('Stockroom — 3 low');
    expect(trayTooltip({ low: 0, critical: 0, out: 0 })).toBe('Stockroom — stock OK');
  });

  it('offers open, the alerts and quit', () => {
    const done: string[] = [];
    const actions = { open: () => done.push('open'), openAlerts: () => done.push('alerts'), quit: () => done.push('quit') };
    const menu = trayMenuTemplate({ low: 1, critical: 0, out: 0 }, actions);
    expect(menu.map((m) => m.label ?? m.type)).toEqual(['1 low', 'separator', 'Open Stockroom', 'Quit Stockroom']);
    for (const item of menu) item.click?.(undefined as never, undefined, undefined as never);
    expect(done).toEqual(['alerts', 'open', 'quit']);
    expect(trayMenuTemplate({ low: 0, critical: 0, out: 0 }, actions)[0]).toMatchObject({ label: 'Stock OK', enabled: false });
  });

  it('updates the tray only when the counts change', () => {
    const log: string[] = [];
    let click: () => void = () => {};
    const tray: TrayLike = {
      setToolTip: (t) => log.push(`tip:${t}`),
      setContextMenu: () => log.push('menu'),
      setTitle: (t) => log.push(`title:${t}`),
      on: (_e, l) => (click = l),
      destroy: () => log.push('destroy'),
    };
    let opened = 0;
    const c = createTrayController({
      tray,
      buildMenu: (t) => t,
      platform: 'darwin',
      actions: { open: () => opened++, openAlerts: () => {}, quit: () => {} },
    });
    c.update({ low: 0, critical: 0, out: 0 });
    c.update({ low: 2, critical: 1, out: 1 });
    c.update({ low: 2, critical: 1, out: 1 });
    expect(log).toEqual([
      'tip:Stockroom — stock OK', 'menu', 'title:',
      'tip:Stockroom — 1 out of stock · 1 critical · 2 low', 'menu', 'title:2',
    ]);
    click();
    expect(opened).toBe(1);
  });
});

describe('close to tray', () => {
  function setup(closeToTray: boolean) {
    let onClose: (e: { preventDefault(): void }) => void = () => {};
    let onBeforeQuit: () => void = () => {};
    let hidden = 0;
    const flags = attachCloseToTray(
      { on: (_e, l) => (onClose = l), hide: () => hidden++ },
      { on: (_e, l) => (onBeforeQuit = l) },
      () => closeToTray,
    );
    const close = () => {
      let prevented = false;
      onClose({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { close, quit: () => onBeforeQuit(), hidden: () => hidden, flags };
  }

  it('hides instead of closing, until the app quits', () => {
    const s = setup(true);
    expect(s.close()).toBe(true);
    expect(s.hidden()).toBe(1);
    s.quit();
    expect(s.flags.isQuitting()).toBe(true);
    expect(s.close()).toBe(false);
    expect(s.hidden()).toBe(1);
  });

  it('closes normally when the setting is off', () => {
    const s = setup(false);
    expect(s.close()).toBe(false);
    expect(s.hidden()).toBe(0);
  });
});
