import { useRef, useState } from 'react';
import type { RouteProps } from '../../app/routes.js';
import { useActiveStore, useAsOf, useLevel, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import type { ProductSearchHandle } from '../../ui/product-search.js';
import { useToast } from '../../ui/toast.js';
import { SingleProductForm, useProductPick } from '../kit/single-product-form.js';

/**
 * Stock count: shows the expected (= projected) level, records `countedQty`
 * and `expectedQty`; the server applies counted − expected on top of its level.
 */
export function CountScreen({ params }: RouteProps) {
  const client = useStockroom();
  const [storeId] = useActiveStore();
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const asOf = useAsOf();
  const search = useRef<ProductSearchHandle>(null);
  const countedInput = useRef<HTMLInputElement>(null);
  const [counted, setCounted] = useState('');
  const [product, pick] = useProductPick(params.product, countedInput, () => setCounted(''));
  const level = useLevel(product?.id ?? '', storeId);

  const expected = product && level ? level.level : 0;
  const n = Number(counted);
  const valid = counted.trim() !== '' && Number.isInteger(n) && n >= 0;
  const delta = valid ? n - expected : null;

  async function submit() {
    if (!product || !valid) return;
    try {
      await client.count({ productId: product.id, countedQty: n, expectedQty: expected });
      toast(t('count.done', { delta: format.delta(n - expected) }), 'ok');
      pick(null);
      setCounted('');
      search.current?.focus();
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  return (
    <SingleProductForm title={t('count.title')} storeId={storeId} search={search} product={product} onPick={pick} onSubmit={() => void submit()}>
      <div className="stats">
        <div className="stat">
          <span className="stat__label">{t('count.expected')}</span>
          <span className="stat__value" data-testid="count-expected">{format.number(expected)}</span>
          {asOf !== null && <span className="qty__asof">{t('common.asOf', { time: format.asOf(asOf) })}</span>}
        </div>
        <label className="stat">
          <span className="stat__label">{t('count.counted')}</span>
          <input ref={countedInput} className="input input--xl num" inputMode="numeric" value={counted} onChange={(e) => setCounted(e.target.value)} aria-invalid={counted !== '' && !valid} data-testid="count-counted" />
        </label>
        <div className="stat">
          <span className="stat__label">{t('count.delta')}</span>
          <span className={`stat__value${delta === null || delta === 0 ? '' : delta < 0 ? ' stat__value--neg' : ' stat__value--pos'}`}>
            {delta === null ? '—' : format.delta(delta)}
          </span>
        </div>
      </div>
      {counted !== '' && !valid && <span className="error">{t('count.invalid')}</span>}
      <button className="btn btn--primary btn--lg" type="submit" disabled={!valid} data-testid="count-submit">
        {t('count.submit')} <kbd>Enter</kbd>
      </button>
    </SingleProductForm>
  );
}
