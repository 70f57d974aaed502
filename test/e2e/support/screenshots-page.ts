/**
 * Browser-side half of the screenshot tour (support/screenshots.ts): the layout check run on
 * every screen, the CJK glyph check and the hunt for English left in Chinese screens. Bundled
 * with bundleForPage (plain esbuild, so no helper a Node transpiler adds leaks into the page)
 * and installed as an init script; the tour calls `globalThis.__stockroomLayout.*`.
 *
 * Only horizontal extents are checked: vertical overflow is what lists and pages scroll for.
 */

/** One element a person would see cut off, spilling over its neighbours, or needing a sideways scroll. */
export interface LayoutFinding {
  rule: 'page-scrolls-sideways' | 'page-scrolls-vertically' | 'sticks-out' | 'clipped' | 'off-screen' | 'text-spills' | 'text-cut' | 'scrolls-sideways' | 'select-cut' | 'placeholder-cut';
  /** A readable CSS path of the element (last levels, with classes and test ids). */
  selector: string;
  /** Its visible text, shortened. */
  text: string;
  /** The box it should fit in (the container's path, or "viewport"). */
  container: string;
  /** How far it goes past that box, in CSS px (the larger of both sides). */
  overBy: number;
  /** Width of the element (or its text / content) and of the room it has, CSS px. */
  width: number;
  room: number;
  /** The innermost overflowing element inside this one, when several nest (the likely cause). */
  cause?: { selector: string; text: string };
}

/** Not failures: intended truncation (text-overflow: ellipsis) and typed values longer than their field. */
export interface LayoutNote {
  rule: 'ellipsis' | 'input-value-cut';
  selector: string;
  text: string;
  width: number;
  room: number;
}

export interface LayoutReport {
  findings: LayoutFinding[];
  notes: LayoutNote[];
  /** document.documentElement's scroll size and the window's. */
  page: { scrollWidth: number; innerWidth: number; scrollHeight: number; innerHeight: number };
  checkedElements: number;
}

/** More than this many CSS px past the edge counts (sub-pixel layout and collapsed borders round). */
const TOLERANCE = 1;

type Box = { left: number; right: number };

function cs(el: Element): CSSStyleDeclaration {
  return getComputedStyle(el);
}

function shortText(s: string | null | undefined, max = 80): string {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** `main.app__main > section.page > div.card[data-testid=x]`: the last `depth` levels, readable. */
export function selectorOf(el: Element | null, depth = 5): string {
  if (!el) return 'viewport';
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur && parts.length < depth && cur !== document.body && cur !== document.documentElement) {
    let part = cur.tagName.toLowerCase();
    if (cur.id && !/^:|^\d/.test(cur.id)) part += `#${cur.id}`;
    const classes = typeof cur.className === 'string' ? cur.className.trim().split(/\s+/).filter(Boolean) : [];
    for (const c of classes.slice(0, 3)) part += `.${c}`;
    const testId = cur.getAttribute('data-testid');
    if (testId) part += `[data-testid="${testId}"]`;
    const label = cur.getAttribute('aria-label');
    if (label && !testId) part += `[aria-label="${shortText(label, 30)}"]`;
    parts.unshift(part);
    cur = cur.parentElement;
  }
  return (cur && cur !== document.body && cur !== document.documentElement ? '… > ' : '') + parts.join(' > ');
}

/** Content box (inside borders and padding, excluding a scrollbar) in viewport coordinates. */
function contentBox(el: Element): Box {
  const r = el.getBoundingClientRect();
  const s = cs(el);
  const left = r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft);
  // clientWidth = padding box without the scrollbar; 0 for inline boxes (never used as containers here).
  const inner = el.clientWidth > 0 ? el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) : r.width;
  return { left, right: left + inner };
}

/** Padding box (inside borders, excluding a scrollbar): where text can go before it leaves the element's visible box. */
function paddingBox(el: Element): Box {
  const r = el.getBoundingClientRect();
  const s = cs(el);
  const left = r.left + parseFloat(s.borderLeftWidth);
  return { left, right: left + (el.clientWidth > 0 ? el.clientWidth : r.width) };
}

function viewportBox(): Box {
  return { left: 0, right: document.documentElement.clientWidth };
}

/** How far [left, right] reaches past `box` on either side (0 when inside). */
function overhang(left: number, right: number, box: Box): number {
  return Math.max(0, right - box.right, box.left - left);
}

function scrollsX(s: CSSStyleDeclaration): boolean {
  return s.overflowX === 'auto' || s.overflowX === 'scroll';
}

/** Clips its overflow without a scrollbar: overflow hidden / clip, or paint containment. */
function clipsX(s: CSSStyleDeclaration): boolean {
  return s.overflowX === 'hidden' || s.overflowX === 'clip' || /paint|strict|content/.test(s.contain);
}

/** Whether this box is a containing block for position: fixed descendants (then it may clip them). */
function containsFixed(s: CSSStyleDeclaration): boolean {
  return s.transform !== 'none' || s.filter !== 'none' || s.perspective !== 'none' || /paint|layout|strict|content/.test(s.contain) || /transform|filter/.test(s.willChange);
}

/**
 * The nearest ancestor whose overflow clips or scrolls `el`, or null for the viewport. An
 * ancestor's overflow affects only descendants whose containing block lies inside it: an
 * absolutely positioned element escapes the overflow of ancestors below its positioned
 * ancestor, a fixed one (toasts, dialog backdrops) escapes all but a transformed ancestor.
 */
function clipAncestor(el: Element): Element | null {
  const position = cs(el).position;
  let awaitingBlock = position === 'absolute' || position === 'fixed';
  for (let cur = el.parentElement; cur && cur !== document.documentElement; cur = cur.parentElement) {
    const s = cs(cur);
    if (awaitingBlock) {
      const isBlock = position === 'absolute' ? s.position !== 'static' || containsFixed(s) : containsFixed(s);
      if (!isBlock) continue;
      // `cur` is the containing block: its own overflow clips el; above it, what clips `cur` clips el.
      if (scrollsX(s) || clipsX(s)) return cur;
      return clipAncestor(cur);
    }
    if (cur === document.body) continue;
    if (scrollsX(s) || clipsX(s)) return cur;
  }
  return null;
}

/** The box text and in-flow children are laid out in: the nearest ancestor that is not inline / contents. */
function layoutParent(el: Element): Element | null {
  for (let cur = el.parentElement; cur && cur !== document.documentElement; cur = cur.parentElement) {
    const d = cs(cur).display;
    if (d !== 'inline' && d !== 'contents') return cur;
  }
  return null;
}

/**
 * Hidden on purpose, with its subtree: the visually-hidden pattern (clip / clip-path / a 1px box
 * that clips, for screen readers), opacity 0, SVG definitions (never painted).
 */
function hiddenSubtree(el: Element, s: CSSStyleDeclaration): boolean {
  if (s.display === 'none' || s.opacity === '0') return true;
  if (/^rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)$/.test(s.clip) || s.clipPath === 'inset(50%)') return true;
  if (el instanceof SVGElement && /^(defs|clipPath|mask|pattern|symbol|marker|linearGradient|radialGradient|filter|title|desc)$/.test(el.tagName)) return true;
  const r = el.getBoundingClientRect();
  if (r.width <= 1 && r.height <= 1 && (clipsX(s) || s.overflowY === 'hidden')) return true;
  return false;
}

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'OPTION', 'OPTGROUP', 'BR', 'WBR', 'HEAD', 'META', 'LINK', 'TITLE']);

let canvasCtx: CanvasRenderingContext2D | null = null;
function textWidth(text: string, s: CSSStyleDeclaration): number {
  canvasCtx ??= document.createElement('canvas').getContext('2d');
  if (!canvasCtx) return 0;
  canvasCtx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const spacing = parseFloat(s.letterSpacing) || 0;
  return canvasCtx.measureText(text).width + spacing * [...text].length;
}

/**
 * The layout check of one screen. Every rule compares horizontal extents only, with 1px slack:
 *
 * - page-scrolls-sideways: `documentElement.scrollWidth > innerWidth`, the whole window scrolls.
 * - page-scrolls-vertically: `documentElement.scrollHeight > innerHeight`: the app's frame is the
 *   window (only the main area and lists scroll), so something of the frame is below the fold;
 *   the only vertical rule (the outermost box reaching below the window is named as the cause).
 * - sticks-out: an in-flow box (not inline, not absolutely/fixed positioned, not inside SVG) whose
 *   border box reaches past the content box of the box it is laid out in: wider than its
 *   container, painted over its neighbours. Negative margins are intended and allowed for.
 * - clipped / off-screen: a box reaching past the content box of the nearest ancestor that clips
 *   it (overflow hidden/clip, paint containment; containing blocks respected, so fixed toasts and
 *   dialogs are measured against the viewport), or past the viewport when nothing clips it.
 *   Animated boxes are skipped (an indeterminate progress bar slides through its track on purpose).
 * - text-spills / text-cut: a text node whose line boxes reach past its block's padding box; the
 *   block's overflow-x says whether it spills over neighbours (visible) or is cut (hidden/clip).
 *   Cut with `text-overflow: ellipsis` is intended truncation: a note, not a finding.
 * - scrolls-sideways: a scroll container (overflow-x auto/scroll) whose scrollWidth exceeds its
 *   clientWidth: at 1366 px nothing should need a sideways scroll. Vertical scrolling (lists,
 *   the page body) is never reported, and boxes inside a scroll container are reported through
 *   it, not one by one (they are reachable by scrolling).
 * - select-cut: a select whose chosen option's label is wider than the select's content box
 *   (its text is in an option, which has no box to measure, so it is measured in the select's font);
 *   with `text-overflow: ellipsis` it is intended truncation, a note.
 * - placeholder-cut: an empty text field whose placeholder is wider than its content box.
 *   A typed value longer than its field scrolls inside it as fields do: a note only.
 *
 * Skipped: display none / contents (their children are checked), visibility hidden, opacity 0,
 * visually-hidden (clipped 1px) boxes with their subtrees, boxes with no size.
 * When overflowing boxes nest, only the outermost is reported, with the innermost as its cause.
 */
export function checkLayout(): LayoutReport {
  const findings: Array<LayoutFinding & { el: Element }> = [];
  /** The window itself: never nested under anything. */
  const pageLevel: LayoutFinding[] = [];
  const notes: LayoutNote[] = [];
  let checked = 0;

  const page = {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    scrollHeight: document.documentElement.scrollHeight,
    innerHeight: window.innerHeight,
  };
  if (page.scrollWidth > page.innerWidth + TOLERANCE) {
    pageLevel.push({
      rule: 'page-scrolls-sideways', selector: 'html', text: '', container: 'viewport',
      overBy: page.scrollWidth - page.innerWidth, width: page.scrollWidth, room: page.innerWidth,
    });
  }

  // The one vertical rule: the app's frame is the window (only its main area and lists scroll),
  // so a window that scrolls means part of the frame (the nav's foot) is below the fold.
  if (page.scrollHeight > page.innerHeight + TOLERANCE) {
    // The cause: the outermost box below the window that no scroll container holds.
    const tallest = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().bottom > page.innerHeight + TOLERANCE && cs(e).position !== 'fixed' && clipAncestor(e) === null)
      .sort((a, b) => depth(a) - depth(b))[0] ?? null;
    pageLevel.push({
      rule: 'page-scrolls-vertically', selector: 'html', text: '', container: 'viewport',
      overBy: page.scrollHeight - page.innerHeight, width: page.scrollHeight, room: page.innerHeight,
      ...(tallest ? { cause: { selector: selectorOf(tallest), text: shortText((tallest as HTMLElement).innerText, 60) } } : {}),
    });
  }

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      const el = node as Element;
      if (SKIP_TAGS.has(el.tagName)) return NodeFilter.FILTER_REJECT;
      const s = cs(el);
      if (hiddenSubtree(el, s)) return NodeFilter.FILTER_REJECT;
      if (s.display === 'contents') return NodeFilter.FILTER_SKIP;
      // Not rendered at all: inside a closed <details>, content-visibility: hidden.
      if (!el.checkVisibility()) return NodeFilter.FILTER_REJECT;
      if (s.visibility !== 'visible') return NodeFilter.FILTER_SKIP;
      return NodeFilter.FILTER_ACCEPT;
    },
  });

  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      checkText(node as Text);
      continue;
    }
    const el = node as Element;
    const s = cs(el);
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    checked++;

    const isSvgInner = el instanceof SVGElement && !(el instanceof SVGSVGElement);
    const isFormText = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;

    // scrolls-sideways: the container is the finding; what is inside it is reachable by scrolling.
    if (scrollsX(s) && !isFormText && el !== document.body && el.scrollWidth > el.clientWidth + TOLERANCE) {
      findings.push({
        el, rule: 'scrolls-sideways', selector: selectorOf(el), text: shortText((el as HTMLElement).innerText), container: selectorOf(el),
        overBy: el.scrollWidth - el.clientWidth, width: el.scrollWidth, room: el.clientWidth,
      });
    }

    // clipped / off-screen
    const animated = s.animationName !== 'none';
    const clipper = clipAncestor(el);
    if (!animated && !(clipper && scrollsX(cs(clipper)))) {
      const box = clipper ? contentBox(clipper) : viewportBox();
      const over = overhang(r.left, r.right, box);
      if (over > TOLERANCE) {
        findings.push({
          el, rule: clipper ? 'clipped' : 'off-screen', selector: selectorOf(el), text: shortText((el as HTMLElement).innerText ?? el.textContent),
          container: selectorOf(clipper), overBy: round(over), width: round(r.width), room: round(box.right - box.left),
        });
      }
    }

    // sticks-out: wider than the box it is laid out in.
    const inFlow = s.position !== 'absolute' && s.position !== 'fixed' && s.display !== 'inline' && !isSvgInner;
    const parent = inFlow ? layoutParent(el) : null;
    if (parent && parent !== document.body && !scrollsX(cs(parent))) {
      const box = contentBox(parent);
      const slackLeft = Math.max(0, -parseFloat(s.marginLeft) || 0);
      const slackRight = Math.max(0, -parseFloat(s.marginRight) || 0);
      const over = Math.max(0, r.right - box.right - slackRight, box.left - r.left - slackLeft);
      if (over > TOLERANCE) {
        findings.push({
          el, rule: 'sticks-out', selector: selectorOf(el), text: shortText((el as HTMLElement).innerText ?? el.textContent),
          container: selectorOf(parent), overBy: round(over), width: round(r.width), room: round(box.right - box.left),
        });
      }
    }

    if (el instanceof HTMLSelectElement) {
      const label = el.selectedOptions[0]?.label ?? '';
      const box = contentBox(el);
      const w = textWidth(label, s);
      if (w > box.right - box.left + TOLERANCE && s.textOverflow === 'ellipsis') {
        notes.push({ rule: 'ellipsis', selector: selectorOf(el), text: shortText(label), width: round(w), room: round(box.right - box.left) });
      } else if (w > box.right - box.left + TOLERANCE) {
        findings.push({
          el, rule: 'select-cut', selector: selectorOf(el), text: shortText(label), container: selectorOf(el),
          overBy: round(w - (box.right - box.left)), width: round(w), room: round(box.right - box.left),
        });
      }
    } else if (el instanceof HTMLInputElement && /^(text|search|url|email|tel|password|number|)$/.test(el.type)) {
      const box = contentBox(el);
      const room = box.right - box.left;
      if (el.value === '' && el.placeholder) {
        const w = textWidth(el.placeholder, s);
        if (w > room + TOLERANCE) {
          findings.push({
            el, rule: 'placeholder-cut', selector: selectorOf(el), text: shortText(el.placeholder), container: selectorOf(el),
            overBy: round(w - room), width: round(w), room: round(room),
          });
        }
      } else if (el.value !== '' && el.type !== 'password' && el.scrollWidth > el.clientWidth + TOLERANCE) {
        notes.push({ rule: 'input-value-cut', selector: selectorOf(el), text: shortText(el.value), width: el.scrollWidth, room: el.clientWidth });
      }
    }
  }

  function checkText(text: Text): void {
    if (!text.data.trim()) return;
    const owner = text.parentElement;
    if (!owner || owner instanceof SVGElement || owner instanceof HTMLTextAreaElement || owner instanceof HTMLSelectElement) return;
    const block = cs(owner).display === 'inline' ? layoutParent(owner) : owner;
    if (!block || block === document.body) return;
    const bs = cs(block);
    if (scrollsX(bs)) return;
    const range = document.createRange();
    range.selectNodeContents(text);
    const rects = [...range.getClientRects()].filter((q) => q.width > 0);
    if (rects.length === 0) return;
    const left = Math.min(...rects.map((q) => q.left));
    const right = Math.max(...rects.map((q) => q.right));
    // Text may use the padding (it is still inside the element's visible box); past it, it
    // overlaps what is next to it, or is cut where the element clips.
    const box = paddingBox(block);
    const over = overhang(left, right, box);
    if (over <= TOLERANCE) return;
    const room = round(box.right - box.left);
    const width = round(right - left);
    if (clipsX(bs) && bs.textOverflow === 'ellipsis') {
      notes.push({ rule: 'ellipsis', selector: selectorOf(block), text: shortText(text.data), width, room });
      return;
    }
    findings.push({
      el: block, rule: clipsX(bs) ? 'text-cut' : 'text-spills', selector: selectorOf(block), text: shortText(text.data),
      container: selectorOf(block), overBy: round(over), width, room,
    });
  }

  // Nested findings: keep the outermost of each chain and name the innermost as its cause.
  const byEl = new Map<Element, (typeof findings)[number]>();
  for (const f of findings) {
    const prev = byEl.get(f.el);
    if (!prev || f.overBy > prev.overBy) byEl.set(f.el, f);
  }
  const kept: Array<(typeof findings)[number]> = [];
  const causes = new Map<Element, Element>();
  for (const [el, f] of byEl) {
    let outer: Element | null = null;
    for (let cur = el.parentElement; cur && cur !== document.documentElement; cur = cur.parentElement) if (byEl.has(cur)) outer = cur;
    if (outer) {
      const prev = causes.get(outer);
      if (!prev || depth(el) > depth(prev)) causes.set(outer, el);
    } else {
      kept.push(f);
    }
  }
  const out: LayoutFinding[] = kept.map(({ el, ...rest }) => {
    const inner = causes.get(el);
    const f = inner ? byEl.get(inner)! : null;
    return f ? { ...rest, cause: { selector: f.selector, text: f.text } } : rest;
  });
  return { findings: [...pageLevel, ...out], notes, page, checkedElements: checked };
}

function depth(el: Element): number {
  let d = 0;
  for (let cur: Element | null = el; cur; cur = cur.parentElement) d++;
  return d;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export interface CjkCheck {
  /** Two different Chinese characters drawn in the page's font differ (real glyphs, not two identical boxes). */
  ok: boolean;
  fontFamily: string;
  detail: string;
}

/**
 * Whether Chinese renders with real glyphs: draw two different characters in the body's font
 * on a canvas and compare the pixels. Without a CJK font both are the same "missing glyph" box;
 * also compared with a private-use code point, which no font in the stack draws.
 */
export function checkCjkGlyphs(): CjkCheck {
  const fontFamily = cs(document.body).fontFamily;
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return { ok: false, fontFamily, detail: 'no 2D canvas to draw on' };
  const draw = (ch: string): Uint8ClampedArray => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.fillStyle = '#000';
    ctx.textBaseline = 'middle';
    ctx.font = `40px ${fontFamily}`;
    ctx.fillText(ch, 8, 32);
    return ctx.getImageData(0, 0, 64, 64).data;
  };
  const same = (a: Uint8ClampedArray, b: Uint8ClampedArray) => a.every((v, i) => v === b[i]);
  const ink = (a: Uint8ClampedArray) => a.reduce((n, v, i) => (i % 4 === 3 && v > 0 ? n + 1 : n), 0);
  const yun = draw('云');
  const ka = draw('咖');
  const missing = draw('\uE000');
  if (ink(yun) === 0) return { ok: false, fontFamily, detail: 'Chinese characters draw nothing' };
  if (same(yun, ka)) return { ok: false, fontFamily, detail: 'different Chinese characters draw the same box: no font with Chinese glyphs is installed' };
  if (same(yun, missing)) return { ok: false, fontFamily, detail: 'a Chinese character draws like an unassigned code point: no font with Chinese glyphs' };
  return { ok: true, fontFamily, detail: 'Chinese characters draw as distinct glyphs' };
}

/**
 * Visible text that is an English UI message while the app is in Chinese: any text node
 * containing a fragment (≥ 2 words, placeholders removed) of an English catalogue message whose
 * Chinese translation differs. Seed data (product and store names) never matches a message.
 */
export function findEnglish(fragments: string[]): Array<{ selector: string; text: string; fragment: string }> {
  const out: Array<{ selector: string; text: string; fragment: string }> = [];
  const seen = new Set<string>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node as Text).data.replace(/\s+/g, ' ').trim();
    if (!/[A-Za-z]{3}/.test(text)) continue;
    const owner = node.parentElement;
    if (!owner || owner.closest('script, style, [aria-hidden="true"]')) continue;
    if (!owner.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const lower = text.toLowerCase();
    const hit = fragments.find((f) => lower.includes(f));
    if (!hit) continue;
    const key = `${selectorOf(owner)}|${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ selector: selectorOf(owner), text: shortText(text), fragment: hit });
  }
  return out;
}

export const layoutApi = { checkLayout, checkCjkGlyphs, findEnglish };
