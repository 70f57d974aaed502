import { useRef, useState } from 'react';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { useActiveStore, useAsOf, useExceptions, useLevel, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { commandErrorText } from '../../ui/command-error-text.js';
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
  // Counting from an exception ("Count the shelf") resolves it once the count is recorded.
  const exceptions = useExceptions();
  const resolving = params.resolves ? exceptions.find((x) => x.movement.id === params.resolves) : undefined;

  const expected = product && level ? level.level : 0;
  const n = Number(counted);
  const valid = counted.trim() !== '' && Number.isInteger(n) && n >= 0;
  const delta = valid ? n - expected : null;

  async function submit() {
    if (!product || !valid) return;
    try {
      const resolves = params.resolves && resolving?.movement.productId === product.id ? params.resolves : null;
      await client.count({ productId: product.id, countedQty: n, expectedQty: expected, resolves });
      if (resolves) navigate(paths.count(), { replace: true });
      toast(t('count.done', { delta: format.delta(n - expected) }), 'ok');
      pick(null);
      setCounted('');
      search.current?.focus();
    } catch (err) {
      toast(commandErrorText(t, err, (id) => client.catalog.get(id)?.name ?? t('common.unknownProduct'), format.number), 'error');
    }
  }

  return (
    <SingleProductForm title={t('count.title')} storeId={storeId} search={search} product={product} onPick={pick} onSubmit={() => void submit()}>
      {resolving && resolving.movement.productId === product?.id && (
        <div className="ticket__note" data-testid="count-resolves">{t('exceptions.countFor', { time: format.dateTime(resolving.movement.clientTime) })}</div>
      )}
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
