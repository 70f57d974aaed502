import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { navigate, paths, type RouteProps } from '../../app/routes.js';
import type { ProductDoc } from '../../data/api.js';
import { useActiveStore, useLastTicket, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { Dialog } from '../../ui/dialog.js';
import { ProductSearch, type ProductSearchHandle } from '../../ui/product-search.js';
import { TicketLines, addLine, type TicketLine } from '../../ui/ticket-lines.js';
import { useToast } from '../../ui/toast.js';

/**
 * The counter: scan or search, build a ticket, complete the sale (one `sale`
 * movement per line, one ticketId). Everything works from the keyboard.
 */
export function CounterScreen({ params }: RouteProps) {
  const client = useStockroom();
  const [storeId] = useActiveStore();
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const search = useRef<ProductSearchHandle>(null);
  const [lines, setLines] = useState<TicketLine[]>([]);
  const [selected, setSelected] = useState(0);
  const [voiding, setVoiding] = useState(false);
  const [busy, setBusy] = useState(false);
  const lastTicket = useLastTicket(storeId);

  const add = useCallback((p: ProductDoc, qty = 1) => {
    setLines((ls) => {
      const r = addLine(ls, p, qty);
      setSelected(r.index);
      return r.lines;
    });
  }, []);

  // Re-entering a rejected sale from the exceptions list.
  useEffect(() => {
    if (!params.add) return;
    const p = client.catalog.get(params.add);
    if (p) {
      add(p, Math.max(1, Number(params.qty) || 1));
      toast(t('counter.reentered'));
    }
    navigate(paths.counter(), { replace: true });
  }, [params.add, params.qty, client, add, toast, t]);

  useBarcodeScanner((code) => {
    const p = client.catalog.byBarcode(code) ?? client.catalog.bySku(code);
    if (p) add(p);
    else toast(t('counter.scanUnknown', { code }), 'error');
    search.current?.focus();
  }, !voiding);

  const total = lines.reduce((acc, l) => acc + (client.catalog.get(l.productId)?.priceCents ?? 0) * l.qty, 0);

  const completing = useRef(false);
  async function complete() {
    if (lines.length === 0 || completing.current) return;
    completing.current = true;
    setBusy(true);
    try {
      const r = await client.sell({ lines });
      toast(t('counter.completed', { count: r.movementIds.length, total: format.money(r.totalCents) }), 'ok');
      setLines([]);
      setSelected(0);
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    } finally {
      completing.current = false;
      setBusy(false);
      search.current?.focus();
    }
  }

  function ticketKeys(e: KeyboardEvent<HTMLElement> | globalThis.KeyboardEvent) {
    const line = lines[selected];
    if (e.key === 'F9' || (e.key === 'Enter' && e.ctrlKey)) {
      e.preventDefault();
      void complete();
    } else if (e.key === 'F8') {
      e.preventDefault();
      if (lastTicket && !lastTicket.voided) setVoiding(true);
      else toast(t('counter.nothingToVoid'));
    } else if ((e.key === '+' || e.key === '=') && line) {
      e.preventDefault();
      setLines(lines.map((l, i) => (i === selected ? { ...l, qty: l.qty + 1 } : l)));
    } else if (e.key === '-' && line) {
      e.preventDefault();
      if (line.qty > 1) setLines(lines.map((l, i) => (i === selected ? { ...l, qty: l.qty - 1 } : l)));
    } else if (e.key === 'Delete' && line) {
      e.preventDefault();
      setLines(lines.filter((_, i) => i !== selected));
      setSelected((s) => Math.max(0, Math.min(s, lines.length - 2)));
    } else if (e.key === 'ArrowDown' && lines.length) {
      e.preventDefault();
      setSelected((s) => Math.min(s + 1, lines.length - 1));
    } else if (e.key === 'ArrowUp' && lines.length) {
      e.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    }
  }

  // F-keys work wherever focus is.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (voiding || e.defaultPrevented) return;
      if (e.key === 'F9' || e.key === 'F8') ticketKeys(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">{t('counter.title')}</h1>
      </div>
      <div className="split">
        <div className="stack">
          <ProductSearch
            ref={search}
            storeId={storeId}
            onPick={(p) => add(p)}
            onMiss={(q) => toast(t('counter.scanUnknown', { code: q }), 'error')}
            onOtherKey={ticketKeys}
          />
          <div className="kbd-hint">{t('counter.keys')}</div>
          {lastTicket && (
            <div className="card">
              <div className="card__body row">
                <div className="grow">
                  <div className="field__label">{t('counter.lastTicket')}</div>
                  <div className="hint mono">
                    {format.time(lastTicket.clientTime)} · {lastTicket.lines.length} × · {lastTicket.ticketId.slice(-8)}
                    {lastTicket.voided ? ` · ${t('counter.voided')}` : ''}
                  </div>
                </div>
                <button className="btn btn--danger" disabled={lastTicket.voided} onClick={() => setVoiding(true)} data-testid="void-last">
                  {t('counter.voidLast')} <kbd>F8</kbd>
                </button>
              </div>
            </div>
          )}
        </div>
        <section className="card ticket" aria-label={t('counter.ticket')}>
          <div className="card__head">
            <span>{t('counter.ticket')}</span>
            {lines.length > 0 && (
              <button className="btn btn--ghost btn--sm" onClick={() => setLines([])}>
                {t('counter.clear')}
              </button>
            )}
          </div>
          <TicketLines
            lines={lines}
            selected={selected}
            storeId={storeId}
            showMoney
            warnOverStock
            emptyText={t('counter.emptyTicket')}
            onSelect={setSelected}
            onChange={setLines}
          />
          <div className="ticket__total">
            <span className="ticket__total-label">{t('counter.total')}</span>
            <span className="ticket__total-value" data-testid="ticket-total">{format.money(total)}</span>
          </div>
          <div className="ticket__actions">
            <button className="btn btn--primary btn--lg" disabled={lines.length === 0 || busy} onClick={() => void complete()} data-testid="complete-sale">
              {t('counter.complete')} <kbd>F9</kbd>
            </button>
          </div>
        </section>
      </div>
      {voiding && lastTicket && (
        <VoidDialog
          onClose={() => {
            setVoiding(false);
            search.current?.focus();
          }}
          onConfirm={async (reason) => {
            try {
              await client.voidTicket(lastTicket.ticketId, reason);
              toast(t('counter.voided'), 'ok');
              setVoiding(false);
            } catch (err) {
              toast(err instanceof Error ? err.message : String(err), 'error');
            }
          }}
        />
      )}
    </div>
  );
}

function VoidDialog({ onClose, onConfirm }: { onClose(): void; onConfirm(reason: string): Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const valid = reason.trim().length >= 1 && reason.trim().length <= 64;
  return (
    <Dialog title={t('counter.voidLast')} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void onConfirm(reason.trim());
        }}
      >
        <label className="field">
          <span className="field__label">{t('counter.voidReason')}</span>
          <input className="input" value={reason} maxLength={64} onChange={(e) => setReason(e.target.value)} data-testid="void-reason" />
          <span className="hint">{t('adjust.reasonHint')}</span>
        </label>
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn--danger" disabled={!valid}>
            {t('counter.voidConfirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
