import { useCallback, useState } from 'react';

/**
 * useState for work in progress that must survive a reload (a blind count, a transfer being
 * written): kept in localStorage under `key`, like the open ticket (ticket-draft.ts), read
 * synchronously on the first render. A value that does not pass `valid` (an older shape, a
 * hand-edited store) is ignored. `clear` forgets it once the work is recorded.
 */
export function useStoredState<T>(key: string, initial: () => T, valid: (v: unknown) => v is T) {
  const [value, setValue] = useState<T>(() => read(key, valid) ?? initial());
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        try {
          localStorage.setItem(key, JSON.stringify(v));
        } catch {
          // A full or disabled storage costs the work on reload, never on screen.
        }
        return v;
      });
    },
    [key],
  );
  const clear = useCallback(() => {
    try {
      localStorage.removeItem(key);
    } catch {
      // as above
    }
  }, [key]);
  return [value, set, clear] as const;
}

function read<T>(key: string, valid: (v: unknown) => v is T): T | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return raw !== null && valid(raw) ? raw : null;
  } catch {
    return null;
  }
}

const rowsOf = <R>(field: string, type: 'string' | 'number') => (v: unknown): v is R[] =>
  Array.isArray(v) &&
  v.every((r: unknown) => typeof r === 'object' && r !== null && typeof (r as { productId?: unknown }).productId === 'string' && typeof (r as Record<string, unknown>)[field] === type);

/** Rows of a count in progress: a product and the text typed for it. */
export const isCountRows = rowsOf<{ productId: string; text: string }>('text', 'string');
/** Lines of a transfer being written: a product and a quantity. */
export const isQtyRows = rowsOf<{ productId: string; qty: number }>('qty', 'number');
/** Text typed per product id. */
export const isTextMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
