import { describe, expect, it } from 'vitest';
import { interpolate, translate } from './index.js';

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks the plural form by the locale rules, # is the number', () => {
    const t = 'Sale recorded: {count, plural, one {# line} other {# lines}}, {total}';
    expect(interpolate(t, { count: 1, total: '$2.00' })).toBe('Sale recorded: 1 line, $2.00');
    expect(interpolate(t, { count: 3, total: '$6.00' })).toBe('Sale recorded: 3 lines, $6.00');
    expect(interpolate(t, { count: 0, total: '$0.00' })).toBe('Sale recorded: 0 lines, $0.00');
  });

  it('takes a number already formatted for display, and shows it as given', () => {
    expect(interpolate('Import {count, plural, one {# product} other {# products}}', { count: '4,997' })).toBe('Import 4,997 products');
    expect(interpolate('Import {count, plural, one {# product} other {# products}}', { count: '1' })).toBe('Import 1 product');
  });

  it('prefers an exact =N form', () => {
    expect(interpolate('{n, plural, =0 {none} one {# item} other {# items}}', { n: 0 })).toBe('none');
  });

  it('keeps the block when its variable is missing or not a number', () => {
    const t = '{n, plural, one {# item} other {# items}}';
    expect(interpolate(t, {})).toBe(t);
    expect(interpolate(t, { n: 'many' })).toBe(t);
  });
});

describe('translate', () => {
  it('uses singular and plural in English and one form in Chinese', () => {
    expect(translate('en', 'counter.completed', { count: 1, total: '¥5' })).toBe('Sale recorded: 1 line, ¥5');
    expect(translate('en', 'counter.completed', { count: 2, total: '¥5' })).toBe('Sale recorded: 2 lines, ¥5');
    expect(translate('zh-CN', 'counter.completed', { count: 1, total: '¥5' })).toBe('已记录销售：1 行，¥5');
  });
});

describe('message catalogs', () => {
  const names = (template: string) =>
    new Set([...template.matchAll(/\{(\w+)(?:,|\})/g)].map((m) => m[1]!));

  it('Chinese uses the same placeholders as English for every key', async () => {
    const { en } = await import('./en.js');
    const { zhCN } = await import('./zh-CN.js');
    const mismatched = (Object.keys(en) as (keyof typeof en)[]).filter((k) => {
      const a = names(en[k]);
      const b = names(zhCN[k]);
      return a.size !== b.size || [...a].some((n) => !b.has(n));
    });
    expect(mismatched).toEqual([]);
  });
});
