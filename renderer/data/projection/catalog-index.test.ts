import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../../../shared/index.js';
import { MemoryCatalogIndex, normalize, pinyinKeys } from './catalog-index.js';

const WORDS = ['apple', 'banana', 'cherry', 'dark', 'extra', 'fresh', 'green', 'honey', 'icy', 'juicy', 'kiwi', 'lemon',
  'mango', 'nutty', 'olive', 'pepper', 'quince', 'rice', 'salt', 'tea', 'umami', 'vanilla', 'wheat', 'yogurt', 'zest', '绿茶', '牛奶'];

function product(i: number, over: Partial<ProductDoc> = {}): ProductDoc {
  const w = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length]!;
  return {
    id: `p${i}`, sku: `SKU-${String(i).padStart(6, '0')}`, name: `${w(1)} ${w(2)} ${w(3)} ${i % 500}g`,
    barcodes: [`40${String(i).padStart(11, '0')}`], unit: 'pcs', priceCents: 100 + i, costCents: 50, category: null,
    active: true, supplierId: null, supplierSku: null, packSize: 1, updatedAt: 0, seq: i, _deleted: false, ...over,
  };
}

// Building 50 000 entries takes 1–5 s on a loaded 2-core machine: room beyond vitest's 5 s default.
describe('in-memory catalog index', { timeout: 60_000 }, () => {
  it('ranks exact barcode, exact SKU, then prefixes; all words must match', () => {
    const idx = new MemoryCatalogIndex();
    idx.applyBatch([
      product(1, { name: 'Green Tea 100g', sku: 'TEA-1', barcodes: ['4001'] }),
      product(2, { name: 'Tea Green Special', sku: 'GT-2', barcodes: ['4002'] }),
      product(3, { name: 'Crème Brûlée', sku: 'CB', barcodes: ['123'] }),
      product(4, { name: 'Old tea', sku: 'OT', barcodes: ['9'], active: false }),
    ]);
    expect(idx.search('4002')[0]!.id).toBe('p2');
    expect(idx.byBarcode('4001')!.id).toBe('p1');
    expect(idx.search('tea-1')[0]!.id).toBe('p1');
    expect(idx.search('tea').map((p) => p.id)).toEqual(['p1', 'p2', 'p4']); // SKU prefix, name prefix, inactive last
    expect(idx.search('green tea').map((p) => p.id).sort()).toEqual(['p1', 'p2']);
    expect(idx.search('creme brulee')[0]!.id).toBe('p3'); // accents folded
    expect(idx.search('tea coffee')).toEqual([]);
    expect(normalize('  Crème   BRÛLÉE ')).toBe('creme brulee');
  });

  it('answers a warmed first keystroke like a cold one, until the catalog changes', () => {
    const idx = new MemoryCatalogIndex();
    idx.applyBatch([product(1, { name: 'Green Tea', sku: 'GT' }), product(2, { name: 'Gouda', sku: 'GO' }), product(3, { name: 'Tea', sku: 'T' })]);
    const cold = idx.search('g', 10).map((p) => p.id);
    idx.warmFirstKeystroke('g', 10);
    expect(idx.search('G', 10).map((p) => p.id)).toEqual(cold);
    // Warming does not change what the next keystroke narrows.
    expect(idx.search('go', 10).map((p) => p.id)).toEqual(['p2']);
    // A change makes the warmed answer stale: the new product is found.
    idx.applyBatch([product(4, { name: 'Ginger', sku: 'GI' })]);
    expect(idx.search('g', 10).map((p) => p.id)).toContain('p4');
  });

  it('follows updates and deletes, including barcode changes', () => {
    const idx = new MemoryCatalogIndex();
    idx.applyBatch([product(1, { barcodes: ['111'] })]);
    const v = idx.version();
    idx.applyBatch([product(1, { barcodes: ['222'], name: 'Renamed thing' })]);
    expect(idx.version()).toBe(v + 1);
    expect(idx.byBarcode('111')).toBeUndefined();
    expect(idx.byBarcode('222')!.name).toBe('Renamed thing');
    idx.applyBatch([{ ...product(1), _deleted: true }]);
    expect(idx.get('p1')).toBeUndefined();
    expect(idx.search('renamed')).toEqual([]);
    expect(idx.size()).toBe(0);
  });

  it('finds the right products among 50 000 as one types (speed: client.search_p95_ms in npm run bench)', () => {
    const idx = new MemoryCatalogIndex();
    idx.applyBatch(Array.from({ length: 50_000 }, (_, i) => product(i)));
    expect(idx.size()).toBe(50_000);
    expect(idx.search('SKU-004999')[0]!.id).toBe('p4999');
    expect(idx.byBarcode('4000000012345')!.id).toBe('p12345');
    // Narrowing as one types: every longer prefix's results are among the shorter one's.
    const typed = ['g', 'gr', 'gre', 'gree', 'green', 'green ', 'green t', 'green te', 'green tea'];
    const results = typed.map((q) => new Set(idx.search(q, 50_000).map((p) => p.id)));
    for (let i = 1; i < results.length; i++) for (const id of results[i]!) expect(results[i - 1]!.has(id)).toBe(true);
    expect(results.at(-1)!.size).toBeGreaterThan(0);
    for (const id of results.at(-1)!) {
      const words = idx.get(id)!.name.toLowerCase().split(/\s+/);
      expect(['green', 'tea'].every((q) => words.some((w) => w.startsWith(q)))).toBe(true);
    }
  });
});

describe('pinyin search of Chinese names', { timeout: 60_000 }, () => {
  const ids = (idx: MemoryCatalogIndex, q: string) => idx.search(q).map((p) => p.id);
  const sorted = (idx: MemoryCatalogIndex, q: string) => ids(idx, q).sort();
  function catalog(): MemoryCatalogIndex {
    const idx = new MemoryCatalogIndex();
    idx.applyBatch([
      product(1, { name: '咖啡', sku: 'A-1', barcodes: ['6901'] }),
      product(2, { name: '咖啡豆', sku: 'A-2', barcodes: ['6902'] }),
      product(3, { name: '可乐', sku: 'A-3', barcodes: ['6903'] }),
      product(4, { name: 'Espresso 咖啡豆 500g', sku: 'A-4', barcodes: ['6904'] }),
      product(5, { name: '绿茶 330ml', sku: 'A-5', barcodes: ['6905'] }),
      product(6, { name: '速溶咖啡', sku: 'A-6', barcodes: ['6906'] }),
      product(7, { name: '重庆火锅底料', sku: 'A-7', barcodes: ['6907'] }),
      product(8, { name: 'Kaffee Crema', sku: 'A-8', barcodes: ['6908'] }),
      product(9, { name: '咖啡 (旧)', sku: 'A-9', barcodes: ['6909'], active: false }),
      product(11, { name: '海天 特级酱油 500ml', sku: 'A-11', barcodes: ['6911'] }),
    ]);
    return idx;
  }

  it('finds full toneless pinyin, with or without spaces, and as a prefix while typing', () => {
    const idx = catalog();
    expect(sorted(idx, 'kafei')).toEqual(['p1', 'p2', 'p4', 'p6', 'p9']);
    expect(sorted(idx, 'ka fei')).toEqual(['p1', 'p2', 'p4', 'p6', 'p9']);
    expect(sorted(idx, 'KaFei')).toEqual(['p1', 'p2', 'p4', 'p6', 'p9']);
    expect(sorted(idx, 'kafeidou')).toEqual(['p2', 'p4']);
    expect(sorted(idx, 'ka fei dou')).toEqual(['p2', 'p4']);
    expect(sorted(idx, 'kaf')).toEqual(['p1', 'p2', 'p4', 'p6', 'p8', 'p9']); // and Kaffee by its name
    expect(sorted(idx, 'kele')).toEqual(['p3']);
    expect(ids(idx, 'kafeii')).toEqual([]);
    // Words of a name typed as one: 海天 特级酱油.
    for (const q of ['haitian', 'haitian jiangyou', 'haitiantejijiangyou', 'haitiantej', 'jiangyou 500', 'ht tjjy', 'httjjy', 'htt']) {
      expect(ids(idx, q), q).toEqual(['p11']);
    }
  });

  it('finds initials, and not other names that share a first letter', () => {
    const idx = catalog();
    expect(sorted(idx, 'kf')).toEqual(['p1', 'p2', 'p4', 'p6', 'p9']); // not 可乐 (kl); 速溶咖啡 (srkf) inside
    expect(sorted(idx, 'kfd')).toEqual(['p2', 'p4']);
    expect(sorted(idx, 'kl')).toEqual(['p3']);
    expect(sorted(idx, 'srkf')).toEqual(['p6']);
    expect(ids(idx, 'kfc')).toEqual([]);
  });

  it('keeps the Latin parts of mixed names and the characters themselves', () => {
    const idx = catalog();
    for (const q of ['espresso', 'kafei', 'kfd', '500', 'espresso kfd', 'kafeidou 500g', '咖啡豆 500', 'kafei 豆']) {
      expect(ids(idx, q), q).toContain('p4');
    }
    expect(ids(idx, 'espresso kafei')[0]).toBe('p4');
    expect(sorted(idx, '咖啡')).toEqual(['p1', 'p2', 'p4', 'p6', 'p9']);
    expect(sorted(idx, '咖啡豆')).toEqual(['p2', 'p4']);
    expect(ids(idx, '可乐')).toEqual(['p3']);
  });

  it('reads polyphonic characters as the word is said; ü typed as v or u', () => {
    const idx = catalog();
    expect(ids(idx, 'chongqing')).toEqual(['p7']); // 重 in 重庆, not zhong
    expect(ids(idx, 'zhongqing')).toEqual([]);
    expect(ids(idx, 'cqhgdl')).toEqual(['p7']);
    expect(ids(idx, 'lvcha')).toEqual(['p5']);
    expect(ids(idx, 'lucha')).toEqual(['p5']);
    expect(ids(idx, 'lüchá')).toEqual(['p5']); // accents folded like any name
    expect(ids(idx, 'lc 330')).toEqual(['p5']);
  });

  it('ranks pinyin like names: prefix, then word prefix, then substring; SKUs and barcodes first, inactive last', () => {
    const idx = catalog();
    // 咖啡 / 咖啡豆 start with kafei (shorter first), Espresso 咖啡豆 has it as a word, 速溶咖啡
    // inside one; the inactive 咖啡 (旧) sinks below the active prefixes (by 50, like Latin names).
    const order = ['p1', 'p2', 'p9', 'p4', 'p6'];
    expect(ids(idx, 'kafei')).toEqual(order);
    expect(ids(idx, 'ka fei')).toEqual(order);
    expect(ids(idx, 'kf')).toEqual(order);
    expect(ids(idx, '咖啡')).toEqual(order); // the same as the characters typed
    expect(ids(idx, 'kaf')).toEqual(['p1', 'p2', 'p8', 'p9', 'p4', 'p6']); // Kaffee Crema: a (longer) name prefix
    idx.applyBatch([product(10, { name: 'Filter bags', sku: 'KF-10', barcodes: ['6910'] })]);
    expect(ids(idx, 'kf')[0]).toBe('p10'); // SKU prefix before a pinyin name prefix
    expect(ids(idx, 'kf-10')).toEqual(['p10']);
    expect(ids(idx, '6902')[0]).toBe('p2');
    expect(idx.bySku('a-2')!.id).toBe('p2');
    expect(idx.byBarcode('6903')!.id).toBe('p3');
  });

  it('only names with Chinese characters get pinyin forms', () => {
    expect(pinyinKeys('green tea 100g')).toBeNull();
    expect(pinyinKeys('creme brulee')).toBeNull();
    expect(pinyinKeys('espresso 咖啡豆 500g')).toEqual({ forms: ['espresso kafeidou 500g', 'espresso kfd 500g'], runs: ' kafeidou kfd' });
    expect(pinyinKeys('可口可乐330ml')).toEqual({ forms: ['kekoukele 330ml', 'kkkl 330ml'], runs: ' kekoukele kkkl' });
    expect(pinyinKeys('绿茶')).toEqual({ forms: ['lvcha', 'lc', 'lucha'], runs: ' lvcha lc lucha' });
    expect(pinyinKeys('海天 酱油 1l')).toEqual({
      forms: ['haitian jiangyou 1l', 'ht jy 1l', 'haitianjiangyou 1l', 'htjy 1l'],
      runs: ' haitianjiangyou htjy',
    });
    expect(pinyinKeys('3合1咖啡')!.runs).toBe(' he h kafei kf');
    const idx = new MemoryCatalogIndex();
    idx.applyBatch([product(1, { name: 'Vanilla honey', sku: 'V-1', barcodes: ['1'] })]);
    expect(ids(idx, 'vh')).toEqual([]); // no initials for Latin names
  });

  it('follows renames and keeps the pinyin through other edits', () => {
    const idx = catalog();
    idx.applyBatch([product(3, { name: '可乐', sku: 'A-3', barcodes: ['6903'], priceCents: 250 })]);
    expect(ids(idx, 'kele')).toEqual(['p3']);
    expect(idx.get('p3')!.priceCents).toBe(250);
    idx.applyBatch([product(3, { name: '牛奶 1l', sku: 'A-3', barcodes: ['6903'] })]);
    expect(ids(idx, 'kele')).toEqual([]);
    expect(ids(idx, 'kl')).toEqual([]);
    expect(ids(idx, 'niunai')).toEqual(['p3']);
    expect(ids(idx, 'nn 1l')).toEqual(['p3']);
    idx.applyBatch([product(3, { name: 'Cola', sku: 'A-3', barcodes: ['6903'] })]);
    expect(ids(idx, 'niunai')).toEqual([]);
    expect(ids(idx, 'cola')).toEqual(['p3']);
  });

  it('narrows as one types pinyin among 50 000 products', () => {
    const idx = new MemoryCatalogIndex();
    idx.applyBatch(Array.from({ length: 50_000 }, (_, i) => product(i, i % 5 === 0 ? { name: `${['咖啡', '牛奶', '绿茶', '咖啡豆'][i % 4]} ${i % 500}g` } : {})));
    for (const typed of [['k', 'ka', 'kaf', 'kafe', 'kafei', 'kafeid'], ['n', 'nn', 'nn ', 'nn 1']]) {
      const results = typed.map((q) => new Set(idx.search(q, 50_000).map((p) => p.id)));
      for (let i = 1; i < results.length; i++) for (const id of results[i]!) expect(results[i - 1]!.has(id)).toBe(true);
      expect(results.at(-1)!.size).toBeGreaterThan(0);
    }
    const kafeidou = idx.search('kafeid', 50_000);
    expect(kafeidou.length).toBe(2_500); // every 咖啡豆 (i % 20 === 15 of the i % 5 === 0), nothing else
    expect(kafeidou.every((p) => p.name.startsWith('咖啡豆'))).toBe(true);
    expect(idx.search('kafei', 50_000).length).toBe(5_000);
  });
});

describe('the best `limit` results', { timeout: 60_000 }, () => {
  it('are the first `limit` of the full ranking (the scorer skips checks that cannot reach the top)', () => {
    const idx = new MemoryCatalogIndex();
    const zh = ['咖啡', '牛奶', '绿茶', '面包', '苹果', '大米', '酱油', '鸡蛋', '豆腐', '饼干'];
    idx.applyBatch(
      Array.from({ length: 5_000 }, (_, i) =>
        product(i, {
          ...(i % 5 === 0 ? { name: `${zh[i % 10]}${zh[(i >> 3) % 10]} ${i % 7}00g` } : {}),
          active: i % 11 !== 0,
          ...(i % 97 === 0 ? { sku: `KF-${i}` } : {}),
        }),
      ),
    );
    for (const q of ['k', 'ka', 'kf', 'kafei', 'n', 'nn', 'niunai', 'g', 'gr', 'green t', 'sku-00', 'kf-', '40', '400000000', '1', 'e', '咖', '牛奶', 'l', 'lv', '300g', 'mb 1']) {
      const full = idx.search(q, 5_000).map((p) => p.id);
      for (const limit of [1, 10, 30]) expect(idx.search(q, limit).map((p) => p.id), `${q} / ${limit}`).toEqual(full.slice(0, limit));
    }
  });
});
