import { useRef, type KeyboardEvent } from 'react';
import type { RouteProps } from '../../navigation/routes.js';
import { useActiveStore, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { ProductSearch, type ProductSearchHandle } from '../../ui/product-search.js';
import { EMPTY_DRAFT } from '../../ui/ticket-draft.js';
import { TicketLines } from '../../ui/ticket-lines.js';
import { useToast } from '../../ui/toast.js';
import { useTicketEditor } from '../../ui/use-ticket-editor.js';

/**
 * Receive a delivery: one `receipt` movement per line, sharing one ticketId, each with the
 * product's cost. The open delivery (lines and note) survives a reload.
 */
export function ReceiveScreen(_: RouteProps) {
  const client = useStockroom();
  const [storeId] = useActiveStore();
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const search = useRef<ProductSearchHandle>(null);
  const editor = useTicketEditor('receipt', storeId);
  const { draft, updateDraft, lines } = editor;
  const saving = useRef(false);

  useBarcodeScanner((code) => {
    const p = client.catalog.byBarcode(code) ?? client.catalog.bySku(code);
    if (p) editor.add(p);
    else toast(t('counter.scanUnknown', { code }), 'error');
  }, !editor.inactive.asking);

  async function record() {
    if (lines.length === 0 || saving.current) return;
    const delivery = editor.readOrFocus();
    if (!delivery) return;
    saving.current = true;
    try {
      const r = await client.receive({ lines: delivery, reference: draft.reference.trim() || null });
      toast(t('receive.done', { count: r.movementIds.length }), 'ok');
      updateDraft(() => EMPTY_DRAFT);
      search.current?.focus();
    } catch (err) {
      toast(commandErrorText(t, err, editor.productName, format.number), 'error');
    } finally {
      saving.current = false;
    }
  }

  function keys(e: KeyboardEvent<HTMLElement>) {
    if (e.key === 'F9' || (e.key === 'Enter' && e.ctrlKey)) {
      e.preventDefault();
      void record();
    } else {
      editor.lineKeys(e);
    }
  }

  return (
    <div
      className="page"
      onKeyDown={(e) => {
        if (e.key === 'F9' && !e.defaultPrevented && !editor.inactive.asking) keys(e);
      }}
    >
      <div className="page__head">
        <h1 className="page__title">{t('receive.title')}</h1>
      </div>
      <div className="split">
        <div className="stack">
          <ProductSearch ref={search} storeId={storeId} onPick={(p) => editor.add(p)} showPrice={false} onOtherKey={keys} onMiss={(q) => toast(t('counter.scanUnknown', { code: q }), 'error')} />
          <div className="kbd-hint">{t('receive.keys')}</div>
        </div>
        <section className="card ticket" aria-label={t('receive.title')}>
          <div className="card__head">
            <span>{t('receive.title')}</span>
            {lines.length > 0 && (
              <button className="btn btn--ghost btn--sm" onClick={editor.clear} data-testid="clear-delivery">
                {t('receive.clear')}
              </button>
            )}
          </div>
          <TicketLines lines={lines} selected={editor.selected} storeId={storeId} showMoney={false} emptyText={t('receive.empty')} onSelect={editor.select} onChange={(next) => updateDraft((d) => ({ ...d, lines: next }))} />
          <div className="card__body stack">
            <label className="field">
              <span className="field__label">{t('receive.reference')}</span>
              <input
                className="input"
                value={draft.reference}
                maxLength={64}
                onChange={(e) => {
                  const reference = e.target.value;
                  updateDraft((d) => ({ ...d, reference }));
                }}
                onKeyDown={(e) => (e.key === 'F9' || (e.key === 'Enter' && e.ctrlKey)) && keys(e)}
                data-testid="receive-reference"
              />
            </label>
            <button className="btn btn--primary btn--lg" disabled={lines.length === 0} onClick={() => void record()} data-testid="record-receipt">
              {t('receive.complete')} <kbd>F9</kbd>
            </button>
          </div>
        </section>
      </div>
      {editor.inactive.dialog}
    </div>
  );
}
