/**
 * The in-app alert centre (DESIGN §7): what is short right now (with snooze),
 * and the history of alerts kept on this device.
 */
import { useMemo, useState } from 'react';
import { isTransferAlert, transferReference, type TransferAlertLevel } from '../../../shared/alerts/index.js';
import { transferInTransit } from '../../../shared/index.js';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { useAlerts } from '../../alerts/use-alerts.js';
import { useStockroom, useStores } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { getPlatform } from '../../platform/index.js';
import { Banner, Card, Empty, Page } from '../kit/page.js';
import { StatePill } from '../kit/state-pill.js';

const SHOWN_NOW = 200;
const HOUR = 3_600_000;
const SNOOZES: Array<{ key: MessageKey; ms: number }> = [
  { key: 'alerts.snooze.hour', ms: HOUR },
  { key: 'alerts.snooze.day', ms: 24 * HOUR },
  { key: 'alerts.snooze.week', ms: 7 * 24 * HOUR },
];
const LEVELS = ['ok', 'low', 'critical', 'out'] as const;

/** The transfer's page (renderer/screens/transfers, `/transfers/<id>`). */
const transferPath = (transferId: string) => `/transfers/${encodeURIComponent(transferId)}`;
const DAY = 86_400_000;

function TransferPill({ level }: { level: TransferAlertLevel }) {
  const t = useT();
  return <span className={`mg-pill mg-pill--${level === 'overdue' ? 'critical' : 'low'}`}>{t(`alerts.level.${level}`)}</span>;
}

function thresholds(reorderPoint: number | null, criticalPoint: number | null): string {
  return `${reorderPoint ?? '—'} / ${criticalPoint ?? '—'}`;
}

function WebNotificationBanner() {
  const t = useT();
  const platform = getPlatform();
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'denied' : Notification.permission));
  if (platform.kind !== 'web' || permission === 'granted') return null;
  if (permission === 'denied') return <Banner tone="warning">{t('alerts.web.denied')}</Banner>;
  return (
    <Banner tone="info">
      <span className="row row--wrap">
        <span className="grow">{t('alerts.web.off')}</span>
        <button
          className="btn btn--sm btn--primary"
          data-testid="alerts-enable-notifications"
          onClick={async () => {
            await platform.requestNotificationPermission();
            setPermission(Notification.permission);
          }}
        >
          {t('alerts.web.enable')}
        </button>
      </span>
    </Banner>
  );
}

export function AlertCentreScreen(_props: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const stores = useStores();
  const engine = useAlerts();
  const settings = engine.getSettings();
  const history = engine.getHistory();
  const lastTickAt = engine.getLastTickAt();
  const current = useMemo(() => engine.current(), [engine, engine.version()]);
  const overdue = useMemo(() => engine.overdueTransfers(), [engine, engine.version()]);
  const route = (from: string, to: string) => t('alerts.notify.transferRoute', { from: storeName(from), to: storeName(to) });
  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;
  const productName = (id: string) => client.catalog.get(id)?.name ?? id;
  const openProduct = (storeId: string, productId: string) => {
    client.setActiveStore(storeId);
    navigate(paths.product(productId));
  };

  return (
    <Page
      title={t('alerts.title')}
      subtitle={
        <>
          {t('alerts.subtitle', { seconds: settings.intervalSeconds })}
          {lastTickAt !== null ? ` ${t('alerts.lastCheck', { time: format.time(lastTickAt) })}` : null}
        </>
      }
      actions={
        <>
          <button className="btn" onClick={() => engine.tick()} data-testid="alerts-check-now">
            {t('alerts.checkNow')}
          </button>
          <a className="btn" href={`#${paths.alertSettings()}`} data-testid="alerts-settings-link">
            {t('alerts.settings')}
          </a>
        </>
      }
    >
      <div className="stack">
        <WebNotificationBanner />
        <Card title={t('alerts.now.title')}>
          {current.length === 0 ? (
            <p className="empty">{t('alerts.now.empty')}</p>
          ) : (
            <div className="mg-table-scroll">
              <table className="mg-table" data-testid="alerts-now">
                <thead>
                  <tr>
                    <th>{t('alerts.col.product')}</th>
                    <th>{t('alerts.col.store')}</th>
                    <th>{t('alerts.col.level')}</th>
                    <th className="mg-align-end">{t('alerts.col.qty')}</th>
                    <th className="mg-align-end">{t('alerts.col.thresholds')}</th>
                    <th>{t('alerts.col.snooze')}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.slice(0, SHOWN_NOW).map((a) => {
                    const until = engine.snoozedUntil(a.productId);
                    return (
                      <tr key={`${a.storeId}:${a.productId}`} data-testid="alerts-now-row">
                        <th>
                          <a href={`#${paths.product(a.productId)}`} onClick={(e) => (e.preventDefault(), openProduct(a.storeId, a.productId))}>
                            {productName(a.productId)}
                          </a>
                        </th>
                        <td>{storeName(a.storeId)}</td>
                        <td><StatePill state={LEVELS[a.severity]} /></td>
                        <td className="mg-align-end">{format.number(a.qty)}</td>
                        <td className="mg-align-end">{thresholds(a.reorderPoint, a.criticalPoint)}</td>
                        <td>
                          {until !== null ? (
                            <span className="row">
                              <span className="muted">{t('alerts.snooze.until', { time: format.dateTime(until) })}</span>
                              <button className="btn btn--sm btn--ghost" onClick={() => engine.unsnooze(a.productId)}>{t('alerts.snooze.off')}</button>
                            </span>
                          ) : (
                            <span className="row">
                              {SNOOZES.map((s) => (
                                <button key={s.key} className="btn btn--sm" onClick={() => engine.snooze(a.productId, Date.now() + s.ms)}>
                                  {t(s.key)}
                                </button>
                              ))}
                            </span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {current.length > SHOWN_NOW ? <p className="muted">{t('alerts.now.more', { count: current.length - SHOWN_NOW })}</p> : null}
            </div>
          )}
        </Card>
        {overdue.length > 0 ? (
          <Card title={t('alerts.transfers.title')}>
            <div className="mg-table-scroll">
              <table className="mg-table" data-testid="alerts-transfers">
                <thead>
                  <tr>
                    <th>{t('alerts.col.transfer')}</th>
                    <th>{t('alerts.col.route')}</th>
                    <th className="mg-align-end">{t('alerts.col.units')}</th>
                    <th>{t('alerts.col.onRoad')}</th>
                    <th>{t('alerts.col.snooze')}</th>
                  </tr>
                </thead>
                <tbody>
                  {overdue.map((tr) => {
                    const until = engine.transferSnoozedUntil(tr.id);
                    return (
                      <tr key={tr.id} data-testid="alerts-transfer-row">
                        <th>
                          <a href={`#${transferPath(tr.id)}`}>{transferReference(tr.id)}</a>
                        </th>
                        <td>{route(tr.fromStoreId, tr.toStoreId)}</td>
                        <td className="mg-align-end">{format.number(transferInTransit(tr))}</td>
                        <td>{t('alerts.transfers.days', { days: Math.floor((Date.now() - (tr.sentAt ?? Date.now())) / DAY) })}</td>
                        <td>
                          {until !== null ? (
                            <span className="row">
                              <span className="muted">{t('alerts.snooze.until', { time: format.dateTime(until) })}</span>
                              <button className="btn btn--sm btn--ghost" onClick={() => engine.unsnoozeTransfer(tr.id)}>{t('alerts.snooze.off')}</button>
                            </span>
                          ) : (
                            <span className="row">
                              {SNOOZES.map((sn) => (
                                <button key={sn.key} className="btn btn--sm" onClick={() => engine.snoozeTransfer(tr.id, Date.now() + sn.ms)}>
                                  {t(sn.key)}
                                </button>
                              ))}
                            </span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </Card>
        ) : null}
        <Card
          title={t('alerts.history.title')}
          actions={history.length > 0 ? <button className="btn btn--sm btn--ghost" onClick={() => engine.clearHistory()}>{t('alerts.history.clear')}</button> : null}
        >
          {history.length === 0 ? (
            <Empty>{t('alerts.history.empty')}</Empty>
          ) : (
            <div className="mg-table-scroll">
              <table className="mg-table" data-testid="alerts-history">
                <thead>
                  <tr>
                    <th>{t('alerts.col.time')}</th>
                    <th>{t('alerts.col.product')}</th>
                    <th>{t('alerts.col.store')}</th>
                    <th>{t('alerts.col.level')}</th>
                    <th className="mg-align-end">{t('alerts.col.qty')}</th>
                    <th>{t('alerts.col.delivery')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h) =>
                    isTransferAlert(h) ? (
                      <tr key={h.id} data-testid="alerts-history-row" data-transfer={h.transferId}>
                        <td>{format.dateTime(h.at)}</td>
                        <th>
                          <a href={`#${transferPath(h.transferId)}`}>
                            {t('alerts.col.transfer')} {transferReference(h.transferId)}
                          </a>
                        </th>
                        <td>{route(h.fromStoreId, h.toStoreId)}</td>
                        <td><TransferPill level={h.level} /></td>
                        <td className="mg-align-end">{format.number(h.units)}</td>
                        <td className="muted">{t(`alerts.delivery.${h.delivery}`)}</td>
                      </tr>
                    ) : (
                    <tr key={h.id} data-testid="alerts-history-row">
                      <td>{format.dateTime(h.at)}</td>
                      <th>
                        <a href={`#${paths.product(h.productId)}`} onClick={(e) => (e.preventDefault(), openProduct(h.storeId, h.productId))}>
                          {productName(h.productId)}
                        </a>
                      </th>
                      <td>{storeName(h.storeId)}</td>
                      <td><StatePill state={h.level} /></td>
                      <td className="mg-align-end">{format.number(h.qty)}</td>
                      <td className="muted">{t(`alerts.delivery.${h.delivery}`)}</td>
                    </tr>
                    ),
                  )}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </Page>
  );
}
