import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { navigate, paths, type RouteProps } from '../../navigation/routes.js';
import { useActiveStore, useLastTicket, useStockroom, useStores } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { useBarcodeScanner } from '../../ui/barcode.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { ProductSearch, type ProductSearchHandle } from '../../ui/product-search.js';
import { readQty } from '../../ui/quantity-text.js';
import { EMPTY_DRAFT } from '../../ui/ticket-draft.js';
import { TicketLines, focusLineQty } from '../../ui/ticket-lines.js';
import { useToast } from '../../ui/toast.js';
import { useTicketEditor } from '../../ui/use-ticket-editor.js';
import { OversellDialog, type OversoldLine } from './oversell-dialog.js';
import { VoidTicketDialog } from './void-ticket-dialog.js';

/**
 * The counter: scan or search, build a ticket, complete the sale (one `sale` movement per
 * line, one ticketId, the price charged on each). Everything works from the keyboard.
 * Invariants: nothing is recorded that nobody typed (an unreadable quantity stops the ticket
 * and focuses that line); a sale beyond the projected level is confirmed first; the open
 * ticket survives a reload; re-entering a refused sale puts it on the ticket once.
 */
export function CounterScreen({ params }: RouteProps) {
  const client = useStockroom();
  const stores = useStores();
  const [storeId] = useActiveStore();
  const t = useT();
  const format = useFormat();
  const toast = useToast();
  const search = useRef<ProductSearchHandle>(null);
  const editor = useTicketEditor('sale', storeId);
  const { draft, updateDraft, lines, selected, add, productName, inactive } = editor;
  const [voiding, setVoiding] = useState(false);
  const [oversold, setOversold] = useState<{ lines: OversoldLine[]; sale: Array<{ productId: string; qty: number }> } | null>(null);
  const [busy, setBusy] = useState(false);
  const lastTicket = useLastTicket(storeId);
  const allowNegative = stores.find((s) => s.id === storeId)?.allowNegativeStock ?? false;

  // Re-entering a refused sale from the exceptions list: once per exception, however often the
  // effect runs (StrictMode, a second click on Re-enter): the draft remembers what it resolves.
  const reentered = useRef<string | null>(null);
  useEffect(() => {
    const exceptionId = params.reenter;
    if (!exceptionId || !params.add || reentered.current === exceptionId) return;
    reentered.current = exceptionId;
    navigate(paths.counter(), { replace: true });
    if (draft.resolves.includes(exceptionId)) return toast(t('counter.reenteredAlready'));
    const p = client.catalog.get(params.add);
    if (!p) return toast(t('command.unknown-product'), 'error');
    const r = readQty(params.qty ?? '1');
    const qty = r.ok ? r.qty : 1;
    add(p, qty, (d) => ({ ...d, resolves: [...d.resolves, exceptionId] }));
    toast(t('counter.reentered'));
  }, [params.reenter, params.add, params.qty, client, draft.resolves, add, toast, t]);

  const dialogOpen = voiding || oversold !== null || inactive.asking;
  useBarcodeScanner((code) => {
    const p = client.catalog.byBarcode(code) ?? client.catalog.bySku(code);
    if (p) add(p);
    else toast(t('counter.scanUnknown', { code }), 'error');
    search.current?.focus();
  }, !dialogOpen);

  const total = lines.reduce((acc, l) => {
    const r = readQty(l.qtyText);
    return acc + (client.catalog.get(l.productId)?.priceCents ?? 0) * (r.ok ? r.qty : 0);
  }, 0);

  const completing = useRef(false);
  async function record(sale: Array<{ productId: string; qty: number }>) {
    if (completing.current) return;
    completing.current = true;
    setBusy(true);
    try {
      const r = await client.sell({ lines: sale, resolves: draft.resolves });
      toast(t('counter.completed', { count: r.movementIds.length, total: format.money(r.totalCents) }), 'ok');
      updateDraft(() => EMPTY_DRAFT);
    } catch (err) {
      toast(commandErrorText(t, err, productName, format.number), 'error');
    } finally {
      completing.current = false;
      setBusy(false);
      search.current?.focus();
    }
  }

  function complete() {
    if (lines.length === 0 || completing.current || !storeId) return;
    const sale = editor.readOrFocus();
    if (!sale) return;
    const over = sale
      .map((l) => ({ productId: l.productId, name: productName(l.productId), qty: l.qty, level: client.levels.get(storeId, l.productId).level }))
      .filter((l) => l.qty > l.level);
    if (over.length > 0) return setOversold({ lines: over, sale });
    void record(sale);
  }

  function ticketKeys(e: KeyboardEvent<HTMLElement> | globalThis.KeyboardEvent) {
    if (e.key === 'F9' || (e.key === 'Enter' && e.ctrlKey)) {
      e.preventDefault();
      complete();
    } else if (e.key === 'F8') {
      e.preventDefault();
      if (lastTicket && !lastTicket.voided) setVoiding(true);
      else toast(t('counter.nothingToVoid'));
    } else {
      editor.lineKeys(e);
    }
  }

  // F-keys work wherever focus is.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (dialogOpen || e.defaultPrevented) return;
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
                <div className="grow" style={{ minWidth: 0 }}>
                  <div className="field__label">{t('counter.lastTicket')}</div>
                  <div className="hint">
                    {format.time(lastTicket.clientTime)} · {t('counter.lineCount', { count: lastTicket.lines.length })}
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
              <button className="btn btn--ghost btn--sm" onClick={editor.clear} data-testid="clear-ticket">
                {t('counter.clear')}
              </button>
            )}
          </div>
          {draft.resolves.length > 0 && (
            <div className="ticket__note" data-testid="reenter-note">{t('exceptions.reenterFor', { count: draft.resolves.length })}</div>
          )}
          <TicketLines
            lines={lines}
            selected={selected}
            storeId={storeId}
            showMoney
            warnOverStock
            emptyText={t('counter.emptyTicket')}
            onSelect={editor.select}
            onChange={(next) => updateDraft((d) => ({ ...d, lines: next }))}
          />
          <div className="ticket__total">
            <span className="ticket__total-label">{t('counter.total')}</span>
            <span className="ticket__total-value" data-testid="ticket-total">{format.money(total)}</span>
          </div>
          <div className="ticket__actions">
            <button className="btn btn--primary btn--lg" disabled={lines.length === 0 || busy} onClick={complete} data-testid="complete-sale">
              {t('counter.complete')} <kbd>F9</kbd>
            </button>
          </div>
        </section>
      </div>
      {inactive.dialog}
      {oversold && (
        <OversellDialog
          lines={oversold.lines}
          serverRefuses={!allowNegative}
          onBack={() => {
            const first = lines.findIndex((l) => l.productId === oversold.lines[0]?.productId);
            setOversold(null);
            if (first >= 0) {
              editor.select(first);
              setTimeout(() => focusLineQty(first));
            }
          }}
          onConfirm={() => {
            const sale = oversold.sale;
            setOversold(null);
            void record(sale);
          }}
        />
      )}
      {voiding && lastTicket && (
        <VoidTicketDialog
          ticket={lastTicket}
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
              toast(commandErrorText(t, err, productName, format.number), 'error');
            }
          }}
        />
      )}
    </div>
  );
}
