/**
 * Stock valuation at cost as of a date (DESIGN §5a): per store × product the quantity, the
 * moving average unit cost, the value and the age of the units on hand, with totals per store.
 * Online it comes from `reports.valuation` over the whole ledger; offline the device computes
 * it over the movements it holds (its 60 days), and the screen says so. A product's name opens
 * its page, whose history lists the movements behind the number.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ValuationRow } from '../../../shared/reports/index.js';
import { paths, type RouteProps } from '../../navigation/routes.js';
import { useStockroom, useStoreDirectory, useSyncHealth } from '../../data/hooks.js';
import { minorUnitFactor } from '../../i18n/format.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { AsOf } from '../kit/as-of.js';
import { Banner, Card, Page } from '../kit/page.js';
import { adminErrorText } from '../admin/admin-api.js';
import { valuationExport } from './export-rows.js';
import { LateDevices } from './late-devices.js';
import { addDays, localDayEnd, localDayOf } from './report-dates.js';
import { DEVICE_WINDOW_DAYS, valuationSource } from './report-source.js';
import { ExportButtons } from './export-buttons.js';
import { ReportTabs } from './report-tabs.js';
import { storeGroups } from './valuation-groups.js';
import './reports.css';

const AGE_KEYS: readonly MessageKey[] = ['reports.col.age30', 'reports.col.age60', 'reports.col.age90', 'reports.col.ageOld'];

export function ValuationScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const stores = useStoreDirectory();
  const health = useSyncHealth();
  const online = health.connection === 'online';
  const today = localDayOf(Date.now());
  const [day, setDay] = useState(params.asOf && /^\d{4}-\d{2}-\d{2}$/.test(params.asOf) ? params.asOf : today);
  // The whole chosen day: what the server had applied by its last millisecond.
  const asOf = localDayEnd(day);
  const source = valuationSource(online);

  const query = useQuery({
    queryKey: ['reports.valuation', source, asOf, source === 'device' ? health.lastSyncAt : null],
    // react-query pauses queries while the browser is offline; the device's own figures need no network.
    networkMode: source === 'device' ? 'always' : 'online',
    queryFn: async (): Promise<ValuationRow[]> => (source === 'server' ? (await client.server.reports.valuation.query({ asOf })).rows : client.reports.valuation(asOf)),
  });

  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  const productName = (id: string) => client.catalog.get(id)?.name ?? t('common.unknownProduct');
  const groups = useMemo(
    () => storeGroups(query.data ?? [], (id) => stores.find((s) => s.id === id)?.name ?? id, (id) => client.catalog.get(id)?.name ?? id),
    [query.data, stores, client],
  );
  const grand = groups.reduce((a, g) => a + g.total.valueCents, 0);

  const exportTable = () =>
    valuationExport(
      groups.flatMap((g) => g.rows),
      { store: storeName, product: productName, noActor: '' },
      [t('reports.col.store'), t('reports.col.product'), t('reports.col.qty'), t('reports.col.unitCost'), t('reports.col.value'), ...AGE_KEYS.map((k) => t(k))],
      minorUnitFactor(format.currency),
    );

  return (
    <Page
      title={t('reports.valuation.title')}
      subtitle={t('reports.valuation.subtitle')}
      actions={groups.length > 0 ? <ExportButtons base={`stockroom-valuation-${day}`} sheet={t('reports.tab.valuation')} table={exportTable} /> : null}
    >
      <ReportTabs current="valuation" />
      <div className="mg-toolbar rp-toolbar">
        <label className="rp-date">
          <span>{t('reports.valuation.asOf')}</span>
          <input className="input" type="date" value={day} max={today} onChange={(e) => e.target.value && setDay(e.target.value)} data-testid="valuation-as-of" />
        </label>
        <button type="button" className="btn" onClick={() => setDay(addDays(today, -7))} data-testid="valuation-week-ago">
          {t('reports.valuation.weekAgo')}
        </button>
        <button type="button" className="btn" onClick={() => setDay(today)} disabled={day === today}>
          {t('reports.valuation.today')}
        </button>
        <span className="muted mg-small" data-testid="report-source" data-as-of={asOf}>
          {source === 'server' ? t('reports.source.server') : t('reports.source.deviceOffline', { days: DEVICE_WINDOW_DAYS })} <AsOf />
        </span>
      </div>

      <LateDevices end={asOf} />

      {query.error ? (
        <Banner tone="danger">
          {t('reports.failed', { detail: adminErrorText(t, query.error) })}{' '}
          <button type="button" className="btn btn--sm" onClick={() => void query.refetch()}>
            {t('reports.retry')}
          </button>
        </Banner>
      ) : null}
      {query.isPending ? <p className="muted">{t('common.loading')}</p> : null}

      {query.data ? (
        <Card>
          {groups.length === 0 ? (
            <p className="empty">{t('reports.valuation.empty')}</p>
          ) : (
            <div className="mg-table-scroll">
              <table className="mg-table rp-table" data-testid="valuation-table" data-as-of={asOf} data-source={source}>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.col.product')}</th>
                    <th scope="col" className="mg-align-end">{t('reports.col.qty')}</th>
                    <th scope="col" className="mg-align-end">{t('reports.col.unitCost')}</th>
                    <th scope="col" className="mg-align-end">{t('reports.col.value')}</th>
                    {AGE_KEYS.map((k) => (
                      <th key={k} scope="col" className="mg-align-end">
                        {t(k)}
                      </th>
                    ))}
                  </tr>
                </thead>
                {groups.map((g) => (
                  <tbody key={g.storeId} data-store={g.storeId}>
                    <tr className="rp-store">
                      <th scope="colgroup" colSpan={4 + AGE_KEYS.length}>
                        {storeName(g.storeId)}
                      </th>
                    </tr>
                    {g.rows.map((r) => (
                      <tr key={r.productId} data-product={r.productId}>
                        <th scope="row">
                          <a className="mg-link" href={`#${paths.product(r.productId)}`} title={t('reports.drill.product', { product: productName(r.productId) })}>
                            {productName(r.productId)}
                          </a>
                        </th>
                        <td className="mg-align-end num" data-col="qty">{format.number(r.qty)}</td>
                        <td className="mg-align-end num">{format.money(Math.round(r.unitCostCents))}</td>
                        <td className="mg-align-end num" data-col="value">{format.money(r.valueCents)}</td>
                        {r.ageing.map((n, i) => (
                          <td key={i} className="mg-align-end num">
                            {n === 0 ? '' : format.number(n)}
                          </td>
                        ))}
                      </tr>
                    ))}
                    <tr className="rp-subtotal">
                      <th scope="row">{t('reports.storeTotal', { store: storeName(g.storeId) })}</th>
                      <td className="mg-align-end num">{format.number(g.total.qty)}</td>
                      <td />
                      <td className="mg-align-end num" data-col="store-value">{format.money(g.total.valueCents)}</td>
                      {g.total.ageing.map((n, i) => (
                        <td key={i} className="mg-align-end num">
                          {format.number(n)}
                        </td>
                      ))}
                    </tr>
                  </tbody>
                ))}
                <tfoot>
                  <tr>
                    <th scope="row">{t('reports.total')}</th>
                    <td colSpan={2} />
                    <td className="mg-align-end num" data-testid="valuation-total">{format.money(grand)}</td>
                    <td colSpan={AGE_KEYS.length} />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </Card>
      ) : null}
    </Page>
  );
}
