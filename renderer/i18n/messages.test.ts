import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { translate } from './index.js';
import { zhCN } from './zh-CN.js';

/** The argument names a message uses, plural and select bodies included. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

const keys = Object.keys(en) as Array<keyof typeof en>;

describe('message catalogs', () => {
  it('every message in both languages is valid ICU MessageFormat', () => {
    const broken = keys.flatMap((k) =>
      [['en', en[k]], ['zh-CN', zhCN[k]]].flatMap(([locale, text]) => {
        try {
          parse(text!);
          return [];
        } catch (err) {
          return [`${locale} ${k}: ${(err as Error).message}`];
        }
      }),
    );
    expect(broken).toEqual([]);
  });

  it('Chinese has every key and uses the same placeholders as English', () => {
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
    const mismatched = keys.filter((k) => {
      const a = argumentsOf(parse(en[k]));
      const b = argumentsOf(parse(zhCN[k]));
      return a.size !== b.size || [...a].some((n) => !b.has(n));
    });
    expect(mismatched).toEqual([]);
  });

  it('no Chinese message is left in English', () => {
    // Placeholders, names and codes (SKU, CSV) read the same in both: only words count.
    const words = (text: string) => text.replace(/\{\w+\}/g, '').match(/[a-z]{3,}/g) ?? [];
    const untranslated = keys.filter((k) => zhCN[k] === en[k] && words(en[k]).length > 0);
    expect(untranslated).toEqual([]);
  });
});

describe('translate', () => {
  it('uses singular and plural in English (CLDR rules), # formatted for the locale', () => {
    expect(translate('en', 'counter.completed', { count: 1, total: '¥5' })).toBe('Sale recorded: 1 line, ¥5');
    expect(translate('en', 'counter.completed', { count: 2, total: '¥5' })).toBe('Sale recorded: 2 lines, ¥5');
    expect(translate('en', 'import.start', { count: 4997 })).toBe('Import 4,997 products');
    expect(translate('zh-CN', 'counter.completed', { count: 1, total: '¥5' })).toBe('已记录销售：1 行，¥5');
  });

  it('prefers an exact =N form', () => {
    expect(translate('en', 'pair.repairIntro', { count: 0 })).toContain('nothing is waiting to be sent');
    expect(translate('en', 'pair.repairIntro', { count: 1 })).toContain('1 movement waits');
  });
});
