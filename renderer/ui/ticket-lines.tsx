import type { KeyboardEvent } from 'react';
import type { ProductDoc } from '../data/api.js';
import { useLevel, useProduct } from '../data/hooks.js';
import { useFormat, useT, type MessageKey } from '../i18n/index.js';
import { Quantity } from './quantity.js';
import { bumpQtyText, qtyOf, readQty } from './quantity-text.js';

/**
 * A line of a ticket or delivery. The quantity is kept as typed (ui/quantity-text.ts): the
 * field edits like any field, and an unreadable quantity stops the ticket with a message.
 */
export interface TicketLine {
  productId: string;
  qtyText: string;
}

/** Add one of a product: bump its line (and select it) or append a new line. */
export function addLine(lines: readonly TicketLine[], product: ProductDoc, qty = 1): { lines: TicketLine[]; index: number } {
  const i = lines.findIndex((l) => l.productId === product.id);
  if (i >= 0) {
    const next = lines.slice();
    next[i] = { ...next[i]!, qtyText: bumpQtyText(next[i]!.qtyText, qty) };
    return { lines: next, index: i };
  }
  return { lines: [...lines, { productId: product.id, qtyText: String(qty) }], index: lines.length };
}

export function bumpLine(lines: readonly TicketLine[], index: number, by: number): TicketLine[] {
  return lines.map((l, i) => (i === index ? { ...l, qtyText: bumpQtyText(l.qtyText, by) } : l));
}

/** The lines with their quantities, or the first line whose quantity is none (to focus it). */
export function readLines(lines: readonly TicketLine[]): { ok: true; lines: Array<{ productId: string; qty: number }> } | { ok: false; index: number } {
  const out: Array<{ productId: string; qty: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const qty = qtyOf(lines[i]!.qtyText);
    if (qty === null) return { ok: false, index: i };
    out.push({ productId: lines[i]!.productId, qty });
  }
  return { ok: true, lines: out };
}

/** Focus the quantity field of line `index` (after a refused completion). */
export function focusLineQty(index: number): void {
  document.querySelectorAll<HTMLInputElement>('[data-testid="line-qty"]')[index]?.focus();
}

function LineRow({
  line,
  selected,
  storeId,
  showMoney,
  warnOverStock,
  onSelect,
  onQtyText,
  onBump,
  onRemove,
}: {
  line: TicketLine;
  selected: boolean;
  storeId: string | null;
  showMoney: boolean;
  warnOverStock: boolean;
  onSelect(): void;
  onQtyText(text: string): void;
  onBump(by: number): void;
  onRemove(): void;
}) {
  const product = useProduct(line.productId);
  const level = useLevel(line.productId, storeId);
  const t = useT();
  const format = useFormat();
  const reading = readQty(line.qtyText);
  const qty = reading.ok ? reading.qty : null;
  const over = warnOverStock && level !== null && qty !== null && qty > level.level;
  const hintId = `qty-hint-${line.productId}`;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === '+' || e.key === '=' || e.key === '-') {
      e.preventDefault();
      onBump(e.key === '-' ? -1 : 1);
    }
  };
  return (
    <li className="line" aria-selected={selected} onClick={onSelect} data-testid="ticket-line" data-product={line.productId}>
      <div className="line__main">
        <div className="line__name">
          {product?.name ?? t('common.unknownProduct')}
          {product && !product.active && <span className="badge badge--soft line__badge">{t('inactive.badge')}</span>}
        </div>
        <div className="line__sub">
          {product?.sku}
          {showMoney && product ? ` · ${format.money(product.priceCents)}` : ''}
        </div>
        {over && <div className="line__warn">{t('counter.lowWarning', { level: format.number(level!.level) })}</div>}
        {!reading.ok && (
          <div className="line__error" id={hintId} role="alert">
            {t(`qty.hint.${reading.error}` as MessageKey)}
          </div>
        )}
      </div>
      <div className="line__level">
        <span className="line__level-label">{t('line.inStock')}</span>
        <Quantity productId={line.productId} storeId={storeId} unit={product?.unit} />
      </div>
      <input
        className={`input input--qty num${reading.ok ? '' : ' input--invalid'}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={line.qtyText}
        aria-label={t('common.qty')}
        aria-invalid={!reading.ok}
        aria-describedby={reading.ok ? undefined : hintId}
        onChange={(e) => onQtyText(e.target.value)}
        onFocus={(e) => {
          onSelect();
          e.currentTarget.select();
        }}
        onKeyDown={onKeyDown}
        data-testid="line-qty"
      />
      <div className="row line__end" style={{ gap: 4 }}>
        {showMoney && <span className="line__amount">{product && qty !== null ? format.money(product.priceCents * qty) : '—'}</span>}
        <button className="btn btn--ghost btn--sm" onClick={onRemove} aria-label={t('counter.removeLine')} title={t('counter.removeLine')} tabIndex={-1}>
          ✕
        </button>
      </div>
    </li>
  );
}

export function TicketLines({
  lines,
  selected,
  storeId,
  showMoney,
  warnOverStock = false,
  emptyText,
  onSelect,
  onChange,
}: {
  lines: readonly TicketLine[];
  selected: number;
  storeId: string | null;
  showMoney: boolean;
  warnOverStock?: boolean;
  emptyText: string;
  onSelect(index: number): void;
  onChange(lines: TicketLine[]): void;
}) {
  if (lines.length === 0) return <div className="empty">{emptyText}</div>;
  return (
    <ul className="ticket__lines">
      {lines.map((l, i) => (
        <LineRow
          key={l.productId}
          line={l}
          selected={i === selected}
          storeId={storeId}
          showMoney={showMoney}
          warnOverStock={warnOverStock}
          onSelect={() => onSelect(i)}
          onQtyText={(qtyText) => onChange(lines.map((x, j) => (j === i ? { ...x, qtyText } : x)))}
          onBump={(by) => onChange(bumpLine(lines, i, by))}
          onRemove={() => onChange(lines.filter((_, j) => j !== i))}
        />
      ))}
    </ul>
  );
}
