/**
 * The purchase orders of the active store (DESIGN §2 `purchaseOrders`): tabs Open (ordered,
 * partly received), Drafts, All; each row names the supplier, lines and units, what is still on
 * order, the state and when it is expected. Projected: a receipt recorded offline shows at once.
 */
import { useMemo, useState } from 'react';
import { useActiveStore, usePurchaseOrders, useStores } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { Empty, Page } from '../kit/page.js';
import { useCanEditCatalog } from '../kit/roles.js';
import { PoStatePill, isOverdue, orderCode, orderSums, useSupplierName } from './po-parts.js';

const TABS = ['open', 'draft', 'all'] as const;
type Tab = (typeof TABS)[number];
const inTab = (state: string, tab: Tab) => (tab === 'all' ? true : tab === 'draft' ? state === 'draft' : state === 'ordered' || state === 'partial');

export function PurchaseOrdersScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const [storeId] = useActiveStore();
  const store = useStores().find((s) => s.id === storeId);
  const { orders, version } = usePurchaseOrders();
  const supplierName = useSupplierName();
  const mayCreate = useCanEditCatalog();
  const [tab, setTab] = useState<Tab>(TABS.find((x) => x === params.tab) ?? 'open');
  const mine = useMemo(() => orders.all().filter((o) => o.storeId === storeId), [orders, version, storeId]);
  const rows = mine.filter((o) => inTab(o.state, tab));
  const now = Date.now();

  return (
    <Page
      title={t('po.title')}
      subtitle={store ? t('po.subtitle', { store: store.name }) : undefined}
      actions={mayCreate ? (
        <div className="po-actions">
          <a className="btn" href={`#${paths.suppliers()}`} data-testid="open-suppliers">{t('nav.suppliers')}</a>
          <a className="btn btn--primary" href={`#${paths.newPurchaseOrder()}`} data-testid="new-po">{t('po.new')}</a>
        </div>
      ) : null}
    >
      <div className="mg-segmented po-tabs" role="radiogroup" aria-label={t('po.title')}>
        {TABS.map((x) => {
          const key: MessageKey = `po.tab.${x}`;
          return (
            <button key={x} type="button" role="radio" aria-checked={tab === x} className="mg-segmented__item" onClick={() => setTab(x)} data-testid={`po-tab-${x}`}>
              {t(key)} <span className="mg-count">{format.number(mine.filter((o) => inTab(o.state, x)).length)}</span>
            </button>
          );
        })}
      </div>
      {rows.length === 0 ? (
        <Empty>{t('po.none')}</Empty>
      ) : (
        <div className="card mg-table-scroll">
          <table className="mg-table" data-testid="po-list">
            <thead>
              <tr>
                <th>{t('po.col.supplier')}</th>
                <th>{t('po.col.lines')}</th>
                <th className="po-num">{t('po.col.total')}</th>
                <th>{t('po.col.state')}</th>
                <th>{t('po.col.expected')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => {
                const s = orderSums(o);
                const currency = orders.supplier(o.supplierId)?.currency;
                return (
                  <tr key={o.id} className="po-row" onClick={() => navigate(paths.purchaseOrder(o.id))} data-testid="po-row" data-order={o.id}>
                    <th>
                      <a className="mg-link" href={`#${paths.purchaseOrder(o.id)}`} onClick={(e) => e.stopPropagation()}>{supplierName(o.supplierId)}</a>
                      <div className="muted mono">{orderCode(o.id)}</div>
                    </th>
                    <td>
                      {t('po.linesUnits', { lines: s.lines, units: s.units })}
                      {s.onOrder > 0 ? <div className="muted">{t('po.onOrderShort', { n: format.number(s.onOrder) })}</div> : null}
                    </td>
                    <td className="po-num">{format.money(s.totalCents, currency)}</td>
                    <td><PoStatePill state={o.state} overdue={isOverdue(o, now)} /></td>
                    <td className="muted">{o.expectedAt !== null ? format.date(o.expectedAt) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
