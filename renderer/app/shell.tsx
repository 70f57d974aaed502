import { useEffect, useMemo } from 'react';
import { useActiveStore, useNotices, useSession, useStockroom, useStores, useSyncHealth } from '../data/hooks.js';
import { LOCALE_NAMES, LOCALES, useLocale, useT, type Locale } from '../i18n/index.js';
import { AlertsRunner, useAlertCounts } from '../alerts/use-alerts.js';
import { getPlatform } from '../platform/index.js';
import { SyncHealthBar } from '../ui/sync-health-bar.js';
import { TillUserSwitch } from '../ui/till-user-switch.js';
import { navigate, paths, resolveRoute, usePath } from '../navigation/routes.js';
import { allRoutes } from './screens.js';

function hotkeyOf(e: KeyboardEvent): string | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const m = /^Digit(\d)$/.exec(e.code);
  return m ? `Alt+${m[1]}` : null;
}

/** The app frame: navigation, store switcher, sync health, notices, the routed screen. */
export function Shell() {
  const client = useStockroom();
  const session = useSession();
  const stores = useStores();
  const [storeId, setStore] = useActiveStore();
  const health = useSyncHealth();
  const notices = useNotices();
  const alertCounts = useAlertCounts();
  const alertCount = alertCounts.low + alertCounts.critical + alertCounts.out;
  const [locale, setLocale] = useLocale();
  const t = useT();
  const path = usePath();

  const routes = useMemo(() => allRoutes.filter((r) => !r.roles || r.roles.includes(session.role)), [session.role]);
  const navRoutes = useMemo(() => routes.filter((r) => r.nav).sort((a, b) => a.nav!.order - b.nav!.order), [routes]);
  const resolved = resolveRoute(routes, path) ?? resolveRoute(routes, '/counter');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = hotkeyOf(e);
      const r = key && navRoutes.find((x) => x.nav?.hotkey === key);
      if (r) {
        e.preventDefault();
        navigate(r.path);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navRoutes]);

  // A notification click focuses the app on that product (DESIGN §7).
  useEffect(
    () =>
      getPlatform().onFocusProduct(({ productId, storeId: s, transferId }) => {
        // A transfer alert opens the transfer (the alert centre while that screen is not there).
        if (transferId) {
          const page = `/transfers/${encodeURIComponent(transferId)}`;
          return navigate(resolveRoute(routes, page) ? page : paths.alerts());
        }
        // An alert summary (or the tray's counts line) names no product: open the alert centre.
        if (!productId) return navigate(paths.alerts());
        if (s) client.setActiveStore(s);
        const target = paths.product(productId);
        navigate(resolveRoute(routes, target) ? target : paths.count(productId));
      }),
    [client, routes],
  );

  const visibleStores = stores.filter((s) => session.storeIds.length === 0 || session.storeIds.includes(s.id) || session.role === 'owner');
  const Screen = resolved?.route.component;
  const current = resolved?.route;

  return (
    <div className="app">
      <nav className="app__nav" aria-label="Main">
        <div className="brand">
          <span className="brand__mark">S</span>
          <span>{t('app.name')}</span>
        </div>
        {visibleStores.length > 1 ? (
          <select className="input store-switch" aria-label={t('store.switch')} title={visibleStores.find((s) => s.id === storeId)?.name} value={storeId ?? ''} onChange={(e) => setStore(e.target.value)} data-testid="store-switch">
            {visibleStores.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        ) : (
          <div className="nav-section" style={{ color: '#fff', textTransform: 'none', letterSpacing: 0, fontSize: 14 }}>
            {visibleStores[0]?.name ?? '—'}
          </div>
        )}
        <TillUserSwitch />
        <div className="nav-section" />
        {navRoutes.map((r) => (
          <button key={r.id} className="nav-link" aria-current={r === current ? 'page' : undefined} onClick={() => navigate(r.path)} data-testid={`nav-${r.id}`}>
            <span>
              <span aria-hidden style={{ display: 'inline-block', width: 20, opacity: 0.7 }}>{r.nav?.icon}</span>
              {t(r.titleKey)}
            </span>
            {r.badge === 'exceptions' && health.exceptionCount > 0 ? (
              <span className="badge">{health.exceptionCount}</span>
            ) : r.badge === 'alerts' && alertCount > 0 ? (
              <span className="badge" data-testid="alerts-badge">{alertCount}</span>
            ) : (
              r.nav?.hotkey && <span className="nav-link__key">{r.nav.hotkey}</span>
            )}
          </button>
        ))}
        <div className="nav-spacer" />
        <select className="input lang-switch" value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('common.language')}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>{LOCALE_NAMES[l]}</option>
          ))}
        </select>
        <div className="device-line">
          {session.deviceName} · {session.tenantName}
        </div>
      </nav>
      <div className="app__bar">
        <SyncHealthBar />
        <AlertsRunner />
      </div>
      <main className="app__main">
        {notices.length > 0 && (
          <div className="stack" style={{ marginBottom: 16 }}>
            {notices.map((n) => (
              <div className="notice" key={n.id} data-testid="override-notice">
                <span className="grow">{t('notice.overridden', { fields: n.fields.join(', '), label: n.label })}</span>
                <button className="btn btn--sm" onClick={() => client.dismissNotice(n.id)}>{t('notice.dismiss')}</button>
              </div>
            ))}
          </div>
        )}
        {Screen && resolved && <Screen key={resolved.route.id} params={resolved.params} />}
      </main>
    </div>
  );
}
