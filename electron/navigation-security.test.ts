import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  decideWindowOpen,
  installNavigationGuards,
  isAppUrl,
  isPermissionAllowed,
  isSafeExternalUrl,
  type GuardedContents,
} from './navigation-security.js';

const APP = 'app://stockroom/index.html';
const DEV = 'http://127.0.0.1:5173/';

describe('navigation predicates', () => {
  it('keeps navigation inside the app', () => {
    expect(isAppUrl('app://stockroom/index.html#/counter', APP)).toBe(true);
    expect(isAppUrl('app://stockroom/assets/x.js', APP)).toBe(true);
    expect(isAppUrl('app://other/index.html', APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/#/alerts', DEV)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', DEV)).toBe(false);
    expect(isAppUrl('http://user:pw@127.0.0.1:5173/', DEV)).toBe(false);
    expect(isAppUrl('https://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isAppUrl('file:///opt/app/index.html#/x', 'file:///opt/app/index.html')).toBe(true);
    expect(isAppUrl('file:///etc/passwd', 'file:///opt/app/index.html')).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });

  it('opens only http(s) links outside, without credentials', () => {
    expect(isSafeExternalUrl('https://example.com/help')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'mailto:a@b.c', 'https://u:p@example.com', '']) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
  });

  it('decides every navigation', () => {
    expect(decideNavigation('app://stockroom/index.html#/stock', APP)).toBe('allow');
    expect(decideNavigation('https://example.com', APP)).toBe('open-external');
    expect(decideNavigation('file:///etc/passwd', APP)).toBe('block');
    expect(decideWindowOpen('https://example.com')).toBe('open-external');
    expect(decideWindowOpen('app://stockroom/index.html')).toBe('block');
  });

  it('grants the page no browser permissions', () => {
    expect(isPermissionAllowed('notifications')).toBe(false);
    expect(isPermissionAllowed('media')).toBe(false);
    expect(isPermissionAllowed('geolocation')).toBe(false);
  });
});

describe('installNavigationGuards', () => {
  function fakeContents() {
    const listeners = new Map<string, (e: { url: string; preventDefault(): void }) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
    const contents: GuardedContents = {
      on: (event: string, listener: (e: never) => void) => listeners.set(event, listener as never),
      setWindowOpenHandler: (h) => {
        openHandler = h;
      },
    } as GuardedContents;
    const fire = (event: string, url = '') => {
      let prevented = false;
      listeners.get(event)!({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { contents, fire, open: (url: string) => openHandler!({ url }) };
  }

  it('blocks leaving the app and hands web links to the system browser', () => {
    const opened: string[] = [];
    const f = fakeContents();
    installNavigationGuards(f.contents, APP, (url) => opened.push(url));
    expect(f.fire('will-navigate', 'app://stockroom/index.html#/alerts')).toBe(false);
    expect(f.fire('will-navigate', 'https://example.com/docs')).toBe(true);
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-redirect', 'https://evil.example')).toBe(true);
    expect(f.fire('will-attach-webview')).toBe(true);
    expect(f.open('https://example.com/help')).toEqual({ action: 'deny' });
    expect(f.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/docs', 'https://example.com/help']);
  });
});
