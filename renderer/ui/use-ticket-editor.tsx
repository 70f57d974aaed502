import { useCallback, useState, type KeyboardEvent } from 'react';
import type { ProductDoc } from '../data/api.js';
import { useSession, useStockroom } from '../data/hooks.js';
import { useT, type MessageKey } from '../i18n/index.js';
import { useInactiveGuard } from './inactive-guard.js';
import { readQty } from './quantity-text.js';
import { EMPTY_DRAFT, useTicketDraft, type TicketDraft } from './ticket-draft.js';
import { addLine, bumpLine, focusLineQty, readLines } from './ticket-lines.js';
import { useToast } from './toast.js';

/**
 * What the counter and the receive screen share: the open draft (kept over a reload), the
 * selected line, adding a product (inactive ones confirmed first), the line keys, and reading
 * the quantities when the ticket is completed — an unreadable one is said in words and its
 * field focused, so nothing is recorded that nobody typed.
 */
export function useTicketEditor(kind: 'sale' | 'receipt', storeId: string | null) {
  const client = useStockroom();
  const session = useSession();
  const t = useT();
  const toast = useToast();
  const [draft, updateDraft] = useTicketDraft(kind, session.dbName ?? session.deviceId, storeId);
  const lines = draft.lines;
  const inactive = useInactiveGuard(kind === 'sale' ? 'sell' : 'receive');
  const { guard } = inactive;
  // The selected line is a product: lines move when one is removed, a product stays itself.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const found = lines.findIndex((l) => l.productId === selectedId);
  const selected = found >= 0 ? found : Math.max(0, lines.length - 1);

  const productName = useCallback((id: string) => client.catalog.get(id)?.name ?? t('common.unknownProduct'), [client, t]);

  const add = useCallback(
    (p: ProductDoc, qty = 1, also: (d: TicketDraft) => TicketDraft = (d) => d) =>
      guard(p, () => {
        updateDraft((d) => also({ ...d, lines: addLine(d.lines, p, qty).lines }));
        setSelectedId(p.id);
      }),
    [guard, updateDraft],
  );

  const select = useCallback((index: number) => setSelectedId(lines[index]?.productId ?? null), [lines]);
  const clear = useCallback(() => updateDraft(() => EMPTY_DRAFT), [updateDraft]);

  /** The lines' quantities, or null after saying which line has none (and focusing it). */
  const readOrFocus = (): Array<{ productId: string; qty: number }> | null => {
    const read = readLines(lines);
    if (read.ok) return read.lines;
    const line = lines[read.index]!;
    const r = readQty(line.qtyText);
    if (!r.ok) toast(t(`qty.error.${r.error}` as MessageKey, { product: productName(line.productId) }), 'error');
    setSelectedId(line.productId);
    focusLineQty(read.index);
    return null;
  };

  /** ↑↓ choose, +/− change the quantity, Delete removes; true when the key was one of them. */
  const lineKeys = (e: KeyboardEvent<HTMLElement> | globalThis.KeyboardEvent): boolean => {
    const line = lines[selected];
    if ((e.key === '+' || e.key === '=' || e.key === '-') && line) {
      updateDraft((d) => ({ ...d, lines: bumpLine(d.lines, selected, e.key === '-' ? -1 : 1) }));
    } else if (e.key === 'Delete' && line) {
      updateDraft((d) => ({ ...d, lines: d.lines.filter((_, i) => i !== selected) }));
      setSelectedId(lines[selected + 1]?.productId ?? lines[selected - 1]?.productId ?? null);
    } else if (e.key === 'ArrowDown' && lines.length) {
      setSelectedId(lines[Math.min(selected + 1, lines.length - 1)]!.productId);
    } else if (e.key === 'ArrowUp' && lines.length) {
      setSelectedId(lines[Math.max(selected - 1, 0)]!.productId);
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  };

  return { draft, updateDraft, lines, selected, select, add, clear, readOrFocus, lineKeys, productName, inactive };
}
