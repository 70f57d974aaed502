import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parse.js';

const fieldsOf = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('parseCsv', () => {
  it('splits plain records on LF and CRLF, with or without a final newline', () => {
    expect(fieldsOf('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fieldsOf('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fieldsOf('a,b\r1,2\r')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('strips a UTF-8 BOM so the first header is "sku", not "\\uFEFFsku"', () => {
    expect(fieldsOf('\uFEFFsku,name\nA,B')[0]).toEqual(['sku', 'name']);
  });

  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    const text = 'sku,name\r\nA1,"Tea, green ""Sencha""\r\n100 g"\r\nA2,"",\r\n';
    expect(fieldsOf(text)).toEqual([
      ['sku', 'name'],
      ['A1', 'Tea, green "Sencha"\n100 g'],
      ['A2', '', ''],
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(fieldsOf('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('gives each record the physical line it starts on, counting quoted newlines', () => {
    const text = 'h1,h2\n"x\ny\nz",1\n\nlast,2\n';
    const records = parseCsv(text).records;
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
    expect(records[2]!.fields).toEqual(['']);
  });

  it('treats a quote inside an unquoted field as text', () => {
    expect(fieldsOf('5" nails,x')).toEqual([['5" nails', 'x']]);
  });

  it('reports a quote that never closes', () => {
    const r = parseCsv('a,b\n1,"open\n2,3\n');
    expect(r.unterminatedQuoteAtLine).toBe(2);
  });

  it('detects ; and tab delimiters', () => {
    expect(parseCsv('sku;name;price\n1,2;x;3').delimiter).toBe(';');
    expect(parseCsv('sku\tname\nA\tB\n').delimiter).toBe('\t');
    expect(parseCsv('"a;b",c\n').delimiter).toBe(',');
    expect(fieldsOf('sku;price\nA;"12,50"')).toEqual([['sku', 'price'], ['A', '12,50']]);
  });
});
