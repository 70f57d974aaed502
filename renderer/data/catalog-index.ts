/**
 * In-memory catalog index: name / SKU / barcode search over the whole catalog
 * (50 000 products within a frame). Kept in plain arrays and maps, updated
 * from RxDB change batches; no query touches IndexedDB while typing.
 */
import type { ProductDoc } from '../../shared/index.js';
import type { CatalogIndex } from './api.js';

/** Lowercase, strip accents, collapse spaces: "Crème  Brûlée" → "creme brulee". */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

interface Entry {
  product: ProductDoc;
  name: string;
  sku: string;
  barcodes: string[];
  /** name + sku + barcodes, for substring matching. */
  haystack: string;
}

const EXACT_BARCODE = 1000;
const EXACT_SKU = 900;
const SKU_PREFIX = 600;
const NAME_PREFIX = 500;
const WORD_PREFIX = 400;
const BARCODE_PREFIX = 350;
const SUBSTRING = 100;

function matches(e: Entry, words: string[]): boolean {
  // Every word must appear somewhere (AND semantics).
  for (const w of words) if (!e.haystack.includes(w)) return false;
  return true;
}

function score(e: Entry, q: string, spacedFirstWord: string): number {
  let s = SUBSTRING;
  if (e.sku === q) s = EXACT_SKU;
  else if (e.sku.startsWith(q)) s = SKU_PREFIX;
  else if (e.name.startsWith(q)) s = NAME_PREFIX;
  else if (e.name.includes(spacedFirstWord)) s = WORD_PREFIX;
  else if (e.barcodes.some((b) => b.startsWith(q))) s = BARCODE_PREFIX;
  // Shorter names first among equals; inactive products sink.
  s -= Math.min(e.name.length, 99) / 100;
  if (!e.product.active) s -= 50;
  return s;
}

export class MemoryCatalogIndex implements CatalogIndex {
  private entries = new Map<string, Entry>();
  private barcodes = new Map<string, string>();
  private skus = new Map<string, string>();
  private list: Entry[] = [];
  private sorted: ProductDoc[] | null = null;
  private listDirty = false;
  /** Last query and every entry it matched: typing more characters only narrows that set. */
  private narrow: { q: string; ver: number; hits: Entry[] } | null = null;
  private ver = 0;
  private listeners = new Set<() => void>();

  /** Apply a batch of upserts/deletes; notifies once. */
  applyBatch(docs: Iterable<ProductDoc>): void {
    let changed = false;
    for (const doc of docs) {
      const prev = this.entries.get(doc.id);
      if (prev) this.unindex(prev);
      if (doc._deleted) {
        if (prev) {
          this.entries.delete(doc.id);
          changed = true;
        }
        continue;
      }
      const entry = this.makeEntry(doc);
      this.entries.set(doc.id, entry);
      this.indexKeys(entry);
      changed = true;
    }
    if (changed) {
      this.listDirty = true;
      this.sorted = null;
      this.ver++;
      for (const l of this.listeners) l();
    }
  }

  private makeEntry(product: ProductDoc): Entry {
    const name = normalize(product.name);
    const sku = normalize(product.sku);
    const barcodes = product.barcodes.map((b) => b.toLowerCase());
    return { product, name, sku, barcodes, haystack: `${name} ${sku} ${barcodes.join(' ')}` };
  }

  private indexKeys(e: Entry): void {
    for (const b of e.product.barcodes) this.barcodes.set(b.toLowerCase(), e.product.id);
    this.skus.set(e.sku, e.product.id);
  }

  private unindex(e: Entry): void {
    for (const b of e.product.barcodes) {
      if (this.barcodes.get(b.toLowerCase()) === e.product.id) this.barcodes.delete(b.toLowerCase());
    }
    if (this.skus.get(e.sku) === e.product.id) this.skus.delete(e.sku);
  }

  private entryList(): Entry[] {
    if (this.listDirty) {
      this.list = [...this.entries.values()];
      this.listDirty = false;
    }
    return this.list;
  }

  search(query: string, limit = 50): ProductDoc[] {
    const q = normalize(query);
    if (!q) return this.all().slice(0, limit);
    const words = q.split(' ');
    // A query that extends the previous one can only match a subset of its hits.
    const prev = this.narrow;
    const source = prev && prev.ver === this.ver && q.startsWith(prev.q) ? prev.hits : this.entryList();
    const hits: Entry[] = [];
    for (const e of source) if (matches(e, words)) hits.push(e);
    this.narrow = { q, ver: this.ver, hits };
    // Keep the best `limit` in a small sorted array: O(hits), no full sort.
    const top: { s: number; e: Entry }[] = [];
    const exact = this.barcodes.get(q);
    const spaced = ` ${words[0]}`;
    for (const e of hits) {
      const s = e.product.id === exact ? EXACT_BARCODE : score(e, q, spaced);
      if (top.length === limit && s <= top[top.length - 1]!.s) continue;
      let i = top.length;
      while (i > 0 && top[i - 1]!.s < s) i--;
      top.splice(i, 0, { s, e });
      if (top.length > limit) top.pop();
    }
    return top.map((t) => t.e.product);
  }

  get(productId: string): ProductDoc | undefined {
    return this.entries.get(productId)?.product;
  }

  byBarcode(barcode: string): ProductDoc | undefined {
    const id = this.barcodes.get(barcode.trim().toLowerCase());
    return id ? this.get(id) : undefined;
  }

  bySku(sku: string): ProductDoc | undefined {
    const id = this.skus.get(normalize(sku));
    return id ? this.get(id) : undefined;
  }

  all(): readonly ProductDoc[] {
    if (!this.sorted) {
      // Plain comparison of the normalised names: a collator over 50 000 names costs ~10× more.
      this.sorted = this.entryList()
        .slice()
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.sku < b.sku ? -1 : 1))
        .map((e) => e.product);
    }
    return this.sorted;
  }

  size(): number {
    return this.entries.size;
  }

  version = (): number => this.ver;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
