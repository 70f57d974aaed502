import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BOM, escapeCell, toCsv } from './csv-export.js';

describe('escapeCell', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(escapeCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(escapeCell('+1')).toBe("'+1");
    expect(escapeCell('-x')).toBe("'-x");
    expect(escapeCell('@cmd')).toBe("'@cmd");
    expect(escapeCell('\t=1')).toBe("'\t=1");
  });
  it('leaves other text and every number alone', () => {
    expect(escapeCell('苹果 = 2')).toBe('苹果 = 2');
    expect(escapeCell('')).toBe('');
    expect(escapeCell(-5)).toBe(-5);
    expect(escapeCell(12.5)).toBe(12.5);
  });
});

describe('toCsv', () => {
  const csv = toCsv({ header: ['Product', 'Qty'], rows: [['绿茶 500ml', 3], ['=HYPERLINK("x")', -2], ['a, "b"', 0]] });
  it('starts with a byte order mark', () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
  });
  it('reads back with the Chinese name intact and the formula escaped', () => {
    const back = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(back).toEqual([
      ['Product', 'Qty'],
      ['绿茶 500ml', '3'],
      ['\'=HYPERLINK("x")', '-2'],
      ['a, "b"', '0'],
    ]);
  });
  it('ends rows with CRLF', () => {
    expect(csv).toContain('Product,Qty\r\n');
  });
});
