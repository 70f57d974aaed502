import type { ProductDoc } from '../data/api.js';
import { useLevel, useProduct } from '../data/hooks.js';
import { useFormat, useT } from '../i18n/index.js';
import { Quantity } from './quantity.js';

export interface TicketLine {
  productId: string;
  qty: number;
}

/** Add one of a product: bump its line (and select it) or append a new line. */
export function addLine(lines: TicketLine[], product: ProductDoc, qty = 1): { lines: TicketLine[]; index: number } {
  const i = lines.findIndex((l) => l.productId === product.id);
  if (i >= 0) {
    const next = lines.slice();
    next[i] = { ...next[i]!, qty: next[i]!.qty + qty };
    return { lines: next, index: i };
  }
  return { lines: [...lines, { productId: product.id, qty }], index: lines.length };
}

function LineRow({
  line,
  selected,
  storeId,
  showMoney,
  warnOverStock,
  onSelect,
  onQty,
  onRemove,
}: {
  line: TicketLine;
  selected: boolean;
  storeId: string | null;
  showMoney: boolean;
  warnOverStock: boolean;
  onSelect(): void;
  onQty(qty: number): void;
  onRemove(): void;
}) {
  const product = useProduct(line.productId);
  const level = useLevel(line.productId, storeId);
  const t = useT();
  const format = useFormat();
  const over = warnOverStock && level !== null && line.qty > level.level;
  return (
    <li className="line" aria-selected={selected} onClick={onSelect} data-testid="ticket-line" data-product={line.productId}>
      <div>
        <div className="line__name">{product?.name ?? t('common.unknownProduct')}</div>
        <div className="line__sub">
          {product?.sku}
          {showMoney && product ? ` · ${format.money(product.priceCents)}` : ''}
        </div>
        {over && <div className="line__warn">{t('counter.lowWarning', { level: format.number(level!.level) })}</div>}
      </div>
      <Quantity productId={line.productId} storeId={storeId} unit={product?.unit} />
      <input
        className="input input--qty num"
        type="number"
        min={1}
        value={line.qty}
        aria-label={t('common.qty')}
        onChange={(e) => {
          const n = Math.floor(Number(e.target.value));
          if (Number.isFinite(n) && n >= 1) onQty(n);
        }}
        onFocus={onSelect}
        data-testid="line-qty"
      />
      <div className="row" style={{ gap: 4 }}>
        {showMoney && <span className="line__amount">{product ? format.money(product.priceCents * line.qty) : '—'}</span>}
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
  lines: TicketLine[];
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
          onQty={(qty) => onChange(lines.map((x, j) => (j === i ? { ...x, qty } : x)))}
          onRemove={() => onChange(lines.filter((_, j) => j !== i))}
        />
      ))}
    </ul>
  );
}
