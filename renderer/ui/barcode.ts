import { useEffect, useRef } from 'react';

/**
 * Barcode scanners are keyboards that type a code very fast and press Enter.
 * This captures such a burst anywhere on the screen. Keys typed into a
 * field marked `data-scan-target` are left alone (that field handles Enter
 * itself); a burst typed into another field is taken back out of it.
 */
const MAX_GAP_MS = 40;
const MIN_LENGTH = 4;

function isEditable(el: EventTarget | null): el is HTMLInputElement | HTMLTextAreaElement {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;
}

/** Set a React-controlled input's value so React sees the change. */
function restoreValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function useBarcodeScanner(onScan: (code: string) => void, enabled = true): void {
  const cb = useRef(onScan);
  cb.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    let buffer = '';
    let last = 0;
    let fastKeys = 0;
    let field: { el: HTMLInputElement | HTMLTextAreaElement; before: string } | null = null;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('[data-scan-target]')) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const now = performance.now();
      const gap = now - last;
      if (e.key === 'Enter') {
        const isScan = buffer.length >= MIN_LENGTH && gap < MAX_GAP_MS * 3 && fastKeys >= buffer.length - 1;
        if (isScan) {
          e.preventDefault();
          e.stopPropagation();
          if (field) restoreValue(field.el, field.before);
          cb.current(buffer);
        }
        buffer = '';
        field = null;
        return;
      }
      if (e.key.length !== 1 || !/[A-Za-z0-9-]/.test(e.key)) {
        buffer = '';
        field = null;
        return;
      }
      if (gap > MAX_GAP_MS) {
        buffer = '';
        fastKeys = 0;
        field = isEditable(target) ? { el: target, before: target.value } : null;
      } else {
        fastKeys++;
      }
      buffer += e.key;
      last = now;
      // Outside a field the keys would go nowhere useful anyway.
      if (!isEditable(target)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
