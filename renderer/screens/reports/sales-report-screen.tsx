/**
 * Sales by store and day (DESIGN §5a): a range (last 7 / 30 days or custom), revenue per day
 * as a chart, and a table per store × day with units, revenue and each till user's share.
 * Ranges inside the device's 60-day window are computed on the device (instant, offline too);
 * older ones through `reports.salesByDay` on the server, or "needs a connection" offline.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { SalesDay } from '../../../shared/reports/index.js';
import { paths, type RouteProps } from '../../navigation/routes.js';
import { useActiveStore, useStockroom, useStoreDirectory, useSyncHealth } from '../../data/hooks.js';
import { minorUnitFactor } from '../../i18n/format.js';
import { useFormat, useT } from '../../i18n/index.js';
import { AsOf } from '../kit/as-of.js';
import { Banner, Card, Page } from '../kit/page.js';
import { adminErrorText } from '../admin/admin-api.js';
import { salesExport } from './export-rows.js';
import { LateDevices } from './late-devices.js';
import { addDays, localDayEnd, localDayOf, localDayStart } from './report-dates.js';
import { DEVICE_WINDOW_DAYS, salesSource } from './report-source.js';
import { ExportButtons } from './export-buttons.js';
import { ReportTabs } from './report-tabs.js';
import { SalesChart } from './sales-chart.js';
import './reports.css';

type Preset = '7' | '30' | 'custom';
const PRESETS: readonly Preset[] = ['7', '30', 'custom'];

export function SalesReportScreen(_props: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const stores = useStoreDirectory();
  const health = useSyncHealth();
  const [activeStore] = useActiveStore();
  const online = health.connection === 'online';
  const today = localDayOf(Date.now());
  const [preset, setPreset] = useState<Preset>('7');
  const [custom, setCustom] = useState({ from: addDays(today, -13), to: today });
  const fromDay = preset === 'custom' ? custom.from : addDays(today, preset === '7' ? -6 : -29);
  const toDay = preset === 'custom' ? custom.to : today;
  const range = { from: localDayStart(fromDay), to: localDayEnd(toDay) };
  const source = salesSource(range, online, Date.now());

  const query = useQuery({
    // The device's figures change with each sync: its time is part of the key.
    queryKey: ['reports.salesByDay', source, range.from, range.to, source === 'device' ? health.lastSyncAt : null],
    // react-query pauses queries while the browser is offline; the device's own figures need no network.
    networkMode: source === 'device' ? 'always' : 'online',
    queryFn: async (): Promise<SalesDay[]> =>
      source === 'server' ? (await client.server.reports.salesByDay.query(range)).days : client.reports.salesByDay(range),
    enabled: source !== 'needs-connection' && range.from <= range.to,
  });

  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  const days = useMemo(() => {
    const name = (id: string) => stores.find((s) => s.id === id)?.name ?? id;
    return [...(query.data ?? [])].sort((a, b) => name(a.storeId).localeCompare(name(b.storeId)) || a.day.localeCompare(b.day));
  }, [query.data, stores]);
  const total = days.reduce((a, d) => ({ units: a.units + d.units, revenueCents: a.revenueCents + d.revenueCents }), { units: 0, revenueCents: 0 });

  const exportTable = () =>
    salesExport(
      days,
      { store: storeName, product: (id) => client.catalog.get(id)?.name ?? id, noActor: t('reports.noActor') },
      [t('reports.col.store'), t('reports.col.day'), t('reports.col.user'), t('reports.col.units'), t('reports.col.revenue')],
      minorUnitFactor(format.currency),
    );

  return (
    <Page
      title={t('reports.sales.title')}
      subtitle={t('reports.sales.subtitle')}
      actions={days.length > 0 ? <ExportButtons base={`stockroom-sales-${fromDay}_${toDay}`} sheet={t('reports.tab.sales')} table={exportTable} /> : null}
    >
      <ReportTabs current="sales" />
      <div className="mg-toolbar rp-toolbar">
        <div className="mg-segmented" role="radiogroup" aria-label={t('reports.range.label')}>
          {PRESETS.map((p) => (
            <button key={p} type="button" role="radio" aria-checked={preset === p} className="mg-segmented__item" onClick={() => setPreset(p)}>
              {t(`reports.range.${p}`)}
            </button>
          ))}
        </div>
        {preset === 'custom' ? (
          <>
            <label className="rp-date">
              <span>{t('reports.range.from')}</span>
              <input className="input" type="date" value={custom.from} max={custom.to} onChange={(e) => e.target.value && setCustom({ ...custom, from: e.target.value })} data-testid="range-from" />
            </label>
            <label className="rp-date">
              <span>{t('reports.range.to')}</span>
              <input className="input" type="date" value={custom.to} min={custom.from} max={today} onChange={(e) => e.target.value && setCustom({ ...custom, to: e.target.value })} data-testid="range-to" />
            </label>
          </>
        ) : null}
        <span className="muted mg-small" data-testid="report-source">
          {source === 'server' ? t('reports.source.server') : source === 'device' ? t('reports.source.device', { days: DEVICE_WINDOW_DAYS }) : null}{' '}
          <AsOf />
        </span>
      </div>

      <LateDevices end={range.to} />

      {source === 'needs-connection' ? (
        <Banner tone="info">
          <span data-testid="needs-connection">{t('reports.needsConnection', { days: DEVICE_WINDOW_DAYS })}</span>
        </Banner>
      ) : null}
      {query.error ? (
        <Banner tone="danger">
          {t('reports.failed', { detail: adminErrorText(t, query.error) })}{' '}
          <button type="button" className="btn btn--sm" onClick={() => void query.refetch()}>
            {t('reports.retry')}
          </button>
        </Banner>
      ) : null}
      {source !== 'needs-connection' && query.isPending && !query.error ? <p className="muted">{t('common.loading')}</p> : null}

      {query.data ? (
        <>
          <Card title={t('reports.chart.title')}>
            <SalesChart days={days} fromDay={fromDay} toDay={toDay} />
          </Card>
          <Card>
            {days.length === 0 ? (
              <p className="empty">{t('reports.empty')}</p>
            ) : (
              <div className="mg-table-scroll">
                <table className="mg-table rp-table" data-testid="sales-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.col.store')}</th>
                      <th scope="col">{t('reports.col.day')}</th>
                      <th scope="col" className="mg-align-end">{t('reports.col.units')}</th>
                      <th scope="col" className="mg-align-end">{t('reports.col.revenue')}</th>
                      <th scope="col">{t('reports.col.user')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {days.map((d) => (
                      <tr key={`${d.storeId}:${d.day}`}>
                        <th scope="row">{storeName(d.storeId)}</th>
                        <td className="mg-nowrap num">
                          {/* The journal shows the active store's tickets: a day of that store opens them. */}
                          {d.storeId === activeStore ? (
                            <a className="mg-link" href={`#${paths.journal(d.day)}`} title={t('reports.drill.journal')} data-testid="sales-day-link">
                              {format.date(Date.parse(`${d.day}T12:00:00Z`), 'UTC')}
                            </a>
                          ) : (
                            format.date(Date.parse(`${d.day}T12:00:00Z`), 'UTC')
                          )}
                        </td>
                        <td className="mg-align-end num">{format.number(d.units)}</td>
                        <td className="mg-align-end num">{format.money(d.revenueCents)}</td>
                        <td>
                          <ul className="rp-actors">
                            {d.byActor.map((a) => (
                              <li key={a.actor ?? ''}>
                                <span>{a.actor ?? t('reports.noActor')}</span>{' '}
                                <span className="num muted">
                                  {format.number(a.units)} · {format.money(a.revenueCents)}
                                </span>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>{t('reports.total')}</th>
                      <td className="mg-align-end num" data-testid="sales-total-units">{format.number(total.units)}</td>
                      <td className="mg-align-end num" data-testid="sales-total-revenue">{format.money(total.revenueCents)}</td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </Card>
        </>
      ) : null}
    </Page>
  );
}
