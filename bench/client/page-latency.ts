/**
 * In-page latency probes. Timestamps are taken inside the page with
 * performance.now(): t0 in a capturing keydown listener on window (it runs
 * before the app's own handlers), the end in the first requestAnimationFrame
 * callback whose DOM already shows the change, i.e. the frame that paints it.
 * The DOM-only time (a MutationObserver) is kept too, to tell app work from
 * waiting for the next frame.
 */
import type { Page } from 'playwright-core';

export interface Latency {
  /** keydown → start of the frame that paints the change. */
  paint: number;
  /** keydown → the DOM mutation (app work only). */
  dom: number;
  /** Search only: whether the results list changed for this keystroke. */
  changed?: boolean;
}

declare global {
  interface Window {
    __benchProbe?: Promise<Latency | null>;
  }
}

/**
 * Arm a probe on the level element of `productId` in the counter's search
 * results; it resolves when Ctrl+Enter has been pressed and the painted level
 * differs from the current one.
 */
export async function armSaleProbe(page: Page, productId: string): Promise<void> {
  await page.evaluate((id) => {
    const el = document.querySelector(`#product-results [data-testid="qty-${id}"]`);
    if (!el) throw new Error(`level element of ${id} is not on screen`);
    const before = el.getAttribute('data-level');
    window.__benchProbe = new Promise<Latency | null>((resolve) => {
      let t0 = -1;
      let tDom = -1;
      const timer = setTimeout(() => done(null), 10_000);
      const observer = new MutationObserver(() => {
        if (t0 >= 0 && tDom < 0 && el.getAttribute('data-level') !== before) tDom = performance.now();
      });
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== 'Enter' || !e.ctrlKey) return;
        t0 = performance.now();
        window.removeEventListener('keydown', onKey, true);
        requestAnimationFrame(frame);
      };
      const frame = () => {
        if (el.getAttribute('data-level') === before) {
          requestAnimationFrame(frame);
          return;
        }
        const now = performance.now();
        done({ paint: now - t0, dom: (tDom < 0 ? now : tDom) - t0 });
      };
      const done = (v: Latency | null) => {
        clearTimeout(timer);
        observer.disconnect();
        window.removeEventListener('keydown', onKey, true);
        resolve(v);
      };
      observer.observe(el, { attributes: true, characterData: true, childList: true, subtree: true });
      window.addEventListener('keydown', onKey, true);
    });
  }, productId);
}

/**
 * Arm a probe for the next keydown of `key` in the counter search. React
 * renders a keystroke's results synchronously at the end of its input event,
 * so the first frame after the input event paints them. A results change that
 * arrives later (a deferred render) moves the end to the frame after it.
 * `changed` tells whether the results list changed at all for this keystroke.
 */
export async function armSearchProbe(page: Page, key: string): Promise<void> {
  await page.evaluate((k) => {
    const input = document.querySelector('[data-testid="product-search"]');
    const root = input?.parentElement;
    if (!root) throw new Error('search field is not on screen');
    window.__benchProbe = new Promise<Latency | null>((resolve) => {
      let t0 = -1;
      let tDom = -1;
      let firstFrame = -1;
      const giveUp = setTimeout(() => done(null), 10_000);
      let late: ReturnType<typeof setTimeout> | undefined;
      const observer = new MutationObserver((records) => {
        if (t0 < 0 || tDom >= 0) return;
        if (!records.some((r) => r.target !== input)) return; // the results, not the field itself
        tDom = performance.now();
        if (firstFrame >= 0) requestAnimationFrame(() => done({ paint: performance.now() - t0, dom: tDom - t0, changed: true }));
      });
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== k) return;
        t0 = performance.now();
        window.removeEventListener('keydown', onKey, true);
      };
      const onInput = () => {
        if (t0 < 0) return;
        window.removeEventListener('input', onInput, true);
        requestAnimationFrame(() => {
          firstFrame = performance.now();
          if (tDom >= 0) done({ paint: firstFrame - t0, dom: tDom - t0, changed: true });
          // No change yet: wait a little for a deferred render, else the list stayed as it was.
          else late = setTimeout(() => done({ paint: firstFrame - t0, dom: firstFrame - t0, changed: false }), 300);
        });
      };
      const done = (v: Latency | null) => {
        clearTimeout(giveUp);
        if (late) clearTimeout(late);
        observer.disconnect();
        window.removeEventListener('keydown', onKey, true);
        window.removeEventListener('input', onInput, true);
        resolve(v);
      };
      observer.observe(root, { childList: true, characterData: true, subtree: true });
      window.addEventListener('keydown', onKey, true);
      window.addEventListener('input', onInput, true);
    });
  }, key);
}

export async function probeResult(page: Page): Promise<Latency | null> {
  return page.evaluate(() => window.__benchProbe ?? null);
}
