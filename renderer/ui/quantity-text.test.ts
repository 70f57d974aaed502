import { describe, expect, it } from 'vitest';
import { bumpQtyText, qtyOf, readQty } from './quantity-text.js';

describe('quantities as typed', () => {
  it('reads whole numbers from 1 to 1 000 000 000, and says why anything else is none', () => {
    expect(readQty('5')).toEqual({ ok: true, qty: 5 });
    expect(readQty(' 24 ')).toEqual({ ok: true, qty: 24 });
    expect(readQty('')).toEqual({ ok: false, error: 'empty' });
    expect(readQty('0')).toEqual({ ok: false, error: 'zero' });
    expect(readQty('1.5')).toEqual({ ok: false, error: 'not-a-number' });
    expect(readQty('-3')).toEqual({ ok: false, error: 'not-a-number' });
    expect(readQty('1e3')).toEqual({ ok: false, error: 'not-a-number' });
    expect(readQty('1000000001')).toEqual({ ok: false, error: 'too-big' });
    expect(qtyOf('1000000000')).toBe(1_000_000_000);
  });

  it('bumps from what is typed, never below 1', () => {
    expect(bumpQtyText('4', 1)).toBe('5');
    expect(bumpQtyText('1', -1)).toBe('1');
    expect(bumpQtyText('', 1)).toBe('1');
  });
});
