/**
 * App-shell routing: hash based (`#/counter`), so it works from file:// in Electron.
 *
 * How a screen registers: export a `ScreenRoute` from your area's routes file
 *   renderer/screens/<area>/routes.ts  →  export const <area>Routes: ScreenRoute[] = [...]
 * and it is listed in renderer/app/screens.ts (catalog and alerts are already wired).
 * `nav` puts it in the sidebar (ordered by `nav.order`; core uses 10–60, transfers 65, purchasing 66, reports 90, catalog 100–199,
 * alerts 200–299) with an optional function-key hotkey. Components receive route params.
 */
import { useSyncExternalStore, type ComponentType } from 'react';
import type { Role } from '../data/api.js';
import type { MessageKey } from '../i18n/en.js';

export interface RouteProps {
  /** Path params (`:productId`) and query params (`?line=…`), all strings. */
  params: Record<string, string>;
}

export interface ScreenRoute {
  id: string;
  /** Pattern like "/counter" or "/products/:productId". */
  path: string;
  titleKey: MessageKey;
  component: ComponentType<RouteProps>;
  nav?: { order: number; hotkey?: string; icon?: string };
  /** Roles that may open it; absent = everyone. */
  roles?: Role[];
  /** Shows the exceptions count badge etc. */
  badge?: 'exceptions' | 'alerts';
}

/** Path builders, so screens link to each other without knowing patterns. */
export const paths = {
  /** `add` + `qty` put a line on the ticket (re-entering a rejected sale); `reenter` is that movement's id. */
  counter: (opts?: { reenter?: string; add?: string; qty?: number }) => {
    const q = new URLSearchParams();
    if (opts?.reenter) q.set('reenter', opts.reenter);
    if (opts?.add) q.set('add', opts.add);
    if (opts?.qty) q.set('qty', String(opts.qty));
    const s = q.toString();
    return s ? `/counter?${s}` : '/counter';
  },
  receive: () => '/receive',
  adjust: (productId?: string) => (productId ? `/adjust?product=${encodeURIComponent(productId)}` : '/adjust'),
  /** `resolves`: the exception this count answers ("Count the shelf"). */
  count: (productId?: string, resolves?: string) => {
    const q = new URLSearchParams();
    if (productId) q.set('product', productId);
    if (resolves) q.set('resolves', resolves);
    const s = q.toString();
    return s ? `/count?${s}` : '/count';
  },
  /** `day`: the store's local day (YYYY-MM-DD) to open on; the latest otherwise. */
  journal: (day?: string) => (day ? `/journal?day=${encodeURIComponent(day)}` : '/journal'),
  tillUsers: () => '/till-users',
  business: () => '/business',
  exceptions: () => '/exceptions',
  settings: () => '/settings',
  products: () => '/products',
  product: (productId: string) => `/products/${encodeURIComponent(productId)}`,
  newProduct: () => '/products/new',
  editProduct: (productId: string) => `/products/${encodeURIComponent(productId)}/edit`,
  importCsv: () => '/products/import',
  stock: () => '/stock',
  stores: () => '/admin/stores',
  devices: () => '/admin/devices',
  transfers: (tab?: string) => (tab ? `/transfers?tab=${encodeURIComponent(tab)}` : '/transfers'),
  /** `edit`: the draft to change. */
  newTransfer: (edit?: string) => (edit ? `/transfers/new?edit=${encodeURIComponent(edit)}` : '/transfers/new'),
  transfer: (transferId: string) => `/transfers/${encodeURIComponent(transferId)}`,
  dispatchTransfer: (transferId: string) => `/transfers/${encodeURIComponent(transferId)}/dispatch`,
  receiveTransfer: (transferId: string) => `/transfers/${encodeURIComponent(transferId)}/receive`,
  packingSlip: (transferId: string) => `/transfers/${encodeURIComponent(transferId)}/slip`,
  purchaseOrders: (tab?: string) => (tab ? `/purchase-orders?tab=${encodeURIComponent(tab)}` : '/purchase-orders'),
  /** `edit`: the draft to change. */
  newPurchaseOrder: (edit?: string) => (edit ? `/purchase-orders/new?edit=${encodeURIComponent(edit)}` : '/purchase-orders/new'),
  purchaseOrder: (orderId: string) => `/purchase-orders/${encodeURIComponent(orderId)}`,
  receivePurchaseOrder: (orderId: string) => `/purchase-orders/${encodeURIComponent(orderId)}/receive`,
  printPurchaseOrder: (orderId: string) => `/purchase-orders/${encodeURIComponent(orderId)}/print`,
  suppliers: () => '/suppliers',
  salesReport: () => '/reports/sales',
  /** `asOf`: YYYY-MM-DD (default today). */
  valuationReport: (asOf?: string) => (asOf ? `/reports/valuation?asOf=${asOf}` : '/reports/valuation'),
  alerts: () => '/alerts',
  alertSettings: () => '/alerts/settings',
} as const;

export function currentPath(): string {
  const h = typeof location !== 'undefined' ? location.hash.replace(/^#/, '') : '';
  return h || '/counter';
}

export function navigate(path: string, opts?: { replace?: boolean }): void {
  const url = `#${path}`;
  if (opts?.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  // pushState does not fire hashchange; tell subscribers ourselves.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  window.addEventListener('popstate', cb);
  return () => {
    window.removeEventListener('hashchange', cb);
    window.removeEventListener('popstate', cb);
  };
}

/** The current hash path ("/products/abc?x=1"). */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/counter');
}

/** Match "/products/:id" against "/products/abc?x=1" → { id: "abc", x: "1" } or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const [pathname = '', query = ''] = path.split('?');
  const a = pattern.split('/').filter(Boolean);
  const b = pathname.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const v = b[i]!;
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(v);
    else if (p !== v) return null;
  }
  for (const [k, v] of new URLSearchParams(query)) params[k] = v;
  return params;
}

export function resolveRoute(
  routes: readonly ScreenRoute[],
  path: string,
): { route: ScreenRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}
