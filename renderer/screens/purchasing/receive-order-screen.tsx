/**
 * Receive against a purchase order, like a delivery: each scan adds one of that product (a
 * product not on the order, or with nothing left on order, is refused with its name), or the
 * quantity is typed; the cost is the order line's. Recording writes one `receipt` per product
 * naming the order; a refusal is explained in the person's words (command-error-text.ts).
 */
import { useState } from 'react';
import { onOrder } from '../../../shared/index.js';
import { usePurchaseOrders, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { useToast } from '../../ui/toast.js';
import { Empty, Page } from '../kit/page.js';
import { orderCode } from './po-parts.js';

export function ReceiveOrderScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const toast = useToast();
  const { orders } = usePurchaseOrders();
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const o = orders.get(params.orderId ?? '');
  const name = (id: string) => client.catalog.get(id)?.name ?? t('common.unknownProduct');

  useBarcodeScanner((code) => {
    if (!o) return;
    const p = client.catalog.byBarcode(code) ?? client.catalog.bySku(code);
    const line = p ? o.lines.find((l) => l.productId === p.id) : undefined;
    if (!p) toast(t('counter.scanUnknown', { code }), 'error');
    else if (!line || onOrder(o, line) === 0) toast(t('po.receive.notOnOrder', { product: p.name }), 'error');
    else setCounts((c) => ({ ...c, [p.id]: String((Number(c[p.id]) || 0) + 1) }));
  });

  const back = { label: t('po.title'), href: o ? paths.purchaseOrder(o.id) : paths.purchaseOrders() };
  if (!o) return <Page title={t('po.action.receive')} back={back}><Empty>{t('po.detail.notFound')}</Empty></Page>;
  const open = o.lines.filter((l) => onOrder(o, l) > 0);
  const entered = Object.entries(counts).filter(([, v]) => v.trim() !== '' && Number(v) !== 0);

  async function record() {
    if (!o) return;
    try {
      const ids = await client.receiveAgainstPurchaseOrder(o.id, entered.map(([productId, v]) => ({ productId, qty: Number(v) })));
      toast(t('po.receive.done', { count: ids.length }), 'ok');
      setCounts({});
      setProblem(null);
      navigate(paths.purchaseOrder(o.id));
    } catch (err) {
      setProblem(commandErrorText(t, err, name, format.number));
    }
  }

  return (
    <Page
      title={t('po.receive.title', { code: orderCode(o.id) })}
      subtitle={t('po.receive.hint')}
      back={back}
      actions={<button className="btn btn--primary" disabled={entered.length === 0} onClick={() => void record()} data-testid="po-record-receipt">{t('po.receive.record')}</button>}
    >
      {problem ? <div className="po-problem card card__body" role="alert" data-testid="po-receive-problem">{problem}</div> : null}
      {open.length === 0 ? <Empty>{t('po.receive.nothing')}</Empty> : (
        <div className="card mg-table-scroll">
          <table className="mg-table" data-testid="po-receive-lines">
            <thead>
              <tr>
                <th>{t('po.col.product')}</th>
                <th className="po-num">{t('po.col.ordered')}</th>
                <th className="po-num">{t('po.col.received')}</th>
                <th className="po-num">{t('po.col.onOrder')}</th>
                <th className="po-num">{t('po.col.cost')}</th>
                <th className="po-num">{t('po.receive.counted')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((l) => (
                <tr key={l.productId} data-testid="po-receive-line" data-product={l.productId}>
                  <th><div className="po-product"><span>{name(l.productId)}</span><span className="muted mono">{client.catalog.get(l.productId)?.sku ?? ''}</span></div></th>
                  <td className="po-num">{format.number(l.qty)}</td>
                  <td className="po-num">{format.number(l.received)}</td>
                  <td className="po-num">{format.number(onOrder(o, l))}</td>
                  <td className="po-num">{format.money(l.unitCostCents, orders.supplier(o.supplierId)?.currency)}</td>
                  <td className="po-num">
                    <input
                      className="input po-qty"
                      inputMode="numeric"
                      value={counts[l.productId] ?? ''}
                      placeholder="0"
                      aria-label={`${t('po.receive.counted')} ${name(l.productId)}`}
                      onChange={(e) => setCounts((c) => ({ ...c, [l.productId]: e.target.value }))}
                      onKeyDown={(e) => e.key === 'Enter' && void record()}
                      data-testid="po-receive-qty"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
