/**
 * Create or edit a product, and its reorder / critical points in each store
 * this device manages. Saving writes locally first (upsertProduct,
 * setThresholds) and returns at once; replication pushes behind.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import type { ProductDoc } from '../../data/api.js';
import { useLevels, useProduct, useStockroom, useStores } from '../../data/hooks.js';
import { problemOf } from '../../data/wire/transport.js';
import { useFormat, useT } from '../../i18n/index.js';
import { describedBy, Field } from '../kit/field.js';
import { Banner, Card, Empty, Page } from '../kit/page.js';
import { useCanEditCatalog } from '../kit/roles.js';
import { BarcodeListInput } from './barcode-list-input.js';
import { currencyFractionDigits, parseMoney } from './money.js';
import { MoneyInput } from './money-input.js';
import { problemText } from './problem-text.js';
import { ProductSupplyCard, supplyForm, supplyValue } from './product-supply-card.js';
import {
  checkProductForm,
  checkThresholdForm,
  productForm,
  rebaseForm,
  thresholdForm,
  type ProductForm,
  type RemoteField,
  type ThresholdForm,
} from './product-form.js';
import type { FieldProblem, ProductField } from './product-validation.js';
import { useCatalogVersion } from './use-catalog.js';

const UNITS = ['pcs', 'g', 'kg', 'ml', 'l', 'm', 'box', 'pack'];

export function ProductEditorScreen({ params }: RouteProps) {
  const t = useT();
  const canEdit = useCanEditCatalog();
  const productId = params.productId;
  const product = useProduct(productId);
  if (!canEdit) {
    return (
      <Page title={t('catalog.title')}>
        <Banner tone="info">{t('catalog.readOnly')}</Banner>
      </Page>
    );
  }
  if (productId && !product) {
    return (
      <Page title={t('catalog.title')} back={{ label: t('catalog.title'), href: paths.products() }}>
        <Empty>{t('catalog.edit.notFound')}</Empty>
      </Page>
    );
  }
  // Keyed so switching products resets the form.
  return <ProductEditor key={product?.id ?? 'new'} product={product} />;
}

function ProductEditor({ product }: { product: ProductDoc | undefined }) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const stores = useStores();
  const { levels } = useLevels();
  const catalogVersion = useCatalogVersion();
  const digits = currencyFractionDigits(format.currency);
  const [form, setForm] = useState<ProductForm>(() => productForm(product, digits));
  // What the form was opened on (or last rebased on): tells the user's edits from remote ones.
  const [base, setBase] = useState<ProductForm>(form);
  const [remote, setRemote] = useState<{ updated: RemoteField[]; conflicts: RemoteField[] } | null>(null);
  const [thresholds, setThresholds] = useState<Record<string, ThresholdForm>>(() =>
    Object.fromEntries(stores.map((s) => [s.id, thresholdForm(product ? client.getStock(s.id, product.id) : undefined)])),
  );
  const [supply, setSupply] = useState(() => supplyForm(product));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [thresholdProblems, setThresholdProblems] = useState<Record<string, FieldProblem[]>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const categories = useMemo(() => {
    const set = new Set<string>();
    for (const p of client.catalog.all()) if (p.category) set.add(p.category);
    return [...set].sort((a, b) => a.localeCompare(b));
  }, [client, catalogVersion]);

  // Another device (or an import) changed this product while the form was open.
  useEffect(() => {
    if (!product || busy) return;
    const next = productForm(product, digits);
    const r = rebaseForm(base, form, next);
    setBase(next);
    if (r.updated.length === 0 && r.conflicts.length === 0) return;
    setForm(r.form);
    setRemote(r);
    // Only a new product version triggers this; base and form are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [product]);
  const fieldNames = (fields: RemoteField[]) => fields.map((f) => t(`catalog.edit.${f}`)).join(', ');

  const errorsOf = (field: ProductField) => problems.filter((p) => p.field === field).map((p) => problemText(t, p));
  const set = <K extends keyof ProductForm>(key: K, value: ProductForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const margin = useMemo(() => {
    const price = parseMoney(form.price, digits);
    const cost = parseMoney(form.cost || '0', digits);
    if (!price.ok || !cost.ok || price.cents === 0) return null;
    const ratio = (price.cents - cost.cents) / price.cents;
    return new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
  }, [form.price, form.cost, digits, format.locale]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const checked = checkProductForm(form, { id: product?.id, fractionDigits: digits, catalog: client.catalog });
    const tp: Record<string, FieldProblem[]> = {};
    const tv: Record<string, { reorderPoint: number | null; criticalPoint: number | null }> = {};
    for (const s of stores) {
      const r = checkThresholdForm(thresholds[s.id] ?? thresholdForm(undefined));
      if (r.ok) tv[s.id] = r.value;
      else tp[s.id] = r.problems;
    }
    setProblems(checked.ok ? [] : checked.problems);
    setThresholdProblems(tp);
    const supplied = supplyValue(supply);
    if (!checked.ok || Object.keys(tp).length > 0 || !supplied) {
      setError(t('catalog.edit.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      const saved = await client.upsertProduct({ ...checked.value, ...supplied });
      for (const s of stores) {
        const next = tv[s.id]!;
        const current = client.getStock(s.id, saved.id);
        if ((current?.reorderPoint ?? null) !== next.reorderPoint || (current?.criticalPoint ?? null) !== next.criticalPoint) {
          await client.setThresholds(s.id, saved.id, next);
        }
      }
      navigate(paths.product(saved.id), { replace: true });
    } catch (err) {
      setError(t('catalog.edit.saveFailed', { detail: problemOf(err)?.detail ?? (err instanceof Error ? err.message : String(err)) }));
    } finally {
      setBusy(false);
    }
  };

  const field = (id: ProductField, hint?: string) => {
    const errs = errorsOf(id);
    return { id: `product-${id}`, errors: errs, hint, describedBy: describedBy(`product-${id}`, !!hint, errs.length > 0), invalid: errs.length > 0 };
  };
  const sku = field('sku', t('catalog.edit.skuHint'));
  const name = field('name');
  const barcodes = field('barcodes', t('catalog.edit.barcodesHint'));
  const unit = field('unit', t('catalog.edit.unitHint'));
  const price = field('price');
  const cost = field('cost', margin ? t('catalog.edit.margin', { percent: margin }) : undefined);
  const category = field('category');

  return (
    <Page
      title={product ? t('catalog.edit.editTitle', { name: product.name }) : t('catalog.edit.newTitle')}
      back={product ? { label: product.name, href: paths.product(product.id) } : { label: t('catalog.title'), href: paths.products() }}
    >
      <form className="mg-form" onSubmit={submit} noValidate>
        {error ? <Banner tone="danger">{error}</Banner> : null}
        {remote && remote.conflicts.length > 0 ? (
          <Banner tone="warning">{t('catalog.edit.remoteConflict', { fields: fieldNames(remote.conflicts) })}</Banner>
        ) : null}
        {remote && remote.updated.length > 0 ? (
          <Banner tone="info">{t('catalog.edit.remoteUpdated', { fields: fieldNames(remote.updated) })}</Banner>
        ) : null}
        <Card title={t('catalog.edit.details')}>
          <div className="mg-form-grid">
            <Field id={sku.id} label={t('catalog.edit.sku')} hint={sku.hint} errors={sku.errors}>
              <input id={sku.id} className="input mono" value={form.sku} autoFocus={!product} autoComplete="off"
                aria-invalid={sku.invalid || undefined} aria-describedby={sku.describedBy} onChange={(e) => set('sku', e.target.value)} />
            </Field>
            <Field id={name.id} label={t('catalog.edit.name')} errors={name.errors} className="mg-span-2">
              <input id={name.id} className="input" value={form.name} autoComplete="off"
                aria-invalid={name.invalid || undefined} aria-describedby={name.describedBy} onChange={(e) => set('name', e.target.value)} />
            </Field>
            <Field id={barcodes.id} label={t('catalog.edit.barcodes')} hint={barcodes.hint} errors={barcodes.errors} className="mg-span-3">
              <BarcodeListInput id={barcodes.id} barcodes={form.barcodes} draft={form.barcodeDraft} invalid={barcodes.invalid}
                describedBy={barcodes.describedBy} onChange={({ barcodes: b, draft }) => setForm((f) => ({ ...f, barcodes: b, barcodeDraft: draft }))} />
            </Field>
            <Field id={price.id} label={t('catalog.edit.price')} errors={price.errors}>
              <MoneyInput id={price.id} value={form.price} onChange={(v) => set('price', v)} invalid={price.invalid} describedBy={price.describedBy} />
            </Field>
            <Field id={cost.id} label={t('catalog.edit.cost')} hint={cost.hint} errors={cost.errors}>
              <MoneyInput id={cost.id} value={form.cost} onChange={(v) => set('cost', v)} invalid={cost.invalid} describedBy={cost.describedBy} />
            </Field>
            <Field id={unit.id} label={t('catalog.edit.unit')} hint={unit.hint} errors={unit.errors}>
              <input id={unit.id} className="input" list="mg-units" value={form.unit} autoComplete="off"
                aria-invalid={unit.invalid || undefined} aria-describedby={unit.describedBy} onChange={(e) => set('unit', e.target.value)} />
              <datalist id="mg-units">{UNITS.map((u) => <option key={u} value={u} />)}</datalist>
            </Field>
            <Field id={category.id} label={t('catalog.edit.category')} errors={category.errors}>
              <input id={category.id} className="input" list="mg-categories" value={form.category} autoComplete="off"
                aria-invalid={category.invalid || undefined} aria-describedby={category.describedBy} onChange={(e) => set('category', e.target.value)} />
              <datalist id="mg-categories">{categories.map((c) => <option key={c} value={c} />)}</datalist>
            </Field>
            <div className="mg-field mg-field--check mg-span-2">
              <label className="check">
                <input type="checkbox" checked={form.active} onChange={(e) => set('active', e.target.checked)} />
                <span>{t('catalog.edit.active')}</span>
              </label>
            </div>
          </div>
        </Card>
        <ProductSupplyCard form={supply} onChange={setSupply} packInvalid={supplyValue(supply) === null} />

        {stores.length > 0 ? (
          <Card title={t('catalog.edit.thresholds')}>
            <p className="mg-card__intro">{t('catalog.edit.thresholdsHint')}</p>
            <table className="mg-table mg-thresholds">
              <thead>
                <tr>
                  <th scope="col">{t('catalog.edit.store')}</th>
                  <th scope="col" className="mg-align-end">{t('catalog.edit.level')}</th>
                  <th scope="col">{t('catalog.edit.reorderPoint')}</th>
                  <th scope="col">{t('catalog.edit.criticalPoint')}</th>
                </tr>
              </thead>
              <tbody>
                {stores.map((s) => {
                  const th = thresholds[s.id] ?? thresholdForm(undefined);
                  const errs = thresholdProblems[s.id] ?? [];
                  const level = product ? levels.get(s.id, product.id) : null;
                  const r = Number(th.reorderPoint);
                  const c = Number(th.criticalPoint);
                  const inverted = th.reorderPoint !== '' && th.criticalPoint !== '' && c > r;
                  const update = (key: keyof ThresholdForm, v: string) =>
                    setThresholds((all) => ({ ...all, [s.id]: { ...th, [key]: v } }));
                  return (
                    <tr key={s.id}>
                      <th scope="row">{s.name}</th>
                      <td className="mg-align-end num">{level ? `${format.number(level.level)} ${form.unit}` : '—'}</td>
                      {(['reorderPoint', 'criticalPoint'] as const).map((key) => {
                        const fe = errs.filter((p) => p.field === key);
                        const label = `${t(key === 'reorderPoint' ? 'catalog.edit.reorderPoint' : 'catalog.edit.criticalPoint')} · ${s.name}`;
                        return (
                          <td key={key}>
                            <input className="input mg-narrow num" inputMode="numeric" value={th[key]} aria-label={label}
                              aria-invalid={fe.length > 0 || undefined} onChange={(e) => update(key, e.target.value)} />
                            {fe.length > 0 ? <div className="mg-field__error" role="alert">{fe.map((p) => problemText(t, p)).join(' · ')}</div> : null}
                            {key === 'criticalPoint' && inverted ? <div className="mg-field__hint mg-warn">{t('catalog.edit.criticalAboveReorder')}</div> : null}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Card>
        ) : null}

        <div className="mg-form-actions">
          <a className="btn" href={`#${product ? paths.product(product.id) : paths.products()}`}>
            {t('common.cancel')}
          </a>
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {busy ? t('catalog.edit.saving') : t('catalog.edit.save')}
          </button>
        </div>
      </form>
    </Page>
  );
}

