import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import type { ProductDoc } from '../data/api.js';
import { useCatalogSearch, useStockroom, useWarmFirstKeystrokes } from '../data/hooks.js';
import { useFormat, useT } from '../i18n/index.js';
import { Quantity } from './quantity.js';

export interface ProductSearchHandle {
  focus(): void;
  clear(): void;
}

interface Props {
  onPick(product: ProductDoc): void;
  /** A scanned / typed code that matched no product. */
  onMiss?(query: string): void;
  /** Keys the search does not use (ticket shortcuts), called when the query is empty or for F-keys. */
  onOtherKey?(e: KeyboardEvent<HTMLInputElement>): void;
  storeId: string | null;
  placeholder?: string;
  showPrice?: boolean;
  limit?: number;
  /** Render results only while typing (counter) or always (count screen). */
  showWhenEmpty?: boolean;
}

/**
 * Search box over the in-memory catalog: name / SKU / barcode, ↑↓ to choose,
 * Enter to pick; an exact barcode or SKU typed (or scanned) and Enter picks it.
 */
export const ProductSearch = forwardRef<ProductSearchHandle, Props>(function ProductSearch(
  { onPick, onMiss, onOtherKey, storeId, placeholder, showPrice = true, limit = 30, showWhenEmpty = false },
  ref,
) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const client = useStockroom();
  const show = query.trim() !== '' || showWhenEmpty;
  const results = useCatalogSearch(show ? query : null, limit);
  useWarmFirstKeystrokes(limit);
  const t = useT();
  const format = useFormat();
  const list = useRef<HTMLUListElement>(null);

  useImperativeHandle(ref, () => ({
    focus: () => input.current?.focus(),
    clear: () => setQuery(''),
  }));

  useEffect(() => setSelected(0), [query]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  function pick(p: ProductDoc) {
    onPick(p);
    setQuery('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && query) {
      e.preventDefault();
      setSelected((s) => Math.min(s + 1, results.length - 1));
    } else if (e.key === 'ArrowUp' && query) {
      e.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    } else if (e.key === 'Enter' && query.trim() && !e.ctrlKey) {
      e.preventDefault();
      const q = query.trim();
      const exact = client.catalog.byBarcode(q) ?? client.catalog.bySku(q);
      const chosen = exact ?? results[selected];
      if (chosen) pick(chosen);
      else {
        onMiss?.(q);
        setQuery('');
      }
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
    } else if (!query || e.key.startsWith('F') || e.ctrlKey) {
      onOtherKey?.(e);
    }
  }

  return (
    <div className="stack">
      <input
        ref={input}
        className="input input--xl"
        data-scan-target
        data-testid="product-search"
        value={query}
        placeholder={placeholder ?? t('counter.searchPlaceholder')}
        aria-label={t('counter.searchLabel')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded={show && results.length > 0}
        aria-controls="product-results"
      />
      {show && (
        <div className="card">
          {results.length === 0 ? (
            <div className="empty">{t('counter.noResults', { query })}</div>
          ) : (
            <ul className="results" id="product-results" role="listbox" ref={list}>
              {results.map((p, i) => (
                <li
                  key={p.id}
                  className="result"
                  role="option"
                  aria-selected={i === selected}
                  onMouseMove={() => i !== selected && setSelected(i)}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(p);
                  }}
                >
                  <div>
                    <div className="result__name">{p.name}</div>
                    <div className="result__meta mono">
                      {p.sku}
                      {p.barcodes[0] ? ` · ${p.barcodes[0]}` : ''}
                    </div>
                  </div>
                  {showPrice ? <span className="result__price">{format.money(p.priceCents)}</span> : <span />}
                  <Quantity productId={p.id} storeId={storeId} unit={p.unit} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
});
