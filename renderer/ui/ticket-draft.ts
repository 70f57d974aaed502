import { useCallback, useEffect, useState } from 'react';
import type { TicketLine } from './ticket-lines.js';

/**
 * An open ticket or delivery survives a reload (issue 11 §9): it is kept in localStorage per
 * local database, store and kind, written on every change. localStorage, not RxDB: it is
 * device-only, small, and must be there synchronously on the first render after a reload.
 */
export interface TicketDraft {
  lines: TicketLine[];
  /** Delivery note (receive) — empty on the counter. */
  reference: string;
  /** The rejected sales this ticket enters again (completing it resolves those exceptions). */
  resolves: string[];
}

export const EMPTY_DRAFT: TicketDraft = { lines: [], reference: '', resolves: [] };

export function draftKey(kind: 'sale' | 'receipt', scope: string, storeId: string | null): string {
  return `stockroom.draft.${kind}.${scope}.${storeId ?? '-'}`;
}

/** A stored draft, or the empty one when nothing (or nothing readable) is stored. */
export function readDraft(storage: Pick<Storage, 'getItem'>, key: string): TicketDraft {
  try {
    const raw = JSON.parse(storage.getItem(key) ?? 'null') as Partial<TicketDraft> | null;
    if (!raw || !Array.isArray(raw.lines)) return EMPTY_DRAFT;
    const lines = raw.lines.filter(
      (l): l is TicketLine => typeof l === 'object' && l !== null && typeof l.productId === 'string' && typeof l.qtyText === 'string',
    );
    return {
      lines,
      reference: typeof raw.reference === 'string' ? raw.reference : '',
      resolves: Array.isArray(raw.resolves) ? raw.resolves.filter((r): r is string => typeof r === 'string') : [],
    };
  } catch {
    return EMPTY_DRAFT;
  }
}

export function writeDraft(storage: Pick<Storage, 'setItem' | 'removeItem'>, key: string, draft: TicketDraft): void {
  try {
    if (draft.lines.length === 0 && draft.reference === '' && draft.resolves.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(draft));
  } catch {
    // A full or disabled storage costs the draft on reload, never the ticket on screen.
  }
}

/** The open draft of this store; `update` changes it and stores it at once. */
export function useTicketDraft(kind: 'sale' | 'receipt', scope: string, storeId: string | null) {
  const key = draftKey(kind, scope, storeId);
  const [state, setState] = useState(() => ({ key, draft: readDraft(localStorage, key) }));
  // Another store (or session) has its own draft.
  const current = state.key === key ? state.draft : readDraft(localStorage, key);
  useEffect(() => {
    if (state.key !== key) setState({ key, draft: readDraft(localStorage, key) });
  }, [key, state.key]);
  const update = useCallback(
    (fn: (d: TicketDraft) => TicketDraft) => {
      setState((s) => {
        const base = s.key === key ? s.draft : readDraft(localStorage, key);
        const draft = fn(base);
        writeDraft(localStorage, key, draft);
        return { key, draft };
      });
    },
    [key],
  );
  return [current, update] as const;
}
