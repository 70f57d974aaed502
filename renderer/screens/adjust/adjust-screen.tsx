import { useEffect, useRef, useState } from 'react';
import type { RouteProps } from '../../app/routes.js';
import { ADJUSTMENT_REASON_PRESETS, type ProductDoc } from '../../data/api.js';
import { useActiveStore, useStockroom } from '../../data/hooks.js';
import { useT } from '../../i18n/index.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { ProductSearch, type ProductSearchHandle } from '../../ui/product-search.js';
import { Quantity } from '../../ui/quantity.js';
import { useToast } from '../../ui/toast.js';

/** An `adjustment`: signed change with a reason (1–64 chars; presets damaged/expired/lost/found). */
export function AdjustScreen({ params }: RouteProps) {
  const client = useStockroom();
  const [storeId] = useActiveStore();
  const t = useT();
  const toast = useToast();
  const search = useRef<ProductSearchHandle>(null);
  const deltaInput = useRef<HTMLInputElement>(null);
  const [product, setProduct] = useState<ProductDoc | null>(null);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);

  useEffect(() => {
    if (params.product) setProduct(client.catalog.get(params.product) ?? null);
  }, [params.product, client]);
  useEffect(() => {
    if (product) deltaInput.current?.focus();
  }, [product]);
  useBarcodeScanner((code) => {
    const p = client.catalog.byBarcode(code);
    if (p) setProduct(p);
  });

  const n = Number(delta);
  const deltaOk = delta.trim() !== '' && Number.isInteger(n) && n !== 0;
  const reasonOk = reason.trim().length >= 1 && reason.trim().length <= 64;

  async function submit() {
    setTried(true);
    if (!product || !deltaOk || !reasonOk) return;
    try {
      await client.adjust({ productId: product.id, delta: n, reason: reason.trim() });
      toast(t('adjust.done'), 'ok');
      setProduct(null);
      setDelta('');
      setReason('');
      setTried(false);
      search.current?.focus();
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">{t('adjust.title')}</h1>
      </div>
      <div className="split">
        <ProductSearch ref={search} storeId={storeId} onPick={setProduct} showPrice={false} />
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
              <div className="row">
                <div className="grow">
                  <div className="result__name">{product.name}</div>
                  <div className="hint mono">{product.sku}</div>
                </div>
                <Quantity productId={product.id} storeId={storeId} big unit={product.unit} />
              </div>
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
                <input className="input" value={reason} maxLength={64} onChange={(e) => setReason(e.target.value)} aria-invalid={tried && !reasonOk} data-testid="adjust-reason" />
                <span className="hint">{t('adjust.reasonHint')}</span>
                {tried && !reasonOk && <span className="error">{t('adjust.reasonInvalid')}</span>}
              </div>
              <button className="btn btn--primary btn--lg" type="submit" data-testid="adjust-submit">
                {t('adjust.submit')} <kbd>Enter</kbd>
              </button>
            </form>
          )}
        </section>
      </div>
    </div>
  );
}
