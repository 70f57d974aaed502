/**
 * The frame of the one-product screens (adjust, count): pick a product by
 * search, scan or link, then fill a form about it and submit with Enter.
 */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { ProductDoc } from '../../data/api.js';
import { useStockroom } from '../../data/hooks.js';
import { useT } from '../../i18n/index.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { ProductSearch, type ProductSearchHandle } from '../../ui/product-search.js';

/**
 * The product the form is about: from the link (`initialId`), a scan anywhere
 * on the screen, or the search. Each pick runs `onPick` (reset the form) and
 * focuses `focus` (the form's first field).
 */
export function useProductPick(
  initialId: string | undefined,
  focus: RefObject<HTMLInputElement | null>,
  onPick?: (product: ProductDoc) => void,
): [ProductDoc | null, (product: ProductDoc | null) => void] {
  const client = useStockroom();
  const [product, setProduct] = useState<ProductDoc | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const pick = (p: ProductDoc | null) => {
    setProduct(p);
    if (p) onPickRef.current?.(p);
  };
  useEffect(() => {
    if (initialId) setProduct(client.catalog.get(initialId) ?? null);
  }, [initialId, client]);
  useEffect(() => {
    if (product) focus.current?.focus();
  }, [product, focus]);
  useBarcodeScanner((code) => {
    const p = client.catalog.byBarcode(code);
    if (p) pick(p);
  });
  return [product, pick];
}

interface Props {
  title: string;
  storeId: string | null;
  search: RefObject<ProductSearchHandle | null>;
  product: ProductDoc | null;
  onPick(product: ProductDoc): void;
  onSubmit(): void;
  /** Shown beside the product's name (e.g. its level). */
  aside?: ReactNode;
  children: ReactNode;
}

export function SingleProductForm({ title, storeId, search, product, onPick, onSubmit, aside, children }: Props) {
  const t = useT();
  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">{title}</h1>
      </div>
      <div className="split">
        <ProductSearch ref={search} storeId={storeId} onPick={onPick} showPrice={false} />
        <section className="card">
          {!product ? (
            <div className="empty">{t('adjust.pickProduct')}</div>
          ) : (
            <form
              className="card__body stack"
              onSubmit={(e) => {
                e.preventDefault();
                onSubmit();
              }}
            >
              <div className="row">
                <div className="grow">
                  <div className="result__name">{product.name}</div>
                  <div className="hint mono">{product.sku}</div>
                </div>
                {aside}
              </div>
              {children}
            </form>
          )}
        </section>
      </div>
    </div>
  );
}
