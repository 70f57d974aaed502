import { describe, expect, it } from 'vitest';
import { currencyFractionDigits, formatMoneyPlain, parseMoney } from './money.js';

const cents = (s: string, d = 2) => {
  const r = parseMoney(s, d);
  return r.ok ? r.cents : r.error;
};

describe('parseMoney', () => {
  it('reads decimals exactly, without floating-point drift', () => {
    expect(cents('0.29')).toBe(29);
    expect(cents('12')).toBe(1200);
    expect(cents('12.5')).toBe(1250);
    expect(cents('.5')).toBe(50);
    expect(cents('19.99')).toBe(1999);
    expect(cents('12.500')).toBe(1250);
  });

  it('accepts comma decimals, grouping and currency symbols', () => {
    expect(cents('12,50')).toBe(1250);
    expect(cents('1,234.50')).toBe(123450);
    expect(cents('1.234,50')).toBe(123450);
    expect(cents('1 234,50')).toBe(123450);
    expect(cents('€ 3.20')).toBe(320);
    expect(cents('3.20 EUR')).toBe(320);
    expect(cents('1,234,567')).toBe(123456700);
  });

  it('refuses what is not an amount', () => {
    expect(cents('')).toBe('empty');
    expect(cents('abc')).toBe('not-a-number');
    expect(cents('1.2.3,4')).toBe('not-a-number');
    expect(cents('-1')).toBe('negative');
    expect(cents('1.234')).toBe('too-many-decimals');
    expect(cents('1.5', 0)).toBe('too-many-decimals');
    expect(cents('99999999999999999')).toBe('too-large');
  });

  it('follows the currency decimals', () => {
    expect(currencyFractionDigits('EUR')).toBe(2);
    expect(currencyFractionDigits('JPY')).toBe(0);
    expect(currencyFractionDigits('KWD')).toBe(3);
    expect(cents('1500', 0)).toBe(1500);
    expect(cents('1.250', 3)).toBe(1250);
  });
});

describe('formatMoneyPlain', () => {
  it('writes minor units as a plain decimal that parses back', () => {
    expect(formatMoneyPlain(5, 2)).toBe('0.05');
    expect(formatMoneyPlain(123450, 2)).toBe('1234.50');
    expect(formatMoneyPlain(1500, 0)).toBe('1500');
    expect(formatMoneyPlain(-7, 2)).toBe('-0.07');
    for (const v of [0, 1, 99, 100, 123456789]) expect(cents(formatMoneyPlain(v, 2))).toBe(v);
  });
});
