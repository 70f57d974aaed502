/**
 * In-memory catalog index: name / SKU / barcode search over the whole catalog
 * (50 000 products within a frame). Kept in plain arrays and maps, updated
 * from RxDB change batches; no query touches IndexedDB while typing.
 *
 * Names with Chinese characters are also found by their pinyin (toneless, with
 * or without spaces, also as a prefix while typing) and by its initials:
 * "kafei", "ka fei", "kaf", "kf", "kfd" find 咖啡豆. Pinyin ranks like the name.
 */
import { pinyin } from 'pinyin-pro';
import type { ProductDoc } from '../../../shared/index.js';
import type { CatalogIndex } from '../api.js';

/** Lowercase, strip accents, collapse spaces: "Crème  Brûlée" → "creme brulee". */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

export interface PinyinKeys {
  /** Spellings of the whole name, for ranking (a name or word prefix). */
  forms: string[];
  /** " " + each group of runs as a word in each spelling: what matching scans ("kafei" is a substring of "youjikafei"). */
  runs: string;
}

/**
 * The pinyin spellings of a normalised name that has Chinese characters, null
 * for every other name. `forms`: `[full, initials]`, plus the full one with ü typed as
 * u when it has a ü (pinyin keyboards type ü as v: 绿茶 → "lvcha", "lc", "lucha"),
 * plus both with the spaces between runs of characters left out when there are
 * such spaces (海天 酱油 → "haitianjiangyou", "htjy"). Each run of characters
 * becomes one word, the rest of the name stays:
 * "espresso 咖啡豆 500g" → ["espresso kafeidou 500g", "espresso kfd 500g"]; `runs` " kafeidou kfd".
 * The haystack gets only `runs` (the name has the rest): the first keystroke scans every entry.
 *
 * One reading per character, the one pinyin-pro picks from its word list for
 * the context (重庆 chongqing, 长城 changcheng, 银行 yinhang): that is how the
 * name is said. Every reading of every polyphonic character would multiply the
 * spellings per name and match names by readings nobody says.
 *
 * Why at build time: measured in Node 20 on the 2-core bench machine, 50 000 products of
 * which 10 000 have Chinese names: the build takes ~360 ms instead of ~200 ms without pinyin
 * (the first one ~520 ms: pinyin-pro builds its word trie on first use, 60–140 ms and ~5 MB;
 * ~90 ms per 10 000 names after that), and a page of 1 000 pulled products ~5 ms. Per-keystroke
 * search stays at p95 ~10 ms. Lazily, the first keystroke would pay for the conversion. A
 * name that did not change keeps the previous entry's forms (price and stock edits).
 */
export function pinyinKeys(name: string): PinyinKeys | null {
  if (!HAN.test(name)) return null;
  let full = '';
  let initials = '';
  let fullU = '';
  let fullJoined = '';
  let initialsJoined = '';
  let hasV = false;
  let joined = false;
  let afterHan = false;
  // Runs with only spaces between them, spelt as one word (full, initials, ü as u).
  let groupF = '';
  let groupI = '';
  let groupU = '';
  let runs = '';
  const flush = () => {
    if (!groupF) return;
    runs += ` ${groupF} ${groupI}`;
    if (groupU !== groupF) runs += ` ${groupU}`;
    groupF = groupI = groupU = '';
  };
  const add = (f: string, i: string, u: string, han: boolean) => {
    if (!f) return;
    if (!han) flush();
    const sep = full ? ' ' : '';
    // Two runs with only a space between them are also one word: 海天 酱油 → "haitianjiangyou".
    const sepJoined = han && afterHan ? '' : sep;
    joined ||= han && afterHan;
    full += sep + f;
    initials += sep + i;
    fullU += sep + u;
    fullJoined += sepJoined + f;
    initialsJoined += sepJoined + i;
    afterHan = han;
    if (han) {
      groupF += f;
      groupI += i;
      groupU += u;
    }
  };
  let last = 0;
  for (const m of name.matchAll(HAN_RUN)) {
    const rest = name.slice(last, m.index).trim();
    add(rest, rest, rest, false);
    last = m.index + m[0].length;
    let f = '';
    let i = '';
    for (const syllable of pinyin(m[0], { toneType: 'none', type: 'array', v: true })) {
      f += syllable;
      // A character pinyin-pro has no reading for comes back as itself (maybe a surrogate pair).
      i += /^[a-z]/.test(syllable) ? syllable[0] : syllable;
    }
    const v = f.includes('v');
    hasV ||= v;
    add(f, i, v ? f.replace(/v/g, 'u') : f, true);
  }
  const tail = name.slice(last).trim();
  add(tail, tail, tail, false);
  flush();
  const forms = [full, initials];
  if (hasV) forms.push(fullU);
  if (joined) forms.push(fullJoined, initialsJoined);
  return { forms, runs };
}

interface Entry {
  product: ProductDoc;
  name: string;
  sku: string;
  barcodes: string[];
  /** `pinyinKeys(name)`: null for names without Chinese characters. */
  pinyin: PinyinKeys | null;
  /** " " + the forms joined by spaces: one `includes` finds a word prefix in any of them. */
  pinyinWords: string | null;
  /** name + sku + barcodes (+ pinyin runs), for substring matching. */
  haystack: string;
  /** Added to the rank: shorter names first among equals; inactive products sink. */
  tie: number;
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

/**
 * Rank + `e.tie`, or `floor` as soon as the entry cannot score above `floor` (the worst of a
 * full top list): the first keystroke scores most of the catalog, and once the top holds
 * better ranks the word and barcode checks are skipped. Pinyin forms rank like the name
 * itself; `compact` is the query without its spaces ("ka fei" starts "kafeidou"), null when
 * it has none; `spacedFirstWord` = " " + the query's first word.
 */
function score(e: Entry, q: string, compact: string | null, spacedFirstWord: string, floor: number): number {
  const tie = e.tie;
  if (e.sku === q) return EXACT_SKU + tie;
  if (e.sku.startsWith(q)) return SKU_PREFIX + tie;
  if (NAME_PREFIX + tie <= floor) return floor;
  if (e.name.startsWith(q)) return NAME_PREFIX + tie;
  const py = e.pinyin;
  if (py !== null) {
    for (const f of py.forms) if (f.startsWith(q) || (compact !== null && f.startsWith(compact))) return NAME_PREFIX + tie;
  }
  if (WORD_PREFIX + tie <= floor) return floor;
  if (e.name.includes(spacedFirstWord) || (e.pinyinWords !== null && e.pinyinWords.includes(spacedFirstWord))) return WORD_PREFIX + tie;
  if (BARCODE_PREFIX + tie <= floor) return floor;
  for (const b of e.barcodes) if (b.startsWith(q)) return BARCODE_PREFIX + tie;
  return SUBSTRING + tie;
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
      const entry = this.makeEntry(doc, prev);
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

  private makeEntry(product: ProductDoc, prev: Entry | undefined): Entry {
    const name = normalize(product.name);
    const sku = normalize(product.sku);
    const barcodes = product.barcodes.map((b) => b.toLowerCase());
    // Most updates (price, stock settings) keep the name: keep its pinyin too.
    const py = prev && prev.name === name ? prev.pinyin : pinyinKeys(name);
    let haystack = `${name} ${sku} ${barcodes.join(' ')}`;
    let pinyinWords: string | null = null;
    if (py) {
      pinyinWords = ` ${py.forms.join(' ')}`;
      haystack += py.runs;
    }
    const tie = -Math.min(name.length, 99) / 100 - (product.active ? 0 : 50);
    return { product, name, sku, barcodes, pinyin: py, pinyinWords, haystack, tie };
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

  /**
   * Results of one-character queries, computed ahead in idle time (`warmFirstKeystroke`): the
   * first keystroke is the one search that scores the whole catalog (bench: "a" painted in
   * 33 ms of 50 000 products, the next keystrokes 3–10 ms, as they narrow the first one's hits).
   * Their hits are kept too, so the second keystroke narrows them instead of scanning
   * (36 lists of entries: ~6 MB for 50 000 products). Valid for one catalog version;
   * `${limit}|${char}` → results and hits.
   */
  private firstKeystrokes = new Map<string, { results: ProductDoc[]; hits: Entry[] }>();
  private firstKeystrokesVer = -1;

  /** Compute and keep the results of the one-character query `char` (for the current catalog). */
  warmFirstKeystroke(char: string, limit = 50): void {
    const q = normalize(char);
    if (q.length !== 1) return;
    if (this.firstKeystrokesVer !== this.ver) {
      this.firstKeystrokes = new Map();
      this.firstKeystrokesVer = this.ver;
    }
    const key = `${limit}|${q}`;
    if (this.firstKeystrokes.has(key)) return;
    const narrow = this.narrow;
    const results = this.search(q, limit);
    this.firstKeystrokes.set(key, { results, hits: this.narrow!.hits });
    this.narrow = narrow; // warming must not change what the person's next keystroke narrows
  }

  search(query: string, limit = 50): ProductDoc[] {
    const q = normalize(query);
    if (!q) return this.all().slice(0, limit);
    if (q.length === 1 && this.firstKeystrokesVer === this.ver) {
      const warmed = this.firstKeystrokes.get(`${limit}|${q}`);
      if (warmed) {
        this.narrow = { q, ver: this.ver, hits: warmed.hits };
        return warmed.results;
      }
    }
    const words = q.split(' ');
    // A query that extends the previous one can only match a subset of its hits.
    const prev = this.narrow;
    const source = prev && prev.ver === this.ver && q.startsWith(prev.q) ? prev.hits : this.entryList();
    const hits: Entry[] = [];
    if (words.length === 1) {
      for (const e of source) if (e.haystack.includes(q)) hits.push(e);
    } else for (const e of source) if (matches(e, words)) hits.push(e);
    this.narrow = { q, ver: this.ver, hits };
    // Keep the best `limit` in a small sorted array: O(hits), no full sort.
    const top: { s: number; e: Entry }[] = [];
    const exact = this.barcodes.get(q);
    const spaced = ` ${words[0]}`;
    const compact = words.length > 1 ? words.join('') : null;
    let floor = -Infinity;
    for (const e of hits) {
      const s = e.product.id === exact ? EXACT_BARCODE : score(e, q, compact, spaced, floor);
      if (top.length === limit && s <= floor) continue;
      let i = top.length;
      while (i > 0 && top[i - 1]!.s < s) i--;
      top.splice(i, 0, { s, e });
      if (top.length > limit) top.pop();
      if (top.length === limit) floor = top[limit - 1]!.s;
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
