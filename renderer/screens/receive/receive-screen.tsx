import { useRef, useState, type KeyboardEvent } from 'react';
import type { RouteProps } from '../../app/routes.js';
import type { ProductDoc } from '../../data/api.js';
import { useActiveStore, useStockroom } from '../../data/hooks.js';
import { useT } from '../../i18n/index.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { ProductSearch, type ProductSearchHandle } from '../../ui/product-search.js';
import { TicketLines, addLine, type TicketLine } from '../../ui/ticket-lines.js';
import { useToast } from '../../ui/toast.js';

/** Receive a delivery: one `receipt` movement per line, sharing one ticketId. */
export function ReceiveScreen(_: RouteProps) {
  const client = useStockroom();
  const [storeId] = useActiveStore();
  const t = useT();
  const toast = useToast();
  const search = useRef<ProductSearchHandle>(null);
  const [lines, setLines] = useState<TicketLine[]>([]);
  const [selected, setSelected] = useState(0);
  const [reference, setReference] = useState('');
  const saving = useRef(false);

  const add = (p: ProductDoc) => {
    const r = addLine(lines, p);
    setLines(r.lines);
    setSelected(r.index);
  };
  useBarcodeScanner((code) => {
    const p = client.catalog.byBarcode(code) ?? client.catalog.bySku(code);
    if (p) add(p);
    else toast(t('counter.scanUnknown', { code }), 'error');
  });

  async function record() {
    if (lines.length === 0 || saving.current) return;
    saving.current = true;
    try {
      const r = await client.receive({ lines, reference: reference.trim() || null });
      toast(t('receive.done', { count: r.movementIds.length }), 'ok');
      setLines([]);
      setReference('');
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    } finally {
      saving.current = false;
      search.current?.focus();
    }
  }

  function keys(e: KeyboardEvent<HTMLElement>) {
    const line = lines[selected];
    if (e.key === 'F9' || (e.key === 'Enter' && e.ctrlKey)) {
      e.preventDefault();
      void record();
    } else if ((e.key === '+' || e.key === '=') && line) {
      e.preventDefault();
      setLines(lines.map((l, i) => (i === selected ? { ...l, qty: l.qty + 1 } : l)));
    } else if (e.key === '-' && line && line.qty > 1) {
      e.preventDefault();
      setLines(lines.map((l, i) => (i === selected ? { ...l, qty: l.qty - 1 } : l)));
    } else if (e.key === 'Delete' && line) {
      e.preventDefault();
      setLines(lines.filter((_, i) => i !== selected));
    }
  }

  return (
    <div className="page" onKeyDown={(e) => e.key === 'F9' && keys(e)}>
      <div className="page__head">
        <h1 className="page__title">{t('receive.title')}</h1>
      </div>
      <div className="split">
        <div className="stack">
          <ProductSearch ref={search} storeId={storeId} onPick={add} showPrice={false} onOtherKey={keys} onMiss={(q) => toast(t('counter.scanUnknown', { code: q }), 'error')} />
          <div className="kbd-hint">{t('counter.keys')}</div>
        </div>
        <section className="card ticket">
          <div className="card__head">{t('receive.title')}</div>
          <TicketLines lines={lines} selected={selected} storeId={storeId} showMoney={false} emptyText={t('receive.empty')} onSelect={setSelected} onChange={setLines} />
          <div className="card__body stack">
            <label className="field">
              <span className="field__label">{t('receive.reference')}</span>
              <input className="input" value={reference} maxLength={64} onChange={(e) => setReference(e.target.value)} onKeyDown={keys} />
            </label>
            <button className="btn btn--primary btn--lg" disabled={lines.length === 0} onClick={() => void record()} data-testid="record-receipt">
              {t('receive.complete')} <kbd>F9</kbd>
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
