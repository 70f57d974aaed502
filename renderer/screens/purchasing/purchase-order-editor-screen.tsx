/**
 * A purchase order draft (owners and managers): the supplier, then products by scan or search
 * (a product whose preferred supplier is the chosen one comes with a pack's quantity and its
 * cost), each line's quantity and unit cost in the supplier's currency, a note. Saved as a
 * draft of the active store; ordering happens on the order's page.
 */
import { useRef, useState } from 'react';
import type { ProductDoc } from '../../data/api.js';
import { useActiveStore, usePurchaseOrders, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { ProductSearch, type ProductSearchHandle } from '../../ui/product-search.js';
import { useToast } from '../../ui/toast.js';
import { currencyFractionDigits, parseMoney } from '../catalog/money.js';
import { Banner, Empty, Page } from '../kit/page.js';

interface Row {
  productId: string;
  qty: string;
  cost: string;
}

const centsText = (cents: number, digits: number) => (digits === 0 ? String(cents) : (cents / 10 ** digits).toFixed(digits));

export function PurchaseOrderEditorScreen({ params }: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const toast = useToast();
  const [storeId] = useActiveStore();
  const { orders } = usePurchaseOrders();
  const editing = params.edit ? orders.get(params.edit) : undefined;
  const suppliers = orders.suppliers().filter((s) => s.active || s.id === editing?.supplierId);
  const [supplierId, setSupplierId] = useState(editing?.supplierId ?? suppliers[0]?.id ?? '');
  const supplier = orders.supplier(supplierId);
  const currency = supplier?.currency ?? format.currency;
  const digits = currencyFractionDigits(currency);
  const [note, setNote] = useState(editing?.note ?? '');
  const [rows, setRows] = useState<Row[]>(() => editing?.lines.map((l) => ({ productId: l.productId, qty: String(l.qty), cost: centsText(l.unitCostCents, digits) })) ?? []);
  const search = useRef<ProductSearchHandle>(null);
  const name = (id: string) => client.catalog.get(id)?.name ?? t('common.unknownProduct');

  function add(p: ProductDoc) {
    setRows((rs) => {
      const at = rs.findIndex((r) => r.productId === p.id);
      const step = p.supplierId === supplierId ? p.packSize : 1;
      if (at >= 0) return rs.map((r, i) => (i === at ? { ...r, qty: String((Number(r.qty) || 0) + step) } : r));
      return [...rs, { productId: p.id, qty: String(step), cost: centsText(p.costCents, digits) }];
    });
  }
  useBarcodeScanner((code) => {
    const p = client.catalog.byBarcode(code) ?? client.catalog.bySku(code);
    if (p) add(p);
    else toast(t('counter.scanUnknown', { code }), 'error');
  });

  const parsed = rows.map((r) => ({ r, qty: Number(r.qty), cost: parseMoney(r.cost, digits) }));
  const total = parsed.reduce((s, x) => s + (x.cost.ok && Number.isInteger(x.qty) ? x.qty * x.cost.cents : 0), 0);
  const belowMin = supplier !== undefined && rows.length > 0 && total < supplier.minOrderCents;

  async function save() {
    if (!storeId || !supplier) return;
    const bad = parsed.find((x) => !x.cost.ok);
    if (bad) {
      toast(t('po.editor.costInvalid', { product: name(bad.r.productId) }), 'error');
      return;
    }
    try {
      const doc = await client.savePurchaseOrderDraft({
        id: editing?.id, supplierId: supplier.id, storeId: editing?.storeId ?? storeId, note,
        lines: parsed.map((x) => ({ productId: x.r.productId, qty: x.qty, unitCostCents: x.cost.ok ? x.cost.cents : 0 })),
      });
      toast(t('po.editor.saved'), 'ok');
      navigate(paths.purchaseOrder(doc.id));
    } catch (err) {
      toast(commandErrorText(t, err, name, format.number), 'error');
    }
  }

  const back = { label: t('po.title'), href: editing ? paths.purchaseOrder(editing.id) : paths.purchaseOrders() };
  if (orders.suppliers().length === 0) {
    return <Page title={t('po.editor.title')} back={back}><Empty><a className="mg-link" href={`#${paths.suppliers()}`}>{t('po.editor.noSuppliers')}</a></Empty></Page>;
  }
  return (
    <Page title={t('po.editor.title')} back={back} actions={<button className="btn btn--primary" disabled={rows.length === 0 || !supplier} onClick={() => void save()} data-testid="save-po">{t('po.editor.save')}</button>}>
      <div className="po-form card card__body">
        <label className="field po-form__wide">
          <span className="field__label">{t('po.editor.supplier')}</span>
          <select className="input" value={supplierId} onChange={(e) => setSupplierId(e.target.value)} data-testid="po-supplier">
            {suppliers.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label className="field po-form__wide">
          <span className="field__label">{t('po.editor.note')}</span>
          <input className="input" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} data-testid="po-note" />
        </label>
      </div>
      <div className="po-columns">
        <div className="stack">
          <span className="field__label">{t('po.editor.add')}</span>
          <ProductSearch ref={search} storeId={storeId} onPick={add} showPrice={false} onMiss={(q) => toast(t('counter.scanUnknown', { code: q }), 'error')} />
        </div>
        <div className="card mg-table-scroll">
          {rows.length === 0 ? <Empty>{t('po.editor.empty')}</Empty> : (
            <table className="mg-table" data-testid="po-lines">
              <thead><tr><th>{t('po.col.product')}</th><th className="po-num">{t('po.col.qty')}</th><th className="po-num">{t('po.col.cost')}</th><th className="po-num">{t('po.col.lineTotal')}</th><th /></tr></thead>
              <tbody>
                {parsed.map(({ r, qty, cost }, i) => {
                  const p = client.catalog.get(r.productId);
                  const upd = (patch: Partial<Row>) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
                  return (
                    <tr key={r.productId} data-testid="po-line" data-product={r.productId}>
                      <th><div className="po-product"><span>{name(r.productId)}</span><span className="muted mono">{p?.supplierId === supplierId && p.supplierSku ? p.supplierSku : p?.sku}{p && p.packSize > 1 ? ` · ${t('po.editor.packHint', { n: format.number(p.packSize) })}` : ''}</span></div></th>
                      <td className="po-num"><input className="input po-qty" inputMode="numeric" value={r.qty} onChange={(e) => upd({ qty: e.target.value })} aria-label={t('po.col.qty')} data-testid="po-line-qty" /></td>
                      <td className="po-num"><input className="input po-qty" inputMode="decimal" value={r.cost} onChange={(e) => upd({ cost: e.target.value })} aria-label={t('po.col.cost')} data-testid="po-line-cost" /></td>
                      <td className="po-num">{cost.ok && Number.isInteger(qty) ? format.money(qty * cost.cents, currency) : '—'}</td>
                      <td><button className="btn btn--ghost btn--sm" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={t('po.editor.remove')}>×</button></td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot><tr><th colSpan={3}>{t('po.print.total')}</th><td className="po-num" data-testid="po-total">{format.money(total, currency)}</td><td /></tr></tfoot>
            </table>
          )}
        </div>
      </div>
      {belowMin && supplier ? <Banner tone="warning">{t('po.editor.belowMinimum', { amount: format.money(supplier.minOrderCents, currency) })}</Banner> : null}
    </Page>
  );
}
