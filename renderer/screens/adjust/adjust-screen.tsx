import { useRef, useState } from 'react';
import type { RouteProps } from '../../navigation/routes.js';
import { ADJUSTMENT_REASON_PRESETS } from '../../data/api.js';
import { useActiveStore, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import type { ProductSearchHandle } from '../../ui/product-search.js';
import { Quantity } from '../../ui/quantity.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { useToast } from '../../ui/toast.js';
import { SingleProductForm, useProductPick } from '../kit/single-product-form.js';

/** An `adjustment`: signed change with a reason (1–64 chars; presets damaged/expired/lost/found). */
export function AdjustScreen({ params }: RouteProps) {
  const client = useStockroom();
  const [storeId] = useActiveStore();
  const t = useT();
  const toast = useToast();
  const format = useFormat();
  const search = useRef<ProductSearchHandle>(null);
  const deltaInput = useRef<HTMLInputElement>(null);
  const [product, pick] = useProductPick(params.product, deltaInput);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);

  // The label says − (U+2212); a keyboard types '-'. Both mean remove.
  const n = Number(delta.trim().replace(/^\u2212/, '-'));
  const deltaOk = delta.trim() !== '' && Number.isInteger(n) && n !== 0;
  const reasonOk = reason.trim().length >= 1 && reason.trim().length <= 64;

  async function submit() {
    setTried(true);
    if (!product || !deltaOk || !reasonOk) return;
    try {
      await client.adjust({ productId: product.id, delta: n, reason: reason.trim() });
      toast(t('adjust.done'), 'ok');
      pick(null);
      setDelta('');
      setReason('');
      setTried(false);
      search.current?.focus();
    } catch (err) {
      toast(commandErrorText(t, err, (id) => client.catalog.get(id)?.name ?? t('common.unknownProduct'), format.number), 'error');
    }
  }

  return (
    <SingleProductForm
      title={t('adjust.title')}
      storeId={storeId}
      search={search}
      product={product}
      onPick={pick}
      onSubmit={() => void submit()}
      aside={product ? <Quantity productId={product.id} storeId={storeId} big unit={product.unit} /> : null}
    >
      <label className="field">
        <span className="field__label">{t('adjust.delta')}</span>
        <input ref={deltaInput} className="input input--xl num" inputMode="numeric" value={delta} onChange={(e) => setDelta(e.target.value)} aria-invalid={tried && !deltaOk} data-testid="adjust-delta" placeholder="-1" />
        {tried && !deltaOk && <span className="error">{t('adjust.deltaInvalid')}</span>}
      </label>
      <div className="field">
        <span className="field__label">{t('adjust.reason')}</span>
        <div className="row row--wrap">
          {ADJUSTMENT_REASON_PRESETS.map((p) => {
            const label = t(`adjust.reason.${p}`);
            return (
              <button type="button" key={p} className="chip" aria-pressed={reason === label} onClick={() => setReason(label)}>
                {label}
              </button>
            );
          })}
        </div>
        <input className="input" value={reason} maxLength={64} onChange={(e) => setReason(e.target.value)} aria-invalid={tried && !reasonOk} aria-label={t('adjust.reason')} data-testid="adjust-reason" />
        <span className="hint">{t('adjust.reasonHint')}</span>
        {tried && !reasonOk && <span className="error">{t('adjust.reasonInvalid')}</span>}
      </div>
      <button className="btn btn--primary btn--lg" type="submit" data-testid="adjust-submit">
        {t('adjust.submit')} <kbd>Enter</kbd>
      </button>
    </SingleProductForm>
  );
}
