/**
 * React bindings of the data layer. Screens use these, never RxDB directly.
 * In-memory indexes (catalog, levels) are read synchronously through
 * useSyncExternalStore, so a sale repaints its level in the same frame.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Observable } from 'rxjs';
import type {
  LastTicket,
  MovementDoc,
  MovementQuery,
  OverrideNotice,
  ProductDoc,
  ProjectedLevel,
  Session,
  SettingsDoc,
  StockRow,
  StockroomClient,
  StoreDoc,
  SyncException,
  SyncHealth,
  TillUserDoc,
} from './api.js';
import { isTransportError } from './wire/transport.js';

const ClientContext = createContext<StockroomClient | null>(null);

export function StockroomProvider({ client, children }: { client: StockroomClient; children: ReactNode }) {
  // One cache of server answers per session: a new client (sign-out, pairing again) starts empty.
  const queries = useMemo(() => new QueryClient({ defaultOptions: { queries: SERVER_QUERY_DEFAULTS } }), [client]);
  return (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queries}>{children}</QueryClientProvider>
    </ClientContext.Provider>
  );
}

/**
 * Server reads (devices, older history, reports): retried on transport failures only, a few
 * times (the screen says it is offline after that); a refusal (forbidden, bad input) is shown
 * at once. A screen shows what it had at once and asks again as it opens (another till may
 * have paired meanwhile).
 */
const SERVER_QUERY_DEFAULTS = {
  retry: (failures: number, err: unknown) => failures < 3 && isTransportError(err),
  refetchOnWindowFocus: false,
};

export function useStockroom(): StockroomClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('StockroomProvider missing');
  return c;
}

/** Latest value of an observable (re-subscribes when `source` identity changes). */
export function useObservable<T>(source: Observable<T>, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = source.subscribe(setValue);
    return () => sub.unsubscribe();
  }, [source]);
  return value;
}

export function useSession(): Session {
  const c = useStockroom();
  return useObservable(c.session$, c.session);
}

export function useSyncHealth(): SyncHealth {
  const c = useStockroom();
  return useObservable(c.health$, c.getHealth());
}

export function useStores(): StoreDoc[] {
  const c = useStockroom();
  return useObservable(c.stores$, c.getStores());
}

/** Every store of the tenant (transfers name the other end). */
export function useStoreDirectory(): StoreDoc[] {
  const c = useStockroom();
  return useObservable(c.storeDirectory$, c.getStoreDirectory());
}

/** [activeStoreId, setActiveStore]. */
export function useActiveStore(): [string | null, (storeId: string) => void] {
  const c = useStockroom();
  const id = useObservable(c.activeStoreId$, c.session.activeStoreId);
  return [id, c.setActiveStore.bind(c)];
}

function useCatalogVersion(): number {
  const { catalog } = useStockroom();
  return useSyncExternalStore(catalog.subscribe, catalog.version, catalog.version);
}

function useLevelsVersion(): number {
  const { levels } = useStockroom();
  return useSyncExternalStore(levels.subscribe, levels.version, levels.version);
}

/** The projected transfers (client.transfers), re-rendering on every change; read with `transfers.all()` / `get()` / `inTransit()`. */
export function useTransfers() {
  const { transfers } = useStockroom();
  // The index's methods read `this`: called through it, never passed unbound.
  const subscribe = useCallback((l: () => void) => transfers.subscribe(l), [transfers]);
  const read = useCallback(() => transfers.version(), [transfers]);
  const version = useSyncExternalStore(subscribe, read, read);
  return { transfers, version };
}

export function usePurchaseOrders() {
  const { purchaseOrders } = useStockroom();
  const subscribe = useCallback((l: () => void) => purchaseOrders.subscribe(l), [purchaseOrders]);
  const read = useCallback(() => purchaseOrders.version(), [purchaseOrders]);
  const version = useSyncExternalStore(subscribe, read, read);
  return { orders: purchaseOrders, version };
}

/** Ranked products for a query (synchronous, in memory). `null` → no search (nothing shown). */
export function useCatalogSearch(query: string | null, limit = 50): ProductDoc[] {
  const { catalog } = useStockroom();
  const v = useCatalogVersion();
  return useMemo(() => (query === null ? [] : catalog.search(query, limit)), [catalog, query, limit, v]);
}

const FIRST_KEYSTROKES = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Computes the one-character searches ahead, one per idle moment, once the catalog has been
 * still for a second (again after each change): the first keystroke then costs no full scan.
 */
export function useWarmFirstKeystrokes(limit: number): void {
  const { catalog } = useStockroom();
  const v = useCatalogVersion();
  useEffect(() => {
    let cancelled = false;
    let i = 0;
    const idle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 50));
    const step = () => {
      if (cancelled || i >= FIRST_KEYSTROKES.length) return;
      catalog.warmFirstKeystroke(FIRST_KEYSTROKES[i++]!, limit);
      idle(step);
    };
    const start = setTimeout(() => idle(step), 1000);
    return () => {
      cancelled = true;
      clearTimeout(start);
    };
  }, [catalog, v, limit]);
}

export function useProduct(productId: string | null | undefined): ProductDoc | undefined {
  const { catalog } = useStockroom();
  useCatalogVersion();
  return productId ? catalog.get(productId) : undefined;
}

/** Projected level (DESIGN §5) of one product in a store (default: the active store). */
export function useLevel(productId: string, storeId?: string | null): ProjectedLevel | null {
  const c = useStockroom();
  const [active] = useActiveStore();
  useLevelsVersion();
  const s = storeId ?? active;
  return s ? c.levels.get(s, productId) : null;
}

/** Re-renders on any level change; read levels with `levels.get` inside. */
export function useLevels() {
  const c = useStockroom();
  const version = useLevelsVersion();
  return { levels: c.levels, version };
}

/** All stock rows of a store with product and projected level (for stock list / alerts). */
export function useStockRows(storeId?: string | null): StockRow[] {
  const c = useStockroom();
  const [active] = useActiveStore();
  const lv = useLevelsVersion();
  const cv = useCatalogVersion();
  const s = storeId ?? active;
  return useMemo(() => (s ? c.stockRows(s) : []), [c, s, lv, cv]);
}

/** Movements matching a query, newest first, live. Memoise `query` fields, not the object. */
export function useMovements(query: MovementQuery | null): MovementDoc[] {
  const c = useStockroom();
  const key = query ? JSON.stringify(query) : '';
  const source = useMemo(() => (query ? c.movements$(query) : null), [c, key]);
  const [rows, setRows] = useState<MovementDoc[]>([]);
  useEffect(() => {
    if (!source) {
      setRows([]);
      return;
    }
    const sub = source.subscribe(setRows);
    return () => sub.unsubscribe();
  }, [source]);
  return rows;
}

export function useExceptions(): SyncException[] {
  const c = useStockroom();
  return useObservable(c.exceptions$, []);
}

export function useNotices(): OverrideNotice[] {
  const c = useStockroom();
  return useObservable(c.notices$, []);
}

export function useLastTicket(storeId: string | null): LastTicket | null {
  const c = useStockroom();
  const source = useMemo(() => (storeId ? c.lastTicket$(storeId) : null), [c, storeId]);
  const [t, setT] = useState<LastTicket | null>(null);
  useEffect(() => {
    if (!source) return;
    const sub = source.subscribe(setT);
    return () => sub.unsubscribe();
  }, [source]);
  return t;
}

/**
 * The time quantities are "as of": null while online (they are live), else the
 * last sync time. Screens show `t('common.asOf', { time: format.asOf(asOf) })`.
 */
export function useAsOf(): number | null {
  const h = useSyncHealth();
  return h.connection === 'online' ? null : (h.lastSyncAt ?? null);
}

/** The person at the till (the `actor` of what this device records), or null. */
export function useTillUser(): TillUserDoc | null {
  const c = useStockroom();
  return useObservable(c.tillUser$, c.getTillUser());
}

export function useTillUsers(): readonly TillUserDoc[] {
  const c = useStockroom();
  return useObservable(c.tillUsers$, []);
}

/** The business settings (name, currency, time zone), null until the first pull. */
export function useSettings(): SettingsDoc | null {
  const c = useStockroom();
  return useObservable(c.settings$, c.getSettings());
}
