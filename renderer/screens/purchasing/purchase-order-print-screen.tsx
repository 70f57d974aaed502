/**
 * The printable purchase order (window.print; the print stylesheet keeps only the sheet), as
 * the packing slip: every label in both languages (the person's first), the order's code and
 * id, supplier and the store to deliver to, dates, lines with our SKU and the supplier's, the
 * quantity, unit cost and line totals in the supplier's currency.
 */
import { usePurchaseOrders, useStockroom } from '../../data/hooks.js';
import { LOCALES, translate, useFormat, useLocale, useT, type MessageKey } from '../../i18n/index.js';
import { paths, type RouteProps } from '../../navigation/routes.js';
import { Empty, Page } from '../kit/page.js';
import { orderCode, orderSums, useStoreLabel } from './po-parts.js';

function Bi({ k }: { k: MessageKey }) {
  const [locale] = useLocale();
  const order = [locale, ...LOCALES.filter((l) => l !== locale)];
  return <span className="po-bi">{order.map((l) => <span key={l} lang={l}>{translate(l, k)}</span>)}</span>;
}

export function PurchaseOrderPrintScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const { orders } = usePurchaseOrders();
  const storeName = useStoreLabel();
  const o = orders.get(params.orderId ?? '');
  const back = { label: t('po.title'), href: o ? paths.purchaseOrder(o.id) : paths.purchaseOrders() };
  if (!o) return <Page title={t('po.print.title')} back={back}><Empty>{t('po.detail.notFound')}</Empty></Page>;
  const supplier = orders.supplier(o.supplierId);
  const currency = supplier?.currency;

  return (
    <Page title={t('po.print.title')} back={back} actions={<button className="btn btn--primary po-noprint" onClick={() => window.print()} data-testid="po-print-now">{t('po.print.print')}</button>}>
      <article className="po-sheet" data-testid="po-sheet">
        <div className="po-sheet__head">
          <h2 className="po-sheet__title"><Bi k="po.print.title" /></h2>
          <div><div className="mono po-sheet__code">{orderCode(o.id)}</div><div className="mono po-sheet__id">{o.id}</div></div>
        </div>
        <dl className="po-sheet__meta">
          <dt><Bi k="po.print.to" /></dt>
          <dd>{supplier?.name ?? '—'}{supplier?.contact ? <div>{supplier.contact}</div> : null}{supplier?.email ? <div>{supplier.email}</div> : null}{supplier?.phone ? <div>{supplier.phone}</div> : null}</dd>
          <dt><Bi k="po.print.deliverTo" /></dt><dd>{storeName(o.storeId)}</dd>
          <dt><Bi k="po.print.date" /></dt><dd>{format.date(o.orderedAt ?? Date.now())}</dd>
          {o.expectedAt !== null ? <><dt><Bi k="po.print.expected" /></dt><dd>{format.date(o.expectedAt)}</dd></> : null}
          {o.note ? <><dt><Bi k="po.detail.note" /></dt><dd style={{ whiteSpace: 'pre-wrap' }}>{o.note}</dd></> : null}
        </dl>
        <table>
          <thead>
            <tr>
              <th><Bi k="po.col.product" /></th>
              <th><Bi k="po.print.ourSku" /></th>
              <th><Bi k="po.print.sku" /></th>
              <th className="po-num"><Bi k="po.col.qty" /></th>
              <th className="po-num"><Bi k="po.col.cost" /></th>
              <th className="po-num"><Bi k="po.col.lineTotal" /></th>
            </tr>
          </thead>
          <tbody>
            {o.lines.map((l) => {
              const p = client.catalog.get(l.productId);
              return (
                <tr key={l.productId} data-testid="po-sheet-line">
                  <td>{p?.name ?? t('common.unknownProduct')}</td>
                  <td className="mono">{p?.sku ?? ''}</td>
                  <td className="mono">{p?.supplierId === o.supplierId ? (p.supplierSku ?? '') : ''}</td>
                  <td className="po-num">{format.number(l.qty)} {p?.unit ?? ''}</td>
                  <td className="po-num">{format.money(l.unitCostCents, currency)}</td>
                  <td className="po-num">{format.money(l.qty * l.unitCostCents, currency)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot><tr><th colSpan={5}><Bi k="po.print.total" /></th><td className="po-num" data-testid="po-sheet-total">{format.money(orderSums(o).totalCents, currency)}</td></tr></tfoot>
        </table>
      </article>
    </Page>
  );
}
