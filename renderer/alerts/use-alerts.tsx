/**
 * React side of the alerts: one engine per paired client, the timer that
 * drives it, and hooks for the alert centre. Mount <AlertsRunner /> once
 * inside <StockroomProvider> and <I18nProvider> (the shell does).
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { firstValueFrom } from 'rxjs';
import { defaultAlertSettings, type AlertCounts, type AlertSettings, type AlertTemplates, type VelocityMovement } from '../../shared/alerts/index.js';
import type { StockroomClient } from '../data/api.js';
import { useStockroom } from '../data/hooks.js';
import { useT, type TFunction } from '../i18n/index.js';
import { getPlatform, type Platform } from '../platform/index.js';
import { AlertPersistence } from './alert-history.js';
import { incomingKeysOf } from './alert-rows.js';
import { AlertsEngine } from './alerts-engine.js';

const SALES_LIMIT = 200_000;

export function alertTemplates(t: TFunction): AlertTemplates {
  return {
    titleLeft: t('alerts.notify.titleLeft'),
    titleOut: t('alerts.notify.titleOut'),
    bodyReorder: t('alerts.notify.bodyReorder'),
    bodyCritical: t('alerts.notify.bodyCritical'),
    bodyCriticalOnly: t('alerts.notify.bodyCriticalOnly'),
    bodySeparator: t('alerts.notify.bodySeparator'),
    summaryTitle: t('alerts.notify.summaryTitle'),
    summaryOut: t('alerts.notify.summaryOut'),
    summaryCritical: t('alerts.notify.summaryCritical'),
    summaryLow: t('alerts.notify.summaryLow'),
    summaryMore: t('alerts.notify.summaryMore'),
    listSeparator: t('alerts.notify.listSeparator'),
    summaryNamesSeparator: t('alerts.notify.summaryNamesSeparator'),
    transfer: {
      overdueTitle: (v) => t('alerts.notify.transferOverdueTitle', v),
      overdueBody: (v) => t('alerts.notify.transferOverdueBody', v),
      writtenOffTitle: (v) => t('alerts.notify.transferWrittenOffTitle', v),
      writtenOffBody: (v) => t('alerts.notify.transferWrittenOffBody', v),
      summaryOverdue: (v) => t('alerts.notify.summaryTransfersOverdue', v),
      summaryWrittenOff: (v) => t('alerts.notify.summaryTransfersWrittenOff', v),
      summaryTitleMixed: (v) => t('alerts.notify.summaryTitleMixed', v),
      route: (v) => t('alerts.notify.transferRoute', v),
    },
  };
}

function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Wire an engine to the data facade and the platform adapter. */
export function createAlertsEngine(client: StockroomClient, platform: Platform, storage: Storage = localStorage): AlertsEngine {
  const { session } = client;
  return new AlertsEngine({
    rows: {
      forStore: (storeId) => client.levels.forStore(storeId),
      isActive: (productId) => client.catalog.get(productId)?.active ?? false,
      catalogVersion: () => client.catalog.version(),
      inTransit: {
        version: () => client.transfers.version(),
        incomingKeys: () => incomingKeysOf(client.transfers.all()),
        amounts: (storeId, productId) => client.transfers.inTransit(storeId, productId),
      },
    },
    transfers: {
      // DESIGN §7: transfer alerts are for the managers (and owners) of both stores; a staff
      // device still sees the transfers on its screens, it is just not woken up for them.
      all: () => (session.role === 'staff' ? [] : client.transfers.all()),
      setOverdueDays: (days) => client.transfers.setOverdueDays(days),
    },
    stores: () => client.getStores(),
    storeDirectory: () => client.getStoreDirectory(),
    product: (productId) => client.catalog.get(productId),
    async sales(storeIds, since) {
      const lists = await Promise.all(
        storeIds.map((storeId) => firstValueFrom(client.movements$({ storeId, kinds: ['sale', 'void'], limit: SALES_LIMIT }))),
      );
      const out: VelocityMovement[] = [];
      for (const list of lists) for (const m of list) if ((m.serverTime ?? m.clientTime) >= since) out.push(m);
      return out;
    },
    notify: (request) => platform.notify(request),
    setTrayCounts: (counts) => platform.setTrayCounts(counts),
    persistence: new AlertPersistence(storage, `stockroom.alerts.${session.tenantId}.${session.deviceId}`),
    now: () => Date.now(),
    defaults: defaultAlertSettings({ role: session.role, storeIds: session.storeIds, timeZone: deviceTimeZone() }),
    loadSettings: async () => (await platform.getSettings()).alerts,
    async saveSettings(alerts) {
      const all = await platform.getSettings();
      await platform.setSettings({ ...all, alerts });
    },
    onError: (error) => console.warn('alerts:', error),
  });
}

const engines = new WeakMap<StockroomClient, AlertsEngine>();

/** The engine of the current client (created on first use). */
export function useAlertsEngine(): AlertsEngine {
  const client = useStockroom();
  let engine = engines.get(client);
  if (!engine) {
    engine = createAlertsEngine(client, getPlatform());
    engines.set(client, engine);
  }
  return engine;
}

/** Re-renders when anything in the engine changed; returns it. */
export function useAlerts(): AlertsEngine {
  const engine = useAlertsEngine();
  useSyncExternalStore(engine.subscribe, engine.version, engine.version);
  return engine;
}

export function useAlertSettings(): AlertSettings {
  const engine = useAlertsEngine();
  return useSyncExternalStore(engine.subscribe, engine.getSettings, engine.getSettings);
}

export function useAlertCounts(): AlertCounts {
  const engine = useAlertsEngine();
  return useSyncExternalStore(engine.subscribe, engine.getCounts, engine.getCounts);
}

/**
 * The alert timer. Renders nothing; mount it once in the app shell. Ticks at
 * once, then every `intervalSeconds` (Electron keeps timers running while the
 * window is hidden: backgroundThrottling is off).
 */
export function AlertsRunner(): null {
  const engine = useAlertsEngine();
  const t = useT();
  const templates = useMemo(() => alertTemplates(t), [t]);
  const { intervalSeconds } = useAlertSettings();

  useEffect(() => engine.setTemplates(templates), [engine, templates]);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    void engine.ready.then(() => {
      if (cancelled) return;
      engine.tick();
      timer = setInterval(() => engine.tick(), intervalSeconds * 1000);
    });
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [engine, intervalSeconds]);

  return null;
}
