/**
 * No navigation away from the app; links to the web open in the system
 * browser, and only http(s) ones. The predicates are pure; the installer takes
 * the webContents as a parameter.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is part of the app loaded from `appUrl`. Compares scheme, host
 * and port explicitly: for a custom scheme like app:// the URL origin is "null".
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const a = parse(url);
  const b = parse(appUrl);
  if (!a || !b) return false;
  if (a.protocol === 'file:' || b.protocol === 'file:') {
    return a.protocol === b.protocol && a.pathname === b.pathname;
  }
  return a.protocol === b.protocol && a.host === b.host && a.username === '' && a.password === '';
}

/** Links the system browser may open: http(s) only, no embedded credentials. */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  return !!u && (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
}

/** Decision for an attempted navigation of the app window. */
export type NavigationDecision = 'allow' | 'open-external' | 'block';

export function decideNavigation(url: string, appUrl: string): NavigationDecision {
  if (isAppUrl(url, appUrl)) return 'allow';
  return isSafeExternalUrl(url) ? 'open-external' : 'block';
}

/** Decision for window.open / target=_blank: never a new app window. */
export function decideWindowOpen(url: string): 'open-external' | 'block' {
  return isSafeExternalUrl(url) ? 'open-external' : 'block';
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's WebContents used here. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function installNavigationGuards(
  contents: GuardedContents,
  appUrl: string,
  openExternal: (url: string) => void,
): void {
  const onNavigate = (event: PreventableEvent & { url: string }) => {
    const decision = decideNavigation(event.url, appUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openExternal(event.url);
  };
  contents.on('will-navigate', onNavigate);
  // A redirect is the server's doing, not a click: block it without opening anything.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') openExternal(url);
    return { action: 'deny' };
  });
}

/** The renderer asks for no browser permissions (notifications go through the bridge). */
export function isPermissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}
