/**
 * A purchase order's page: the supplier, dates, and per line what was ordered, received and is
 * still on order (a line closed short says why); the actions its state allows: a draft is
 * edited, ordered or cancelled; an order nothing arrived of is cancelled; an order that is out
 * is received against (any device of the store) and its lines closed short (owners, managers);
 * the printable order. Below, this device's receipts with their verdicts.
 */
import { useState } from 'react';
import { onOrder } from '../../../shared/index.js';
import { usePurchaseOrders, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { rejectionText } from '../../ui/rejection-text.js';
import { useToast } from '../../ui/toast.js';
import { Empty, Page } from '../kit/page.js';
import { useCanEditCatalog, useWritesStore } from '../kit/roles.js';
import { PoStatePill, isOverdue, orderCode, orderSums, useStoreLabel, useSupplierName } from './po-parts.js';

export function PurchaseOrderScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const toast = useToast();
  const { orders } = usePurchaseOrders();
  const supplierName = useSupplierName();
  const storeName = useStoreLabel();
  const manager = useCanEditCatalog();
  const writes = useWritesStore();
  const [closing, setClosing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const o = orders.get(params.orderId ?? '');
  const back = { label: t('po.title'), href: paths.purchaseOrders() };
  if (!o) return <Page title={t('po.editor.title')} back={back}><Empty>{t('po.detail.notFound')}</Empty></Page>;
  const currency = orders.supplier(o.supplierId)?.currency;
  const name = (id: string) => client.catalog.get(id)?.name ?? t('common.unknownProduct');
  const fail = (err: unknown) => toast(commandErrorText(t, err, name, format.number), 'error');
  const sums = orderSums(o);
  const out = o.state === 'ordered' || o.state === 'partial';
  const receipts = orders.movementsOf(o.id);

  async function run(action: () => Promise<string>) {
    try {
      toast(await action(), 'ok');
    } catch (err) {
      fail(err);
    }
  }
  const order = () => run(async () => {
    const doc = await client.orderPurchaseOrder(o.id);
    return t('po.done.ordered', { date: format.date(doc.expectedAt ?? Date.now()) });
  });
  const cancel = () => {
    if (!window.confirm(t('po.cancel.confirm'))) return;
    void run(async () => {
      await client.cancelPurchaseOrder(o.id);
      return t('po.done.cancelled');
    });
  };
  const closeShort = (productId: string) => run(async () => {
    await client.closeLineShort(o.id, productId, reason);
    setClosing(null);
    setReason('');
    return t('po.done.closedShort');
  });

  const actions = (
    <div className="po-actions">
      {manager && o.state === 'draft' ? <a className="btn" href={`#${paths.newPurchaseOrder(o.id)}`} data-testid="po-edit">{t('po.action.edit')}</a> : null}
      {manager && o.state === 'draft' ? <button className="btn btn--primary" onClick={() => void order()} data-testid="po-order">{t('po.action.order')}</button> : null}
      {out && writes(o.storeId) ? <button className="btn btn--primary" onClick={() => navigate(paths.receivePurchaseOrder(o.id))} data-testid="po-receive">{t('po.action.receive')}</button> : null}
      {manager && (o.state === 'draft' || o.state === 'ordered') ? <button className="btn btn--danger" onClick={cancel} data-testid="po-cancel">{t('po.action.cancel')}</button> : null}
      <a className="btn" href={`#${paths.printPurchaseOrder(o.id)}`} data-testid="po-print">{t('po.action.print')}</a>
    </div>
  );

  return (
    <Page title={<>{supplierName(o.supplierId)} <span className="mono muted">{orderCode(o.id)}</span></>} back={back} actions={actions}>
      <dl className="po-meta card card__body" data-testid="po-meta">
        <div><dt>{t('po.col.state')}</dt><dd><PoStatePill state={o.state} overdue={isOverdue(o, Date.now())} /></dd></div>
        <div><dt>{t('po.detail.store')}</dt><dd>{storeName(o.storeId)}</dd></div>
        <div><dt>{t('po.detail.created')}</dt><dd>{format.date(o.createdAt)}</dd></div>
        {o.orderedAt !== null ? <div><dt>{t('po.detail.ordered')}</dt><dd>{format.date(o.orderedAt)}</dd></div> : null}
        {o.expectedAt !== null ? <div><dt>{t('po.detail.expected')}</dt><dd data-testid="po-expected">{format.date(o.expectedAt)}</dd></div> : null}
        {o.closedAt !== null ? <div><dt>{t('po.detail.closed')}</dt><dd>{format.date(o.closedAt)}</dd></div> : null}
        <div><dt>{t('po.col.total')}</dt><dd>{format.money(sums.totalCents, currency)}</dd></div>
        {o.note ? <div className="po-meta__wide"><dt>{t('po.detail.note')}</dt><dd>{o.note}</dd></div> : null}
      </dl>
      <div className="card mg-table-scroll">
        <table className="mg-table" data-testid="po-detail-lines">
          <thead>
            <tr>
              <th>{t('po.col.product')}</th>
              <th className="po-num">{t('po.col.ordered')}</th>
              <th className="po-num">{t('po.col.received')}</th>
              <th className="po-num">{t('po.col.onOrder')}</th>
              <th className="po-num">{t('po.col.cost')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {o.lines.map((l) => (
              <tr key={l.productId} data-testid="po-detail-line" data-product={l.productId}>
                <th><div className="po-product">
                  <span>{name(l.productId)}</span>
                  {l.closedShortReason !== null ? <span className="po-short" data-testid="po-closed-short">{t('po.detail.closedShort', { reason: l.closedShortReason })}</span> : null}
                </div></th>
                <td className="po-num">{format.number(l.qty)}</td>
                <td className="po-num" data-testid="po-line-received">{format.number(l.received)}</td>
                <td className="po-num" data-testid="po-line-on-order">{format.number(onOrder(o, l))}</td>
                <td className="po-num">{format.money(l.unitCostCents, currency)}</td>
                <td className="po-close">
                  {manager && out && onOrder(o, l) > 0 && closing !== l.productId ? (
                    <button className="btn btn--ghost btn--sm" onClick={() => { setClosing(l.productId); setReason(''); }} data-testid="po-close-short">{t('po.action.closeShort')}</button>
                  ) : null}
                  {closing === l.productId ? (
                    <form className="po-close__form" onSubmit={(e) => { e.preventDefault(); void closeShort(l.productId); }}>
                      <input className="input" autoFocus maxLength={64} placeholder={t('po.closeShort.reason')} aria-label={t('po.closeShort.reason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="po-close-reason" />
                      <button className="btn btn--sm btn--primary" type="submit" data-testid="po-close-confirm">{t('po.closeShort.confirm')}</button>
                      <button className="btn btn--sm btn--ghost" type="button" onClick={() => setClosing(null)}>{t('common.cancel')}</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {receipts.length > 0 ? (
        <section className="card">
          <div className="card__head"><span>{t('po.detail.receipts')}</span></div>
          <ul className="po-receipts" data-testid="po-receipts">
            {receipts.map((m) => (
              <li key={m.id}>
                <span className="muted">{format.dateTime(m.clientTime)}</span> {name(m.productId)} <span className="num">+{format.number(m.delta)}</span>
                {m.status === 'pending' ? <span className="muted"> · {t('po.detail.pending')}</span> : null}
                {m.rejection ? <div className="po-problem" title={m.rejection.message}>{t('po.detail.rejected', { why: rejectionText(t, format.number, m.rejection) })}</div> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
