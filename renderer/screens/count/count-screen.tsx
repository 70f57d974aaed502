import { useEffect, useRef, useState } from 'react';
import type { RouteProps } from '../../app/routes.js';
import type { ProductDoc } from '../../data/api.js';
import { useActiveStore, useAsOf, useLevel, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { ProductSearch, type ProductSearchHandle } from '../../ui/product-search.js';
import { useToast } from '../../ui/toast.js';

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
  const [product, setProduct] = useState<ProductDoc | null>(null);
  const [counted, setCounted] = useState('');
  const level = useLevel(product?.id ?? '', storeId);

  useEffect(() => {
    if (params.product) setProduct(client.catalog.get(params.product) ?? null);
  }, [params.product, client]);
  useEffect(() => {
    if (product) countedInput.current?.focus();
  }, [product]);
  useBarcodeScanner((code) => {
    const p = client.catalog.byBarcode(code);
    if (p) {
      setProduct(p);
      setCounted('');
    }
  });

  const expected = product && level ? level.level : 0;
  const n = Number(counted);
  const valid = counted.trim() !== '' && Number.isInteger(n) && n >= 0;
  const delta = valid ? n - expected : null;

  async function submit() {
    if (!product || !valid) return;
    try {
      await client.count({ productId: product.id, countedQty: n, expectedQty: expected });
      toast(t('count.done', { delta: format.delta(n - expected) }), 'ok');
      setProduct(null);
      setCounted('');
      search.current?.focus();
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">{t('count.title')}</h1>
      </div>
      <div className="split">
        <ProductSearch ref={search} storeId={storeId} onPick={(p) => { setProduct(p); setCounted(''); }} showPrice={false} />
        <section className="card">
          {!product ? (
            <div className="empty">{t('adjust.pickProduct')}</div>
          ) : (
            <form
              className="card__body stack"
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
            >
              <div>
                <div className="result__name">{product.name}</div>
                <div className="hint mono">{product.sku}</div>
              </div>
              <div className="stats">
                <div className="stat">
                  <span className="stat__label">{t('count.expected')}</span>
                  <span className="stat__value" data-testid="count-expected">{format.number(expected)}</span>
                  {asOf !== null && <span className="qty__asof">{t('common.asOf', { time: format.asOf(asOf) })}</span>}
                </div>
                <div className="stat">
                  <span className="stat__label">{t('count.counted')}</span>
                  <input ref={countedInput} className="input input--xl num" inputMode="numeric" value={counted} onChange={(e) => setCounted(e.target.value)} aria-invalid={counted !== '' && !valid} data-testid="count-counted" />
                </div>
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
            </form>
          )}
        </section>
      </div>
    </div>
  );
}
