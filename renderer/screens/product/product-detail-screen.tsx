/**
 * One product: its level in the chosen store (projected, DESIGN §5) with the
 * thresholds, the level over time as a chart, levels in every store, and the
 * movement list with refused movements and the server's reason.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { paths, type RouteProps } from '../../navigation/routes.js';
import { useActiveStore, useLevels, useMovements, useProduct, useSession, useStockroom, useStores, useTransfers } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { DEVICES_QUERY } from '../admin/admin-api.js';
import { AsOf } from '../kit/as-of.js';
import { Card, Empty, Page } from '../kit/page.js';
import { useCanEditCatalog } from '../kit/roles.js';
import { StatePill } from '../kit/state-pill.js';
import { TransitText } from '../kit/transit.js';
import { stockState } from '../stock/stock-table.js';
import { LevelChart } from './level-chart.js';
import { buildLevelSeries } from './level-series.js';
import { transitSpans } from './transit-series.js';
import { MovementList } from './movement-list.js';
import { useOlderHistory } from './use-older-history.js';

const MOVEMENT_LIMIT = 500;

export function ProductDetailScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const session = useSession();
  const canEdit = useCanEditCatalog();
  const productId = params.productId ?? '';
  const product = useProduct(productId);
  const [activeStoreId] = useActiveStore();
  const stores = useStores();
  const [storeId, setStoreId] = useState<string | null>(params.store ?? activeStoreId);
  useEffect(() => {
    if (!storeId && activeStoreId) setStoreId(activeStoreId);
  }, [activeStoreId, storeId]);
  const store = stores.find((s) => s.id === storeId);
  const { levels, version } = useLevels();
  const level = storeId ? levels.get(storeId, productId) : null;
  const movements = useMovements(storeId ? { storeId, productId, limit: MOVEMENT_LIMIT } : null);
  const devices = useDeviceNames(session.role === 'owner');
  const older = useOlderHistory(storeId, productId, movements);

  const { transfers, version: transfersVersion } = useTransfers();
  const transit = useMemo(() => (storeId ? transitSpans(transfers.all(), storeId, productId) : []), [transfers, transfersVersion, storeId, productId]);
  const series = useMemo(() => {
    if (!storeId || !level) return null;
    const stock = client.getStock(storeId, productId);
    return buildLevelSeries(movements, stock ? { onHand: stock.onHand, appliedSeq: stock.appliedSeq } : null, level.level, Date.now());
  }, [client, storeId, productId, movements, level, version]);

  if (!product) {
    return (
      <Page title={t('product.title')} back={{ label: t('product.backToList'), href: paths.products() }}>
        <Empty>{t('product.notFound')}</Empty>
      </Page>
    );
  }

  const state = level ? stockState(level.level, level.reorderPoint, level.criticalPoint) : null;
  const margin =
    product.priceCents > 0
      ? new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 }).format(
          (product.priceCents - product.costCents) / product.priceCents,
        )
      : null;

  return (
    <Page
      title={
        <>
          {product.name} {!product.active ? <span className="mg-tag">{t('catalog.inactive')}</span> : null}
        </>
      }
      subtitle={
        <>
          <span className="mono">{t('product.sku', { sku: product.sku })}</span>
          {product.category ? <> · {product.category}</> : null}
          {' · '}
          {product.barcodes.length > 0 ? <span className="mono">{product.barcodes.join(', ')}</span> : t('product.noBarcodes')}
        </>
      }
      back={{ label: t('product.backToList'), href: paths.products() }}
      actions={
        <>
          <a className="btn" href={`#${paths.adjust(product.id)}`}>{t('product.adjust')}</a>
          <a className="btn" href={`#${paths.count(product.id)}`}>{t('product.count')}</a>
          {canEdit ? (
            <a className="btn btn--primary" href={`#${paths.editProduct(product.id)}`}>{t('product.edit')}</a>
          ) : null}
        </>
      }
    >
      {stores.length > 1 ? (
        <div className="mg-segmented mg-store-tabs" role="tablist" aria-label={t('common.store')}>
          {stores.map((s) => (
            <button key={s.id} type="button" role="tab" aria-selected={s.id === storeId} className="mg-segmented__item" onClick={() => setStoreId(s.id)}>
              {s.name}
            </button>
          ))}
        </div>
      ) : null}

      {!storeId || !level ? (
        <Empty>{t('product.noStore')}</Empty>
      ) : (
        <>
          <div className="mg-stats">
            <div className={`mg-stat mg-stat--hero mg-stat--${state}`}>
              <div className="mg-stat__label">{t('product.inStore', { store: store?.name ?? '' })}</div>
              <div className="mg-stat__value" data-testid="product-level">
                {format.number(level.level)} <span className="mg-unit">{product.unit}</span>
              </div>
              <div className="mg-stat__foot">
                {state ? <StatePill state={state} /> : null} <AsOf />
                {level.unappliedDelta !== 0 ? (
                  <span className="muted"> {t('product.unsynced', { delta: format.delta(level.unappliedDelta) })}</span>
                ) : null}
              </div>
            </div>
            <div className="mg-stat">
              <div className="mg-stat__label">{t('product.reorderPoint')}</div>
              <div className="mg-stat__value">{level.reorderPoint === null ? t('product.none') : format.number(level.reorderPoint)}</div>
            </div>
            <div className="mg-stat">
              <div className="mg-stat__label">{t('product.criticalPoint')}</div>
              <div className="mg-stat__value">{level.criticalPoint === null ? t('product.none') : format.number(level.criticalPoint)}</div>
            </div>
            {storeId ? <TransitStat storeId={storeId} productId={product.id} unit={product.unit} /> : null}
            <div className="mg-stat">
              <div className="mg-stat__label">{t('product.price')}</div>
              <div className="mg-stat__value">{format.money(product.priceCents)}</div>
              {canEdit ? (
                <div className="mg-stat__foot muted">
                  {t('product.cost')} {format.money(product.costCents)}
                  {margin ? ` · ${t('product.margin', { percent: margin })}` : ''}
                </div>
              ) : null}
            </div>
          </div>

          <Card title={t('product.chart.title')}>
            {series && movements.length > 0 ? (
              <LevelChart
                series={series}
                unit={product.unit}
                reorderPoint={level.reorderPoint}
                criticalPoint={level.criticalPoint}
                productName={product.name}
                storeName={store?.name ?? ''}
                transit={transit}
              />
            ) : (
              <p className="empty">{t('product.chart.empty')}</p>
            )}
          </Card>

          {stores.length > 1 ? (
            <Card title={t('product.otherStores')}>
              <table className="mg-table">
                <thead>
                  <tr>
                    <th scope="col">{t('common.store')}</th>
                    <th scope="col" className="mg-align-end">{t('common.level')}</th>
                    <th scope="col" className="mg-align-end">{t('transfers.tab.transit')}</th>
                    <th scope="col" className="mg-align-end">{t('product.reorderPoint')}</th>
                    <th scope="col" className="mg-align-end">{t('product.criticalPoint')}</th>
                    <th scope="col">{t('stock.col.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stores.map((s) => {
                    const l = levels.get(s.id, product.id);
                    return (
                      <tr key={s.id} className={s.id === storeId ? 'mg-row--selected' : undefined} onClick={() => setStoreId(s.id)}>
                        <th scope="row">{s.name}</th>
                        <td className="mg-align-end num">{format.number(l.level)} {product.unit}</td>
                        <td className="mg-align-end num" data-store={s.id}><TransitText storeId={s.id} productId={product.id} /></td>
                        <td className="mg-align-end num">{l.reorderPoint === null ? '—' : format.number(l.reorderPoint)}</td>
                        <td className="mg-align-end num">{l.criticalPoint === null ? '—' : format.number(l.criticalPoint)}</td>
                        <td><StatePill state={stockState(l.level, l.reorderPoint, l.criticalPoint)} /></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </Card>
          ) : null}

          <Card
            title={t('product.movements')}
            actions={movements.length >= MOVEMENT_LIMIT ? <span className="muted">{t('product.movements.showing', { count: MOVEMENT_LIMIT })}</span> : null}
          >
            <MovementList
              movements={older.movements.length > 0 ? [...movements, ...older.movements] : movements}
              thisDeviceId={session.deviceId}
              formerDeviceIds={session.formerDeviceIds}
              deviceName={(id) => devices.get(id) ?? null}
            />
            <div className="row mg-older-history">
              {older.exhausted ? (
                <span className="muted" data-testid="older-history-end">{t('product.history.end')}</span>
              ) : (
                <button type="button" className="btn" disabled={older.loading} onClick={older.loadMore}>
                  {older.loading ? t('product.history.loading') : t('product.history.loadOlder')}
                </button>
              )}
              {older.error ? <span className="mg-field__error" role="alert">{older.error}</span> : null}
            </div>
          </Card>
        </>
      )}
    </Page>
  );
}

/** In transit in and out at the store shown (DESIGN §5a "in transit everywhere"); only when something is on the road. */
function TransitStat({ storeId, productId, unit }: { storeId: string; productId: string; unit: string }) {
  const t = useT();
  const format = useFormat();
  const { transfers } = useTransfers();
  const a = transfers.inTransit(storeId, productId);
  if (a.incoming === 0 && a.outgoing === 0) return null;
  return (
    <div className="mg-stat" data-testid="product-transit" data-incoming={a.incoming} data-outgoing={a.outgoing}>
      <div className="mg-stat__label">{t('transfers.tab.transit')}</div>
      <div className="mg-stat__value">
        {a.incoming > 0 ? <span className="tr-transit--in">+{format.number(a.incoming)}</span> : null}
        {a.incoming > 0 && a.outgoing > 0 ? ' / ' : null}
        {a.outgoing > 0 ? <span className="tr-transit--out">−{format.number(a.outgoing)}</span> : null} <span className="mg-unit">{unit}</span>
      </div>
      <div className="mg-stat__foot muted">
        {a.incoming > 0 ? t('transfers.transit.inShort', { n: format.number(a.incoming) }) : null}
        {a.incoming > 0 && a.outgoing > 0 ? ' · ' : null}
        {a.outgoing > 0 ? t('transfers.transit.outShort', { n: format.number(a.outgoing) }) : null}
        {a.overdueIncoming > 0 ? <> · <span className="tr-transit--overdue">{t('transfers.transit.overdue', { n: format.number(a.overdueIncoming) })}</span></> : null}
      </div>
    </div>
  );
}

/** Owners can name the devices behind movements; others see short ids. Best effort (needs the server). */
function useDeviceNames(enabled: boolean): Map<string, string> {
  const client = useStockroom();
  const list = useQuery({ queryKey: DEVICES_QUERY, queryFn: () => client.server.devices.list.query(), enabled }).data;
  return useMemo(() => new Map((list ?? []).map((d) => [d.deviceId, d.deviceName])), [list]);
}
