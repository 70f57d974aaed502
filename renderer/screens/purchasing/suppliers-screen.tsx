/**
 * Suppliers (DESIGN §2 `suppliers`; owners and managers): the list by name beside the editor of
 * the one chosen (or a new one): name, contact, email, phone, currency, lead time in days,
 * minimum order (in the supplier's currency), notes, active.
 */
import { useState } from 'react';
import type { SupplierDoc } from '../../../shared/index.js';
import { usePurchaseOrders, useStockroom } from '../../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../../i18n/index.js';
import { paths, type RouteProps } from '../../navigation/routes.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { useToast } from '../../ui/toast.js';
import { currencyFractionDigits, parseMoney } from '../catalog/money.js';
import { Empty, Page } from '../kit/page.js';

interface Form {
  name: string;
  contact: string;
  email: string;
  phone: string;
  currency: string;
  leadTimeDays: string;
  minOrder: string;
  notes: string;
  active: boolean;
}

const centsText = (cents: number, currency: string) => {
  const d = currencyFractionDigits(currency);
  return d === 0 ? String(cents) : (cents / 10 ** d).toFixed(d);
};

function formOf(s: SupplierDoc | undefined, currency: string): Form {
  return {
    name: s?.name ?? '', contact: s?.contact ?? '', email: s?.email ?? '', phone: s?.phone ?? '', currency: s?.currency ?? currency,
    leadTimeDays: String(s?.leadTimeDays ?? 7), minOrder: centsText(s?.minOrderCents ?? 0, s?.currency ?? currency), notes: s?.notes ?? '', active: s?.active ?? true,
  };
}

export function SuppliersScreen(_: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const toast = useToast();
  const { orders } = usePurchaseOrders();
  const suppliers = orders.suppliers();
  const [selected, setSelected] = useState<string | null>(suppliers[0]?.id ?? null);
  const current = selected ? orders.supplier(selected) : undefined;
  const [form, setForm] = useState<Form>(() => formOf(current, format.currency));
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const choose = (id: string | null) => {
    setSelected(id);
    setForm(formOf(id ? orders.supplier(id) : undefined, format.currency));
    setProblem(null);
  };
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function save() {
    const currency = form.currency.trim().toUpperCase();
    const lead = Number(form.leadTimeDays);
    const min = parseMoney(form.minOrder || '0', currencyFractionDigits(currency));
    const why: MessageKey | null = !form.name.trim() ? 'suppliers.nameMissing' : !/^[A-Z]{3}$/.test(currency) ? 'suppliers.currencyInvalid'
      : !Number.isInteger(lead) || lead < 0 || lead > 365 ? 'suppliers.leadInvalid' : !min.ok ? 'suppliers.minInvalid' : null;
    setProblem(why);
    if (why || !min.ok) return;
    try {
      const doc = await client.saveSupplier({
        id: current?.id, name: form.name, contact: form.contact, email: form.email, phone: form.phone, currency,
        leadTimeDays: lead, minOrderCents: min.cents, notes: form.notes, active: form.active,
      });
      setSelected(doc.id);
      toast(t('suppliers.saved'), 'ok');
    } catch (err) {
      toast(commandErrorText(t, err, (id) => client.catalog.get(id)?.name ?? id, format.number), 'error');
    }
  }

  return (
    <Page title={t('suppliers.title')} subtitle={t('suppliers.subtitle')} back={{ label: t('po.title'), href: paths.purchaseOrders() }} actions={<button className="btn btn--primary" onClick={() => choose(null)} data-testid="new-supplier">{t('suppliers.new')}</button>}>
      <div className="po-columns">
        <div className="card mg-table-scroll">
          {suppliers.length === 0 ? <Empty>{t('suppliers.none')}</Empty> : (
            <table className="mg-table" data-testid="suppliers-list">
              <thead><tr><th>{t('suppliers.name')}</th><th>{t('suppliers.leadTime')}</th><th className="po-num">{t('suppliers.minOrder')}</th></tr></thead>
              <tbody>
                {suppliers.map((s) => (
                  <tr key={s.id} className={s.id === selected ? 'po-row po-row--on' : 'po-row'} onClick={() => choose(s.id)} data-testid="supplier-row">
                    <th>{s.name}{s.active ? null : <span className="muted"> · {t('suppliers.inactive')}</span>}<div className="muted">{s.contact ?? ''}</div></th>
                    <td>{t('suppliers.leadDays', { n: s.leadTimeDays })}</td>
                    <td className="po-num">{format.money(s.minOrderCents, s.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <section className="card" aria-label={t(current ? 'suppliers.edit' : 'suppliers.new')}>
          <div className="card__head"><span>{current ? current.name : t('suppliers.new')}</span></div>
          <div className="card__body po-form">
            <label className="field po-form__wide"><span className="field__label">{t('suppliers.name')}</span><input className="input" value={form.name} maxLength={120} onChange={set('name')} data-testid="supplier-name" /></label>
            <label className="field"><span className="field__label">{t('suppliers.contact')}</span><input className="input" value={form.contact} onChange={set('contact')} data-testid="supplier-contact" /></label>
            <label className="field po-form__wide"><span className="field__label">{t('suppliers.email')}</span><input className="input" type="email" value={form.email} onChange={set('email')} data-testid="supplier-email" /></label>
            <label className="field"><span className="field__label">{t('suppliers.phone')}</span><input className="input" value={form.phone} onChange={set('phone')} data-testid="supplier-phone" /></label>
            <label className="field"><span className="field__label">{t('suppliers.currency')}</span><input className="input" value={form.currency} maxLength={3} onChange={set('currency')} data-testid="supplier-currency" /></label>
            <label className="field"><span className="field__label">{t('suppliers.leadTime')}</span><input className="input" inputMode="numeric" value={form.leadTimeDays} onChange={set('leadTimeDays')} data-testid="supplier-lead" /></label>
            <label className="field"><span className="field__label">{t('suppliers.minOrder')}</span><input className="input" inputMode="decimal" value={form.minOrder} onChange={set('minOrder')} data-testid="supplier-min" /></label>
            <label className="field po-form__wide"><span className="field__label">{t('suppliers.notes')}</span><textarea className="input" rows={2} value={form.notes} onChange={set('notes')} /></label>
            <label className="po-check"><input type="checkbox" checked={form.active} onChange={(e) => setForm((f) => ({ ...f, active: e.target.checked }))} /> {t('suppliers.active')}</label>
            {problem ? <div className="po-problem po-form__wide" role="alert">{t(problem)}</div> : null}
            <div className="po-form__wide"><button className="btn btn--primary" onClick={() => void save()} data-testid="save-supplier">{t('suppliers.save')}</button></div>
          </div>
        </section>
      </div>
    </Page>
  );
}
